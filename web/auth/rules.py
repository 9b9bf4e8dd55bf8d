"""Accounts: passwords (Argon2id), login limits, one-time links, creation tied to the Tableau."""

from __future__ import annotations

import asyncio
import hashlib
import math
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from tables.comptes import ROLES_ORDRE, ROLES_PRATICIEN, Compte, Jeton, Praticien
from tables.reference.texte import normaliser
from web import limites

HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
_DUMMY = HASHER.hash("mot de passe factice pour un temps constant")
# Argon2 costs tens of milliseconds of CPU: run on the event loop, a burst of logins stalled every other
# request of the process. In these threads (argon2-cffi releases the GIL), two at once per process.
_ARGON2 = ThreadPoolExecutor(max_workers=2, thread_name_prefix="argon2")
MAX_PAR_COMPTE = 5  # attempts on one account from one address, then locked there for the window
MAX_PAR_ADRESSE = 20  # attempts from one address, whatever the accounts
DELAI_MAX = 60  # seconds: the longest an account waits between two attempts, from anywhere
# Links: an Ordre e-mail change waits 48 hours for the new address; "Ce n'est pas moi" serves 30 days; the
# confirmation of an RPPS e-mail (web/certification/rpps.py) 7 days, a relance being read at leisure.
DUREES = {"reinitialisation": timedelta(hours=1), "email_ordre": timedelta(hours=48),
          "pas_moi": timedelta(days=30), "email_rpps": timedelta(days=7)}
MAX_INSCRIPTIONS = 10  # account creation requests from one address: "nom d'utilisateur déjà pris" tells
TROP_INSCRIPTIONS = "Trop de demandes depuis votre connexion : réessayez dans 15 minutes."
TROP = "Trop de tentatives de connexion. Réessayez dans 15 minutes ou utilisez « Identifiants oubliés ? »."


def _now() -> datetime:
    return datetime.now(UTC)


def hacher(mot_de_passe: str) -> str:
    """On the calling thread: for scripts (demo data, tests). Handlers use `hacher_async`."""
    return HASHER.hash(mot_de_passe)


async def hacher_async(mot_de_passe: str) -> str:
    return await asyncio.get_running_loop().run_in_executor(_ARGON2, HASHER.hash, mot_de_passe)


def _verifier(empreinte: str, mot_de_passe: str) -> bool:
    try:
        return HASHER.verify(empreinte, mot_de_passe)
    except (VerificationError, InvalidHashError):
        return False


async def verifier_async(empreinte: str, mot_de_passe: str) -> bool:
    return await asyncio.get_running_loop().run_in_executor(_ARGON2, _verifier, empreinte, mot_de_passe)


def rpps_valide(rpps: str) -> bool:
    """11 digits whose last is a Luhn key."""
    if len(rpps) != 11 or not rpps.isdigit():
        return False
    total = 0
    for i, c in enumerate(reversed(rpps)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _cles(identifiant: str, adresse: str) -> tuple[str, str, str]:
    """(this account from this address, this address, this account from anywhere)."""
    identifiant = identifiant[:200]  # no account has a longer one; the key column holds 300
    return f"compte_ip:{identifiant} {adresse}", f"ip:{adresse}", f"compte:{identifiant}"


def delai(echecs: int) -> int:
    """Seconds an account waits between attempts once MAX_PAR_COMPTE failed from anywhere: doubling, capped.
    A delay, not a lock: whoever fails from elsewhere cannot shut the doctor out."""
    return 0 if echecs < MAX_PAR_COMPTE else min(2 ** (echecs - MAX_PAR_COMPTE + 1), DELAI_MAX)


async def _admettre(identifiant: str, adresse: str) -> str | None:
    """Decide under the lock, on counts that include this attempt: an error, or None with the attempt
    recorded (a failure until the password proves right)."""
    paire, ip, compte = _cles(identifiant, adresse)
    async with limites.verrou(paire, ip, compte):
        if await limites.compter(paire) >= MAX_PAR_COMPTE or await limites.compter(ip) >= MAX_PAR_ADRESSE:
            await limites.noter(paire, ip)  # refused attempts count too: a burst keeps its address locked
            return TROP
        derniere = await limites.derniere(compte)
        attente = delai(await limites.compter(compte)) - ((_now() - derniere).total_seconds() if derniere else 0)
        if attente > 0:  # nothing recorded: waiting for the account's turn costs this address nothing
            return (f"Trop de tentatives de connexion sur ce compte. Réessayez dans {math.ceil(attente)} "
                    "secondes ou utilisez « Identifiants oubliés ? ».")
        await limites.noter(paire, ip, compte)
    return None


async def _reussir(identifiant: str, adresse: str) -> bool:
    """A right password counts only if no burst from its address went over the limit while it was checked."""
    paire, _, compte = _cles(identifiant, adresse)
    async with limites.verrou(paire, compte):
        if await limites.compter(paire) > MAX_PAR_COMPTE:
            return False
        await limites.oublier(paire, compte)
    return True


async def inscription_limitee(adresse: str) -> bool:
    cle = f"inscription:{adresse}"
    async with limites.verrou(cle):
        return await limites.depasse(cle, MAX_INSCRIPTIONS)


@dataclass(frozen=True)
class Connexion:
    compte_id: int | None
    erreur: str | None = None


async def authentifier(identifiant: str, mot_de_passe: str, adresse: str, espace: str) -> Connexion:
    """Check a login for one entry point: `praticien` (Mon espace) or `ordre` (back-office)."""
    identifiant = identifiant.strip().lower()
    if erreur := await _admettre(identifiant, adresse):
        return Connexion(None, erreur)
    roles = ROLES_ORDRE if espace == "ordre" else ROLES_PRATICIEN
    row = await Compte.select(Compte.id, Compte.mot_de_passe, Compte.role, Compte.actif).where(
        Compte.identifiant == identifiant).first()
    ok = await verifier_async(row["mot_de_passe"] if row else _DUMMY, mot_de_passe)
    if not (ok and row and row["role"] in roles):
        return Connexion(None, "Identifiant ou mot de passe incorrect.")
    if not await _reussir(identifiant, adresse):
        return Connexion(None, TROP)
    if not row["actif"]:
        return Connexion(None, "Votre espace n'est pas encore activé : suivez le lien reçu par e-mail.")
    if HASHER.check_needs_rehash(row["mot_de_passe"]):
        await Compte.update({Compte.mot_de_passe: await hacher_async(mot_de_passe)}).where(Compte.id == row["id"])
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
