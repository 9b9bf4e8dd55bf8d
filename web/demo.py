"""Demo data for the embedded default only (never in production): `python -m web.demo`.

Idempotent: everything is created in one transaction, and nothing if the demo médecin exists.
"""

from __future__ import annotations

import asyncio
import random

from faker import Faker

from tables.comptes import Compte, Praticien
from tables.coordonnees import Affectation, Coordonnee
from tables.demo_demarches import charger_dossiers, creneaux_demo, dossier_du_junior
from tables.demo_territoires import charger_territoires
from tables.referentiel import CodePostal, Specialite
from web.auth.rules import hacher_async, rpps_valide
from web.demo_adresse import charger_adresse
from web.demo_annonces import charger_annonces
from web.demo_certification import charger_certification
from web.demo_contrat import charger_contrat
from web.demo_cotisations import charger_cotisations
from web.demo_entraide import charger_entraide
from web.demo_ordonnances import charger_ordonnances
from web.demo_plaintes import charger_plaintes

NB_FICTIFS = 300

# Identities on the Tableau, with the e-mail the Tableau holds. The last two have no account, so that "Créer
# votre espace" can be tried: LEROY by the link sent to her Tableau e-mail, MOREAU (no Tableau e-mail)
# through the Isère council's queue of identity requests.
IDENTITES = [
    # identifiant, mot de passe, rpps, nom, prénom, naissance, qualité, département, spécialité, e-mail du Tableau
    ("demo.medecin", "Demo-medecin-2026!", "10005170625", "DURAND", "Camille", "1980-03-14", "medecin", "38",
     "SM54", "camille.durand@exemple.fr"),
    ("demo.interne", "Demo-interne-2026!", "10101473782", "PERINET", "Anne-Claire", "1997-09-02", "interne",
     "38", "SM54", "anne-claire.perinet@exemple.fr"),
    ("demo.rhone", "Demo-medecin-2026!", "10003456786", "GARNIER", "Louis", "1975-11-30", "medecin", "69",
     "SM48", "louis.garnier@exemple.fr"),
    (None, None, "10009876540", "LEROY", "Inès", "1996-05-21", "docteur_junior", "38", "SM54",
     "ines.leroy@exemple.fr"),
    (None, None, "10007654329", "MOREAU", "Hugo", "1995-02-11", "interne", "38", "SM54", ""),
]
# The accounts of SPEC_DEMARCHES §6, created after the rest so that the demo's random draws stay as they were.
IDENTITES_DEMARCHES = [
    ("demo.junior", "Demo-junior-2026!", "10102345670", "BERTRAND", "Lucas", "1996-04-18", "docteur_junior", "69",
     "SM40", "lucas.bertrand@exemple.fr", "06 31 52 74 10"),
    ("demo.radio", "Demo-medecin-2026!", "10004567890", "FAURE", "Hélène", "1984-07-09", "medecin", "38",
     "SM74", "helene.faure@exemple.fr", "06 47 20 35 81"),
]
PART_SANS_EMAIL = 0.1  # of the fictitious identities, those the Tableau holds no e-mail for
ORDRE = [
    ("cd38@demo.ordre.test", "Demo-gestion-2026!", "gestionnaire", "CD38"),
    ("cd69@demo.ordre.test", "Demo-gestion-2026!", "gestionnaire", "CD69"),
    ("cnom@demo.ordre.test", "Demo-national-2026!", "national", None),
]
# Coordonnées of the demo médecin, as on the seed's screen (fictional addresses).
COORDONNEES_DEMO = [
    {"voie": "109 rue de Criel", "code_postal": "38500", "commune": "38563", "email": "camille.durand@exemple.fr",
     "mobile": "06 72 84 73 87"},
    {"voie": "109 rue de Criel", "code_postal": "38500", "commune": "38563", "email": "cabinet.durand@exemple.fr",
     "mobile": "06 45 88 49 18"},
    {"voie": "5 rue des Castors", "code_postal": "34090", "commune": "34172", "mobile": "06 45 88 49 18"},
]


def rpps_avec_cle(base10: str) -> str:
    """Append the Luhn key to 10 digits."""
    return next(base10 + key for key in "0123456789" if rpps_valide(base10 + key))


async def _praticien(rpps: str, nom: str, prenom: str, naissance: str, qualite: str, dep: str,
                     spe: str | None, email: str = "") -> int:
    rows = await Praticien.insert(Praticien(rpps=rpps, nom=nom, prenom=prenom, date_naissance=naissance,
                                            qualite=qualite, departement=dep, specialite=spe, email=email)
                                  ).returning(Praticien.id)
    return rows[0]["id"]


async def _coordonnees(praticien_id: int, lignes: list[dict], ordre: int = 0, annonces: int | None = None) -> None:
    ids = []
    for ligne in lignes:
        rows = await Coordonnee.insert(Coordonnee(praticien=praticien_id, **ligne)).returning(Coordonnee.id)
        ids.append(rows[0]["id"])
    adresse = ids[ordre] if lignes[ordre].get("voie") else None
    mobile = ids[ordre] if lignes[ordre].get("mobile") else None
    await Affectation.insert(
        Affectation(praticien=praticien_id, usage="ordre", adresse=adresse, email=ids[ordre], mobile=mobile),
        Affectation(praticien=praticien_id, usage="rpps", adresse=adresse, email=ids[ordre]),
        Affectation(praticien=praticien_id, usage="domicile", adresse=adresse),
    )
    if annonces is not None:
        await Affectation.insert(Affectation(praticien=praticien_id, usage="annonces", email=ids[annonces],
                                             mobile=ids[annonces]))


