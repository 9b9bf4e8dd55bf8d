"""Helpers for the back-office tests (no test here): council accounts, two browsers, annonces to moderate."""

from __future__ import annotations

import re
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from litestar.testing import AsyncTestClient

from tables.annonces import Annonce
from tests.annonces_support import creer_annonce
from tests.support import creer_compte, login, medecin

GESTION = {"cd38": ("cd38@demo.ordre.test", "gestionnaire", "CD38"),
           "cd69": ("cd69@demo.ordre.test", "gestionnaire", "CD69"),
           "cnom": ("cnom@demo.ordre.test", "national", None)}


async def connecter(client, qui: str = "cd38") -> None:
    """Create the council account (once) and log `client` in with it."""
    identifiant, role, conseil = GESTION[qui]
    if not await _existe(identifiant):
        await creer_compte(identifiant, role=role, conseil=conseil)
    response = await login(client, identifiant, url="/gestion/connexion")
    assert response.status_code == 303, response.text


async def _existe(identifiant: str) -> bool:
    from tables.comptes import Compte

    return await Compte.exists().where(Compte.identifiant == identifiant)


@asynccontextmanager
async def autre_client():
    """A second browser on the same app, for two gestionnaires at once."""
    from web.app import create_app

    async with AsyncTestClient(app=create_app(), base_url="http://testserver.local") as c:
        yield c


async def auteurs() -> tuple[int, int]:
    """A doctor of Isère (Camille DURAND) and one of Rhône (Louis GARNIER), both with an Ordre e-mail."""
    isere = await medecin("dr.durand")
    rhone = await medecin("dr.garnier", rpps="10003456786", nom="GARNIER", prenom="Louis", departement="69",
                          email="l.garnier@exemple.fr")
    return isere, rhone


async def annonce(praticien: int, statut: str = "en_attente", maj_le: datetime | None = None, **kwargs) -> int:
    numero = await creer_annonce(praticien, statut=statut, **kwargs)
    if maj_le:
        await Annonce.update({Annonce.maj_le: maj_le}).where(Annonce.id == numero)
    return numero


async def utilisateur(identifiant: str):
    """The Utilisateur of an account, to apply a transition as that person."""
    from tables.comptes import Compte
    from web.security import charger_utilisateur

    compte = await Compte.select(Compte.id).where(Compte.identifiant == identifiant).first()
    return await charger_utilisateur(compte["id"])


def titres(html: str) -> list[str]:
    """The titles of the table rows, in order."""
    return re.findall(r'class="ligne-lien"[^>]*>([^<]*)</a>', html)


def maintenant() -> datetime:
    return datetime.now(UTC)
