"""The one perimeter rule (SPEC §1): a gestionnaire acts on the rows of its département, the national
role on all of France, nobody else on any.

`peut_agir` decides for one row (actions, panel, photos, reports); `dans_perimetre` and
`dans_perimetre_sql` filter lists by the same rule (Piccolo where, or hand-written SQL). Every
back-office view, action, photo and report goes through them, so the rule is written once.
"""

from __future__ import annotations

from piccolo.columns import Column
from piccolo.columns.combination import Where, WhereRaw

from web.security import Utilisateur

_TOUT, _RIEN = object(), object()


def _portee(user: Utilisateur | None) -> object:
    """The département code a user acts in; _TOUT for the national role, _RIEN for anyone else."""
    if user is None or user.role not in ("national", "gestionnaire"):
        return _RIEN
    if user.role == "national":
        return _TOUT
    return user.departement or _RIEN


def peut_agir(user: Utilisateur | None, departement: str | None) -> bool:
    """May this user act on a row of `departement`?"""
    portee = _portee(user)
    return portee is _TOUT or (portee is not _RIEN and portee == departement)


def habilite(user: Utilisateur | None, habilitation: str) -> bool:
    """Does this user hold `habilitation` (named national staff only: "entraide")?"""
    return user is not None and user.role == "national" and habilitation in user.habilitations


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
