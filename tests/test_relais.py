"""The notification edge: domain code only records; a request or a job relays once, after its transactions."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from tables import horloge
from tables.messages import Notification
from tasks import actors, outbox
from tests.annonces_support import creer_annonce
from tests.support import creer_praticien, drain, mails, medecin, post
from tests.test_inscription import IDENTITE


@pytest.fixture
def relayees(monkeypatch) -> list[tuple[int, bool]]:
    """What reaches the broker: each id, and whether its row was committed when it left (read afresh)."""
    envois: list[tuple[int, bool]] = []

    def send(nid: int) -> None:  # runs in a thread (the web edge) or the actor thread (jobs)
        committed = asyncio.run(Notification.exists().where(Notification.id == nid).run())
        envois.append((nid, committed))

    monkeypatch.setattr(actors.envoyer_notification, "send", send)
    return envois


async def test_a_request_relays_its_mail_once_after_its_transaction(client, relayees, mail_dir):
    await creer_praticien(email=None, tableau="camille@exemple.fr")
    response = await post(client, "/inscription", IDENTITE, htmx=True)
    assert "c****@exemple.fr" in response.text
    [nid] = [r["id"] for r in await Notification.select(Notification.id)]
    assert relayees == [(nid, True)]
    assert await drain() == ["envoyee"] and len(mails(mail_dir)) == 1
    await client.get("/connexion")  # a request that records nothing relays nothing
    assert relayees == [(nid, True)]


async def test_a_job_relays_its_mails_once_at_its_end(relayees, mail_dir):
    pid = await medecin()
    numero = await creer_annonce(pid, fin=horloge.aujourdhui() + timedelta(days=7))
    await asyncio.to_thread(actors.rappeler_fins_proches.fn)  # as the worker runs it
    [nid] = [r["id"] for r in await Notification.select(Notification.id)]
    assert relayees == [(nid, True)]
    await asyncio.to_thread(actors.rappeler_fins_proches.fn)  # the next day's run (same key): nothing new
    assert relayees == [(nid, True)]
    assert await drain() == ["envoyee"]
    [message] = mails(mail_dir)
    assert message["Subject"] == f"Ordre des médecins - Annonce n°{numero} : fin de publication proche"


async def test_domain_code_alone_relays_nothing_and_the_sweep_catches_it(relayees):
    nid = await outbox.enregistrer(destinataire="dr@exemple.fr", sujet="Objet", texte="Bonjour", html="<p>Bonjour</p>",
                                   nature="transmise")
    assert relayees == []
    await asyncio.to_thread(actors.relayer_en_attente.fn)  # the minute sweep
    assert relayees == [(nid, True)]
