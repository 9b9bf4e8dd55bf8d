"""The map of France by département, shared by the annonces map and /territoires: the shapes, the colour
levels, one row per département (the same rows make the accessible table)."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache

from tables.reference.build_carte import DATA
from tables.referentiel import Departement

NIVEAUX = 5


@lru_cache
def carte() -> dict:
    return json.loads((DATA / "carte_departements.json").read_text())


def niveau(n: int, maximum: int) -> int:
    """0 for none, then 1 to NIVEAUX-1 by share of the busiest département (colour classes)."""
    if n == 0 or maximum == 0:
        return 0
    return min(NIVEAUX - 1, 1 + (n * (NIVEAUX - 1) - 1) // maximum)


async def departements(comptes: dict[str, int] | None, lien: Callable[[str], str]) -> list[dict]:
    """Every département (overseas included) with its link; with `comptes`, its count and colour level."""
    maximum = max((comptes or {}).values(), default=0)
    return [{**d, "lien": lien(d["code"]), "n": None if comptes is None else comptes.get(d["code"], 0),
             "niveau": niveau((comptes or {}).get(d["code"], 0), maximum)}
            for d in await Departement.select(Departement.code, Departement.nom).order_by(Departement.code)]
