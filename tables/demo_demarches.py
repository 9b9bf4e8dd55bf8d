"""Demo dossiers (embedded default only): a realistic council queue across France, every state represented.

They belong to fictitious internes and docteurs juniors of the Tableau, each given a dormant account (no
password, inactive) as their applicant; numbered in 2025 so that a tester's first dossier is D-2026-000001.
"""

from __future__ import annotations

import random
from datetime import timedelta

from tables import horloge
from tables.comptes import Compte, Praticien
from tables.demarches import Dossier, DossierEvenement, nouveau_numero

ETATS = ("en_construction", "en_construction", "en_instruction", "en_instruction", "a_completer", "accepte",
         "refuse", "sans_suite")
DEPARTEMENTS = ("38", "38", "38", "69", "69", "75", "13", "33", "31", "59", "973", "2A")


async def charger_dossiers(rnd: random.Random, n: int = 40) -> None:
    candidats = await Praticien.select(Praticien.id, Praticien.nom, Praticien.prenom, Praticien.qualite).where(
        Praticien.qualite.is_in(["interne", "docteur_junior"]) & Praticien.rpps.like("102%")).order_by(
        Praticien.id).limit(n)
    maintenant = horloge.maintenant()
    for i, p in enumerate(candidats):
        statut = ETATS[i % len(ETATS)]
        compte = await Compte.insert(Compte(identifiant=f"demo.dossier.{p['id']}", mot_de_passe="!",
                                            role=p["qualite"], praticien=p["id"], actif=False)).returning(Compte.id)
        transmise = maintenant - timedelta(days=rnd.randint(3, 80))
        decision = transmise + timedelta(days=rnd.randint(1, 3)) if statut in ("accepte", "refuse", "sans_suite") \
            else None
        complet = (transmise + timedelta(days=2)).date() if statut in ("en_instruction", "accepte") else None
        rows = await Dossier.insert(Dossier(
            numero=await nouveau_numero(2025), type="inscription", compte=compte[0]["id"], praticien=p["id"],
            departement=DEPARTEMENTS[i % len(DEPARTEMENTS)], statut=statut, transmise_le=transmise,
            decision_le=decision, complet_le=complet, delai_depart=complet,
            echeance=complet and complet + timedelta(days=91), maj_le=decision or transmise,
            motif="Dossier de démonstration." if statut in ("refuse", "sans_suite") else "",
            donnees={"departement": DEPARTEMENTS[i % len(DEPARTEMENTS)], "nom_naissance": p["nom"],
                     "prenoms": p["prenom"], "docteur_junior": "oui" if p["qualite"] == "docteur_junior" else "non"},
        )).returning(Dossier.id)
        await DossierEvenement.insert(DossierEvenement(
            dossier=rows[0]["id"], acteur=compte[0]["id"], acteur_libelle=f"{p['prenom']} {p['nom']}",
            action="transmettre", de="brouillon", vers="en_construction", le=transmise))


# demo.junior's inscription, for story 4 of SPEC_DEMARCHES §6: in instruction at the Rhône council, complete.
JUNIOR = {"departement": "69", "civilite": "monsieur", "nom_naissance": "BERTRAND", "prenoms": "Lucas",
          "date_naissance": "1996-04-18", "lieu_naissance": "Lyon", "nationalite": "française",
          "universite": "Université Claude Bernard Lyon 1", "subdivision": "Lyon", "des": "SM40",
          "docteur_junior": "oui", "mode_exercice": "salarie", "commune_exercice": "Lyon",
          "structure": "Hospices civils de Lyon", "deja_inscrit": "non", "contrats": "non",
          "declaration_instance": "on", "declaration_exactitude": "on"}


async def dossier_du_junior(compte: int, praticien: int, par: int) -> None:
    """Transmitted 30 days ago, taken in charge by `par` (cd69), complete since 25 days."""
    maintenant = horloge.maintenant()
    transmise, complet = maintenant - timedelta(days=30), (maintenant - timedelta(days=25)).date()
    rows = await Dossier.insert(Dossier(
        numero=await nouveau_numero(2025), type="inscription", compte=compte, praticien=praticien,
        departement="69", statut="en_instruction", version=3, transmise_le=transmise, maj_le=maintenant,
        complet_le=complet, delai_depart=complet, echeance=complet + timedelta(days=91),
        donnees={**JUNIOR, "debut_exercice": (maintenant + timedelta(days=180)).date().isoformat()},
    )).returning(Dossier.id)
    dossier = rows[0]["id"]
    await DossierEvenement.insert(
        DossierEvenement(dossier=dossier, acteur=compte, acteur_libelle="Lucas BERTRAND", action="transmettre",
                         de="brouillon", vers="en_construction", le=transmise),
        DossierEvenement(dossier=dossier, acteur=par, acteur_libelle="CD69 (cd69@demo.ordre.test)",
                         action="instruire", de="en_construction", vers="en_instruction",
                         le=transmise + timedelta(days=2)),
        DossierEvenement(dossier=dossier, acteur=par, acteur_libelle="CD69 (cd69@demo.ordre.test)",
                         action="dossier_complet", motif=f"Dossier complet le {complet:%d/%m/%Y}",
                         le=transmise + timedelta(days=5)))
