"""The bare limit of the search page: no framework, no ORM, no session, no middleware.

A raw ASGI callable. For GET /annonces it does only what the result list needs: resolve the lieu
keys (one query), the search SQL of web/annonces/recherche.py (its own builder, `_lignes`, with $n
placeholders; count, page of cards with the author's quality, the cards' lieux) with asyncpg, then
the result heading and the cards macro of components/annonces.html, rendered by Jinja with the app's loader and options.

`bench/run.py` checks, in every run, that this baseline and the app find the same total and the same
cards in the same order for a sample of queries, so that the comparison stays one of the same search.

Run: DATABASE_URL=postgresql://… uvicorn bench.bare:app --workers 2 --port 8101 --no-access-log
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qsl

import asyncpg
from jinja2 import Environment, FileSystemLoader

from web import nodelay
from web.annonces.recherche import Criteres, _dates, _lignes
from web.annonces.vocabulaire import CATEGORIES, COTES_RECHERCHE, TEMPORALITES
from web.templating import date_longue, getattr_dict_d_abord, template_directories

ROOT = Path(__file__).resolve().parent.parent
nodelay.activer()  # the same uvicorn fix as the app's: TCP_NODELAY under --workers 2
PAR_PAGE = 20


def _environnement() -> Environment:
    """Jinja as the app sets it up (web/templating.py): same folders, options, filter and attribute lookup."""
    env = Environment(loader=FileSystemLoader(template_directories()), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["date_longue"] = date_longue
    env.getattr = getattr_dict_d_abord(env.getattr)
    for path in sorted((ROOT / "components").glob("*.html")):
        env.globals[path.stem] = env.get_template(path.name).make_module()
    return env


ENV = _environnement()
# The result list of annonces/trouver.html: its heading and the cards macro of components/annonces.html.
CARTES = ENV.from_string("""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Trouver une annonce</title></head><body><main>
<section id="resultats" class="resultats" aria-labelledby="titre-resultats">
  <h2 id="titre-resultats">{{ total }} annonce{{ "s" if total != 1 }} trouvée{{ "s" if total != 1 }}</h2>
  <div class="grille">
    {% for a in resultats %}{{ annonces.carte(a, categories, temporalites) }}{% endfor %}
  </div>
</section>
</main></body></html>
""")
ETAT: dict = {}

LIEUX_SQL = """
SELECT 'region:' || code AS cle, 'region' AS type, nom AS libelle, code AS region, NULL AS departement,
       NULL AS commune, NULL AS arrondissement FROM region WHERE code = ANY($1::text[])
UNION ALL
SELECT 'departement:' || code, 'departement', nom || ' (' || code || ')', region, code, NULL, NULL
FROM departement WHERE code = ANY($2::text[])
UNION ALL
SELECT 'commune:' || c.code, 'commune',
       c.nom || coalesce(' (' || (SELECT min(cp.code_postal) FROM code_postal cp WHERE cp.commune = c.code) || ')', ''),
       d.region, c.departement, coalesce(c.parent, c.code), CASE WHEN c.parent IS NOT NULL THEN c.code END
FROM commune c JOIN departement d ON d.code = c.departement WHERE c.code = ANY($3::text[])
"""


async def _lieux(conn: asyncpg.Connection, cles: list[str]) -> list[SimpleNamespace]:
    codes: dict[str, list[str]] = {"region": [], "departement": [], "commune": []}
    for cle in dict.fromkeys(cles):
        niveau, _, code = cle.partition(":")
        if niveau in codes and code:
            codes[niveau].append(code)
    trouves = [SimpleNamespace(cle="france", type="france", libelle="Toute la France", region=None,
                               departement=None, commune=None, arrondissement=None)] if "france" in cles else []
    if any(codes.values()):
        trouves += [SimpleNamespace(**dict(r)) for r in await conn.fetch(
            LIEUX_SQL, codes["region"], codes["departement"], codes["commune"])]
    par_cle = {lieu.cle: lieu for lieu in trouves}
    return [par_cle[c] for c in dict.fromkeys(cles) if c in par_cle]


def _sql(c: Criteres) -> tuple[str, list]:
    """The app's own statement for the matches (web/annonces/recherche.py), with $n placeholders."""
    lignes, args = _lignes(c, date.today())
    morceaux = lignes.split("{}")
    return "".join(m + (f"${i + 1}" if i < len(args) else "") for i, m in enumerate(morceaux)), args


