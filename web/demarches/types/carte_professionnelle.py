"""Demander une carte professionnelle ou un caducée (seed 002, SPEC_DEMARCHES §4.6).

The photo is asked for the card only; an ID for a change of civil status; the police receipt for a theft.
The council may deliver a selection at once (batch "Accepter").
"""

from __future__ import annotations

from web.demarches.delais import Delai
from web.demarches.moteur import Champ, Demarche, Piece, Section
from web.demarches.types import services

OBJETS = (("carte", "Carte professionnelle"), ("caducee", "Caducée"), ("les_deux", "Les deux"))
MOTIFS = (("premiere", "Première demande"), ("renouvellement", "Renouvellement"), ("perte", "Perte"),
          ("vol", "Vol"), ("etat_civil", "Changement d'état civil"), ("deterioration", "Détérioration"))


def _carte(v: dict) -> bool:
    return v.get("objet") in ("carte", "les_deux")


DEMARCHE = Demarche(
    cle="carte_professionnelle",
    libelle="Demander une carte professionnelle ou un caducée",
    pour=("medecin",),
    delai=Delai(jours=21),
    libelles={"accepte": "Carte délivrée"}, libelles_actions={"accepter": "Délivrer"},
    sujet_accepte="carte délivrée", lot_accepter=True, prefill=services.PREFILL,
    infos=services.remise_faite("Carte"),
    etapes=services.ETAPES,
    sections=(
        Section("demande", "Ma demande", (
            Champ("objet", "Objet de la demande", "radio", choix=OBJETS),
            Champ("motif", "Motif", "radio", choix=MOTIFS),
            Champ("nom_carte", "Nom à faire figurer", aide="Par exemple : Dr Alice LEROY"),
            services.REMISE,
        )),
        services.ADRESSE,
        Section("documents", "Mes documents", pieces=True),
    ),
    pieces=(
        Piece("photo", "Photo d'identité", "obligatoire", si=_carte),
        Piece("identite", "Pièce d'identité", "obligatoire", si=lambda v: v.get("motif") == "etat_civil"),
        services.recepisse_plainte(),
    ),
)
