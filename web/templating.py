"""Jinja set-up: one template per page, its swappable regions as blocks rendered alone for htmx."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader
from jinja2_fragments import render_block
from jinja2_fragments.litestar import HTMXBlockTemplate
from litestar import Request, Response
from litestar.contrib.jinja import JinjaTemplateEngine
from litestar.response import Redirect
from litestar.template.config import TemplateConfig
from markupsafe import Markup, escape

from config import settings
from web.forms import parties_date
from web.statiques import STATIQUES, mtime_recent

ROOT = Path(__file__).resolve().parent.parent
PARIS = ZoneInfo("Europe/Paris")
JOURS = ("lun", "mar", "mer", "jeu", "ven", "sam", "dim")
MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre")


def _local(value: datetime) -> datetime:
    return value.astimezone(PARIS) if value.tzinfo else value


def date_fr(value: date | datetime | None) -> str:
    """jj/mm/aaaa, in Paris time."""
    if value is None:
        return ""
    return (_local(value) if isinstance(value, datetime) else value).strftime("%d/%m/%Y")


def heure_fr(value: datetime) -> str:
    """11h08, in Paris time."""
    return _local(value).strftime("%Hh%M")


def date_longue(value: date | datetime) -> str:
    """10 mai 2023, 1er décembre 2026 (the first of the month is an ordinal in French)."""
    value = _local(value) if isinstance(value, datetime) else value
    return f"{'1er' if value.day == 1 else value.day} {MOIS[value.month - 1]} {value.year}"


def cree_le(value: datetime) -> str:
    """lun 25/01/2016 - 10:35, as on the Mon compte screen."""
    local = _local(value)
    return f"{JOURS[local.weekday()]} {local:%d/%m/%Y - %H:%M}"


# An address is a candidate link up to the first space or quote, trailing punctuation left out; it becomes one
# only if `chemin_interne` says it stays on our origin.
_ADRESSE = re.compile(r"https?://[^\s<>\"']*[^\s<>\"'.,;:!?)]", re.IGNORECASE)
# Characters a browser strips, rewrites or reads as a separator (controls, spaces, "\" read as "/"), and their
# percent-encoded forms that some servers and proxies decode: any of them and the address stays text.
_DOUTEUX = re.compile(r"[\x00-\x20\x7f-\x9f\\\u2028\u2029]|%(?:[01][0-9a-f]|7f|2f|5c)", re.IGNORECASE)
_PORTS = {"http": 80, "https": 443}


def _origine(url: str) -> tuple[str, str | None, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, parts.hostname, parts.port or _PORTS.get(scheme)


def chemin_interne(adresse: str) -> str | None:
    """The relative path (with query and fragment) of an address on our own origin, or None: same scheme, host
    and port as BASE_URL, no userinfo, one leading "/" (never "//", which a browser reads as another host)."""
    if _DOUTEUX.search(adresse):
        return None
    try:
        parts = urlsplit(adresse)
        if "@" in parts.netloc or _origine(adresse) != _origine(settings().base_url):
            return None
    except ValueError:  # a port that is not a number
        return None
    chemin = parts.path or "/"
    if not chemin.startswith("/") or "//" in chemin:
        return None
    return urlunsplit(("", "", chemin, parts.query, parts.fragment))


def _lier(ligne: str, motif: re.Pattern | str, lien: Callable[[re.Match], Markup | None]) -> Markup:
    """`ligne` escaped, each match of `motif` replaced by `lien(match)`; a match `lien` refuses (None) stays text."""
    html, debut = [], 0
    for m in re.finditer(motif, ligne):
        a = lien(m)
        if a is None:
            continue
        html += [escape(ligne[debut:m.start()]), a]
        debut = m.end()
    html.append(escape(ligne[debut:]))
    return Markup("").join(html)


_FIN_ADRESSE = r"(?:[^\s<>\"']*[^\s<>\"'.,;:!?)])?"


def liens_internes(ligne: str) -> Markup:
    """A line of an inbox message, escaped, its MonEspace addresses made links (relative: the inbox is
    MonEspace itself). Other addresses stay text: a relayed message must not carry clickable links."""
    def lien(m: re.Match) -> Markup | None:
        chemin = chemin_interne(m.group(0))
        return None if chemin is None else Markup('<a href="{}">{}</a>').format(chemin, m.group(0))
    return _lier(ligne, _ADRESSE, lien)


def liens_web(ligne: str) -> Markup:
    """A line of text written by staff (a territory page), escaped, its http(s) addresses made links that
    open without handing over the page they came from."""
    return _lier(ligne, rf"https?://[^\s<>\"'/]+{_FIN_ADRESSE}",
                 lambda m: Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(m.group(0), m.group(0)))


# Badges are filters, not macros: a Jinja macro call (or Markup.format) costs more than the card around it,
# and the search page shows twenty cards with two badges each (bench/README.md).
# Measured (bench/lisibilite.py): 20 cards 1,693 µs with these filters, 2,959 µs with the badges as macros.
QUALITES = {"medecin": "Inscrit au Tableau", "interne": "Interne", "docteur_junior": "Docteur junior"}


# Every value below goes through escape(); an f-string is twice as fast as Markup's own % or format.
def badge_statut(statut: str, libelle: str) -> Markup:
    classe = escape(statut.replace("en_attente", "attente"))
    return Markup(f'<span class="badge badge--{classe}">{escape(libelle)}</span>')  # noqa: S704


def badge_temporalite(temporalite: str | None, libelle: str) -> Markup:
    if not temporalite:
        return Markup("")
    classe = "urgent" if temporalite == "urgent" else "dispo"
    return Markup(f'<span class="badge badge--{classe}">{escape(libelle)}</span>')  # noqa: S704


def badge_auteur(qualite: str | None) -> Markup:
    """Only the Ordre can vouch for this: the author's registration, read from the Tableau."""
    return Markup(f'<span class="badge badge--verifie">{escape(QUALITES.get(qualite, ""))}</span>')  # noqa: S704


