"""The one clock: moving it (the demo clock) moves what dates decide — J-7 reminders, expiry, retention.

Fixed dates far from the real one, so that the real clock alone never gives the same answer.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tables import horloge
from tables.annonces import Annonce, AnnonceEvenement
from tests.annonces_support import creer_annonce
from tests.support import medecin
from web.annonces import echeances

JOUR = date(2031, 3, 1)


def _aller_au(jour: date) -> None:
    midi = datetime(jour.year, jour.month, jour.day, 12, tzinfo=horloge.PARIS)
    horloge.decaler(midi - datetime.now(UTC))


@pytest.fixture(autouse=True)
def horloge_remise():
    yield
    horloge.decaler(timedelta(0))


def test_decaler_moves_today_and_now_then_puts_them_back():
    _aller_au(JOUR)
    assert horloge.aujourdhui() == JOUR and horloge.maintenant().date() == JOUR
    horloge.decaler(timedelta(0))
    assert horloge.aujourdhui() != JOUR and abs(horloge.maintenant() - datetime.now(UTC)) < timedelta(seconds=5)


async def test_j_moins_7_reminder_follows_the_clock():
    pid = await medecin()
    await creer_annonce(pid, fin=date(2031, 3, 8))
    assert await echeances.rappeler() == 0  # the real clock: years before
    _aller_au(date(2031, 2, 28))
    assert await echeances.rappeler() == 0  # J-8
    _aller_au(JOUR)
    assert await echeances.rappeler() == 1  # J-7


async def test_expiry_follows_the_clock():
    pid = await medecin()
    numero = await creer_annonce(pid, fin=date(2031, 2, 28))
    assert await echeances.expirer() == 0
    _aller_au(date(2031, 2, 28))
    assert await echeances.expirer() == 0  # its last day
    _aller_au(JOUR)
    assert await echeances.expirer() == 1
    row = await Annonce.select(Annonce.statut, Annonce.maj_le).where(Annonce.id == numero).first()
    event = await AnnonceEvenement.select(AnnonceEvenement.le).where(AnnonceEvenement.annonce == numero).first()
    assert row["statut"] == "depubliee"
    assert row["maj_le"].date() == event["le"].date() == JOUR  # its timestamps read the same clock


async def test_retention_follows_the_clock():
    pid = await medecin()
    await creer_annonce(pid, statut="depubliee", fin=date(2030, 2, 27))
    assert await echeances.purger() == 0
    _aller_au(date(2031, 2, 27))
    assert await echeances.purger() == 0  # 365 days after its end, still kept
    _aller_au(JOUR)
    assert await echeances.purger() == 1
    assert await Annonce.count() == 0


async def test_rows_written_through_the_orm_take_their_timestamps_from_the_clock():
    _aller_au(JOUR)
    numero = await creer_annonce(await medecin(), statut="brouillon")
    row = await Annonce.select(Annonce.cree_le, Annonce.maj_le).where(Annonce.id == numero).first()
    assert row["cree_le"].date() == row["maj_le"].date() == JOUR
