"""The bare limit of the search page: no framework, no ORM, no session, no middleware.

A raw ASGI callable. For GET /annonces it does only what the result list needs: resolve the lieu
keys (one query), the search statement of web/annonces/recherche.py (its own builder, `_page`, with $n
placeholders: count, page of cards with the author's quality and their lieux) with asyncpg, then
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

from tables.sql import dollars
from web.annonces.recherche import Criteres, _dates, _lignes, _page
from web.annonces.vocabulaire import CATEGORIES, COTES_RECHERCHE, TEMPORALITES
from web.templating import FILTRES, getattr_dict_d_abord, template_directories

ROOT = Path(__file__).resolve().parent.parent


def _environnement() -> Environment:
    """Jinja as the app sets it up (web/templating.py): same folders, options, filters and attribute lookup."""
    env = Environment(loader=FileSystemLoader(template_directories()), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.filters.update(FILTRES)
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
    {{ annonces.cartes(resultats, categories, temporalites) }}
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
    """The app's own statement for a page of cards (web/annonces/recherche.py), with $n placeholders."""
    texte, args = _page(c, date.today(), "postgres")
    return dollars(texte), args


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
        criteres = Criteres(categories=categories, cote=cote, specialite=specialite, lieux=lieux, periodes=dates,
                            page=page)
        texte, args = _sql(criteres)
        resultats = [dict(r) for r in await conn.fetch(texte, *args)]
        if resultats:
            total = resultats[0]["total"]
        elif page > 1:
            lignes, args = _lignes(criteres, date.today())
            total = await conn.fetchval(dollars(f"SELECT COUNT(DISTINCT annonce) FROM ({lignes}) m"), *args)  # noqa: S608
        else:
            total = 0
    return CARTES.render(resultats=resultats, total=total, categories=CATEGORIES, temporalites=TEMPORALITES)


async def _lifespan(receive, send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            ETAT["pool"] = await asyncpg.create_pool(os.environ["DATABASE_URL"], min_size=1, max_size=10,
                                                  server_settings={"jit": "off"})  # as the app
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
