"""What the services administratifs (SPEC_DEMARCHES §4) share: the delivery of a vignette or a card ("Envoi
postal" to a postal address, or "Retrait au conseil") and the police receipt a theft needs.

The address fields are named adresse / code_postal / commune so that the changement d'adresse can offer these
démarches prefilled (Demarche.prefill).
"""

from __future__ import annotations

import re
from datetime import date

from web.demarches.moteur import TERMINAUX, Champ, Etape, Piece, Section, objet
from web.templating import date_fr

REMISES = (("postal", "Envoi postal"), ("retrait", "Retrait au conseil"))
PREFILL = ("adresse", "code_postal", "commune", "motif")
VOL = "Ajoutez le récépissé de dépôt de plainte"
ETAPES = (Etape("Je fais ma demande", ("brouillon",)),
          Etape("Ma demande est instruite", ("en_construction", "en_instruction", "a_completer")),
          Etape("Décision", TERMINAUX))


def _postal(v: dict) -> bool:
    return v.get("remise") == "postal"


def _adresse(v: dict) -> dict[str, str]:
    cp = (v.get("code_postal") or "").strip()
    return {"code_postal": "Le code postal compte 5 chiffres."} if _postal(v) and cp and not re.fullmatch(
        r"\d{5}", cp) else {}


REMISE = Champ("remise", "Remise", "radio", choix=REMISES,
               aide="Pour un envoi postal, l'adresse d'envoi est demandée à la page suivante.")
ADRESSE = Section("adresse", "Adresse d'envoi", (
    Champ("adresse", "Adresse (numéro et voie)", si=_postal, autocomplete="street-address"),
    Champ("code_postal", "Code postal", si=_postal, autocomplete="postal-code"),
    Champ("commune", "Commune", si=_postal, autocomplete="address-level2"),
), valider=_adresse)


def recepisse_plainte(cle: str = "motif") -> Piece:
    """"Récépissé de dépôt de plainte": Obligatoire for a theft (a Decision of §4.4)."""
    return Piece("plainte", "Récépissé de dépôt de plainte", "obligatoire", si=lambda v: v.get(cle) == "vol",
                 manque=VOL + ".")


def remise_faite(libelle: str):
    """The `infos` of a delivered vignette or card: "Envoyée le …" by post, or to collect at the council."""
    def infos(d: dict) -> list[str]:
        if d["statut"] != "accepte" or not d.get("decision_le"):
            return []
        if objet(d["donnees"]).get("remise") == "postal":
            return [f"{libelle} envoyée le {date_fr(d['decision_le'])}."]
        return [f"{libelle} à retirer au conseil départemental."]
    return infos


def annee_vignette(le: date) -> int:
    """The civil year printed on a vignette issued on `le`: the next one from 01/12 (renewal opens then)."""
    return le.year + 1 if le.month == 12 else le.year
