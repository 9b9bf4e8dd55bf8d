"""The perimeter of a council (SPEC §1): rows of doctors attached to its département.

Every back-office query goes through `dans_perimetre`, so a gestionnaire never sees or acts
outside it by accident; the national role's perimeter is all of France.
"""

from __future__ import annotations

from piccolo.columns import Column
from piccolo.columns.combination import Where, WhereRaw

from web.security import Utilisateur

_TOUT, _RIEN = object(), object()


def _portee(user: Utilisateur) -> object:
    """The département code a user acts in; _TOUT for the national role, _RIEN for anyone else."""
    if user.role == "national":
        return _TOUT
    if user.role != "gestionnaire" or not user.departement:
        return _RIEN
    return user.departement


def dans_perimetre(user: Utilisateur, departement: Column) -> Where | WhereRaw:
    """A where-clause on `departement` (a column holding a département code)."""
    portee = _portee(user)
    if portee is _TOUT or portee is _RIEN:
        return WhereRaw("1 = 1" if portee is _TOUT else "1 = 0")
    return departement == portee


def dans_perimetre_sql(user: Utilisateur, colonne: str) -> tuple[str, list]:
    """The same condition for a hand-written statement: SQL with `{}` placeholders, and its values."""
    portee = _portee(user)
    if portee is _TOUT or portee is _RIEN:
        return ("1 = 1" if portee is _TOUT else "1 = 0"), []
    return f"{colonne} = {{}}", [portee]


def peut_moderer(user: Utilisateur, departement: str | None) -> bool:
    """May this user accept or refuse an annonce of `departement`? (statuts.autoriser decides for real.)"""
    if user.role == "national":
        return True
    return user.role == "gestionnaire" and bool(user.departement) and user.departement == departement