async def recherche(query_string: str) -> str:
    items = parse_qsl(query_string, keep_blank_values=True)
    multi: dict[str, list[str]] = {}
    for k, v in items:
        multi.setdefault(k, []).append(v)

    def un(k: str) -> str | None:
        return multi[k][0] if k in multi else None

    page = int(p) if (p := un("page") or "1").isdigit() and 0 < int(p) < 100_000 else 1
    categories = [c for c in multi.get("categorie", []) if c in CATEGORIES]
    cote = un("cote") if un("cote") in COTES_RECHERCHE else None
    specialite = un("specialite") or None
    dates, _ = _dates(multi.get("du", []), multi.get("au", []))
    async with ETAT["pool"].acquire() as conn:
        lieux = await _lieux(conn, multi.get("lieux", [])[:20])
        lignes, args = _sql(Criteres(categories=categories, cote=cote, specialite=specialite, lieux=lieux,
                                     periodes=dates))
        offset = (page - 1) * PAR_PAGE
        n = len(args)
        rows = await conn.fetch(
            f"WITH lignes AS ({lignes}), trouvees AS (SELECT DISTINCT annonce AS id, publiee_le FROM lignes), "  # noqa: S608
            f"page AS (SELECT id, publiee_le FROM trouvees ORDER BY publiee_le DESC, id DESC LIMIT ${n + 1} "
            f"OFFSET ${n + 2}) SELECT (SELECT COUNT(*) FROM trouvees) AS total, a.id, a.categorie, a.cote, a.titre, "
            "a.temporalite, a.publiee_le, s.libelle AS specialite, p.qualite "
            "FROM page JOIN annonce a ON a.id = page.id "
            "LEFT JOIN specialite s ON s.code = a.specialite JOIN praticien p ON p.id = a.auteur "
            "ORDER BY page.publiee_le DESC, page.id DESC", *args, PAR_PAGE, offset)
        resultats = [dict(r) for r in rows]
        if resultats:
            total = resultats[0]["total"]
        elif offset:
            total = await conn.fetchval(f"SELECT COUNT(DISTINCT annonce) FROM ({lignes}) m", *args)  # noqa: S608
        else:
            total = 0
        if resultats:
            par_annonce: dict[int, list[str]] = {}
            for r in await conn.fetch("SELECT annonce, libelle FROM annonce_lieu WHERE annonce = ANY($1::int[]) "
                                      "ORDER BY id", [r["id"] for r in resultats]):
                par_annonce.setdefault(r["annonce"], []).append(r["libelle"])
            for r in resultats:
                r["lieux"] = par_annonce.get(r["id"], [])
    return CARTES.render(resultats=resultats, total=total, categories=CATEGORIES, temporalites=TEMPORALITES)


async def _lifespan(receive, send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            ETAT["pool"] = await asyncpg.create_pool(os.environ["DATABASE_URL"], min_size=1, max_size=10)
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await ETAT["pool"].close()
            await send({"type": "lifespan.shutdown.complete"})
            return


async def app(scope, receive, send) -> None:
    if scope["type"] == "lifespan":
        await _lifespan(receive, send)
        return
    if scope["path"] == "/annonces":
        corps = (await recherche(scope["query_string"].decode("latin-1"))).encode()
        statut = 200
    else:
        corps, statut = b"introuvable", 404
    await send({"type": "http.response.start", "status": statut, "headers": [
        (b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(corps)).encode())]})
    await send({"type": "http.response.body", "body": corps})
