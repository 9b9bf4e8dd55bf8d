"""Déclarer un changement d'adresse ou d'exercice (seed 002, SPEC_DEMARCHES §4.1).

Taken into account by the doctor's council, the new address becomes the doctor's Ordre address (Mes coordonnées,
the Tableau's record); the dossier then offers what one change of address updates elsewhere, prefilled: a new
vignette, a new card, and the transfer of the inscription when the address is in another département (L.4112-1).
"""

from __future__ import annotations

from urllib.parse import urlencode

from web.coordonnees import rules as coordonnees
from web.demarches.delais import Delai
from web.demarches.moteur import Champ, Demarche, Etape, Piece, Section, objet
from web.demarches.types import changement_adresse_lieu as lieu

NATURES = (("adresse", "Adresse professionnelle"), ("mode", "Mode d'exercice"),
           ("lieu_ajout", "Ajout d'un lieu d'exercice"), ("lieu_fin", "Fin d'un lieu d'exercice"))
MODES = (("liberal", "Libéral"), ("salarie", "Salarié"), ("mixte", "Mixte"))
TRANSFERT = "Votre résidence professionnelle change de département : demandez le transfert de votre dossier"
# The other démarches a change of address calls for, with the names of the fields they take prefilled.
SUITES = (("Commander une nouvelle vignette", "vignette_urgence"),
          ("Demander une nouvelle carte", "carte_professionnelle"))


def _avec_adresse(v: dict) -> bool:
    return v.get("nature") != "mode"


def prerempli(cle: str, valeurs: dict, **autres: str) -> str:
    """"/demarches/commencer/<cle>?adresse=…&code_postal=…&commune=…": the new address carried into <cle>."""
    champs = {n: str(valeurs.get(n) or "") for n in ("adresse", "code_postal", "commune")}
    return f"/demarches/commencer/{cle}?{urlencode({**autres, **{n: v for n, v in champs.items() if v}})}"


def lien_transfert(valeurs: dict) -> tuple[str, str]:
    return "Transférer mon inscription", prerempli("transfert", valeurs, destination=valeurs[lieu.DEPARTEMENT])


async def suites(d: dict) -> list[dict]:
    """Before the decision, the transfer when the address leaves the département; once taken into account,
    the follow-on démarches prefilled with the new address."""
    valeurs = objet(d["donnees"])
    transfert = [lien_transfert(valeurs)] if lieu.autre_departement(valeurs) else []
    if d["statut"] == "accepte" and _avec_adresse(valeurs):
        return [{"titre": "Et ensuite", "texte": "Votre nouvelle adresse est enregistrée à votre dossier ordinal. "
                 "Mettez à jour ce qui la porte :",
                 "liens": [(libelle, prerempli(cle, valeurs)) for libelle, cle in SUITES] + transfert}]
    if transfert and d["statut"] not in ("refuse", "sans_suite"):
        return [{"titre": "Changement de département", "texte": TRANSFERT, "liens": transfert}]
    return []


async def prendre_en_compte(d: dict) -> None:
    """The new address on the doctor's record: a row of Mes coordonnées, the Ordre's address (and landline) for
    a new professional address; an added lieu is kept as a row of its own; a lieu that ends changes nothing."""
    v = objet(d["donnees"])
    if not d.get("praticien") or v.get("nature") not in ("adresse", "lieu_ajout"):
        return
    telephone = str(v.get("telephone") or "")[:20]
    ligne = await coordonnees.ajouter(d["praticien"], {"voie": str(v.get("adresse") or "")[:200],
                                                       "code_postal": str(v.get("code_postal") or "")[:5],
                                                       "commune": v.get(lieu.COMMUNE) or None, "fixe": telephone})
    if v["nature"] == "adresse":
        fixe = {"fixe": ligne} if telephone else {}
        await coordonnees.affecter(d["praticien"], "ordre", {"adresse": ligne, **fixe})


def _adresse(v: dict) -> dict[str, str]:
    return lieu.erreurs(v) if _avec_adresse(v) else {}


DEMARCHE = Demarche(
    cle="changement_adresse",
    libelle="Déclarer un changement d'adresse ou d'exercice",
    pour=("medecin",),
    intro="Votre conseil départemental met à jour le Tableau : une seule déclaration pour toutes vos démarches.",
    delai=Delai(jours=15),
    libelles={"accepte": "Prise en compte"},
    libelles_actions={"accepter": "Prendre en compte"},
    sujet_accepte="prise en compte",
    deduire=lieu.deduire, suites=suites, apres={"accepter": prendre_en_compte},
    etapes=(
        Etape("Je déclare mon changement", ("brouillon",)),
        Etape("Ma déclaration est transmise", ("en_construction",)),
        Etape("Ma déclaration est examinée", ("en_instruction", "a_completer")),
        Etape("Décision", ("accepte", "refuse", "sans_suite")),
    ),
    sections=(
        Section("changement", "Mon changement", (
            Champ("date_effet", "Date d'effet", "date"),
            Champ("nature", "Nature du changement", "radio", choix=NATURES),
            Champ("mode_exercice", "Nouveau mode d'exercice", "radio", choix=MODES,
                  si=lambda v: v.get("nature") == "mode"),
        )),
        Section("adresse", "Nouvelle adresse", (
            *lieu.champs(si=_avec_adresse),
            Champ("structure", "Structure ou employeur", obligatoire=False),
            Champ("telephone", "Téléphone professionnel", obligatoire=False, autocomplete="tel"),
        ), valider=_adresse),
        Section("documents", "Mes documents", pieces=True),
    ),
    pieces=(
        Piece("justificatif", "Justificatif (contrat, attestation employeur, bail)", "si_concerne",
              si=lambda v: v.get("nature") != "lieu_fin"),
    ),
)
