"""The life of a dossier (SPEC_DEMARCHES §1): one transition table for every type, applied by `web.machine`.

Types differ by data (their spec), never by a branch here: the guards read the spec — a declarative type
is taken into instruction by the system, "Rouvrir" is open to a council for 30 days and to national staff
always — and the clock hooks move the deadline with each step (web/demarches/delais.py).
"""

from __future__ import annotations

from datetime import date, timedelta

from tables import horloge
from tables.demarches import Dossier, DossierEvenement
from web import machine
from web.demarches import delais
from web.demarches.courriels import notifier
from web.demarches.moteur import STATUTS, TERMINAUX, objet, type_de
from web.documents import rules as documents
from web.machine import Transition
from web.perimetre import habilite, peut_agir
from web.security import Utilisateur

REOUVERTURE_JOURS = 30


def _declaratif(d: dict) -> str | None:
    return None if type_de(d["type"]).declaratif else "Cette démarche est instruite par le conseil."


def _completable(d: dict) -> str | None:
    return None if type_de(d["type"]).completable else "Cette demande est en instruction : elle n'est plus modifiable."


def _reouverture(d: dict) -> str | None:
    if d["statut"] == "accepte" and type_de(d["type"]).attestation:
        return "Une attestation a été émise : seul le Conseil national peut rouvrir l'instruction."
    decision = d.get("decision_le")
    if decision and horloge.maintenant() - decision > timedelta(days=REOUVERTURE_JOURS):
        return "Le délai de 30 jours pour rouvrir l'instruction est passé : adressez-vous au Conseil national."
    return None


_TR, _DE = "transmise_le", "decision_le"
_NON_TERMINAUX = ("brouillon", "en_construction", "en_instruction", "a_completer")
TRANSITIONS = (
    Transition("brouillon", "transmettre", "en_construction", "demandeur", "Transmettre ma demande", _TR,
               "dossier_transmis"),
    Transition("en_construction", "modifier", "en_construction", "demandeur", "Modifier ma demande"),
    Transition("en_construction", "instruire", "en_instruction", "gestion", "Passer en instruction", None,
               "dossier_en_instruction"),
    Transition("en_construction", "instruire", "en_instruction", "systeme", "Passer en instruction", None, None,
               _declaratif),
    Transition("en_construction", "demander_complements", "a_completer", "gestion", "Demander des compléments", None,
               "dossier_complements"),
    Transition("en_instruction", "demander_complements", "a_completer", "gestion", "Demander des compléments",
               None, "dossier_complements"),
    Transition("en_instruction", "completer", "en_instruction", "demandeur", "Compléter ma déclaration", None, None,
               _completable),
    Transition("a_completer", "transmettre_complements", "en_instruction", "demandeur",
               "Transmettre mes compléments", None, "dossier_complements_recus"),
    Transition("a_completer", "lever_complements", "en_instruction", "gestion", "Lever la demande de compléments"),
    Transition("en_instruction", "accepter", "accepte", "gestion", "Accepter", _DE, "dossier_accepte"),
    Transition("en_instruction", "refuser", "refuse", "gestion", "Refuser", _DE, "dossier_refuse"),
    Transition("en_instruction", "classer_sans_suite", "sans_suite", "gestion", "Classer sans suite", _DE,
               "dossier_sans_suite"),
    *(Transition(s, "retirer", "sans_suite", "demandeur", "Retirer ma demande", _DE, "dossier_sans_suite")
      for s in ("en_construction", "en_instruction", "a_completer")),
    # National staff first: for them the row without the 30-day guard is the one that applies.
    *(r for s in TERMINAUX for r in (
        Transition(s, "rouvrir", "en_instruction", "national", "Rouvrir l'instruction", None, "dossier_reexamine"),
        Transition(s, "rouvrir", "en_instruction", "gestion", "Rouvrir l'instruction", None, "dossier_reexamine",
                   _reouverture))),
    *(Transition(s, "reaffecter", s, "national", "Réaffecter à un autre conseil") for s in _NON_TERMINAUX[1:]),
)
INTERDITE = "Cette action n'est pas possible pour cette démarche."
MOTIF_REQUIS = {"refuser", "classer_sans_suite", "lever_complements", "rouvrir", "reaffecter"}


def _roles(d: dict, user: Utilisateur | None) -> set[str]:
    if user is None:
        return {"systeme"}
    roles = set()
    if user.id == d.get("compte"):
        roles.add("demandeur")
    habilitation = type_de(d["type"]).habilitation
    autorise = not habilitation or habilite(user, habilitation)  # its holders alone instruct it
    if peut_agir(user, d.get("departement")) and autorise:
        roles.add("gestion")
    if user.role == "national" and autorise:
        roles.add("national")
    return roles


def instruit(d: dict, user: Utilisateur | None) -> bool:
    """Whether `user` instructs `d` (rather than reading it: a council informed of an entraide request)."""
    return "gestion" in _roles(d, user)


