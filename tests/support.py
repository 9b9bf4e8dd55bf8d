"""Helpers shared by the integration tests: database reset, factories, logging in, CSRF, mail."""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Awaitable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import asyncpg

from config import settings
from tables.certification import ActionCertification, AlerteCertification, Carnet, EmailRpps, ExportAns, PreuveAction
from tables.comptes import Cle, Compte, DemandeEspace, Jeton, Praticien, TentativeConnexion
from tables.coordonnees import Affectation, ChangementEmail, Coordonnee
from tables.cotisations import AppelCotisation, Cotisation, Reglement, RelanceCotisation
from tables.demarches import Dossier, DossierEvenement, NumeroDossier
from tables.documents import DocumentEmis
from tables.fichiers import DepotFichier
from tables.horloge import HorlogeDemo
from tables.messages import Message, Notification
from tables.pieces import DossierMessage, DossierNote, DossierPiece
from tables.rendezvous import Creneau, OrdreDuJour
from tables.services import AnnoncePourvue, DossierPartie, Qualification
from tables.territoires import ConseilContact, Seance, TerritoireModification, TerritoireSection
from web.auth.rules import hacher

USER_TABLES = [Qualification, DossierPartie, AnnoncePourvue, RelanceCotisation, Reglement, Cotisation, AppelCotisation,
               PreuveAction, ActionCertification, AlerteCertification, EmailRpps, ExportAns, Carnet,
               DossierPiece, DossierMessage, DossierNote, HorlogeDemo, DocumentEmis, OrdreDuJour, Creneau,
               DossierEvenement, Dossier,
               NumeroDossier, DepotFichier, TerritoireModification, TerritoireSection,
               Seance, ConseilContact, Message, Notification, ChangementEmail, DemandeEspace, Affectation,
               Coordonnee, Jeton, TentativeConnexion, Cle, Compte, Praticien]
MOT_DE_PASSE = "Un mot de passe de test !"
T = TypeVar("T")


async def reset_database() -> None:
    """A fresh schema with every migration applied (the test database only)."""
    from piccolo.apps.migrations.commands.forwards import run_forwards

    url = settings().database_url
    if settings().sqlite_path is not None:
        settings().sqlite_path.unlink(missing_ok=True)
    else:
        name = urlsplit(url).path.lstrip("/")
        assert "test" in name, f"refusing to reset a database not named for tests: {name}"
        conn = await asyncpg.connect(url)
        await conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        await conn.close()
    result = await run_forwards(app_name="tables")
    assert result.success, result.message


async def truncate_user_tables() -> None:
    """One transaction, so one commit, for every table."""
    async with USER_TABLES[0]._meta.db.transaction():
        for table in USER_TABLES:
            await table.delete(force=True)


@lru_cache
def _hash() -> str:
    return hacher(MOT_DE_PASSE)


async def creer_praticien(rpps: str = "10005170625", nom: str = "DURAND", prenom: str = "Camille",
                          departement: str = "38", qualite: str = "medecin", email: str | None = "c.durand@exemple.fr",
                          naissance: str = "1980-03-14", tableau: str = "") -> int:
    """`email`: the Ordre e-mail of "Mes coordonnées"; `tableau`: the e-mail the Tableau holds."""
    rows = await Praticien.insert(Praticien(rpps=rpps, nom=nom, prenom=prenom, date_naissance=naissance,
                                            qualite=qualite, departement=departement, specialite="SM54",
                                            email=tableau)
                                  ).returning(Praticien.id)
    pid = rows[0]["id"]
    if email:
        c = await Coordonnee.insert(Coordonnee(praticien=pid, email=email)).returning(Coordonnee.id)
        await Affectation.insert(Affectation(praticien=pid, usage="ordre", email=c[0]["id"]))
    return pid


async def creer_compte(identifiant: str = "dr.durand", role: str = "medecin", praticien: int | None = None,
                       conseil: str | None = None, actif: bool = True) -> int:
    rows = await Compte.insert(Compte(identifiant=identifiant, mot_de_passe=_hash(), role=role,
                                      praticien=praticien, conseil=conseil, actif=actif)).returning(Compte.id)
    return rows[0]["id"]


async def medecin(identifiant: str = "dr.durand", **kwargs) -> int:
    """A praticien on the Tableau with an active account; returns the praticien id."""
    pid = await creer_praticien(**kwargs)
    await creer_compte(identifiant, role=kwargs.get("qualite", "medecin"), praticien=pid)
    return pid


def naissance(iso: str) -> dict[str, str]:
    """A date of birth as the inscription form posts it: jour, mois and année in three fields."""
    annee, mois, jour = iso.split("-")
    return {"date_naissance_jour": jour, "date_naissance_mois": mois, "date_naissance_annee": annee}


def csrf(client) -> str:
    return client.cookies.get("monespace_csrf", "")


async def post(client, url: str, data: dict | None = None, htmx: bool = False, **kwargs):
    """A POST as a browser sends it: CSRF token in the form (or header for htmx)."""
    if not csrf(client):
        await client.get("/connexion")
    headers = {"x-csrftoken": csrf(client), "hx-request": "true"} if htmx else {}
    body = dict(data or {})
    if not htmx:
        body["_csrf_token"] = csrf(client)
    return await client.post(url, data=body, headers=headers, follow_redirects=False, **kwargs)


async def login(client, identifiant: str = "dr.durand", mot_de_passe: str = MOT_DE_PASSE, url="/connexion"):
    return await post(client, url, {"identifiant": identifiant, "mot_de_passe": mot_de_passe})


async def au_bord(travail: Awaitable[T]) -> T:
    """Run domain code as the web middleware runs a request: what it recorded is relayed once, at the end."""
    from tasks import relais
    from tasks.actors import relayer_collecte

    collecte = relais.Collecte()
    try:
        return await relais.dans(collecte, travail)
    finally:
        relayer_collecte(collecte)


async def drain() -> list[str]:
    """Send every pending notification, as the worker would."""
    from tasks.outbox import en_attente, envoyer

    return [await envoyer(nid) for nid in await en_attente()]


def mails(folder: Path) -> list[email.message.EmailMessage]:
    if not folder.exists():
        return []
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime)]


def lien(message: email.message.EmailMessage) -> str:
    """The first MonEspace link of a mail's text part, as a local path."""
    texte = message.get_body(("plain",)).get_content()
    return urlsplit(re.search(r"https?://\S+", texte).group(0)).path
