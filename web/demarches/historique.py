"""A dossier's Historique (SPEC_DEMARCHES §1.1), as each side reads it.

Staff read every line with its author. The applicant reads transitions and the events named here, newest
first, the council's name for any staff author: an event not listed (who follows the dossier, an internal
note…) is not shown to him — a new kind of event stays internal until it is given an applicant's label.
"""

from __future__ import annotations

from tables.demarches import DossierEvenement
from web.demarches.moteur import STATUTS, type_de

# Events without a change of state: their label for the applicant (and for staff, before the motif).
LIBELLES = {
    "commencer": "Demande commencée",
    "modifier": "Demande modifiée",
    "dossier_complet": "Dossier déclaré complet",
    "delai_prolonge": "Délai d'instruction prolongé",
    "rejet_implicite": "Décision implicite de rejet",
    "recepisse_emis": "Récépissé de dépôt émis",
    "attestation_emise": "Attestation d'inscription émise",
    "courrier_emis": "Courrier du Conseil émis",
    # Entretien, séance, appeal (web/demarches/entretien.py, seances.py, appel.py).
    "entretien_fixe": "Entretien fixé", "entretien_libere": "Autre créneau demandé",
    "entretien_realise": "Entretien réalisé", "entretien_absent": "Absent à l'entretien",
    "rapporteur": "Conseiller rapporteur désigné", "seance": "Séance plénière", "avis_favorable": "Avis favorable",
    "avis_ajourne": "Ajourné", "notification": "Refus notifié par lettre recommandée",
    "piece_verifiee": "Document vérifié",  # web/demarches/pieces.py
    "piece_a_corriger": "Document à corriger",
    "piece_authentifiee": "Document authentifié",
    "piece_remplacee": "Document remplacé",
}
# Staff-only events: their label on the staff side.
INTERNES = {"suivre": "Suivi du dossier"}


async def _evenements(dossier_id: int) -> list[dict]:
    return await DossierEvenement.select().where(DossierEvenement.dossier == dossier_id).order_by(
        DossierEvenement.le, ascending=False).order_by(DossierEvenement.id, ascending=False)


def _libelles(d: dict) -> dict[str, str]:
    """The engine's event labels and the type's own (its panel's events)."""
    return {**LIBELLES, **type_de(d["type"]).evenements}


def _libelle(d: dict, e: dict) -> str:
    tous = {**_libelles(d), **INTERNES}
    if e["vers"] and e["vers"] != e["de"] or e["action"] not in tous:
        return type_de(d["type"]).libelle_statut(e["vers"]) if e["vers"] in STATUTS else e["action"]
    return tous[e["action"]]


def _motif(d: dict, e: dict) -> str:
    """A transition's motif is said as one ("Motif : …"); an event's is its description."""
    return f"Motif : {e['motif']}" if e["motif"] and e["action"] not in {**_libelles(d), **INTERNES} else e["motif"]


async def pour_demandeur(d: dict, conseil: str) -> list[dict]:
    """The applicant's lines: "Vous" or the council, never a staff name, never an internal event."""
    lignes = []
    for e in await _evenements(d["id"]):
        if not (e["vers"] and e["vers"] != e["de"]) and e["action"] not in _libelles(d):
            continue
        lignes.append({"le": e["le"], "qui": "Vous" if e["acteur"] == d["compte"] else conseil,
                       "quoi": _libelle(d, e), "motif": _motif(d, e)})
    return lignes


async def pour_gestion(d: dict) -> list[dict]:
    """Every line, with its author as staff read it ("CD38 (cd38@…)")."""
    return [{"le": e["le"], "qui": e["acteur_libelle"], "quoi": _libelle(d, e), "motif": _motif(d, e)}
            for e in await _evenements(d["id"])]