def libelle_acteur(user: Utilisateur | None) -> str:
    """As staff read the history; the applicant reads the council's name instead (§1.1)."""
    if user is None:
        return "MonEspace"
    if user.role == "gestionnaire":
        return f"{user.conseil} ({user.identifiant})"  # staff accounts hold no name: their Ordre e-mail
    if user.role == "national":
        return f"CNOM ({user.identifiant})"
    return f"{user.prenom} {user.nom}"


def colonnes(e: delais.Etat) -> dict:
    return {Dossier.delai_depart: e.depart, Dossier.echeance: e.echeance, Dossier.suspendu_le: e.suspendu_le,
            Dossier.jours_restants: e.jours_restants, Dossier.prolonge: e.prolonge}


def horloge_apres(d: dict, action: str, aujourdhui: date, contexte: dict) -> delais.Etat | None:
    """How `action` moves the clock, or None when it leaves it alone."""
    delai = type_de(d["type"]).delai_de(objet(d["donnees"]))
    if delai is None:
        return None
    courant = delais.etat_de(d)
    if action == "transmettre" and delai.depart == "transmission":
        return delais.demarrer(delai, aujourdhui)
    if action == "demander_complements":
        return delais.suspendre(courant, aujourdhui)
    if action in ("transmettre_complements", "lever_complements"):
        if objet(d.get("complements")).get("raison") == "incomplet":
            return delais.reinitialiser(delai, aujourdhui)
        return delais.reprendre(courant, aujourdhui)
    return None


async def _valeurs(d: dict, regle: Transition, contexte: dict) -> dict:
    if regle.action in type_de(d["type"]).interdites:
        raise machine.ActionRefusee(INTERDITE)
    avant = type_de(d["type"]).avant_acceptation
    if regle.action == "accepter" and avant and (raison := await avant(d)):
        raise machine.ActionRefusee(raison)
    valeurs: dict = {}
    if regle.action in MOTIF_REQUIS or regle.action == "retirer":
        valeurs[Dossier.motif] = contexte.get("motif") or ("Retirée par le demandeur" if regle.action == "retirer"
                                                             else "")
    if contexte.get("decision"):  # the type's fields of this action (web/demarches/moteur.py champs_decision)
        valeurs[Dossier.donnees] = {**objet(d["donnees"]), **contexte["decision"]}
    if regle.action == "demander_complements":
        valeurs[Dossier.complements] = contexte.get("complements") or {}
        valeurs[Dossier.reponse_avant] = contexte.get("reponse_avant")
        if (contexte.get("complements") or {}).get("raison") == "incomplet" and type_de(d["type"]).delai \
                and type_de(d["type"]).delai.depart == "complet":
            valeurs[Dossier.complet_le] = None
    if regle.action in ("transmettre_complements", "lever_complements"):
        valeurs[Dossier.reponse_avant] = None
    if regle.action == "rouvrir":
        valeurs[Dossier.decision_le] = None
    if regle.action == "reaffecter":
        valeurs[Dossier.departement] = contexte["departement"]
    if regle.action == "instruire" and contexte.get("suivre") and contexte.get("user_id"):
        valeurs[Dossier.suivi_par] = contexte["user_id"]
    nouveau = horloge_apres(d, regle.action, horloge.aujourdhui(), contexte)
    if nouveau is not None:
        valeurs.update(colonnes(nouveau))
    return valeurs


async def _apres(d: dict, regle: Transition) -> None:
    """After the UPDATE, in its transaction: the engine's PDFs (récépissé, invalidation on reopening), then the
    type's own writes for this action (inscription: the day, the role, the attestation)."""
    demarche = type_de(d["type"])
    apres = await Dossier.select().where(Dossier.id == d["id"]).first()
    await documents.apres_transition(apres, regle.action, demarche)
    if hook := demarche.apres.get(regle.action):
        await hook(apres)


DOSSIER = machine.Machine(
    table=Dossier, evenements=DossierEvenement, cle="dossier", transitions=TRANSITIONS, roles=_roles,
    statuts=STATUTS, acteur=libelle_acteur, colonne_maj="maj_le",
    crochets=machine.Crochets(valeurs=_valeurs, indexer=_apres, notifier=notifier),
    impossible="Cette action n'est pas possible pour une demande « {statut} ».",
)


def actions(d: dict, user: Utilisateur | None) -> set[str]:
    """The only source of the buttons a dossier page shows."""
    return DOSSIER.actions(d, user) - set(type_de(d["type"]).interdites)


async def appliquer(dossier_id: int, action: str, user: Utilisateur | None, **contexte) -> machine.Resultat:
    return await machine.appliquer(DOSSIER, dossier_id, action, user,
                                   user_id=getattr(user, "id", None), **contexte)
