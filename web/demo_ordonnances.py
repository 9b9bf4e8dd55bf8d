"""Demo data of the services administratifs on the engine (SPEC_DEMARCHES §4.4–4.6), on its own marker (a
perte_ordonnances dossier exists) so that a demo loaded before gets it. Made through the engine, as the
screens do (récépissés issued, Historique, e-mails in the outbox), in the Isère and the Rhône:

- demo.radio (38): a theft of ordonnances sécurisées, declared (Urgent in cd38's queue, récépissé v1), and a
  card + caducée transmitted; demo.medecin (38): an earlier loss closed ("Déclaration enregistrée") and a
  vignette transmitted (postal) — his new declaration is story 7's; demo.rhone (69): a vignette delivered
  (retrait au conseil) and a loss declared, authorities informed.
"""

from __future__ import annotations

from litestar.datastructures import UploadFile

from tables.comptes import Compte
from tables.demarches import Dossier, nouveau_numero
from web.demarches import instruction, pieces, statuts
from web.demarches.registre import type_de
from web.documents.pdf import rendre
from web.security import charger_utilisateur

VOL = {"nature": "vol", "date_faits": "2026-12-03", "commune_faits": "Voiron", "objet_securisees": "on",
       "objet_tampon": "on", "du_1": "118201", "au_1": "118250", "plainte_le": "2026-12-03",
       "plainte_service": "Commissariat de Voiron", "circonstances": "Cartable volé au cabinet"}
PERTE = {"nature": "perte", "date_faits": "2026-09-14", "commune_faits": "Grenoble", "objet_ordonnances": "on",
         "du_1": "000301", "au_1": "000325"}
VIGNETTE = {"motif": "vehicule", "immatriculation": "GH-482-KL", "marque_modele": "Peugeot 308",
            "remise": "postal", "adresse": "12 avenue Alsace-Lorraine", "code_postal": "38000", "commune": "Grenoble"}
CARTE = {"objet": "les_deux", "motif": "deterioration", "nom_carte": "Dr {nom}", "remise": "retrait"}


def _pdf(titre: str) -> UploadFile:
    contenu = rendre({"entete": "Document de démonstration", "titre": titre, "lignes": [], "code": "DEMO",
                      "url": "—"})
    return UploadFile(content_type="application/pdf", filename=f"{titre.lower().replace(' ', '-')}.pdf",
                      file_data=contenu)


async def _transmis(identifiant: str, cle: str, donnees: dict, documents: dict[str, str]) -> dict | None:
    """A dossier of `cle` filled in, its documents added, transmitted by `identifiant` (None: no such account)."""
    compte = await Compte.select(Compte.id).where(Compte.identifiant == identifiant).first()
    if compte is None:
        return None
    user = await charger_utilisateur(compte["id"])
    nom = f"{user.prenom} {user.nom.upper()}"
    d = (await Dossier.insert(Dossier(  # numbered in 2025 (tables/demo_demarches.py): a tester's first is 2026's
        numero=await nouveau_numero(2025), type=cle, compte=user.id, praticien=user.praticien, statut="brouillon",
        departement=user.departement, donnees={k: v.format(nom=nom) for k, v in donnees.items()},
        section=type_de(cle).sections[0].cle)).returning(*Dossier.all_columns()))[0]
    for piece, titre in documents.items():
        await pieces.deposer(d, user, piece, [_pdf(titre)])
    await statuts.appliquer(d["id"], "transmettre", user, version=d["version"])
    if type_de(cle).declaratif:
        await statuts.appliquer(d["id"], "instruire", None)
    return await Dossier.select().where(Dossier.id == d["id"]).first()


async def _par(conseil: str, d: dict | None, *actions: str, panneau: dict | None = None) -> None:
    """The council's staff acting on `d` in turn."""
    compte = await Compte.select(Compte.id).where(Compte.identifiant == f"{conseil}@demo.ordre.test").first()
    if d is None or compte is None:
        return
    user = await charger_utilisateur(compte["id"])
    if panneau:
        await instruction.agir_panneau(d, user, panneau)
    for action in actions:
        await statuts.appliquer(d["id"], action, user, suivre=action == "instruire")


async def charger_ordonnances() -> bool:
    if await Dossier.exists().where(Dossier.type == "perte_ordonnances"):
        return False
    await _transmis("demo.radio", "perte_ordonnances", VOL, {"plainte": "Récépissé de dépôt de plainte"})
    await _transmis("demo.radio", "carte_professionnelle", CARTE, {"photo": "Photo d'identité"})
    await _par("cd38", await _transmis("demo.medecin", "perte_ordonnances", PERTE, {}), "accepter",
               panneau={"ars": "on", "cpam": "on", "pharmacies": "on", "informees_le": "2026-09-15"})
    await _transmis("demo.medecin", "vignette_urgence", VIGNETTE, {"immatriculation": "Certificat d'immatriculation"})
    await _par("cd69", await _transmis("demo.rhone", "vignette_urgence", {**VIGNETTE, "remise": "retrait",
                                       "immatriculation": "4521 TX 69"}, {"immatriculation": "Carte grise"}),
               "instruire", "accepter")
    await _par("cd69", await _transmis("demo.rhone", "perte_ordonnances", {**PERTE, "commune_faits": "Lyon"}, {}),
               panneau={"cpam": "on", "informees_le": "2026-09-15"})
    return True
