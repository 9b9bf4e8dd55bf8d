"""The PDFs a dossier carries (SPEC_DEMARCHES §1.9): issued with a code, listed, verified, superseded.

Each is issued inside the transaction of the change it attests (web/demarches/statuts.py `_apres`): a
récépissé at each transmission, the type's attestation at acceptance. A newer récépissé supersedes the
older; reopening a decision makes its attestation invalid. The code is random (12 characters out of 31,
about 59 bits), grouped by four to be read out; it is the only key `/verifier/<code>` accepts.
"""

from __future__ import annotations

import re
import secrets

from config import settings
from tables import horloge
from tables.comptes import Praticien
from tables.demarches import Dossier, DossierEvenement
from tables.documents import DocumentEmis
from tables.referentiel import Conseil
from tables.territoires import ConseilContact
from web.demarches.moteur import EXIGENCES, Demarche, objet
from web.templating import date_fr, heure_fr

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read out on the phone
TITRES = {"recepisse": "Récépissé de dépôt", "attestation": "Attestation d'inscription au Tableau",
          "observations": "Courrier du Conseil sur le contrat communiqué"}
# Named in demarches/historique.py.
EVENEMENTS = {"recepisse": "recepisse_emis", "attestation": "attestation_emise", "observations": "courrier_emis"}


def nouveau_code() -> str:
    brut = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return "-".join(brut[i:i + 4] for i in (0, 4, 8))


def normaliser(saisi: str) -> str | None:
    """"k7qf m2xd 9htr" as typed → "K7QF-M2XD-9HTR"; None when it cannot be a code."""
    brut = re.sub(r"[\s-]", "", saisi).upper()
    if len(brut) != 12 or any(c not in ALPHABET for c in brut):
        return None
    return "-".join(brut[i:i + 4] for i in (0, 4, 8))


def url_verification(code: str) -> str:
    return f"{settings().base_url}/verifier/{code}"


async def conseil(departement: str | None) -> dict:
    """The council as a PDF names it: "Conseil départemental de l'Isère", its "de l'Isère", its seat."""
    row = await Conseil.select(Conseil.code, Conseil.nom).where(Conseil.departement == departement).first() \
        if departement else None
    nom = row["nom"].replace(" de l'Ordre des médecins", "") if row else "Conseil départemental"
    contact = await ConseilContact.select(ConseilContact.adresse).where(
        ConseilContact.conseil == row["code"]).first() if row else None
    ville = re.search(r"\b\d{5}\s+(.+)$", (contact or {}).get("adresse", "").strip())
    return {"nom": nom, "de": nom.removeprefix("Conseil départemental").strip(),
            "siege": ville.group(1).strip() if ville else ""}


async def titulaire(d: dict) -> str:
    """"Alice LEROY": the applicant as the Tableau names them."""
    p = await Praticien.select(Praticien.prenom, Praticien.nom).where(Praticien.id == d["praticien"]).first() \
        if d.get("praticien") else None
    return f"{p['prenom']} {p['nom'].upper()}" if p else ""


async def emettre(d: dict, genre: str, titulaire_: str, contenu: dict) -> dict:
    """Issue one document of `genre` for dossier `d` (inside the caller's transaction): the older ones of the
    same genre stop being valid, the Historique says so. A type's own genre takes its title from `contenu`
    and its Historique event is "<genre>_emis" (named in the type's `evenements`)."""
    precedents = await DocumentEmis.count().where((DocumentEmis.dossier == d["id"]) & (DocumentEmis.genre == genre))
    await DocumentEmis.update({DocumentEmis.valide: False}).where(
        (DocumentEmis.dossier == d["id"]) & (DocumentEmis.genre == genre))
    code = nouveau_code()
    rows = await DocumentEmis.insert(DocumentEmis(
        code=code, dossier=d["id"], genre=genre, titre=TITRES.get(genre, contenu["titre"]), titulaire=titulaire_,
        valide=True, version=precedents + 1, contenu={**contenu, "code": code, "url": url_verification(code)},
    )).returning(*DocumentEmis.all_columns())
    await DossierEvenement.insert(DossierEvenement(dossier=d["id"], acteur_libelle="MonEspace",
                                                   action=EVENEMENTS.get(genre, f"{genre}_emis")))
    return rows[0]


async def recepisse(d: dict, demarche: Demarche) -> dict:
    """"Ce document atteste que … a déposé le … à … une demande …" with the documents of the demande."""
    qui, c = await titulaire(d), await conseil(d["departement"])
    le = d["transmise_le"] or horloge.maintenant()
    valeurs = objet(d["donnees"])
    return await emettre(d, "recepisse", qui, {
        "entete": f"Ordre des médecins — {c['nom']}", "titre": TITRES["recepisse"],
        "lignes": [f"Ce document atteste que {qui} a déposé le {date_fr(le)} à {heure_fr(le)} une demande "
                   f"{demarche.libelle} n°{d['numero']} auprès du {c['nom']}.", "Documents de la demande :"],
        "liste": [f"{p.libelle} — {EXIGENCES[p.exigence]}" for p in demarche.pieces if p.applicable(valeurs)],
    })


async def apres_transition(d: dict, action: str, demarche: Demarche) -> None:
    """The engine's part, for every type: a récépissé at each transmission; reopening a decision makes the
    documents it issued invalid (the récépissé still attests the deposit)."""
    if action in ("transmettre", "transmettre_complements"):
        await recepisse(d, demarche)
    elif action == "rouvrir":
        await DocumentEmis.update({DocumentEmis.valide: False}).where(
            (DocumentEmis.dossier == d["id"]) & (DocumentEmis.genre != "recepisse"))


async def du_dossier(dossier_id: int) -> list[dict]:
    return await DocumentEmis.select(DocumentEmis.code, DocumentEmis.titre, DocumentEmis.emis_le,
                                     DocumentEmis.valide, DocumentEmis.version, DocumentEmis.genre).where(
        DocumentEmis.dossier == dossier_id).order_by(DocumentEmis.emis_le, ascending=False)


async def contexte(d: dict, base: str) -> dict:
    """For a dossier page (`base`: its URL): the list of its documents and where they download."""
    return {"documents": await du_dossier(d["id"]), "documents_base": base}


async def du_code(code: str, dossier_id: int | None = None) -> dict | None:
    """The document of `code` (of `dossier_id` when given: downloads are checked against their dossier)."""
    where = DocumentEmis.code == code
    if dossier_id is not None:
        where &= DocumentEmis.dossier == dossier_id
    return await DocumentEmis.select().where(where).first()


async def numero_de(doc: dict) -> str:
    row = await Dossier.select(Dossier.numero).where(Dossier.id == doc["dossier"]).first()
    return row["numero"] if row else ""