async def charger_demo() -> bool:
    """Load the demo; returns False when it was already there (the territories are checked on their own, so
    that a demo loaded before them gets them)."""
    territoires = await charger_territoires()
    if await Compte.exists().where(Compte.identifiant == "demo.medecin"):
        return await _charger_suites() or territoires
    fake = Faker("fr_FR")
    fake.seed_instance(2026)
    rnd = random.Random(2026)
    sans_email = random.Random(15)  # its own draws: the rest of the demo stays as it was
    specialites = [r["code"] for r in await Specialite.select(Specialite.code)]
    communes = await CodePostal.select(CodePostal.code_postal, CodePostal.commune.code, CodePostal.commune.nom,
                                       CodePostal.commune.departement.code).where(
        CodePostal.commune.population > 20000)
    async with Compte._meta.db.transaction():
        for ident, mdp, rpps, nom, prenom, naissance, qualite, dep, spe, tableau in IDENTITES:
            pid = await _praticien(rpps, nom, prenom, naissance, qualite, dep, spe, tableau)
            if ident == "demo.medecin":
                await _coordonnees(pid, COORDONNEES_DEMO, ordre=0, annonces=1)
            elif tableau:
                await _coordonnees(pid, [{"email": tableau, "mobile": f"06 {rnd.randint(10, 99)} 12 34 56"}])
            if ident:
                await Compte.insert(Compte(identifiant=ident, mot_de_passe=await hacher_async(mdp), role=qualite,
                                           praticien=pid, actif=True))
        for ident, mdp, role, conseil in ORDRE:
            await Compte.insert(Compte(identifiant=ident, mot_de_passe=await hacher_async(mdp), role=role,
                                       conseil=conseil, actif=True))
        for n in range(NB_FICTIFS):
            lieu = rnd.choice(communes)
            nom, prenom = fake.last_name().upper(), fake.first_name()
            email = f"{fake.user_name()}{n}@exemple.fr"
            pid = await _praticien(rpps_avec_cle(f"1{20000000 + n:09d}"), nom, prenom,
                                   fake.date_of_birth(minimum_age=27, maximum_age=70).isoformat(),
                                   rnd.choices(("medecin", "interne", "docteur_junior"), (8, 1, 1))[0],
                                   lieu["commune.departement.code"], rnd.choice(specialites),
                                   "" if sans_email.random() < PART_SANS_EMAIL else email)
            await _coordonnees(pid, [{
                "voie": fake.street_address(), "code_postal": lieu["code_postal"], "commune": lieu["commune.code"],
                "email": email, "mobile": f"0{rnd.choice('67')} "
                + " ".join(f"{rnd.randint(0, 99):02d}" for _ in range(4)),
            }], annonces=0)
        await charger_annonces(rnd, fake)
        await charger_dossiers(rnd)
        for ident, mdp, rpps, nom, prenom, naissance, qualite, dep, spe, tableau, mobile in IDENTITES_DEMARCHES:
            pid = await _praticien(rpps_avec_cle(rpps[:10]), nom, prenom, naissance, qualite, dep, spe, tableau)
            await _coordonnees(pid, [{"email": tableau, "mobile": mobile}])
            await Compte.insert(Compte(identifiant=ident, mot_de_passe=await hacher_async(mdp), role=qualite,
                                       praticien=pid, actif=True))
    await _charger_suites()
    return True


async def _charger_suites() -> bool:
    """What each story and service adds to the demo, each on its own marker so that a demo loaded before gets it:
    True when one of them loaded something."""
    charges = [await charger() for charger in (charger_parcours, charger_certification, charger_ordonnances,
                                                charger_cotisations, charger_adresse,
                                                charger_contrat, charger_entraide, charger_plaintes)]
    return any(charges)


ENTRAIDE = ("entraide@demo.ordre.test", "Demo-national-2026!")


async def charger_parcours() -> bool:
    """What the démarche stories need beyond the accounts (§6), on its own marker so that a demo loaded before
    gets it: the national account holding the entraide habilitation, demo.junior's dossier at the Rhône, the
    créneaux d'entretien of the Isère and the Rhône."""
    if await Compte.exists().where(Compte.identifiant == ENTRAIDE[0]):
        return False
    async with Compte._meta.db.transaction():
        await Compte.insert(Compte(identifiant=ENTRAIDE[0], mot_de_passe=await hacher_async(ENTRAIDE[1]),
                                   role="national", habilitations="entraide", actif=True))
        junior = await Compte.select(Compte.id, Compte.praticien).where(Compte.identifiant == "demo.junior").first()
        cd69 = await Compte.select(Compte.id).where(Compte.identifiant == "cd69@demo.ordre.test").first()
        if junior and cd69:
            await dossier_du_junior(junior["id"], junior["praticien"], cd69["id"])
        await creneaux_demo()
    return True


if __name__ == "__main__":
    print("Données de démonstration chargées." if asyncio.run(charger_demo()) else "Données de démonstration "
          "déjà présentes.")
