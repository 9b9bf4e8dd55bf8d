"""Contrôle de la certification périodique (seed 001 "Contrôle final", SPEC_DEMARCHES §3.5): the Ordre's check of an
ended period, as a dossier nobody starts — the scheduler opens it in instruction, the doctor is its applicant.

The council marks the carnet's actions on the dossier page (its panel, web/certification/controle.py), may ask for
written observations (the engine's request for complements) and decides: "Obligation satisfaite", or "Programme non
réalisé" with the suites it envisages (the disciplinary and suspension procedures are outside MonEspace). A
convocation to an entretien goes through the dossier's messagerie: the engine's entretien brings the inscription's
séance plénière with it.
"""

from __future__ import annotations

from web.certification import controle
from web.demarches.moteur import TERMINAUX, Champ, Demarche, Etape

DEMARCHE = Demarche(
    cle="controle_certification",
    libelle="Contrôle de la certification périodique",
    pour=(),  # opened by the scheduler at the end of each period (web/certification/controles.py)
    sections=(),
    libelles={"accepte": "Obligation satisfaite", "refuse": "Programme non réalisé"},
    libelles_actions={"accepter": "Obligation satisfaite", "refuser": "Programme non réalisé",
                      "demander_complements": "Demander des observations"},
    sujet_accepte="obligation satisfaite",
    sujets={"dossier_en_instruction": "contrôle de la certification périodique",
            "dossier_refuse": "programme non réalisé", "dossier_complements": "observations demandées",
            "dossier_complements_recus": "observations reçues"},
    corps=controle.corps,
    champs_decision={"refuser": (Champ("suites", "Suites envisagées", "radio", choix=controle.SUITES),)},
    interdites=("retirer",),  # an obligation: the doctor cannot withdraw its control
    apres={"accepter": controle.clore, "refuser": controle.clore, "classer_sans_suite": controle.clore,
           "rouvrir": controle.rouvrir},
    panneau="certification/_controle_actions.html", contexte_panneau=controle.panneau,
    agir_panneau=controle.marquer, evenements=controle.EVENEMENTS,
    etapes=(
        Etape("Période de certification"),
        Etape("Contrôle par l'Ordre", ("en_instruction", "a_completer")),
        Etape("Décision", TERMINAUX),
    ),
)
