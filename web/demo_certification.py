"""Demo data of certification périodique (SPEC_DEMARCHES §6 stories 8–9), on its own marker so that a demo
loaded before gets it: a carnet for every médecin, demo.medecin "En retard" with bloc 4 empty, demo.radio
(inscribed 02/09/2024) asking for the bloc 3 exemption, demo.rhone without an RPPS e-mail, and the other
doctors at every pace, some RPPS addresses confirmed and one reported by the ANS.
"""

from __future__ import annotations

import random
from datetime import date

from tables.certification import ActionCertification, Carnet, EmailRpps
from tables.comptes import Compte, Praticien
from tables.coordonnees import Affectation
from web.certification import periode
from web.certification.referentiels import referentiel

# demo.medecin's two declared actions: bloc 1 and bloc 2 of the Médecine générale référentiel.
ACTIONS_DEMO = [
    {"bloc": 1, "code": "MG-B1-01", "intitule": "Formation ANDPC : prise en charge de l'insuffisance cardiaque",
     "organisme": "ANDPC", "debut": date(2024, 3, 11), "fin": date(2024, 3, 12), "duree_heures": 14},
    {"bloc": 2, "code": "MG-B2-02", "intitule": "Réunions de concertation pluridisciplinaire de la MSP",
     "organisme": "MSP de Vienne", "debut": date(2025, 1, 6), "fin": date(2025, 12, 15), "duree_heures": 20},
]


async def _praticien(identifiant: str) -> int | None:
    row = await Compte.select(Compte.praticien).where(Compte.identifiant == identifiant).first()
    return row["praticien"] if row else None


async def _adresse_rpps(praticien_id: int) -> str:
    row = await Affectation.select(Affectation.email.email).where(
        (Affectation.praticien == praticien_id) & (Affectation.usage == "rpps")).first()
    return (row or {}).get("email.email") or ""


async def charger_certification() -> bool:
    medecin = await _praticien("demo.medecin")
    if medecin is None or await Carnet.exists().where(Carnet.praticien == medecin):
        return False
    rnd = random.Random(2023)
    async with Carnet._meta.db.transaction():
        radio = await _praticien("demo.radio")
        if radio:
            await Praticien.update({Praticien.inscrit_le: date(2024, 9, 2)}).where(Praticien.id == radio)
        await periode.ouvrir_tous()
        carnet = (await periode.ouvrir(medecin))["id"]
        for action in ACTIONS_DEMO:
            await ActionCertification.insert(ActionCertification(carnet=carnet, statut="declaree", **action))
        await Carnet.update({Carnet.b1: 1, Carnet.b2: 1}).where(Carnet.id == carnet)
        await EmailRpps.insert(EmailRpps(praticien=medecin, confirme=await _adresse_rpps(medecin)))
        if radio:
            await Carnet.update({Carnet.exoneration: "demandee"}).where(Carnet.praticien == radio)
        if rhone := await _praticien("demo.rhone"):
            await Affectation.update({Affectation.email: None}).where(
                (Affectation.praticien == rhone) & (Affectation.usage == "rpps"))
        autres = await Carnet.select(Carnet.id, Carnet.praticien).where(
            Carnet.praticien.not_in([p for p in (medecin, radio) if p]))
        menu = referentiel(None)
        for row in autres:
            comptes = {b: rnd.choice((0, 0, 1, 1, 2, 3)) for b in periode.BLOCS}
            actions = [ActionCertification(
                carnet=row["id"], bloc=b, code=a.code, intitule=a.libelle, statut="declaree",
                debut=date(2023 + rnd.randrange(4), rnd.randint(1, 12), rnd.randint(1, 28)))
                for b, n in comptes.items() for a in rnd.sample(menu.actions(b), n)]
            for a in actions:
                a.fin = a.debut
            if actions:
                await ActionCertification.insert(*actions)
            await Carnet.update({f"b{b}": n for b, n in comptes.items()}).where(Carnet.id == row["id"])
        confirmes = [r["praticien"] for r in autres if rnd.random() < 0.6]
        for pid in confirmes:
            await EmailRpps.insert(EmailRpps(praticien=pid, confirme=await _adresse_rpps(pid)))
        if confirmes:
            signale = confirmes[-1]
            await EmailRpps.update({EmailRpps.signale: await _adresse_rpps(signale),
                                    EmailRpps.signale_motif: "Adresse inconnue du serveur de messagerie"}).where(
                EmailRpps.praticien == signale)
    return True

