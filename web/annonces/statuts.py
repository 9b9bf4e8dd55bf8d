"""The life of an annonce (SPEC §3.4, §4) as a transition table, applied atomically with its event.

Each change is one conditional UPDATE (on the status and version read), so two gestionnaires acting
at once cannot both win; the event and the notification are written in the same transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from piccolo.engine.sqlite import SQLiteEngine, TransactionType

from tables import horloge
from tables.annonces import Annonce, AnnonceEvenement
from tables.referentiel import Conseil
from tasks.outbox import relayer
from web.annonces.recherche import indexer
from web.annonces.rules import empreinte_actuelle
from web.annonces.vocabulaire import STATUTS
from web.coordonnees.rules import email_ordre
from web.mails import mail
from web.security import Utilisateur

TOUS = tuple(STATUTS)
log = logging.getLogger(__name__)

# (statut, action) -> statut d'arrivée
TRANSITIONS: dict[tuple[str, str], str] = {
    ("brouillon", "enregistrer"): "brouillon",
    ("brouillon", "transmettre"): "en_attente",
    ("refusee", "transmettre"): "en_attente",
    ("publiee", "transmettre"): "en_attente",  # a content edit takes it off line until checked
    ("depubliee", "transmettre"): "en_attente",
    ("publiee", "depublier"): "depubliee",
    ("publiee", "pourvoir"): "depubliee",  # "Poste pourvu": closed by its author, the history says why
    ("depubliee", "republier"): "publiee",  # en_attente instead if the content changed since acceptance
    ("publiee", "prolonger"): "publiee",
    ("depubliee", "prolonger"): "depubliee",
    ("en_attente", "accepter"): "publiee",
    ("en_attente", "refuser"): "refusee",
    ("publiee", "refuser"): "refusee",
    ("publiee", "expirer"): "depubliee",
    **{(statut, "supprimer"): statut for statut in TOUS},
}
QUI = {"accepter": "gestion", "refuser": "gestion", "expirer": "systeme"}  # every other action: the author
# (action, arrivée) -> nature of the e-mail to the author
NOTIFICATIONS = {
    ("transmettre", "en_attente"): "annonce_transmise",
    ("republier", "en_attente"): "annonce_transmise",
    ("accepter", "publiee"): "annonce_publiee",
    ("republier", "publiee"): "annonce_publiee",
    ("refuser", "refusee"): "annonce_refusee",
    ("depublier", "depubliee"): "annonce_depubliee",
    ("pourvoir", "depubliee"): "annonce_depubliee",
    ("expirer", "depubliee"): "annonce_depubliee",
}
SUJETS = {"annonce_transmise": "transmise", "annonce_publiee": "publiée", "annonce_refusee": "refusée",
          "annonce_depubliee": "dépubliée"}


class ActionRefusee(Exception):
    """Not allowed for this user or this status: the message is shown as is."""


class Conflit(Exception):
    """Somebody else changed the annonce first."""


@dataclass(frozen=True)
class Resultat:
    statut: str
    notification: int | None


def actions_possibles(statut: str, qui: str) -> set[str]:
    return {a for (s, a) in TRANSITIONS if s == statut and QUI.get(a, "auteur") == qui}


def libelle_acteur(user: Utilisateur | None) -> str:
    if user is None:
        return "MonEspace"
    if user.role == "gestionnaire":
        return f"{user.conseil} {user.conseil}"
    if user.role == "national":
        return "CNOM"
    return f"{user.prenom} {user.nom}"


def autoriser(annonce: dict, action: str, user: Utilisateur | None) -> None:
    qui = QUI.get(action, "auteur")
    if qui == "systeme":
        ok = user is None
    elif qui == "gestion":
        ok = user is not None and (user.role == "national" or (
            user.role == "gestionnaire" and user.departement == annonce["departement"]))
    else:
        ok = user is not None and user.praticien == annonce["auteur"]
    if not ok:
        raise PermissionError(action)


def _transaction():
    """On SQLite, take the write lock first (BEGIN IMMEDIATE): a concurrent change then waits and reads
    the new version (Conflit) instead of failing with "database is locked"."""
    db = Annonce._meta.db
    return db.transaction(transaction_type=TransactionType.immediate) if isinstance(db, SQLiteEngine) \
        else db.transaction()


async def appliquer(annonce_id: int, action: str, user: Utilisateur | None, *, alerter: bool = True,
                    **kwargs) -> Resultat:
    """Apply `action` in its own transaction, then relay the e-mail once committed (and, for a
    publication, the alerts, unless the caller sends them once for a whole batch)."""
    async with _transaction():
        resultat = await transition(annonce_id, action, user, **kwargs)
    if resultat.notification:
        relayer([resultat.notification])
    if alerter and action in ("accepter", "republier") and resultat.statut == "publiee":
        alerter_sans_attendre()
    return resultat


def alerter_sans_attendre() -> None:
    """Saved searches "Dès la publication" hear of a new annonce now, not at the next 5-minute sweep
    (which still catches it if the broker is down)."""
    from tasks.actors import alertes_recherches

    try:
        alertes_recherches.send("immediate")
    except Exception:  # noqa: BLE001 - broker down: the periodic job will find it
        log.warning("alertes remises au prochain passage")


async def transition(annonce_id: int, action: str, user: Utilisateur | None, *, motif: str = "",
                     version: int | None = None, valeurs: dict | None = None, empreinte: str | None = None
                     ) -> Resultat:
    """Apply `action` inside the caller's transaction; the caller relays `notification` after commit."""
    valeurs = valeurs or {}
    annonce = await Annonce.select().where((Annonce.id == annonce_id) & Annonce.supprimee_le.is_null()).first()
    if annonce is None:
        raise LookupError(annonce_id)
    autoriser(annonce, action, user)
    depart = annonce["statut"]
    if version is not None and version != annonce["version"]:
        raise Conflit(depart)
    if (depart, action) not in TRANSITIONS:
        raise ActionRefusee(f"Cette action n'est pas possible pour une annonce « {STATUTS[depart]} ».")
    arrivee = TRANSITIONS[(depart, action)]
    if action in ("accepter", "republier") and empreinte is None:
        empreinte = await empreinte_actuelle(annonce_id)
    now = horloge.maintenant()
    changes: dict = {**valeurs, Annonce.statut: arrivee, Annonce.maj_le: now, Annonce.version: annonce["version"] + 1}
    if action == "republier":
        if annonce["fin_publication"] < horloge.aujourdhui():
            raise ActionRefusee("La fin de publication est passée : choisissez une nouvelle date avant de "
                                "republier l'annonce.")
        if annonce["empreinte_acceptee"] != empreinte:
            arrivee = changes[Annonce.statut] = "en_attente"
    if arrivee == "en_attente" and depart != "en_attente":
        changes[Annonce.transmise_le] = now
    if arrivee == "publiee" and action != "prolonger":
        changes[Annonce.publiee_le] = now
        if action == "accepter":
            changes[Annonce.empreinte_acceptee] = empreinte
    if action == "refuser":
        changes.update({Annonce.refus: annonce["refus"] + 1, Annonce.motif_refus: motif})
    if action == "supprimer":
        changes[Annonce.supprimee_le] = now
    done = await Annonce.update(changes).where(
        (Annonce.id == annonce_id) & (Annonce.statut == depart) & (Annonce.version == annonce["version"])
    ).returning(Annonce.id)
    if not done:
        raise Conflit(depart)
    if "publiee" in (depart, arrivee):  # entering, leaving or changed while online: what Trouver reads
        await indexer([annonce_id])
    if arrivee != depart or action in ("supprimer", "refuser"):
        await AnnonceEvenement.insert(AnnonceEvenement(
            annonce=annonce_id, acteur=user.id if user else None, acteur_libelle=libelle_acteur(user),
            action=action, de=depart, vers=arrivee, motif=motif))
    nature = NOTIFICATIONS.get((action, arrivee))
    nid = await _notifier(nature, {**annonce, "statut": arrivee, "motif_refus": motif,
                                   **{c._meta.name: v for c, v in valeurs.items()}}) if nature else None
    return Resultat(arrivee, nid)


async def _notifier(nature: str, annonce: dict) -> int | None:
    destinataire = await email_ordre(annonce["auteur"])
    if not destinataire:
        return None
    conseil = await Conseil.select(Conseil.nom).where(Conseil.departement == annonce["departement"]).first()
    return await mail(
        nature, destinataire=destinataire, compte_id=annonce["compte"], inbox=True,
        lien=f"/annonces/gerer#annonce-{annonce['id']}", fil=("annonce", annonce["id"]),
        sujet=f"Ordre des médecins - Annonce n°{annonce['id']} : {SUJETS[nature]}", annonce=annonce,
        conseil=(conseil["nom"].replace(" de l'Ordre des médecins", "") if conseil else "votre conseil départemental"),
    )
