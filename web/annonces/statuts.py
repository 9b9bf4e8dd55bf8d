"""The life of an annonce (SPEC §3.4, §4): its transition table and hooks, applied by `web.machine`.

Every row of TRANSITIONS is one allowed step; the pages show the buttons `actions` derives from it and
nothing else. What only an annonce does is in the hooks: republier goes back to moderation when the
content changed since it was accepted, accepter keeps that content's hash, refuser counts the refusals,
and whatever enters, leaves or changes while online is re-indexed for Trouver.
"""

from __future__ import annotations

from tables import horloge
from tables.annonces import Annonce, AnnonceEvenement
from tables.referentiel import Conseil
from tasks import relais
from web import machine
from web.annonces.recherche import indexer
from web.annonces.rules import empreinte_actuelle
from web.annonces.vocabulaire import STATUTS
from web.coordonnees.rules import email_ordre
from web.machine import ActionRefusee, Conflit, Resultat, Transition
from web.mails import mail
from web.perimetre import peut_agir
from web.security import Utilisateur

__all__ = ["ActionRefusee", "Conflit", "Resultat", "TRANSITIONS", "ANNONCE", "actions", "appliquer", "transition"]


def _fin_passee(annonce: dict) -> str | None:
    if annonce["fin_publication"] < horloge.aujourdhui():
        return "La fin de publication est passée : choisissez une nouvelle date avant de republier l'annonce."
    return None


_T, _P, _S = "transmise_le", "publiee_le", "supprimee_le"
TRANSITIONS = (
    Transition("brouillon", "enregistrer", "brouillon", "auteur", "Enregistrer en brouillon"),
    Transition("brouillon", "transmettre", "en_attente", "auteur", "Publier", _T, "annonce_transmise"),
    Transition("brouillon", "supprimer", "brouillon", "auteur", "Supprimer", _S),
    Transition("en_attente", "accepter", "publiee", "gestion", "Accepter", _P, "annonce_publiee"),
    Transition("en_attente", "refuser", "refusee", "gestion", "Refuser", None, "annonce_refusee"),
    Transition("en_attente", "supprimer", "en_attente", "auteur", "Supprimer", _S),
    # Poste pourvu comes first: closed by its author, the history says why.
    Transition("publiee", "pourvoir", "depubliee", "auteur", "Poste pourvu", None, "annonce_depubliee"),
    Transition("publiee", "depublier", "depubliee", "auteur", "Dépublier", None, "annonce_depubliee"),
    # A content edit takes it off line until checked.
    Transition("publiee", "transmettre", "en_attente", "auteur", "Publier", _T, "annonce_transmise"),
    Transition("publiee", "prolonger", "publiee", "auteur", "Modifier la date"),
    Transition("publiee", "refuser", "refusee", "gestion", "Refuser", None, "annonce_refusee"),
    Transition("publiee", "expirer", "depubliee", "systeme", "Dépublier à la fin de publication", None,
               "annonce_depubliee"),
    Transition("publiee", "supprimer", "publiee", "auteur", "Supprimer", _S),
    Transition("depubliee", "republier", "publiee", "auteur", "Republier", _P, "annonce_publiee", _fin_passee),
    # The same button when the content changed since it was accepted (hook `_aiguiller`): checked again.
    Transition("depubliee", "republier", "en_attente", "auteur", "Republier", _T, "annonce_transmise", _fin_passee),
    Transition("depubliee", "transmettre", "en_attente", "auteur", "Publier", _T, "annonce_transmise"),
    Transition("depubliee", "prolonger", "depubliee", "auteur", "Modifier la date"),
    Transition("depubliee", "supprimer", "depubliee", "auteur", "Supprimer", _S),
    Transition("refusee", "transmettre", "en_attente", "auteur", "Publier", _T, "annonce_transmise"),
    Transition("refusee", "supprimer", "refusee", "auteur", "Supprimer", _S),
)
MODIFIER = {"enregistrer", "transmettre"}  # the content may be edited when saving it is a step the table allows
SUJETS = {"annonce_transmise": "transmise", "annonce_publiee": "publiée", "annonce_refusee": "refusée",
          "annonce_depubliee": "dépubliée"}


def _roles(annonce: dict, user: Utilisateur | None) -> set[str]:
    """What the user is for this annonce: its author, its council (the one perimeter rule), the system."""
    if user is None:
        return {"systeme"}
    roles = {"gestion"} if peut_agir(user, annonce.get("departement")) else set()
    if user.praticien is not None and user.praticien == annonce.get("auteur"):
        roles.add("auteur")
    return roles


