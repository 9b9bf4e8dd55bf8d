"""Load the reference data shipped in `tables/reference/data/` into the database.

Called from a data migration (`await charger_referentiel()` inside the migration's async `run`),
or from synchronous code with `charger_referentiel_sync()`. Idempotent by primary key: only rows
whose key is missing are inserted, and existing rows are never updated or deleted, because
practitioners' addresses point at communes that a later INSEE vintage may have merged away.
The return value counts the rows *inserted* by this call, so a second call returns zeros.

Everything runs in one transaction (all or nothing) with multi-row INSERTs: ~35k communes and
~35k postcodes load in a few seconds on SQLite and PostgreSQL instead of minutes row by row.
"""

from __future__ import annotations

import asyncio
import csv
import gzip
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from piccolo.table import Table

from tables.reference.texte import normaliser
from tables.referentiel import CodePostal, Commune, Conseil, Departement, Region, Specialite

DATA = Path(__file__).resolve().parent / "data"
# SQLite allows at most 32766 bound variables per statement; 6 columns x 1000 rows stays far below.
TAILLE_LOT = 1000

# First words that take a masculine or plural article: "du Grand Est", "des Hauts-de-France".
_ARTICLES = {"grand": "du ", "centre": "du ", "hauts": "des ", "pays": "des "}


def _csv(nom: str) -> list[dict[str, str]]:
    chemin = DATA / nom
    ouvrir = gzip.open if chemin.suffix == ".gz" else open
    with ouvrir(chemin, "rt", encoding="utf-8", newline="") as fichier:
        return list(csv.DictReader(fichier, delimiter=";"))


def _json(nom: str) -> list[dict]:
    return json.loads((DATA / nom).read_text(encoding="utf-8"))


def de_region(nom: str) -> str:
    """French "de + name" for a région: "d'Île-de-France", "du Grand Est", "de Bretagne".

    A simple rule, not a grammar: elide before a vowel, use du/des for the few masculine or
    plural names, and "de" otherwise ("de La Réunion", "de Provence-Alpes-Côte d'Azur").
    """
    premier = re.split(r"[\s\-]", nom, maxsplit=1)[0].lower()
    if premier in _ARTICLES:
        return _ARTICLES[premier] + nom
    if normaliser(nom[:1]) in tuple("aeiouy"):
        return "d'" + nom
    return "de " + nom


def conseils_regionaux(regions: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    """One conseil régional de l'Ordre per région: code "CR" + région code (CR84, CR01...)."""
    return [
        {
            "code": "CR" + r["code"],
            "nom": f"Conseil régional {de_region(r['nom'])} de l'Ordre des médecins",
            "region": r["code"],
        }
        for r in regions
    ]


def _lots(lignes: list[Table], taille: int = TAILLE_LOT) -> Iterator[list[Table]]:
    for debut in range(0, len(lignes), taille):
        yield lignes[debut : debut + taille]


async def _inserer(table: type[Table], lignes: list[Table]) -> int:
    for lot in _lots(lignes):
        await table.insert(*lot)
    return len(lignes)


async def _cles(table: type[Table]) -> set[str]:
    """Primary keys already present, so that reruns and partial loads insert only what is missing."""
    return set(await table.select(table._meta.primary_key).output(as_list=True))


async def _charger(regions, departements, communes, conseils, specialites) -> dict[str, int]:
    inseres: dict[str, int] = {}

    connus = await _cles(Region)
    inseres["region"] = await _inserer(
        Region,
        [
            Region(code=r["code"], nom=r["nom"], nom_normalise=normaliser(r["nom"]))
            for r in regions
            if r["code"] not in connus
        ],
    )

    connus = await _cles(Departement)
    inseres["departement"] = await _inserer(
        Departement,
        [
            Departement(code=d["code"], nom=d["nom"], nom_normalise=normaliser(d["nom"]), region=d["region"])
            for d in departements
            if d["code"] not in connus
        ],
    )

    connus = await _cles(Commune)
    inseres["commune"] = await _inserer(
        Commune,
        [
            Commune(
                code=c["code"],
                nom=c["nom"],
                nom_normalise=normaliser(c["nom"]),
                departement=c["departement"],
                parent=c["parent"] or None,
                population=int(c["population"] or 0),
            )
            for c in communes
            if c["code"] not in connus
        ],
    )

    # CodePostal has a serial key: the natural key is the (postcode, commune) pair.
    paires = {
        (p["code_postal"], p["commune"])
        for p in await CodePostal.select(CodePostal.code_postal, CodePostal.commune)
    }
    voulues = sorted({(cp, c["code"]) for c in communes for cp in c["codes_postaux"].split()} - paires)
    inseres["code_postal"] = await _inserer(
        CodePostal, [CodePostal(code_postal=cp, commune=code) for cp, code in voulues]
    )

    # Exactly one of departement/region is set, which is how a CD is told apart from a CR.
    connus = await _cles(Conseil)
    lignes = [Conseil(code=c["cd"], nom=c["nom"], departement=c["code"], region=None) for c in conseils]
    lignes += [
        Conseil(code=c["code"], nom=c["nom"], departement=None, region=c["region"])
        for c in conseils_regionaux(regions)
    ]
    inseres["conseil"] = await _inserer(Conseil, [c for c in lignes if c.code not in connus])

    connus = await _cles(Specialite)
    inseres["specialite"] = await _inserer(
        Specialite,
        [
            Specialite(code=s["tre_r38"], libelle=s["label"], cng=s["cng"], discipline=s["discipline"])
            for s in specialites
            if s["tre_r38"] not in connus
        ],
    )
    return inseres


async def charger_referentiel() -> dict[str, int]:
    """Insert the missing reference rows in one transaction; return rows inserted per table.

    Keys of the result: region, departement, commune (incl. the 45 arrondissements municipaux),
    code_postal, conseil (101 CD + 18 CR), specialite. All zeros when everything is already there.
    """
    donnees = (
        _csv("regions.csv"),
        _csv("departements.csv"),
        _csv("communes.csv.gz"),
        _json("conseils.json"),
        _json("specialites.json"),
    )
    async with Region._meta.db.transaction():
        return await _charger(*donnees)


def charger_referentiel_sync() -> dict[str, int]:
    """`charger_referentiel` for synchronous callers (scripts, CLI); not usable inside a running loop."""
    return asyncio.run(charger_referentiel())


if __name__ == "__main__":
    print(charger_referentiel_sync())
