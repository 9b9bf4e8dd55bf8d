"""Demo data of the entraide (SPEC_DEMARCHES §4.7, story 11), on its own marker so that a demo loaded before gets it:
demo.radio's request to the commission, transmitted three days ago with her consent that the Isère council be
informed — the commission (entraide@demo.ordre.test) can try "Informer le conseil départemental" on it.
"""

from __future__ import annotations

from datetime import timedelta

from tables import horloge
from tables.comptes import Compte
from tables.demarches import Dossier, DossierEvenement, nouveau_numero

DEMANDE = {"nature": "sante", "description": "Arrêt de travail de trois mois après une opération : mon cabinet "
           "reste fermé et les charges continuent.", "montant": "4000", "telephone": "06 48 12 34 56",
           "creneaux": "Le matin avant 9h", "consentement": "on"}


async def charger_entraide() -> bool:
    radio = await Compte.select(Compte.id, Compte.praticien).where(Compte.identifiant == "demo.radio").first()
    if radio is None or await Dossier.exists().where((Dossier.compte == radio["id"]) & (Dossier.type == "entraide")):
        return False
    transmise = horloge.maintenant() - timedelta(days=3)
    async with Dossier._meta.db.transaction():
        rows = await Dossier.insert(Dossier(
            numero=await nouveau_numero(transmise.year), type="entraide", compte=radio["id"],
            praticien=radio["praticien"], departement="38", statut="en_construction", transmise_le=transmise,
            maj_le=transmise, donnees=DEMANDE, section="documents")).returning(Dossier.id)
        await DossierEvenement.insert(DossierEvenement(
            dossier=rows[0]["id"], acteur=radio["id"], acteur_libelle="Hélène FAURE", action="transmettre",
            de="brouillon", vers="en_construction", le=transmise))
    return True
