"""Faire enregistrer une qualification ou un diplôme (SPEC_DEMARCHES §4.10). Once "Enregistré au dossier" it is
part of the dossier ordinal: Mon compte, the attestation d'inscription, the annonces' badge
(web/services/qualifications.py)."""

from __future__ import annotations

from datetime import date

from tables import horloge
from tables.demarches import Dossier
from tables.services import Qualification
from web.demarches.delais import Delai
from web.demarches.moteur import TERMINAUX, Champ, Demarche, Etape, Piece, Section, objet
from web.documents import attestation
from web.services import qualifications


def _jour(valeur: str) -> date | None:
    try:
        return date.fromisoformat(valeur)
    except ValueError:
        return None


async def enregistrer(d: dict) -> None:
    """"Enregistré au dossier": the qualification is the praticien's, and an attestation d'inscription already
    issued is issued again with it."""
    v = objet(d["donnees"])
    await Qualification.insert(Qualification(
        praticien=d["praticien"], dossier=d["id"], nature=v.get("nature", ""), intitule=v.get("intitule", "")[:300],
        etablissement=v.get("etablissement", "")[:300], obtenue_le=_jour(v.get("obtenue_le", "")),
        enregistree_le=horloge.aujourdhui()))
    await _reemettre(d["praticien"])


async def retirer(d: dict) -> None:
    """Reopened: the decision no longer applies."""
    await Qualification.delete().where(Qualification.dossier == d["id"])
    await _reemettre(d["praticien"])


async def _reemettre(praticien: int) -> None:
    inscription = await Dossier.select().where((Dossier.praticien == praticien) & (Dossier.type == "inscription")
                                               & (Dossier.statut == "accepte")).first()
    if inscription and inscription["inscrit_le"]:
        await attestation.emettre(inscription)



DEMARCHE = Demarche(
    cle="qualification",
    libelle="Faire enregistrer une qualification ou un diplôme",
    pour=("medecin",),
    delai=Delai(mois=1),
    libelles={"accepte": "Enregistré au dossier", "refuse": "Non reconnu"},
    libelles_actions={"accepter": "Enregistrer au dossier", "refuser": "Non reconnu"},
    sujet_accepte="enregistré au dossier", sujets={"dossier_refuse": "non reconnu"},
    apres={"accepter": enregistrer, "rouvrir": retirer},
    etapes=(Etape("Je décris mon diplôme", ("brouillon",)), Etape("Ma demande est transmise", ("en_construction",)),
            Etape("Le Conseil la vérifie", ("en_instruction", "a_completer")), Etape("Décision", TERMINAUX)),
    sections=(
        Section("diplome", "Ma qualification ou mon diplôme", (
            Champ("nature", "Nature", "radio", choix=qualifications.NATURES),
            Champ("intitule", "Intitulé", aide="Par exemple : DIU de médecine du sport"),
            Champ("etablissement", "Établissement ou autorité qui l'a délivré"),
            Champ("obtenue_le", "Date d'obtention", "date"),
        )),
        Section("documents", "Mes documents", pieces=True),
    ),
    pieces=(Piece("diplome", "Le diplôme ou la décision accordant la qualification"),),
)
