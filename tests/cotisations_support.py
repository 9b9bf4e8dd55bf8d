"""What the cotisation tests share: a cotisation row, the day the clock says, the job, the e-mails recorded."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tables import horloge
from tables.cotisations import AppelCotisation, Cotisation
from tables.messages import Notification
from tests.support import au_bord
from tests.support_documents import le
from web.cotisations import envois


async def cotisation(praticien: int, annee: int = 2027, montant: int = 33500, regle: int = 0,
                     departement: str = "38") -> int:
    """One médecin's cotisation of `annee`, its call already e-mailed; `regle` ≥ `montant` means paid on 12/02."""
    rows = await Cotisation.insert(Cotisation(
        praticien=praticien, departement=departement, annee=annee, montant=montant, echeance=date(annee, 3, 31),
        regle=regle, payee_le=date(annee, 2, 12) if regle >= montant else None, avise_le=date(annee, 1, 1),
    )).returning(Cotisation.id)
    return rows[0]["id"]


async def appel(annee: int = 2027, montant: int = 33500) -> None:
    await AppelCotisation.insert(AppelCotisation(annee=annee, montant=montant, echeance=date(annee, 3, 31)))


@pytest.fixture(autouse=True)
def horloge_remise():
    yield
    horloge.decaler(timedelta(0))


async def job(jour: date) -> dict:
    """The daily job on `jour`, as the scheduler runs it (what it records relayed at its end)."""
    le(jour)
    return await au_bord(envois.quotidien())


async def sujets() -> list[str]:
    return [r["sujet"] for r in await Notification.select(Notification.sujet).order_by(Notification.id)]
