"""A dossier d'inscription as the council sees it, for the documents, verification and decision tests."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pypdf

from tables import horloge
from tables.comptes import Compte
from tables.demarches import Dossier
from tables.pieces import DossierPiece
from tests.support import creer_compte, medecin
from web.demarches import rules, statuts
from web.demarches.registre import type_de
from web.security import charger_utilisateur

DONNEES = {"docteur_junior": "oui", "departement": "38", "civilite": "madame", "prenoms": "Alice",
           "nom_naissance": "Martin", "nom_usage": "Leroy", "date_naissance": "1995-03-14",
           "lieu_naissance": "Lyon", "des": "SM54", "nationalite": "française"}
NOTE = "Rapport confidentiel du conseiller rapporteur"


def le(jour: date, heure: int = 10) -> None:
    """Put the clock at `jour`, `heure` h UTC."""
    horloge.decaler(datetime(jour.year, jour.month, jour.day, heure, tzinfo=UTC) - datetime.now(UTC))


def texte_pdf(contenu: bytes) -> str:
    assert contenu.startswith(b"%PDF")
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(contenu)).pages)


async def comptes_conseils() -> None:
    for identifiant, conseil, role in (("cd38@t.fr", "CD38", "gestionnaire"), ("cd69@t.fr", "CD69", "gestionnaire"),
                                       ("cnom@t.fr", None, "national")):
        await creer_compte(identifiant, role=role, conseil=conseil)


async def transmis(identifiant: str = "alice.leroy", rpps: str = "10009876540", nom: str = "LEROY",
                   prenom: str = "Alice") -> dict:
    """A draft filled in and transmitted by an interne (her account logs in with MOT_DE_PASSE)."""
    pid = await medecin(identifiant, qualite="interne", rpps=rpps, nom=nom, prenom=prenom,
                        email=f"{identifiant}@exemple.fr")
    c = await Compte.select(Compte.id).where(Compte.praticien == pid).first()
    user = await charger_utilisateur(c["id"])
    d = await rules.commencer(user, type_de("inscription"), {"docteur_junior": "oui"})
    await Dossier.update({Dossier.departement: "38", Dossier.donnees: DONNEES}).where(Dossier.id == d["id"])
    await statuts.appliquer(d["id"], "transmettre", user)
    return await Dossier.select().where(Dossier.id == d["id"]).first()


async def authentifier(dossier_id: int, cles: tuple[str, ...] = ("dedm", "des")) -> None:
    """The diplomas' files of the dossier, "Authentifié" by the council (the documents' screens do it)."""
    await DossierPiece.insert(*(DossierPiece(dossier=dossier_id, piece=cle, fichier=f"{dossier_id}-{cle}.pdf",
                                             nom_original=f"{cle}.pdf", type_mime="application/pdf", taille=1,
                                             statut="authentifie") for cle in cles))


async def en_instruction(avis: str = "", avis_le: date | None = None, diplomes: bool = True, **kwargs) -> dict:
    """Transmitted, taken in charge by CD38, with the séance's opinion (set by the séance's screens) and, unless
    told otherwise, the diplomas authenticated."""
    d = await transmis(**kwargs)
    if not await Compte.exists().where(Compte.identifiant == "cd38@t.fr"):
        await comptes_conseils()
    cd38 = await Compte.select(Compte.id).where(Compte.identifiant == "cd38@t.fr").first()
    await statuts.appliquer(d["id"], "instruire", await charger_utilisateur(cd38["id"]))
    await Dossier.update({Dossier.avis: avis, Dossier.avis_le: avis_le}).where(Dossier.id == d["id"])
    if diplomes:
        await authentifier(d["id"])
    return await Dossier.select().where(Dossier.id == d["id"]).first()
