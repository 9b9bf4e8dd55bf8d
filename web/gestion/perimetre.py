"""The perimeter of a council (SPEC §1): rows of doctors attached to its département.

Every back-office query goes through `dans_perimetre`, so a gestionnaire never sees or acts
outside it by accident; the national role's perimeter is all of France.
"""

from __future__ import annotations

from piccolo.columns import Column
from piccolo.columns.combination import Where, WhereRaw

from web.security import Utilisateur


def dans_perimetre(user: Utilisateur, departement: Column) -> Where | WhereRaw:
    """A where-clause on `departement` (a column holding a département code)."""
    if user.role == "national":
        return WhereRaw("1 = 1")
    if user.role != "gestionnaire" or not user.departement:
        return WhereRaw("1 = 0")
    return departement == user.departement


def peut_moderer(user: Utilisateur, departement: str | None) -> bool:
    """May this user accept or refuse an annonce of `departement`? (statuts.autoriser decides for real.)"""
    if user.role == "national":
        return True
    return user.role == "gestionnaire" and bool(user.departement) and user.departement == departement
