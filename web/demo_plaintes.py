"""Demo data of the plaintes (SPEC_DEMARCHES §4.9), on its own marker: three complaints received on paper, typed as
the council's « Enregistrer une plainte reçue » does (web/demarches/plaintes_routes.py), against fictitious
médecins — registered at the Isère ten days ago, in conciliation at the Rhône (conciliators named), and one sent
to the chambre disciplinaire in the Bouches-du-Rhône. The demo accounts' own démarches stay untouched.
"""

from __future__ import annotations

from datetime import timedelta

from tables import horloge
from tables.comptes import Compte, Praticien
from tables.demarches import Dossier, DossierEvenement
from web.demarches import rules
from web.demarches.types import plainte

PLAINTES = (  # département, statut, days since registration, what the council did since
    ("38", "en_construction", 10, ()),
    ("69", "en_instruction", 20, (("instruire", "en_instruction", ""),
                                  ("conciliateurs", "", "Conciliateurs : Dr Anne ROUX, Dr Marc PETIT"))),
    ("13", "refuse", 95, (("instruire", "en_instruction", ""),
                          ("refuser", "refuse", "Les parties ne se sont pas conciliées ; avis motivé transmis."))),
)
PLAIGNANT = {"plaignant_nom": "Mme Odile BERTRAND", "plaignant_adresse": "4 rue des Lilas, 38000 Grenoble",
             "faits": "Refus de délivrer une copie de mon dossier médical malgré deux demandes écrites.",
             "date_faits": "2026-09-14", "origine": "courrier"}


async def _vise(departement: str) -> dict | None:
    """A médecin of that département without an account (a fictitious one, not a demo login)."""
    avec_compte = Compte.select(Compte.praticien).where(Compte.praticien.is_not_null())
    return await Praticien.select().where((Praticien.departement == departement) & (Praticien.qualite == "medecin")
                                          & Praticien.id.not_in(avec_compte)).first()


async def charger_plaintes() -> bool:
    if await Dossier.exists().where(Dossier.type == plainte.DEMARCHE.cle):
        return False
    async with Dossier._meta.db.transaction():
        for departement, statut, jours, suites in PLAINTES:
            if (vise := await _vise(departement)) is None:
                continue
            le = horloge.maintenant() - timedelta(days=jours)
            d = await rules.ouvrir_par_le_systeme(
                plainte.DEMARCHE, compte=None, praticien=None, departement=departement, statut="en_construction",
                motif="Plainte reçue par courrier, enregistrée par le conseil",
                donnees={**PLAIGNANT, "vise_rpps": vise["rpps"]})
            await plainte.informer_le_vise(d)
            await Dossier.update({Dossier.transmise_le: le, Dossier.statut: statut,
                                  Dossier.decision_le: le + timedelta(days=90) if statut == "refuse" else None}
                                 ).where(Dossier.id == d["id"])
            for i, (action, vers, motif) in enumerate(suites, 1):
                await DossierEvenement.insert(DossierEvenement(
                    dossier=d["id"], acteur=None, acteur_libelle=f"CD{departement}", action=action,
                    vers=vers, motif=motif, le=le + timedelta(days=7 * i)))
    return True