def libelle_acteur(user: Utilisateur | None) -> str:
    """Who the history names, once: the council's code for a gestionnaire (staff accounts hold no name)."""
    if user is None:
        return "MonEspace"
    if user.role == "gestionnaire":
        return user.conseil or "Conseil départemental"
    if user.role == "national":
        return "CNOM"
    return f"{user.prenom} {user.nom}"


async def _empreinte(annonce: dict, contexte: dict) -> str:
    """The content's hash, read in the transaction (unless the caller already has it)."""
    if contexte.get("empreinte") is None:
        contexte["empreinte"] = await empreinte_actuelle(annonce["id"])
    return contexte["empreinte"]


async def _aiguiller(annonce: dict, regle: Transition, contexte: dict) -> Transition:
    """Republier: straight back on line only if the content is the one accepted; otherwise moderated again."""
    if regle.action == "republier" and annonce["empreinte_acceptee"] != await _empreinte(annonce, contexte):
        return next(t for t in TRANSITIONS if (t.de, t.action, t.vers) == (regle.de, "republier", "en_attente"))
    return regle


async def _valeurs(annonce: dict, regle: Transition, contexte: dict) -> dict:
    """Accepter keeps the accepted content's hash; refuser counts the refusal and keeps its explanation."""
    if regle.action == "accepter":
        return {Annonce.empreinte_acceptee: await _empreinte(annonce, contexte)}
    if regle.action == "refuser":
        return {Annonce.refus: annonce["refus"] + 1, Annonce.motif_refus: contexte["motif"]}
    return {}


async def _indexer(annonce: dict, regle: Transition) -> None:
    if "publiee" in (regle.de, regle.vers):  # entering, leaving or changed while online: what Trouver reads
        await indexer([annonce["id"]])


async def _notifier(nature: str, annonce: dict) -> int | None:
    destinataire = await email_ordre(annonce["auteur"])
    if not destinataire:
        return None
    conseil = await Conseil.select(Conseil.nom).where(Conseil.departement == annonce["departement"]).first()
    return await mail(
        nature, destinataire=destinataire, compte_id=annonce["compte"], inbox=True,
        lien=f"/annonces/{annonce['id']}", fil=("annonce", annonce["id"]),
        sujet=f"Ordre des médecins - Annonce n°{annonce['id']} : {SUJETS[nature]}", annonce=annonce,
        conseil=(conseil["nom"].replace(" de l'Ordre des médecins", "") if conseil else "votre conseil départemental"),
    )


def _apres_validation(resultat: Resultat) -> None:
    if resultat.transition.action in ("accepter", "republier") and resultat.statut == "publiee":
        alerter_sans_attendre()


def alerter_sans_attendre() -> None:
    """Saved searches "Dès la publication" hear of a new annonce at the end of this request or job (once,
    however many were published), not at the next 5-minute sweep (which still catches it if the broker is down)."""
    relais.alerter()


ANNONCE = machine.Machine(
    table=Annonce, evenements=AnnonceEvenement, cle="annonce", transitions=TRANSITIONS, roles=_roles,
    statuts=STATUTS, acteur=libelle_acteur, visibles=lambda t: t.supprimee_le.is_null(), colonne_maj="maj_le",
    impossible="Cette action n'est pas possible pour une annonce « {statut} ».",
    crochets=machine.Crochets(aiguiller=_aiguiller, valeurs=_valeurs, indexer=_indexer, notifier=_notifier,
                              apres_validation=_apres_validation),
)


def actions(annonce: dict, user: Utilisateur | None) -> set[str]:
    """What this user may do to this annonce now (a new one is a draft of its author)."""
    return ANNONCE.actions(annonce, user)


def modifiable(possibles: set[str]) -> bool:
    return bool(possibles & MODIFIER)


async def appliquer(annonce_id: int, action: str, user: Utilisateur | None, **contexte) -> Resultat:
    """Apply `action` in its own transaction; its e-mail and a publication's alerts leave at the end of the
    request or job (tasks/relais)."""
    return await machine.appliquer(ANNONCE, annonce_id, action, user, **contexte)


async def transition(annonce_id: int, action: str, user: Utilisateur | None, **contexte) -> Resultat:
    """Apply `action` inside the caller's transaction; the caller relays `notification` after commit."""
    return await machine.transition(ANNONCE, annonce_id, action, user, **contexte)
