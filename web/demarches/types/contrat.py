"""Communiquer un contrat (SPEC_DEMARCHES §4.8, CSP L.4113-9): médecins and applicants for inscription send the
council each contract of their exercise within one month of its signature.

The council examines it — a draft within 1 month, a signed contract within 6 (cdm44.org) — and never refuses it
(only a court annuls a contract): "Examiné — sans observation" or "avec observations", the latter with a
letter. Late communication is flagged to staff, never blocked. The co-contracting doctors named by RPPS read
the dossier (web/services/parties.py). Dates, parties and the letter: contrat_regles.py.
"""

from __future__ import annotations

from web.demarches.moteur import TERMINAUX, Champ, Demarche, Etape, Piece, Section
from web.demarches.types import contrat_regles as regles

OUI_NON = (("oui", "Oui"), ("non", "Non"))

DEMARCHE = Demarche(
    cle="contrat",
    libelle="Communiquer un contrat",
    pour=("medecin", "interne", "docteur_junior"),
    intro=("Les contrats et avenants ayant pour objet l'exercice de votre profession sont à communiquer au conseil "
           "départemental dans le mois suivant leur conclusion (article L.4113-9 du code de la santé publique)."),
    plusieurs=True,
    delai=regles.SIGNE, delai_selon=regles.delai,
    libelles={"accepte": "Examiné"}, libelle_selon=regles.libelle,
    libelles_actions={"accepter": "Enregistrer l'examen"},
    sujet_accepte="contrat examiné",
    interdites=("refuser",),
    champs_decision={"accepter": (
        Champ("examen", "Résultat de l'examen", "radio", choix=regles.EXAMENS),
        Champ("observations", "Observations du Conseil (courrier au médecin)", "long", obligatoire=False),
    )},
    apres={"transmettre": regles.parties, "transmettre_complements": regles.parties, "accepter": regles.examiner},
    corps=regles.corps, infos=regles.infos, badges_file=regles.badges,
    panneau="services/_contrat.html", contexte_panneau=regles.panneau,
    prefill=("type_contrat", "etat", "effet_le", "fin_le", "lieu", "cocontractants", "cocontractants_rpps",
             "annonce"),
    etapes=(
        Etape("Je communique mon contrat", ("brouillon",)),
        Etape("Mon contrat est transmis", ("en_construction",)),
        Etape("Le Conseil examine mon contrat", ("en_instruction", "a_completer")),
        Etape("Examen", TERMINAUX),
    ),
    sections=(
        Section("contrat", "Le contrat", (
            Champ("type_contrat", "Type de contrat", "radio", choix=regles.TYPES_CONTRAT),
            Champ("etat", "Ce que je communique", "radio", choix=(("projet", "Projet de contrat"),
                                                                  ("signe", "Contrat signé"))),
            Champ("signe_le", "Date de signature", "date", si=lambda v: v.get("etat") == "signe",
                  aide="Le contrat est à communiquer dans le mois qui suit sa signature."),
            Champ("effet_le", "Date d'effet", "date"),
            Champ("fin_le", "Date de fin", "date", obligatoire=False),
            Champ("lieu", "Lieu d'exercice", obligatoire=False),
            Champ("cocontractants", "Cocontractants", "long",
                  aide="Nom et prénom, ou raison sociale, de chaque cocontractant."),
            Champ("cocontractants_rpps", "N° RPPS des médecins cocontractants", obligatoire=False,
                  aide="11 chiffres, séparés par des virgules : ces médecins pourront consulter ce dossier."),
            Champ("avenants", "Le contrat a-t-il des avenants ?", "radio", choix=OUI_NON),
        ), valider=regles.valider),
        Section("documents", "Mes documents", pieces=True),
    ),
    pieces=(
        Piece("contrat", "Contrat (PDF)"),
        Piece("avenants", "Avenants", "si_concerne", si=lambda v: v.get("avenants") == "oui"),
        Piece("statuts", "Statuts de la société", "si_concerne",
              si=lambda v: v.get("type_contrat") in ("societe", "association")),
    ),
)
