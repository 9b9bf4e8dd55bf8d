"""The search against a brute-force oracle in plain Python, on random annonces, lieux and périodes.

Runs on whichever engine the suite uses (SQLite by default, PostgreSQL with DATABASE_URL).
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tables.annonces import Annonce, AnnonceLieu, AnnoncePeriode
from tests.annonces_support import creer_annonce
from tests.support import creer_praticien, truncate_user_tables
from web.annonces.recherche import Criteres, ids_correspondants
from web.annonces.vocabulaire import CATEGORIES, OPPOSE
from web.lieux.rules import lieux, se_chevauchent

# A small world of nested places, so that random draws overlap often.
CLES = ["france", "region:84", "region:53", "departement:38", "departement:69", "departement:35",
        "commune:38185", "commune:38563", "commune:69123", "commune:69381", "commune:35238", "commune:75056",
        "commune:75111", "region:11", "departement:75"]
AUJOURDHUI = date(2027, 1, 1)
jour = st.integers(min_value=-30, max_value=120).map(lambda d: AUJOURDHUI + timedelta(days=d))
periode = st.tuples(jour, st.one_of(st.none(), st.integers(min_value=0, max_value=60))).map(
    lambda p: (p[0], None if p[1] is None else p[0] + timedelta(days=p[1])))
annonce = st.fixed_dictionaries({
    "lieux": st.lists(st.sampled_from(CLES), min_size=1, max_size=3, unique=True),
    "periodes": st.lists(periode, min_size=1, max_size=3),
    "categorie": st.sampled_from(list(CATEGORIES)), "cote": st.sampled_from(["offre", "demande"]),
    "specialite": st.sampled_from(["SM54", "SM48"]),
    "statut": st.sampled_from(["publiee", "publiee", "publiee", "en_attente", "depubliee"]),
    "fin": st.integers(min_value=-5, max_value=200).map(lambda d: AUJOURDHUI + timedelta(days=d)),
})
recherche = st.fixed_dictionaries({
    "lieux": st.lists(st.sampled_from(CLES), max_size=3, unique=True),
    "periodes": st.lists(periode, max_size=2),
    "categories": st.lists(st.sampled_from(list(CATEGORIES)), max_size=2, unique=True),
    "cote": st.sampled_from([None, "offre", "demande"]),
    "specialite": st.sampled_from([None, "SM54", "SM48"]),
})


def _chevauche(p, q) -> bool:
    (d1, f1), (d2, f2) = p, q
    return (f2 is None or d1 <= f2) and (f1 is None or d2 <= f1)


async def _oracle(annonces: dict[int, dict], r: dict) -> list[int]:
    cherches = await lieux(r["lieux"])
    trouves = []
    for numero, a in annonces.items():
        places = await lieux(a["lieux"])
        if a["statut"] != "publiee" or a["fin"] < AUJOURDHUI:
            continue
        if r["categories"] and a["categorie"] not in r["categories"]:
            continue
        if r["cote"] and a["cote"] != OPPOSE[r["cote"]]:
            continue
        if r["specialite"] and a["specialite"] != r["specialite"]:
            continue
        if cherches and not any(se_chevauchent(x, y) for x in places for y in cherches):
            continue
        if r["periodes"] and not any(_chevauche(p, q) for p in a["periodes"] for q in r["periodes"]):
            continue
        trouves.append(numero)
    return sorted(trouves)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(annonces=st.lists(annonce, min_size=1, max_size=12), recherches=st.lists(recherche, min_size=1, max_size=6))
async def test_search_equals_the_oracle(annonces, recherches):
    await truncate_user_tables()
    await AnnonceLieu.delete(force=True)
    await AnnoncePeriode.delete(force=True)
    await Annonce.delete(force=True)
    pid = await creer_praticien(email=None)
    stock = {}
    for a in annonces:
        numero = await creer_annonce(pid, statut=a["statut"], categorie=a["categorie"], cote=a["cote"],
                                     lieux=tuple(a["lieux"]), periodes=tuple(a["periodes"]),
                                     specialite=a["specialite"], fin=a["fin"])
        stock[numero] = a
    for r in recherches:
        criteres = Criteres(categories=r["categories"], cote=r["cote"], specialite=r["specialite"],
                            lieux=await lieux(r["lieux"]), periodes=r["periodes"])
        assert await ids_correspondants(criteres, AUJOURDHUI) == await _oracle(stock, r), r
