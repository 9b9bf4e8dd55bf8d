"""The dates, parties and letter of a communicated contract (SPEC_DEMARCHES §4.8).

"Date limite de communication" = signature + 1 month (L.4113-9), counted from the date the doctor enters;
communicated after it, staff read "Communiqué hors délai" (never a block). "Observations au plus tard le" =
receipt + 1 month for a draft, + 6 months for a signed contract (cdm44.org).
"""

from __future__ import annotations

import re
from datetime import date

from tables import horloge
from tables.comptes import Praticien
from tables.demarches import Dossier
from tables.services import DossierPartie
from web import machine
from web.demarches.delais import Delai, ajouter_mois
from web.demarches.moteur import objet
from web.documents import rules as documents
from web.templating import date_fr

TYPES_CONTRAT = (
    ("remplacement", "Remplacement"), ("collaboration", "Collaboration libérale"), ("association", "Association"),
    ("societe", "Exercice en société (SEL, SCP, SCM)"), ("travail", "Contrat de travail"),
    ("bail", "Bail professionnel"), ("etablissement", "Exercice en établissement privé"),
    ("industrie", "Convention avec l'industrie"), ("autre", "Autre"),
)
TEXTE = "Observations au plus tard le {date}."
PROJET, SIGNE = Delai(mois=1, texte=TEXTE), Delai(mois=6, texte=TEXTE)
EXAMENS = (("sans", "Examiné — sans observation"), ("avec", "Examiné — avec observations"))
HORS_DELAI = "Communiqué hors délai"
RPPS = re.compile(r"\d{11}")


def delai(v: dict) -> Delai:
    return PROJET if v.get("etat") == "projet" else SIGNE


def libelle(statut: str, v: dict) -> str | None:
    return dict(EXAMENS).get(v.get("examen", "")) if statut == "accepte" else None


def _jour(valeur: str | None) -> date | None:
    try:
        return date.fromisoformat(valeur or "")
    except ValueError:
        return None


def limite(v: dict) -> date | None:
    """Signature + 1 month; a draft has none."""
    signe = _jour(v.get("signe_le")) if v.get("etat") == "signe" else None
    return ajouter_mois(signe, 1) if signe else None


def hors_delai(d: dict) -> bool:
    """Communicated (or, while a draft, today) after the deadline."""
    fin = limite(objet(d.get("donnees")))
    le = d["transmise_le"].astimezone(horloge.PARIS).date() if d.get("transmise_le") else horloge.aujourdhui()
    return fin is not None and le > fin


def rpps(v: dict) -> list[str]:
    return list(dict.fromkeys(RPPS.findall(v.get("cocontractants_rpps") or "")))


def valider(v: dict) -> dict[str, str]:
    erreurs = {}
    if (signe := _jour(v.get("signe_le"))) and signe > horloge.aujourdhui():
        erreurs["signe_le"] = "La date de signature ne peut pas être dans le futur."
    brut = [x for x in re.split(r"[,;\s]+", v.get("cocontractants_rpps") or "") if x]
    if any(not RPPS.fullmatch(x) for x in brut):
        erreurs["cocontractants_rpps"] = "Chaque numéro RPPS compte 11 chiffres."
    return erreurs


def infos(d: dict) -> list[str]:
    """Under the clock, on both sides: the L.4113-9 deadline, said passed once it is."""
    fin = limite(objet(d.get("donnees")))
    if fin is None:
        return []
    passee = " (dépassée)" if hors_delai(d) else ""
    return [f"Date limite de communication : {date_fr(fin)}{passee} (article L.4113-9 du code de la santé "
            "publique)."]


async def panneau(d: dict) -> dict:
    return {"hors_delai": hors_delai(d) and d["statut"] != "brouillon", "parties_rpps": rpps(objet(d["donnees"]))}


async def badges(ids: list[int]) -> dict[int, list[str]]:
    rows = await Dossier.select(Dossier.id, Dossier.donnees, Dossier.transmise_le).where(Dossier.id.is_in(ids)) \
        if ids else []
    return {r["id"]: [HORS_DELAI] for r in rows if hors_delai(r)}


async def parties(d: dict) -> None:
    """The co-contracting doctors named by RPPS read the dossier from its transmission on."""
    await DossierPartie.delete().where(DossierPartie.dossier == d["id"])
    nommes = [r for r in rpps(objet(d["donnees"])) if r != await _rpps_demandeur(d)]
    if nommes:
        await DossierPartie.insert(*(DossierPartie(dossier=d["id"], rpps=r) for r in nommes))


async def _rpps_demandeur(d: dict) -> str:
    p = await Praticien.select(Praticien.rpps).where(Praticien.id == d["praticien"]).first()
    return (p or {}).get("rpps") or ""


async def examiner(d: dict) -> None:
    """"Examiné — avec observations" needs them; the letter (PDF) says the outcome either way."""
    v = objet(d["donnees"])
    texte = (v.get("observations") or "").strip()
    if v.get("examen") == "avec" and not texte:
        raise machine.ActionRefusee("Rédigez les observations du Conseil.")
    await parties(d)
    c, qui = await documents.conseil(d["departement"]), await documents.titulaire(d)
    genre = dict(TYPES_CONTRAT).get(v.get("type_contrat"), "contrat")
    lignes = [f"Le {c['nom']} a examiné le contrat ({genre}) communiqué par {qui} le {date_fr(d['transmise_le'])}, "
              f"demande n°{d['numero']}.",
              f"Cocontractants : {v.get('cocontractants') or '—'}"]
    lignes += ([f"Ce contrat appelle de la part du Conseil les observations suivantes : {texte}"]
               if v.get("examen") == "avec" else ["Ce contrat n'appelle pas d'observation de la part du Conseil."])
    await documents.emettre(d, "observations", qui, {
        "entete": f"Ordre des médecins — {c['nom']}", "titre": documents.TITRES["observations"], "lignes": lignes,
        "signature": [f"Le {date_fr(horloge.aujourdhui())}", "Le Président du Conseil départemental"]})


async def corps(nature: str, d: dict) -> list[str] | None:
    if nature != "dossier_accepte":
        return None
    v = objet(d["donnees"])
    return [f"Votre demande n°{d['numero']} - Communiquer un contrat a été examinée par le Conseil : "
            f"{libelle('accepte', v) or 'Examiné'}.", "Le courrier du Conseil est disponible dans Mon Espace."]
