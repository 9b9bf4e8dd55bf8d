"""Demo data of the services administratifs (issue 21, SPEC_DEMARCHES §4.3, §4.8, §4.10), on its own marker so that
a demo loaded before gets it: contracts, cessations and qualifications of fictitious médecins in several councils
and states — one contract communicated late in the Isère queue, one examined with observations (its letter), one
naming demo.radio as co-contractant —, a qualification recorded in the Rhône, and an annonce of a fictitious
doctor filled with demo.radio, who is offered to communicate its contract."""

from __future__ import annotations

from datetime import timedelta

from tables import horloge
from tables.annonces import Annonce
from tables.comptes import Compte, Praticien
from tables.demarches import Dossier, DossierEvenement, nouveau_numero
from tables.services import AnnoncePourvue
from web.annonces.recherche import indexer
from web.demarches import delais
from web.demarches.registre import type_de
from web.demarches.types import contrat_regles, qualification

MARQUEUR = "demo.services."
CONTRAT = {"type_contrat": "collaboration", "etat": "signe", "cocontractants": "SELARL du cabinet des Alpes",
           "avenants": "non", "lieu": "Grenoble (38)"}
# (type, council, state, days since transmission, form)
DOSSIERS = (
    ("contrat", "38", "en_construction", 2, {**CONTRAT, "signe_le": -50}),  # communicated late
    ("contrat", "38", "en_instruction", 20, {**CONTRAT, "type_contrat": "bail", "etat": "projet"}),
    ("contrat", "38", "accepte", 60, {**CONTRAT, "type_contrat": "remplacement", "signe_le": -70,
                                      "examen": "avec", "observations": "La clause de non-concurrence doit être "
                                      "limitée dans le temps et dans l'espace."}),
    ("contrat", "38", "en_construction", 5, {**CONTRAT, "signe_le": -10, "cocontractants": "Dr Hélène FAURE",
                                             "cocontractants_rpps": "radio"}),
    ("contrat", "69", "en_construction", 8, {**CONTRAT, "type_contrat": "societe", "signe_le": -20,
                                             "lieu": "Lyon (69)"}),
    ("contrat", "75", "accepte", 40, {**CONTRAT, "type_contrat": "travail", "signe_le": -45, "examen": "sans"}),
    ("cessation", "38", "en_construction", 3, {"nature": "retraite_totale", "effet_le": 90, "cabinet": "cession",
                                               "dossiers_patients": "Transmis à mon successeur",
                                               "tableau": "rester", "ordonnances": "on"}),
    ("cessation", "69", "accepte", 45, {"nature": "etranger", "effet_le": -10, "cabinet": "fermeture",
                                        "dossiers_patients": "Confiés au Dr MARTIN", "tableau": "radiation",
                                        "ordonnances": "on"}),
    ("qualification", "38", "en_construction", 6, {"nature": "du", "intitule": "DIU de médecine du sport",
                                                   "etablissement": "Université Grenoble Alpes", "obtenue_le": -120}),
    ("qualification", "69", "accepte", 30, {"nature": "capacite", "intitule": "Capacité de gériatrie",
                                            "etablissement": "Université Claude Bernard Lyon 1",
                                            "obtenue_le": -200}),
)


def _donnees(v: dict, aujourdhui, radio: str) -> dict:
    """Days written as offsets from today become dates; "radio" becomes demo.radio's RPPS."""
    return {k: (aujourdhui + timedelta(days=x)).isoformat() if isinstance(x, int) else (radio if x == "radio" else x)
            for k, x in v.items()}


async def _medecin(departement: str, rang: int) -> dict | None:
    """The fictitious médecins of the council in turn (the Isère has few: some hold two dossiers)."""
    rows = await Praticien.select(Praticien.id, Praticien.nom, Praticien.prenom).where(
        (Praticien.qualite == "medecin") & (Praticien.departement == departement) & Praticien.rpps.like("102%")
    ).order_by(Praticien.id)
    return rows[rang % len(rows)] if rows else None


async def _compte(p: dict) -> int:
    identifiant = f"{MARQUEUR}{p['id']}"
    if row := await Compte.select(Compte.id).where(Compte.identifiant == identifiant).first():
        return row["id"]
    rows = await Compte.insert(Compte(identifiant=identifiant, mot_de_passe="!", role="medecin", praticien=p["id"],
                                      actif=False)).returning(Compte.id)
    return rows[0]["id"]


async def charger_contrat() -> bool:
    if await Compte.exists().where(Compte.identifiant.like(f"{MARQUEUR}%")):
        return False
    radio = await Compte.select(Compte.praticien.rpps.as_alias("rpps")).where(
        Compte.identifiant == "demo.radio").first()
    radio_rpps = (radio or {}).get("rpps") or ""
    maintenant, aujourdhui = horloge.maintenant(), horloge.aujourdhui()
    async with Dossier._meta.db.transaction():
        for i, (cle, dep, statut, jours, valeurs) in enumerate(DOSSIERS):
            p = await _medecin(dep, sum(1 for x in DOSSIERS[:i] if x[1] == dep))  # a different doctor each
            if p is None:
                continue
            compte = await _compte(p)
            transmise = maintenant - timedelta(days=jours)
            donnees = _donnees(valeurs, aujourdhui, radio_rpps)
            horloge_ = delais.demarrer(type_de(cle).delai_de(donnees), transmise.date())
            decide = statut == "accepte"
            rows = await Dossier.insert(Dossier(
                numero=await nouveau_numero(2025), type=cle, compte=compte, praticien=p["id"],
                departement=dep, statut=statut, transmise_le=transmise, maj_le=transmise, donnees=donnees,
                decision_le=transmise + timedelta(days=3) if decide else None, delai_depart=horloge_.depart,
                echeance=horloge_.echeance)).returning(*Dossier.all_columns())
            d = rows[0]
            await DossierEvenement.insert(DossierEvenement(
                dossier=d["id"], acteur=compte, acteur_libelle=f"{p['prenom']} {p['nom']}",
                action="transmettre", de="brouillon", vers="en_construction", le=transmise))
            if cle == "contrat":
                await contrat_regles.parties(d)
            if decide and cle == "contrat":
                await contrat_regles.examiner(d)
            elif decide and cle == "qualification":
                await qualification.enregistrer(d)
        await _annonce_pourvue(radio_rpps)
    return True


async def _annonce_pourvue(rpps: str) -> None:
    """A fictitious doctor's annonce, closed "Poste pourvu" with demo.radio."""
    annonce = await Annonce.select(Annonce.id).where(
        (Annonce.departement == "38") & (Annonce.categorie == "collaboration") & (Annonce.statut == "publiee")
        & Annonce.auteur.rpps.like("102%")).order_by(Annonce.id).first()
    if annonce is None or not rpps:
        return
    await Annonce.update({Annonce.statut: "depubliee"}).where(Annonce.id == annonce["id"])
    await indexer([annonce["id"]])  # off Trouver
    await AnnoncePourvue.insert(AnnoncePourvue(annonce=annonce["id"], rpps=rpps))
