"""The varied requests of the loads, written one per line for wrk (bench/wrk/varie.lua).

Search: what a doctor types on Trouver: a lieu (a commune drawn by population 75 % of the time, else a
département or a région), one or two catégories, one période (often "À partir du …"), sometimes page 2.
Autocomplete: prefixes of commune names as people type them (2 to 8 letters), and some postcodes.
"""

from __future__ import annotations

import asyncio
import random
from datetime import date, timedelta
from urllib.parse import urlencode

import asyncpg

CATEGORIES = ("adjuvat", "assistanat", "association", "collaboration", "remplacement", "succession")


async def _referentiel(dsn: str) -> tuple[list, list, list]:
    conn = await asyncpg.connect(dsn)
    try:
        communes = await conn.fetch("SELECT code, nom_normalise, population FROM commune WHERE population > 0")
        deps = await conn.fetch("SELECT d.code, sum(c.population) AS p FROM departement d JOIN commune c "
                                "ON c.departement = d.code AND c.parent IS NULL GROUP BY d.code")
        regions = await conn.fetch("SELECT d.region AS code, sum(c.population) AS p FROM departement d JOIN commune c "
                                   "ON c.departement = d.code AND c.parent IS NULL GROUP BY d.region")
        return communes, deps, regions
    finally:
        await conn.close()


def recherches(dsn: str, nombre: int = 2000, graine: int = 11) -> list[str]:
    communes, deps, regions = asyncio.run(_referentiel(dsn))
    rnd = random.Random(graine)
    today = date.today()
    lignes = []
    for _ in range(nombre):
        x = rnd.random()
        if x < 0.75:
            c = rnd.choices(communes, weights=[r["population"] for r in communes])[0]
            cle = f"commune:{c['code']}"
        elif x < 0.9:
            cle = f"departement:{rnd.choices(deps, weights=[r['p'] for r in deps])[0]['code']}"
        else:
            cle = f"region:{rnd.choices(regions, weights=[r['p'] for r in regions])[0]['code']}"
        params = [("lieux", cle)]
        params += [("categorie", c) for c in rnd.sample(CATEGORIES, 1 if rnd.random() < 0.75 else 2)]
        du = today + timedelta(days=rnd.randint(0, 120))
        au = du + timedelta(days=rnd.randint(7, 90)) if rnd.random() < 0.8 else None
        params += [("du", du.isoformat()), ("au", au.isoformat() if au else "")]
        if rnd.random() < 0.1:
            params.append(("page", "2"))
        lignes.append("/annonces?" + urlencode(params))
    return lignes


def autocompletions(dsn: str, nombre: int = 2000, graine: int = 12) -> list[str]:
    communes, _, _ = asyncio.run(_referentiel(dsn))
    rnd = random.Random(graine)
    lignes = []
    for _ in range(nombre):
        if rnd.random() < 0.1:
            q = f"{rnd.randint(1, 95):02d}{rnd.randint(0, 9)}"
        else:
            nom = rnd.choices(communes, weights=[r["population"] ** 0.5 for r in communes])[0]["nom_normalise"]
            q = nom[:rnd.randint(2, 8)]
        lignes.append("/lieux?" + urlencode({"q": q, "pour": "lieux"}))
    return lignes
