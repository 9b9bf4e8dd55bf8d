"""Drafts left aside (SPEC_DEMARCHES §1, §2.5): E13 once after 7 idle days and once at J-30, then the purge."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tables import horloge
from tables.comptes import Compte
from tables.demarches import Dossier, DossierEvenement
from tests.support import drain, mails, medecin
from tests.support_documents import le
from web.demarches import brouillons, rules
from web.demarches.registre import type_de
from web.security import charger_utilisateur


async def _brouillon(jour: date) -> dict:
    pid = await medecin("alice.leroy", qualite="interne", rpps="10009876540", nom="LEROY", prenom="Alice",
                        email="alice.leroy@exemple.fr")
    c = await Compte.select(Compte.id).where(Compte.praticien == pid).first()
    d = await rules.commencer(await charger_utilisateur(c["id"]), type_de("inscription"), {"docteur_junior": "oui"})
    await Dossier.update({Dossier.maj_le: datetime(jour.year, jour.month, jour.day, 9, tzinfo=UTC)}).where(
        Dossier.id == d["id"])
    return d


async def _job() -> tuple[int, int]:
    return await brouillons.relancer(), await brouillons.purger()


async def test_e13_once_after_seven_idle_days_once_at_j30_then_the_purge(mail_dir):
    d = await _brouillon(date(2026, 11, 2))
    try:
        le(date(2026, 11, 8))
        assert await _job() == (0, 0)
        le(date(2026, 11, 9))
        assert await _job() == (1, 0) and await _job() == (0, 0)  # run twice: nothing more
        le(date(2027, 10, 2))
        assert await _job() == (0, 0)
        le(date(2027, 10, 3))
        assert await _job() == (1, 0) and await _job() == (0, 0)
        le(date(2027, 11, 1))
        assert await _job() == (0, 0)
        le(date(2027, 11, 2))
        assert await _job() == (0, 1)
    finally:
        horloge.decaler(timedelta(0))
    assert not await Dossier.exists() and not await DossierEvenement.exists()
    await drain()
    recus = mails(mail_dir)
    sujet = f"Ordre des médecins - Demande n°{d['numero']} : demande non transmise"
    assert [m["Subject"] for m in recus] == [sujet, sujet]
    textes = [m.get_body(("plain",)).get_content() for m in recus]
    assert all("Vous pouvez la reprendre là où vous l'aviez laissée." in t for t in textes)
    assert "ce brouillon sera supprimé le 02/11/2027" in textes[1]


async def test_a_draft_taken_up_again_is_reminded_again_and_kept():
    d = await _brouillon(date(2026, 11, 2))
    try:
        le(date(2026, 11, 10))
        assert await _job() == (1, 0)
        await Dossier.update({Dossier.maj_le: horloge.maintenant()}).where(Dossier.id == d["id"])
        assert await _job() == (0, 0)
        le(date(2026, 11, 17))
        assert await _job() == (1, 0)
        le(date(2027, 11, 3))
        assert await _job() == (1, 0)  # J-30 of the new purge day (10/11/2027)
    finally:
        horloge.decaler(timedelta(0))
    assert await Dossier.exists()
