"""The council's control of a period (SPEC_DEMARCHES §3.5): what the control dossier's type does beyond the engine.

On the dossier page, the carnet's actions are marked "Vérifiée" or "Écartée" (a motif, and the action stops
counting: the carnet's counts per bloc are recounted in the same transaction). The decision closes the carnet
(`clos_le`: the retention of the actions and proofs runs from that day, web/certification/conservation.py);
reopening the instruction opens it again. The e-mails say the period.
"""

from __future__ import annotations

from tables import horloge
from tables.certification import ActionCertification, Carnet, PreuveAction
from web.certification.actions import STATUTS, recompter
from web.certification.periode import BLOCS, blocs_requis, exonere, requis, validees
from web.demarches.moteur import objet
from web.machine import ActionRefusee
from web.templating import date_fr

CONTROLES = {"verifiee": "Vérifiée", "ecartee": "Écartée"}
EVENEMENTS = {"action_verifiee": "Action vérifiée", "action_ecartee": "Action écartée au contrôle"}
CONTROLEES = ("declaree", "ecartee")  # what the council reads: declared actions, and those it set aside
CLOS = "Le contrôle est clos : rouvrez l'instruction pour modifier le contrôle des actions."
MOTIF = "Indiquez le motif pour lequel l'action est écartée."
OUVERTS = ("en_instruction", "a_completer")
# "Programme non réalisé : Entretien, puis possible procédure disciplinaire ou suspension temporaire" (seed 001);
# the procedures themselves are out of scope: the council records what it envisages.
SUITES = (("procedure_disciplinaire", "procédure disciplinaire"), ("suspension_temporaire", "suspension temporaire"),
          ("aucune", "aucune"))


async def carnet_du_dossier(dossier_id: int) -> dict | None:
    return await Carnet.select().where(Carnet.controle == dossier_id).first()


def periode_texte(carnet: dict) -> str:
    return f"du {date_fr(carnet['debut'])} au {date_fr(carnet['fin'])}"


async def panneau(d: dict) -> dict:
    """The carnet's actions under control, bloc by bloc, with their proofs' names and the counts."""
    carnet = await carnet_du_dossier(d["id"])
    if carnet is None:
        return {}
    actions = await ActionCertification.select().where(
        (ActionCertification.carnet == carnet["id"]) & ActionCertification.statut.is_in(list(CONTROLEES))).order_by(
        ActionCertification.bloc).order_by(ActionCertification.debut)
    preuves: dict[int, list[str]] = {}
    if actions:
        for p in await PreuveAction.select(PreuveAction.action, PreuveAction.nom_original).where(
                PreuveAction.action.is_in([a["id"] for a in actions])).order_by(PreuveAction.id):
            preuves.setdefault(p["action"], []).append(p["nom_original"])
    return {"controle": {
        "carnet": carnet, "periode": periode_texte(carnet), "blocs": BLOCS, "requis_blocs": blocs_requis(carnet),
        "exonere": exonere(carnet), "validees": validees(carnet), "requis": requis(carnet),
        "actions": [{**a, "preuves": preuves.get(a["id"], []), "libelle_statut": STATUTS.get(a["statut"], ""),
                     "libelle_controle": CONTROLES.get(a["controle"], "À contrôler")} for a in actions],
        "ouvert": d["statut"] in OUVERTS}}


async def marquer(d: dict, data: dict) -> tuple[str, str]:
    """"Vérifiée" or "Écartée" (with its motif) for one action of this dossier's carnet; "Vérifiée" after
    "Écartée" makes it count again. Returns the Historique line: which action, and why."""
    if d["statut"] not in OUVERTS:
        raise ActionRefusee(CLOS)
    controle, motif = data.get("controle", ""), data.get("motif", "").strip()
    carnet = await carnet_du_dossier(d["id"])
    action_id = int(data["action"]) if data.get("action", "").isdigit() else 0
    action = await ActionCertification.select().where(
        (ActionCertification.id == action_id) & (ActionCertification.carnet == carnet["id"])
        & ActionCertification.statut.is_in(list(CONTROLEES))).first() if carnet else None
    if action is None or controle not in CONTROLES:
        raise ActionRefusee("Cette action ne fait pas partie du carnet contrôlé.")
    if controle == "ecartee" and not motif:
        raise ActionRefusee(MOTIF)
    await ActionCertification.update({
        ActionCertification.controle: controle,
        ActionCertification.statut: "ecartee" if controle == "ecartee" else "declaree",
        ActionCertification.motif: motif if controle == "ecartee" else "",
        ActionCertification.maj_le: horloge.maintenant(),
        ActionCertification.version: ActionCertification.version + 1}).where(ActionCertification.id == action_id)
    await recompter(carnet["id"])
    return f"action_{controle}", action["intitule"] + (f" — {motif}" if motif else "")


async def clore(d: dict) -> None:
    """The decision ("Obligation satisfaite", "Programme non réalisé", or "Classée sans suite": the doctor left
    the Tableau…) closes the carnet today."""
    await Carnet.update({Carnet.clos_le: horloge.aujourdhui()}).where(Carnet.controle == d["id"])


async def rouvrir(d: dict) -> None:
    await Carnet.update({Carnet.clos_le: None}).where(Carnet.controle == d["id"])


def _ouverture(d: dict, carnet: dict) -> list[str]:
    return [f"Votre période de certification périodique {periode_texte(carnet)} est terminée. L'Ordre vérifie la "
            f"réalisation de votre programme (demande n°{d['numero']}) au plus tard le "
            f"{date_fr(carnet['controle_avant'])}.",
            "Vous pouvez suivre ce contrôle et échanger avec le Conseil depuis Mon Espace."]


def _observations(d: dict, carnet: dict) -> list[str]:
    return [f"Dans le cadre du contrôle de votre certification périodique pour la période {periode_texte(carnet)}, "
            f"le Conseil vous demande vos observations écrites avant le {date_fr(d.get('reponse_avant'))} : "
            f"{objet(d.get('complements')).get('texte', '')}",
            "Adressez-les depuis la messagerie de la demande dans Mon Espace."]


def _satisfaite(d: dict, carnet: dict) -> list[str]:
    return ["L'Ordre vous notifie que vous avez satisfait à votre obligation de certification périodique pour la "
            f"période {periode_texte(carnet)}."]


def _non_realise(d: dict, carnet: dict) -> list[str]:
    suites = dict(SUITES).get(objet(d.get("donnees")).get("suites", ""), "")
    return [f"L'Ordre constate que votre programme de certification périodique pour la période "
            f"{periode_texte(carnet)} n'est pas réalisé.", f"Motif : {d.get('motif', '')}",
            *([f"Suites envisagées : {suites}"] if suites else [])]


CORPS = {"dossier_en_instruction": _ouverture, "dossier_complements": _observations,
         "dossier_accepte": _satisfaite, "dossier_refuse": _non_realise}


async def corps(nature: str, d: dict) -> list[str] | None:
    """The control's own e-mail bodies (its opening, the observations asked, both outcomes); None: the engine's."""
    carnet = await carnet_du_dossier(d["id"]) if nature in CORPS else None
    return CORPS[nature](d, carnet) if carnet else None
