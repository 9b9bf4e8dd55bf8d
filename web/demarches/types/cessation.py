"""Déclarer une cessation d'activité ou mon départ en retraite (SPEC_DEMARCHES §4.3): a declaration the council
records ("Enregistrée"); no document. A practice to hand over leads to a "Succession / cession" annonce."""

from __future__ import annotations

from web.demarches.delais import Delai
from web.demarches.moteur import TERMINAUX, Champ, Demarche, Etape, Section

NATURES = (("retraite_totale", "Retraite avec cessation totale d'activité"),
           ("retraite_cumul", "Retraite avec poursuite d'activité"),
           ("temporaire", "Cessation temporaire d'activité"), ("etranger", "Départ à l'étranger"))
CABINET = (("cession", "Je cède mon cabinet (succession / cession)"), ("fermeture", "Je ferme mon cabinet"),
           ("associes", "Mes associés poursuivent l'activité"), ("sans_objet", "Sans objet (exercice salarié)"))
TABLEAU = (("rester", "Rester inscrit au Tableau sans exercice"), ("radiation", "Demander ma radiation"))


def _engagement(v: dict) -> dict[str, str]:
    return {} if v.get("ordonnances") == "on" else {"ordonnances": "Cochez cette case pour transmettre votre "
                                                                   "déclaration."}


DEMARCHE = Demarche(
    cle="cessation",
    libelle="Déclarer une cessation d'activité ou mon départ en retraite",
    pour=("medecin",),
    delai=Delai(mois=1),
    libelles={"accepte": "Enregistrée"}, libelles_actions={"accepter": "Enregistrer la déclaration"},
    sujet_accepte="déclaration enregistrée",
    interdites=("refuser",),
    panneau="services/_cessation.html",
    etapes=(Etape("Je déclare", ("brouillon",)), Etape("Ma déclaration est transmise", ("en_construction",)),
            Etape("Le Conseil l'enregistre", ("en_instruction", "a_completer")), Etape("Décision", TERMINAUX)),
    sections=(
        Section("cessation", "Ma cessation d'activité", (
            Champ("nature", "Nature", "radio", choix=NATURES),
            Champ("effet_le", "Date d'effet", "date"),
            Champ("cabinet", "Devenir du cabinet", "radio", choix=CABINET,
                  aide="Pour céder votre cabinet, vous pouvez déposer une annonce « Succession / cession ».",
                  lien=("Déposer une annonce", "/annonces/deposer?categorie=succession")),
            Champ("dossiers_patients", "Conservation des dossiers patients", "long",
                  aide="Par exemple : transmis à mon successeur, confiés à un confrère, conservés par moi-même."),
            Champ("tableau", "Mon inscription au Tableau", "radio", choix=TABLEAU),
            Champ("ordonnances", "Je m'engage à détruire mes ordonnances restantes.", "case", obligatoire=False),
        ), valider=_engagement),
    ),
)
