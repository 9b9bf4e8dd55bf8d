"""Demander une vignette urgence (seed 002, SPEC_DEMARCHES §4.5): the windscreen badge of a doctor on call.

Decision: the vignette is valid for the civil year printed on it; a renewal may be asked from 01/12 (and is
then printed for the next year). The council may deliver a selection at once (batch "Accepter").
"""

from __future__ import annotations

import re
from datetime import date

from tables import horloge
from web.demarches.delais import Delai
from web.demarches.moteur import Champ, Demarche, Piece, Section
from web.demarches.types import services
from web.templating import date_fr

MOTIFS = (("premiere", "Première demande"), ("renouvellement", "Renouvellement"), ("perte", "Perte"),
          ("vol", "Vol"), ("vehicule", "Changement de véhicule"))
# SIV "AA-123-AA" (since 2009) or the older FNI "1234 AB 38".
IMMATRICULATION = re.compile(r"[A-Z]{2}-\d{3}-[A-Z]{2}|\d{1,4} [A-Z]{1,3} (\d{2}|2A|2B|97\d)")


def ouverture_renouvellement(aujourdhui: date) -> date:
    return date(aujourdhui.year, 12, 1)


def _valider(v: dict) -> dict[str, str]:
    erreurs = {}
    immat = " ".join((v.get("immatriculation") or "").upper().split())
    if immat and not IMMATRICULATION.fullmatch(immat):
        erreurs["immatriculation"] = "Indiquez l'immatriculation au format AA-123-AA ou 1234 AB 38."
    aujourdhui = horloge.aujourdhui()
    if v.get("motif") == "renouvellement" and aujourdhui < ouverture_renouvellement(aujourdhui):
        erreurs["motif"] = ("Le renouvellement peut être demandé à partir du "
                            f"{date_fr(ouverture_renouvellement(aujourdhui))}.")
    return erreurs


def infos(d: dict) -> list[str]:
    lignes = services.remise_faite("Vignette")(d)
    return [f"Vignette valable pour l'année {services.annee_vignette(d['decision_le'].date())}.", *lignes] \
        if lignes else []


DEMARCHE = Demarche(
    cle="vignette_urgence",
    libelle="Demander une vignette urgence",
    pour=("medecin",),
    intro=("La vignette est valable pour l'année civile qui y est imprimée. Son renouvellement peut être demandé "
           "à partir du 1er décembre pour l'année suivante."),
    delai=Delai(jours=15),
    libelles={"accepte": "Vignette délivrée"}, libelles_actions={"accepter": "Délivrer la vignette"},
    sujet_accepte="vignette délivrée", lot_accepter=True, prefill=services.PREFILL, infos=infos,
    etapes=services.ETAPES,
    sections=(
        Section("vehicule", "Mon véhicule", (
            Champ("motif", "Motif de la demande", "radio", choix=MOTIFS),
            Champ("immatriculation", "Immatriculation", aide="Par exemple : AB-123-CD ou 1234 AB 38"),
            Champ("marque_modele", "Marque et modèle"),
            services.REMISE,
        ), valider=_valider),
        services.ADRESSE,
        Section("documents", "Mes documents", pieces=True),
    ),
    pieces=(
        Piece("immatriculation", "Certificat d'immatriculation"),
        services.recepisse_plainte(),
    ),
)
