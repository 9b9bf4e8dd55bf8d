"""Accounts: passwords (Argon2id), login limits, one-time links, creation tied to the Tableau."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from tables.comptes import ROLES_ORDRE, ROLES_PRATICIEN, Compte, Jeton, Praticien, TentativeConnexion
from tables.reference.texte import normaliser

HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
_DUMMY = HASHER.hash("mot de passe factice pour un temps constant")
FENETRE = timedelta(minutes=15)
MAX_PAR_COMPTE = 5
MAX_PAR_ADRESSE = 20
# Links: an Ordre e-mail change waits 48 hours for the new address; "Ce n'est pas moi" serves 30 days.
DUREES = {"reinitialisation": timedelta(hours=1), "email_ordre": timedelta(hours=48),
          "pas_moi": timedelta(days=30)}


def _now() -> datetime:
    return datetime.now(UTC)


def hacher(mot_de_passe: str) -> str:
    return HASHER.hash(mot_de_passe)


def rpps_valide(rpps: str) -> bool:
    """11 digits whose last is a Luhn key."""
    if len(rpps) != 11 or not rpps.isdigit():
        return False
    total = 0
    for i, c in enumerate(reversed(rpps)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


async def _echecs(cle: str) -> int:
    return await TentativeConnexion.count().where(
        (TentativeConnexion.cle == cle) & (TentativeConnexion.le > _now() - FENETRE))


async def bloque(identifiant: str, adresse: str) -> bool:
    return (await _echecs(f"compte:{identifiant}") >= MAX_PAR_COMPTE
            or await _echecs(f"ip:{adresse}") >= MAX_PAR_ADRESSE)


@dataclass(frozen=True)
class Connexion:
    compte_id: int | None
    erreur: str | None = None


async def authentifier(identifiant: str, mot_de_passe: str, adresse: str, espace: str) -> Connexion:
    """Check a login for one entry point: `praticien` (Mon espace) or `ordre` (back-office)."""
    identifiant = identifiant.strip().lower()
    if await bloque(identifiant, adresse):
        return Connexion(None, "Trop de tentatives de connexion. Réessayez dans 15 minutes ou utilisez "
                               "« Identifiants oubliés ? ».")
    roles = ROLES_ORDRE if espace == "ordre" else ROLES_PRATICIEN
    row = await Compte.select(Compte.id, Compte.mot_de_passe, Compte.role, Compte.actif).where(
        Compte.identifiant == identifiant).first()
    ok = False
    try:
        ok = HASHER.verify(row["mot_de_passe"] if row else _DUMMY, mot_de_passe)
    except (VerificationError, InvalidHashError):
        ok = False
    if not (ok and row and row["role"] in roles):
        await TentativeConnexion.insert(TentativeConnexion(cle=f"compte:{identifiant}"),
                                        TentativeConnexion(cle=f"ip:{adresse}"))
        return Connexion(None, "Identifiant ou mot de passe incorrect.")
    if not row["actif"]:
        return Connexion(None, "Votre espace n'est pas encore activé : suivez le lien reçu par e-mail.")
    await TentativeConnexion.delete().where(TentativeConnexion.cle == f"compte:{identifiant}")
    if HASHER.check_needs_rehash(row["mot_de_passe"]):
        await Compte.update({Compte.mot_de_passe: hacher(mot_de_passe)}).where(Compte.id == row["id"])
    return Connexion(row["id"])


def empreinte(jeton: str) -> str:
    return hashlib.sha256(jeton.encode()).hexdigest()


def nouveau_lien() -> tuple[str, str]:
    """A link token for the e-mail, and the SHA-256 that is all the database keeps."""
    jeton = secrets.token_urlsafe(32)
    return jeton, empreinte(jeton)


async def emettre_jeton(compte_id: int, usage: str, donnee: str = "", seul: bool = True) -> str:
    """A one-time link token; only its hash is kept. Earlier unused ones of that usage die, if `seul`."""
    if seul:
        await annuler_jetons(compte_id, usage)
    jeton, hache = nouveau_lien()
    await Jeton.insert(Jeton(compte=compte_id, usage=usage, empreinte=hache,
                             expire_le=_now() + DUREES[usage], donnee=donnee))
    return jeton


async def annuler_jetons(compte_id: int, *usages: str) -> None:
    await Jeton.update({Jeton.utilise_le: _now()}).where(
        (Jeton.compte == compte_id) & Jeton.usage.is_in(list(usages)) & Jeton.utilise_le.is_null())


async def jeton_valide(jeton: str, usage: str) -> int | None:
    row = await Jeton.select(Jeton.compte, Jeton.expire_le, Jeton.utilise_le).where(
        (Jeton.empreinte == empreinte(jeton)) & (Jeton.usage == usage)).first()
    if row is None or row["utilise_le"] is not None or row["expire_le"] <= _now():
        return None
    return row["compte"]


async def consommer_jeton(jeton: str, usage: str) -> dict | None:
    """Mark the link used (once, even under concurrent clicks): its account and data, or None."""
    rows = await Jeton.update({Jeton.utilise_le: _now()}).where(
        (Jeton.empreinte == empreinte(jeton)) & (Jeton.usage == usage) & Jeton.utilise_le.is_null()
        & (Jeton.expire_le > _now())).returning(Jeton.compte, Jeton.donnee)
    return rows[0] if rows else None


async def trouver_praticien(rpps: str, nom: str, date_naissance: str) -> dict | None:
    row = await Praticien.select().where(Praticien.rpps == rpps).first()
    if row and normaliser(row["nom"]) == normaliser(nom) and row["date_naissance"] == date_naissance:
        return row
    return None