FILTRES = {"date_fr": date_fr, "heure_fr": heure_fr, "date_longue": date_longue, "cree_le": cree_le,
           "liens_internes": liens_internes, "liens_web": liens_web, "badge_statut": badge_statut,
           "badge_temporalite": badge_temporalite,
           "badge_auteur": badge_auteur}


@lru_cache(maxsize=256)
def options(paires: tuple[tuple[str, str], ...], choisi: object = None) -> Markup:
    """The <option>s of a fixed list (the 44 specialties), built once per selection: escaping them on
    every page cost more than the rest of the search form."""
    return Markup("").join(Markup('<option value="{}"{}>{}</option>').format(
        code, Markup(" selected") if code == choisi else "", libelle) for code, libelle in paires)


def template_directories() -> list[Path]:
    feature_dirs = sorted(p for p in (ROOT / "web").glob("*/templates") if p.is_dir())
    return [ROOT / "web" / "templates", ROOT / "components", *feature_dirs]


_ATTRIBUTS_DICT = frozenset(dir(dict))


def getattr_dict_d_abord(getattr_jinja: Callable[[Any, str], Any]) -> Callable[[Any, str], Any]:
    """Jinja's `a.titre` on a dict row tries the attribute, catches AttributeError, then reads the key: an
    exception per field of every card. For a plain dict and a name that is not a dict attribute, the key is
    what Jinja returns anyway; read it first (same result, no exception).
    Measured (bench/lisibilite.py): 20 cards 2,648 µs without it, 1,693 µs with it."""

    def getattr_(obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _ATTRIBUTS_DICT:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return getattr_jinja(obj, attribute)

    return getattr_


class ChargeurSurveille(FileSystemLoader):
    """The embedded default's loader: an edited template is noticed within a second (Jinja's own check stats the
    file on every render)."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, chemin, _ = super().get_source(environment, template)
        mtime = mtime_recent(chemin)
        return source, chemin, lambda: mtime_recent(chemin) == mtime


def _configure(engine: JinjaTemplateEngine) -> None:
    env = engine.engine
    if settings().embedded:
        env.loader = ChargeurSurveille(template_directories())
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.getattr = getattr_dict_d_abord(env.getattr)
    # Deployed, templates are read once (no stat of every template on every render); the embedded
    # default, where templates get edited, still reloads them.
    env.auto_reload = settings().embedded
    env.globals.update(options=options, statique=STATIQUES.url, parties_date=parties_date)
    env.filters.update(FILTRES)
    # Every components/<nom>.html is the global <nom>, so that a block rendered alone still has its macros.
    for path in sorted((ROOT / "components").glob("*.html")):
        env.globals[path.stem] = env.get_template(path.name).make_module()


@cache
def moteur() -> JinjaTemplateEngine:
    """The one Jinja engine of the process: the app's, and `fragment`'s."""
    engine = JinjaTemplateEngine(directory=template_directories())
    _configure(engine)
    return engine


def precharger() -> None:
    """Compile every template at startup (0.1 s), not on its first request: before gc.freeze() (web/app.py), so
    that the compiled code is frozen with the rest instead of being walked by every full collection."""
    env = moteur().engine
    for nom in env.list_templates(extensions=["html"]):
        env.get_template(nom)


def template_config() -> TemplateConfig:
    return TemplateConfig(instance=moteur())


def fragment(template: str, block: str, **context: Any) -> str:
    """One block of a template rendered outside a request (an answer kept rendered: the lieux suggestions)."""
    return render_block(moteur().engine, template, block, **context)


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, *,
    block: str | None = None, status_code: int = 200, **htmx: Any,
) -> HTMXBlockTemplate:
    """The whole page, or only `block` when htmx asks (same URL, so `Vary: HX-Request`)."""
    headers = request.headers
    partial = block if htmx_demande(request) and not headers.get("hx-boosted") and not headers.get(
        "hx-history-restore-request") else None
    context = {"user": request.scope.get("user"), **(context or {})}
    return HTMXBlockTemplate(
        template_name=template, context=context, block_name=partial,
        status_code=status_code, headers={"Vary": "HX-Request"}, **htmx,
    )


def htmx_demande(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def bloc_seul(request: Request, page: str) -> Redirect | None:
    """A route that serves only a live part of a form (the situations of a catégorie, a period row): a plain
    request, which has no page to put it in, is sent to the page the part belongs to."""
    return None if htmx_demande(request) else Redirect(page, status_code=303)


def rediriger(request: Request, url: str) -> Response:
    """After a successful POST: a 303 for plain forms, a full-page `HX-Redirect` for htmx (no swap)."""
    if htmx_demande(request):
        return Response(content=b"", status_code=200, headers={"HX-Redirect": url})
    return Redirect(url, status_code=303)
