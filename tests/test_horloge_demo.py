"""The "Horloge de démonstration" (SPEC_DEMARCHES §6): national staff move "today" for every rule and job,
in the demo only; the day is shared through the database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from config import settings
from tables import horloge
from tables.demarches import Dossier
from tables.horloge import HorlogeDemo
from tests.support import login, post
from tests.support_documents import en_instruction
from web.horloge import rules
from web.templating import date_fr


async def _aujourdhui() -> date:
    return horloge.aujourdhui()


@pytest.fixture
async def demo(monkeypatch):
    monkeypatch.setattr(rules, "settings", lambda: replace(settings(), demo=True))
    yield
    await horloge.regler_demo(timedelta(0))


async def test_outside_the_demo_the_page_says_why_and_nothing_moves(client):
    await en_instruction()
    await login(client, "cnom@t.fr", url="/gestion/connexion")
    page = (await client.get("/gestion/horloge")).text
    assert "L&#39;horloge de démonstration n&#39;existe que dans la démonstration" in page
    assert "Revenir à la date réelle" not in page and "+1 jour" not in page
    r = await post(client, "/gestion/horloge", {"action": "mois"})
    assert r.status_code == 409 and not await HorlogeDemo.exists()
    assert horloge.decalage_demo() == timedelta(0)


async def test_the_demo_clock_moves_a_deadline_badge_for_every_process(client, demo):
    d = await en_instruction()
    reel = horloge.aujourdhui()
    await Dossier.update({Dossier.echeance: reel + timedelta(days=40), Dossier.suivi_par: None}).where(
        Dossier.id == d["id"])
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    assert "Rejet implicite dans" not in (await client.get("/gestion/demarches")).text
    await post(client, "/deconnexion", {})
    await login(client, "cnom@t.fr", url="/gestion/connexion")
    page = (await client.get("/gestion/horloge")).text
    assert f"Nous sommes le <strong>{date_fr(reel)}</strong> (date réelle)" in page
    cible = reel + timedelta(days=30)
    assert (await post(client, "/gestion/horloge", {"action": "date", "date": cible.isoformat()})).status_code == 303
    page = (await client.get("/gestion/horloge")).text
    assert f"Nous sommes le <strong>{date_fr(cible)}</strong> (date de démonstration)" in page
    assert (await post(client, "/gestion/horloge", {"action": "jour"})).status_code == 303
    assert horloge.aujourdhui() == cible + timedelta(days=1)
    # Another process (worker, scheduler) reads the same day from the database, before each job.
    horloge._demo, horloge._lu_a = timedelta(0), float("-inf")
    assert await rules.avec_horloge(_aujourdhui()) == cible + timedelta(days=1)
    await post(client, "/deconnexion", {})
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    assert "Rejet implicite dans 9 jours" in (await client.get("/gestion/demarches")).text
    await post(client, "/deconnexion", {})
    await login(client, "cnom@t.fr", url="/gestion/connexion")
    r = await post(client, "/gestion/horloge", {"action": "date", "date": "31/02"})
    assert r.status_code == 422 and "Indiquez une date valide, au format jj/mm/aaaa." in r.text
    assert (await post(client, "/gestion/horloge", {"action": "reel"})).status_code == 303
    assert horloge.aujourdhui() == reel and "(date réelle)" in (await client.get("/gestion/horloge")).text


async def test_only_national_staff_reach_it(client, demo):
    await en_instruction()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    assert (await client.get("/gestion/horloge")).status_code == 403
    assert (await post(client, "/gestion/horloge", {"action": "mois"})).status_code == 403
    assert horloge.decalage_demo() == timedelta(0)


async def test_the_historique_and_the_thread_are_dated_by_the_clock_too():
    from tables.demarches import DossierEvenement
    from tables.pieces import DossierMessage

    horloge.decaler(timedelta(days=40))
    try:
        d = await en_instruction()
        await DossierMessage.insert(DossierMessage(dossier=d["id"], auteur=d["compte"], texte="Bonjour"))
        jour = horloge.aujourdhui()
        evenements = await DossierEvenement.select(DossierEvenement.le).where(DossierEvenement.dossier == d["id"])
        assert evenements and all(e["le"].astimezone(horloge.PARIS).date() == jour for e in evenements)
        message = await DossierMessage.select(DossierMessage.le).first()
        assert message["le"].astimezone(horloge.PARIS).date() == jour
    finally:
        horloge.decaler(timedelta(0))


async def test_a_december_evening_moved_to_april_stays_on_the_day_asked(demo):
    """At 23:40 in Paris (22:40 UTC) on 06/12/2026, « 15/04/2027 » is 15/04 in Paris (summer time: 21:40 UTC),
    not the next day as whole days of offset gave."""
    reel = datetime(2026, 12, 6, 22, 40, tzinfo=UTC)
    horloge.decaler(reel - datetime.now(UTC))
    try:
        await rules.regler("date", date(2027, 4, 15))
        assert horloge.aujourdhui() == date(2027, 4, 15)
        assert horloge.maintenant().astimezone(horloge.PARIS).strftime("%H:%M") == "23:40"
        await rules.regler("jour")
        assert horloge.aujourdhui() == date(2027, 4, 16)
    finally:
        horloge.decaler(timedelta(0))
