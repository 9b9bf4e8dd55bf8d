"""Demo data of the cotisations (SPEC_DEMARCHES §6 story 10), on its own marker (the 2027 call) so that a demo
loaded before gets it: the 2027 call already issued to every demo médecin (335,00 €, due 31/03/2027);
demo.rhone "À payer", demo.radio paid by virement, demo.medecin a partial chèque, a third of the others paid.
The call's e-mails are left to the daily job (its first run sends them, into var/mail/).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from tables import horloge
from tables.comptes import Compte
from tables.cotisations import AppelCotisation, Cotisation
from web.cotisations import envois, rules

APPEL = {"annee": 2027, "montant": 33500, "echeance": date(2027, 3, 31)}


async def _cotisation(identifiant: str) -> dict | None:
    compte = await Compte.select(Compte.praticien).where(Compte.identifiant == identifiant).first()
    return await Cotisation.select().where(
        (Cotisation.praticien == compte["praticien"]) & (Cotisation.annee == APPEL["annee"])).first() \
        if compte else None


async def charger_cotisations() -> bool:
    if not await Compte.exists().where(Compte.identifiant == "demo.rhone") or \
            await AppelCotisation.exists().where(AppelCotisation.annee == APPEL["annee"]):
        return False
    jour, rnd = horloge.aujourdhui(), random.Random(2027)
    async with rules.transaction():
        await AppelCotisation.insert(AppelCotisation(**APPEL))
        await envois.creer(APPEL, jour)
        if radio := await _cotisation("demo.radio"):
            await rules.regler(radio, jour - timedelta(days=3), APPEL["montant"], "virement", "VIR SEPA FAURE")
        if medecin := await _cotisation("demo.medecin"):
            await rules.regler(medecin, jour - timedelta(days=5), 10000, "cheque", "Chèque n° 0004512")
        demos = {c["id"] for c in (radio, medecin, await _cotisation("demo.rhone")) if c}
        for c in await Cotisation.select().where(Cotisation.annee == APPEL["annee"]).order_by(Cotisation.id):
            if c["id"] not in demos and rnd.random() < 1 / 3:
                await rules.regler(c, jour - timedelta(days=rnd.randint(1, 20)), c["montant"],
                                   rnd.choice(list(rules.MODES)), "")
    return True
