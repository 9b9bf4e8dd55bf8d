"""Demo dossiers of the change of address (§4.1) and the transfer (§4.2), on their own marker (dormant accounts
"demo.adresse.<id>") so that a demo loaded before gets them: fictitious médecins of the Tableau in several councils
and states — a transfer from the Isère already handed on to the Rhône (the Isère reads it only), one waiting at the
Rhône for its own check, one instructed at the Isère with its clock. demo.medecin has none: his own démarches are
the tester's. Numbered in 2025, so that a tester's first dossier is still D-2026-000001.
"""

from __future__ import annotations

from datetime import timedelta

from tables import horloge
from tables.comptes import Compte, Praticien
from tables.demarches import Dossier, DossierEvenement, nouveau_numero
from web.demarches import delais
from web.demarches.registre import type_de
from web.demarches.types import changement_adresse_lieu as lieu

ADRESSES = {"38": {"adresse": "8 avenue Alsace-Lorraine", "code_postal": "38000", "commune": "Grenoble"},
            "69": {"adresse": "12 rue de la République", "code_postal": "69002", "commune": "Lyon"},
            "13": {"adresse": "20 La Canebière", "code_postal": "13001", "commune": "Marseille"},
            "73": {"adresse": "4 place Saint-Léger", "code_postal": "73000", "commune": "Chambéry"}}
# (type, the doctor's council, the new address's, status, handed on to the destination)
DOSSIERS = (
    ("changement_adresse", "38", "38", "en_construction", False),
    ("changement_adresse", "38", "38", "en_instruction", False),
    ("changement_adresse", "38", "38", "accepte", False),
    ("changement_adresse", "69", "69", "en_construction", False),
    ("changement_adresse", "13", "13", "refuse", False),
    ("transfert", "38", "69", "en_construction", True),
    ("transfert", "69", "38", "en_construction", False),
    ("transfert", "13", "38", "en_instruction", True),
    ("transfert", "73", "38", "accepte", True),
    ("transfert", "38", "73", "refuse", True),
)
TRANSFERT = {"date_prevue": "2027-03-01", "mode_exercice": "liberal", "motif": "Installation en cabinet de groupe.",
             "contrats": "non"}
CHANGEMENT = {"date_effet": "2027-01-04", "nature": "adresse", "structure": "Cabinet médical",
              "telephone": "04 76 00 00 00"}


async def _donnees(cle: str, origine: str, vers: str) -> dict:
    valeurs = {**ADRESSES[vers], **(TRANSFERT | {"destination": vers} if cle == "transfert" else CHANGEMENT)}
    return {**valeurs, **await lieu.deduire(valeurs, origine)}


async def charger_adresse() -> bool:
    if await Compte.exists().where(Compte.identifiant.like("demo.adresse.%")):
        return False
    maintenant = horloge.maintenant()
    pris = {r["praticien"] for r in await Compte.select(Compte.praticien).where(Compte.praticien.is_not_null())}
    medecins = await Praticien.select(Praticien.id, Praticien.nom, Praticien.prenom, Praticien.departement).where(
        (Praticien.qualite == "medecin") & Praticien.rpps.like("12%")).order_by(Praticien.id)
    async with Dossier._meta.db.transaction():
        for i, (cle, origine, vers, statut, transmis) in enumerate(DOSSIERS):
            p = next((m for m in medecins if m["departement"] == origine and m["id"] not in pris), None)
            if p is None:
                continue
            pris.add(p["id"])
            compte = (await Compte.insert(Compte(identifiant=f"demo.adresse.{p['id']}", mot_de_passe="!",
                                                 role="medecin", praticien=p["id"], actif=False)
                                          ).returning(Compte.id))[0]["id"]
            transmise = maintenant - timedelta(days=4 + 3 * i)
            complet = (transmise + timedelta(days=2)).date() if cle == "transfert" and statut != "en_construction" \
                else None
            etat = delais.demarrer(type_de(cle).delai, complet or transmise.date()) \
                if statut not in ("accepte", "refuse") and (complet or cle != "transfert") else delais.Etat()
            rows = await Dossier.insert(Dossier(
                numero=await nouveau_numero(2025), type=cle, compte=compte, praticien=p["id"], statut=statut,
                departement=vers if transmis else origine, origine=origine if transmis else None,
                transmise_le=transmise, complet_le=complet, delai_depart=etat.depart, echeance=etat.echeance,
                decision_le=transmise + timedelta(days=3) if statut in ("accepte", "refuse") else None,
                motif="Dossier de démonstration." if statut == "refuse" else "", maj_le=transmise,
                donnees=await _donnees(cle, origine, vers), section="documents")).returning(*Dossier.all_columns())
            d = rows[0]
            await DossierEvenement.insert(DossierEvenement(
                dossier=d["id"], acteur=compte, acteur_libelle=f"{p['prenom']} {p['nom']}", action="transmettre",
                de="brouillon", vers="en_construction", le=transmise))
            if transmis:
                await DossierEvenement.insert(DossierEvenement(
                    dossier=d["id"], acteur=None, acteur_libelle=f"CD{origine} (cd{origine}@demo.ordre.test)",
                    action="transfert_transmis",
                    motif="Dossier de démonstration", le=transmise + timedelta(days=1)))
            if statut == "accepte" and (apres := type_de(cle).apres.get("accepter")):
                await apres(d)
    return True
