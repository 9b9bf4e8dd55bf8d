"""The entretien confraternel (SPEC_DEMARCHES §2.6, story 3): créneaux published, taken once, E6 with an .ics."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from litestar.testing import AsyncTestClient

from config import settings
from tables import horloge
from tables.demarches import DossierEvenement
from tables.rendezvous import Creneau
from tests.rendezvous_support import connecter, en_instruction, regler
from tests.support import drain, login, mails, post


@pytest.fixture(autouse=True)
def horloge_fixe():
    regler(2026, 12, 7)
    yield
    horloge.decaler(timedelta(0))


CRENEAUX = ({"date": "2026-12-10", "heure": "14:00", "duree": "30", "visio": "on", "conseiller": "Dr Martin"},
            {"date": "2026-12-11", "heure": "09:30", "duree": "45", "lieu": "Siège du conseil, Grenoble",
             "conseiller": "Dr Bernard"})


async def _publier(client) -> list[int]:
    for c in CRENEAUX:
        assert (await post(client, "/gestion/calendriers/38/creneaux", c)).status_code == 303
    return [r["id"] for r in await Creneau.select(Creneau.id).order_by(Creneau.debut)]


async def test_the_council_publishes_and_the_applicant_takes_one_with_e6_and_its_calendar(client, mail_dir):
    numero = await en_instruction()
    await connecter(client, "cd38@t.fr")
    r = await post(client, "/gestion/calendriers/38/creneaux", {**CRENEAUX[0], "conseiller": ""})
    assert r.status_code == 422 and "Ce champ est obligatoire." in r.text and 'value="2026-12-10"' in r.text
    r = await post(client, "/gestion/calendriers/38/creneaux", {**CRENEAUX[0], "date": "2026-12-01"})
    assert "Le créneau doit être dans le futur." in r.text
    premier, _ = await _publier(client)
    page = (await client.get("/gestion/calendriers/38/creneaux")).text
    assert "10/12/2026" in page and "14h00" in page and "Visioconférence" in page and "Dr Bernard" in page
    await drain()
    await connecter(client, "alice.leroy")
    page = (await client.get(f"/demarches/{numero}")).text
    assert page.count("Choisir ce créneau</button>") == 2 and "Siège du conseil, Grenoble" in page
    assert (await post(client, f"/demarches/{numero}/entretien", {"creneau": premier})).status_code == 303
    page = (await client.get(f"/demarches/{numero}")).text
    assert "Votre rendez-vous : le 10/12/2026 à 14h00 (30 min) — Visioconférence — avec Dr Martin." in page
    assert "Étape 8 sur 10 — Entretien confraternel" in page and "Choisir ce créneau</button>" not in page
    assert "Entretien fixé" in page  # the applicant's Historique names the event
    await drain()
    m = mails(mail_dir)[-1]
    assert m["Subject"] == f"Ordre des médecins - Demande n°{numero} : convocation à un entretien"
    texte = m.get_body(("plain",)).get_content()
    assert "le 10/12/2026 à 14h00" in texte and "Lieu : Visioconférence" in texte
    assert "Interlocuteur : Dr Martin" in texte and "Pour changer de créneau, connectez-vous à Mon Espace." in texte
    calendrier = [p for p in m.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(calendrier) == 1 and calendrier[0].get_filename() == "entretien.ics"
    ics = calendrier[0].get_content()
    assert "DTSTART:20261210T130000Z" in ics and "DTEND:20261210T133000Z" in ics  # 14h00 Paris is 13h00 UTC


async def test_a_taken_slot_disappears_for_others_and_a_second_click_is_told_why(client):
    numero = await en_instruction()
    autre = await en_instruction("bruno.petit", rpps="10001234567", nom="PETIT", staff=False)
    await connecter(client, "cd38@t.fr")
    premier, second = await _publier(client)
    await connecter(client, "alice.leroy")
    await post(client, f"/demarches/{numero}/entretien", {"creneau": premier})
    await connecter(client, "bruno.petit")
    page = (await client.get(f"/demarches/{autre}")).text
    assert page.count("Choisir ce créneau</button>") == 1 and "Dr Martin" not in page
    r = await post(client, f"/demarches/{autre}/entretien", {"creneau": premier})
    assert r.status_code == 422
    assert "Ce créneau vient d&#39;être choisi par un autre candidat : choisissez-en un autre." in r.text
    assert (await Creneau.select().where(Creneau.id == premier).first())["dossier"] is not None


@pytest.mark.skipif(settings().sqlite_path is not None, reason="parallel writers: PostgreSQL")
async def test_two_applicants_clicking_the_same_slot_at_once_give_one_booking(client):
    from web.app import create_app

    numeros = [await en_instruction(), await en_instruction("bruno.petit", rpps="10001234567", nom="PETIT",
                                                           staff=False)]
    await connecter(client, "cd38@t.fr")
    premier, _ = await _publier(client)
    app = create_app()
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as a, \
            AsyncTestClient(app=app, base_url="http://testserver.local") as b:
        await login(a, "alice.leroy")
        await login(b, "bruno.petit")
        reponses = await asyncio.gather(*(post(c, f"/demarches/{n}/entretien", {"creneau": premier})
                                          for c, n in zip((a, b), numeros, strict=True)))
    assert sorted(r.status_code for r in reponses) == [303, 422]
    assert await DossierEvenement.count().where(DossierEvenement.action == "entretien_fixe") == 1


async def test_one_other_slot_may_be_asked_then_the_thread_is_the_way(client, mail_dir):
    numero = await en_instruction()
    await connecter(client, "cd38@t.fr")
    premier, second = await _publier(client)
    await connecter(client, "alice.leroy")
    await post(client, f"/demarches/{numero}/entretien", {"creneau": premier})
    r = await post(client, f"/demarches/{numero}/entretien", {"creneau": second})
    assert r.status_code == 422 and "Vous avez déjà un rendez-vous" in r.text
    assert (await post(client, f"/demarches/{numero}/entretien/autre", {})).status_code == 303
    assert (await Creneau.select().where(Creneau.id == premier).first())["dossier"] is None
    page = (await client.get(f"/demarches/{numero}")).text
    assert page.count("Choisir ce créneau</button>") == 2
    await post(client, f"/demarches/{numero}/entretien", {"creneau": second})
    r = await post(client, f"/demarches/{numero}/entretien/autre", {})
    assert r.status_code == 422 and "Vous avez déjà demandé un autre créneau" in r.text
    await drain()
    sujets = [m["Subject"] for m in mails(mail_dir)]
    assert sujets.count(f"Ordre des médecins - Demande n°{numero} : convocation à un entretien") == 2


async def test_the_gestionnaire_sets_the_slot_then_records_it_done_or_missed(client, mail_dir):
    numero = await en_instruction()
    await connecter(client, "cd38@t.fr")
    premier, second = await _publier(client)
    assert (await post(client, f"/gestion/demarches/{numero}/entretien", {"creneau": premier})).status_code == 303
    r = await post(client, f"/gestion/demarches/{numero}/entretien/realise", {})
    assert r.status_code == 422 and "Aucun entretien passé n&#39;attend son compte rendu." in r.text
    assert (await post(client, f"/gestion/demarches/{numero}/entretien", {"creneau": second})).status_code == 303
    assert (await Creneau.select().where(Creneau.id == premier).first())["dossier"] is None  # moved
    regler(2026, 12, 11, 11)
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Entretien réalisé</button>" in page and "Absent</button>" in page
    assert (await post(client, f"/gestion/demarches/{numero}/entretien/absent", {})).status_code == 303
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Absent à l&#39;entretien du 11/12/2026" in page
    await drain()
    assert sum("convocation à un entretien" in m["Subject"] for m in mails(mail_dir)) == 2
    # Missed: a new slot, then done.
    await connecter(client, "cd38@t.fr")
    await post(client, "/gestion/calendriers/38/creneaux", {**CRENEAUX[0], "date": "2026-12-14"})
    nouveau = (await Creneau.select(Creneau.id).order_by(Creneau.debut, ascending=False).first())["id"]
    await post(client, f"/gestion/demarches/{numero}/entretien", {"creneau": nouveau})
    regler(2026, 12, 14, 15)
    await post(client, f"/gestion/demarches/{numero}/entretien/realise", {})
    await connecter(client, "alice.leroy")
    page = (await client.get(f"/demarches/{numero}")).text
    assert "Entretien réalisé le 14/12/2026" in page


async def test_a_free_slot_can_be_deleted_a_booked_one_not(client):
    numero = await en_instruction()
    await connecter(client, "cd38@t.fr")
    premier, second = await _publier(client)
    await post(client, f"/gestion/demarches/{numero}/entretien", {"creneau": premier})
    r = await post(client, f"/gestion/calendriers/38/creneaux/{premier}/supprimer", {})
    assert r.status_code == 422 and "Ce créneau a déjà été choisi ou supprimé." in r.text
    assert (await post(client, f"/gestion/calendriers/38/creneaux/{second}/supprimer", {})).status_code == 303
    assert await Creneau.count() == 1


async def test_another_council_gets_the_french_404_on_every_route(client):
    numero = await en_instruction()
    await connecter(client, "cd38@t.fr")
    premier, _ = await _publier(client)
    await connecter(client, "cd69@t.fr")
    for r in (await client.get("/gestion/calendriers/38/creneaux"),
              await post(client, "/gestion/calendriers/38/creneaux", CRENEAUX[0]),
              await post(client, f"/gestion/calendriers/38/creneaux/{premier}/supprimer", {}),
              await post(client, f"/gestion/demarches/{numero}/entretien", {"creneau": premier}),
              await post(client, f"/gestion/demarches/{numero}/entretien/realise", {})):
        assert r.status_code == 404 and "Page introuvable" in r.text
    assert await Creneau.count() == 2 and (await Creneau.select().first())["dossier"] is None
    await connecter(client, "cnom@t.fr")
    assert "Dr Martin" in (await client.get("/gestion/calendriers/38/creneaux")).text


async def test_the_reminder_goes_two_days_before_once(client, mail_dir):
    from web.demarches import entretien

    numero = await en_instruction()
    await connecter(client, "cd38@t.fr")
    premier, _ = await _publier(client)
    await post(client, f"/gestion/demarches/{numero}/entretien", {"creneau": premier})
    assert await entretien.rappeler() == 0  # 07/12: the 10/12 appointment is three days ahead
    regler(2026, 12, 8, 8, 15)
    assert await entretien.rappeler() == 1
    assert await entretien.rappeler() == 0  # once
    await drain()
    rappel = mails(mail_dir)[-1]
    assert rappel["Subject"] == f"Ordre des médecins - Demande n°{numero} : convocation à un entretien"
    assert "Rappel : Vous êtes convoqué(e) à un entretien confraternel le 10/12/2026 à 14h00." in \
        rappel.get_body(("plain",)).get_content()
    assert any(p.get_content_type() == "text/calendar" for p in rappel.iter_attachments())
