"""The council queue: a table whose URL is the whole state (filters, sort, page), with batch selection,
a side panel acting at the version it showed, and the "À traiter" count.

A queue is a `File` configuration (its address, columns, filters, default sort); what it lists and
counts is its own query. Annonce moderation (web/gestion/tableau.py) is the first one; a second queue
is another `File` and its query, rendered by the same macros (instruction/_file.html).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any
from urllib.parse import urlencode

from piccolo.querystring import QueryString
from piccolo.table import Table

from web.forms import Form
from web.templating import PARIS

CONFLIT = "Cette annonce vient d'être traitée par un autre gestionnaire : voici son état actuel."
LOT_MAX = 100


@dataclass(frozen=True)
class File:
    """What a queue is made of; `choix` are the ticked filters (name → allowed values, in display order),
    `cases` the single checkboxes (name → default), `textes` the typed filters, checked by `valider`."""

    chemin: str
    colonnes: dict[str, str]
    tri_par_defaut: tuple[str, str]
    sens_initial: dict[str, str] = field(default_factory=dict)  # first click: A to Z unless said here
    textes: tuple[str, ...] = ()
    choix: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cases: dict[str, bool] = field(default_factory=dict)
    valider: Callable[[Form], None] = lambda form: None  # noqa: E731 - records French errors on `form`
    par_page: int = 20
    ordre: tuple[str, ...] = ()  # the text and ticked filters in the address, in this order (default: texts first)
    libelles: dict[str, str] = field(default_factory=dict)  # a ticked filter's or checkbox's values, in its cap's
    # message ("4 statuts au plus."): a repeated parameter is read through `Form.liste` (web/forms.py), capped
    panneau: str = "ouverte"  # the parameter naming the row whose panel is open ("?annonce=54")

    def libelle(self, nom: str) -> str:
        return self.libelles.get(nom, nom)

    @property
    def champs(self) -> tuple[str, ...]:
        return self.ordre or (*self.textes, *self.choix)


@dataclass
class Etat:
    """What the table shows; `form` keeps the text fields as typed, with their French errors."""

    file: File
    form: Form
    choix: dict[str, list[str]]
    cases: dict[str, bool]
    tri: str
    sens: str
    page: int = 1
    ouverte: int | None = None  # the row whose panel is open beside the table

    def parametres(self, **changes: Any) -> list[tuple[str, str]]:
        """The canonical query: only what differs from the defaults, in a stable order."""
        v = {**{n: self.form[n] for n in self.file.textes}, "tri": self.tri, "sens": self.sens, "page": self.page,
             **changes}
        params = [(n, c) for n in self.file.champs for c in (self.choix[n] if n in self.choix else [v[n]])]
        params += [(n, "0") for n, defaut in self.file.cases.items() if defaut and not self.cases[n]]
        if (v["tri"], v["sens"]) != self.file.tri_par_defaut:
            params += [("tri", v["tri"]), ("sens", v["sens"])]
        params += [("page", str(v["page"]))] if v["page"] > 1 else []
        return [(k, val) for k, val in params if val]

    def url(self, **changes: Any) -> str:
        query = urlencode(self.parametres(**changes))
        return f"{self.file.chemin}?{query}" if query else self.file.chemin

    def url_ouverte(self, numero: int) -> str:
        """This table with the panel of row `numero` open: the address opening it pushes, so a reload keeps it."""
        return f"{self.file.chemin}?{urlencode([*self.parametres(), (self.file.panneau, str(numero))])}"

    def url_tri(self, colonne: str) -> str:
        """Sort by `colonne`; a second click on the sorted column reverses it."""
        if colonne == self.tri:
            sens = "asc" if self.sens == "desc" else "desc"
        else:
            sens = self.file.sens_initial.get(colonne, "asc")
        return self.url(tri=colonne, sens=sens, page=1)

    def aria_sort(self, colonne: str) -> str | None:
        return ("ascending" if self.sens == "asc" else "descending") if colonne == self.tri else None

    def valides(self) -> dict[str, str]:
        """The text filters typed and valid (a wrong one is reported and left out of the query)."""
        return {n: self.form[n] for n in self.file.textes if self.form[n] and n not in self.form.errors}

    @property
    def actifs(self) -> bool:
        return any(self.choix.values()) or any(self.cases[n] != d for n, d in self.file.cases.items()) or any(
            self.form[n] for n in self.file.textes)


def lire(file: File, params: Any) -> Etat:
    """The state from a query (a MultiDict); wrong values are reported or dropped, never an error page."""
    form = Form({n: (params.get(n) or "").strip()[:20] for n in file.textes})
    file.valider(form)
    tri = params.get("tri") if params.get("tri") in file.colonnes else file.tri_par_defaut[0]
    sens = params.get("sens") if params.get("sens") in ("asc", "desc") else file.tri_par_defaut[1]
    page = params.get("page") or "1"
    cases = {}
    for nom, defaut in file.cases.items():
        valeurs = form.liste(params, nom, 2, file.libelle(nom))
        cases[nom] = valeurs[-1] != "0" if valeurs else defaut  # hidden "0" then the checkbox's "1"
    choix = {}
    for nom, permis in file.choix.items():
        coches = form.liste(params, nom, len(permis), file.libelle(nom))
        choix[nom] = [c for c in permis if c in coches]
    ouverte = params.get(file.panneau) or ""
    return Etat(file=file, form=form, cases=cases, tri=tri, sens=sens, choix=choix,
                page=int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1,
                ouverte=int(ouverte) if ouverte.isdigit() and len(ouverte) < 10 else None)


@dataclass
class Page:
    """A page of a queue: its rows, how many in all, how many are "À traiter", and any other count."""

    lignes: list[dict]
    total: int
    a_traiter: int
    pages: int
    comptes: dict[str, int] = field(default_factory=dict)


def pages(total: int, par_page: int) -> int:
    return max(1, -(-total // par_page))


def fenetre(page: int, pages: int, largeur: int = 5) -> list[int]:
    """The page numbers shown around the current one."""
    debut = max(1, min(page - largeur // 2, pages - largeur + 1))
    return list(range(debut, min(pages, debut + largeur - 1) + 1))


def jour(texte: str) -> date | None:
    try:
        return date.fromisoformat(texte) if texte else None
    except ValueError:
        return None


def debut(jour_: date) -> datetime:
    """Midnight in Paris, in UTC (SQLite compares timestamps as text)."""
    return datetime.combine(jour_, time(0), PARIS).astimezone(UTC)


def valider_dates(form: Form, *noms: str, entre: tuple[str, str] | None = None) -> None:
    """Each date filter a real date, else its French error; the two ends of `entre` put in order."""
    for nom in noms:
        if form[nom] and jour(form[nom]) is None:
            form.error(nom, "Saisissez une date au format jj/mm/aaaa.")
    if entre:
        du, au = jour(form[entre[0]]), jour(form[entre[1]])
        if du and au and du > au:
            form.values.update({entre[0]: au.isoformat(), entre[1]: du.isoformat()})


async def compter(table: type[Table], *requetes: QueryString) -> list[int]:
    """Several counts in one statement (one round trip, not one each)."""
    sql = "SELECT " + ", ".join(f"({{}}) AS n{i}" for i in range(len(requetes)))
    row = (await table.raw(sql, *requetes))[0]
    return [row[f"n{i}"] for i in range(len(requetes))]


def lire_version(valeur: object) -> int:
    """The version a form sent; anything else can only be stale."""
    return int(valeur) if isinstance(valeur, str) and valeur.isdigit() and len(valeur) < 10 else -1


def lire_lot(valeurs: list) -> list[tuple[int, int]]:
    """Ticked rows, each "numéro:version", without duplicates, at most LOT_MAX."""
    demandes: dict[int, int] = {}
    for valeur in valeurs:
        numero, _, version = valeur.partition(":") if isinstance(valeur, str) else ("", "", "")
        if numero.isdigit() and len(numero) < 10:
            demandes.setdefault(int(numero), lire_version(version))
    return list(demandes.items())[:LOT_MAX]
