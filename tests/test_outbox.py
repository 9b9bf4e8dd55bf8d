"""The outbox: each notification sent once, by file or SMTP; temporary and permanent failures."""

from __future__ import annotations

import dataclasses
import smtplib
import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope

from config import settings
from tables.messages import Message, Notification
from tasks import mail, outbox
from tests.support import creer_compte, mails


async def _record(**kwargs) -> int:
    return await outbox.enregistrer(destinataire="dr@exemple.fr", sujet="Ordre des médecins - Annonce n°84 : "
                                    "transmise", texte="Bonjour,", html="<p>Bonjour,</p>", nature="transmise",
                                    **kwargs)


async def test_each_notification_is_sent_once_with_a_stable_message_id(mail_dir):
    nid = await _record()
    assert await outbox.envoyer(nid) == "envoyee"
    assert await outbox.envoyer(nid) == "deja-traitee"
    [message] = mails(mail_dir)
    row = await Notification.select().where(Notification.id == nid).first()
    assert message["Message-ID"] == row["message_id"] and row["envoye_le"] is not None
    assert message.get_body(("html",)).get_content().strip() == "<p>Bonjour,</p>"
    assert await outbox.en_attente() == []


async def test_a_copy_goes_to_the_inbox_when_asked():
    compte = await creer_compte()
    await _record(compte_id=compte, inbox=True, lien="/espace")
    assert await Message.count().where(Message.compte == compte) == 1


async def test_relay_survives_a_broker_that_is_down(monkeypatch):
    from tasks import actors

    def down(*_):
        raise ConnectionError("redis down")

    monkeypatch.setattr(actors.envoyer_notification, "send", down)
    nid = await _record()
    actors.relayer([nid])  # no exception: the sweep will relay it
    assert await outbox.en_attente() == [nid]


class _Handler:
    def __init__(self, codes: list[str]):
        self.codes = codes
        self.received: list[Envelope] = []

    async def handle_DATA(self, server, session, envelope):
        code = self.codes.pop(0) if self.codes else "250 OK"
        if code.startswith("250"):
            self.received.append(envelope)
        return code


@pytest.fixture
def smtp(monkeypatch):
    def start(codes: list[str]) -> _Handler:
        handler = _Handler(codes)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        monkeypatch.setattr(mail, "settings", lambda: dataclasses.replace(
            settings(), smtp_url=f"smtp://127.0.0.1:{port}"))
        started.append(controller)
        return handler

    started: list[Controller] = []
    yield start
    for controller in started:
        controller.stop()


async def test_smtp_temporary_failure_is_retried_then_sent_once(smtp):
    handler = smtp(["451 4.3.0 Réessayez plus tard"])
    nid = await _record()
    with pytest.raises(smtplib.SMTPDataError):
        await outbox.envoyer(nid)
    assert await outbox.en_attente() == [nid]
    assert await outbox.envoyer(nid) == "envoyee"
    assert await outbox.envoyer(nid) == "deja-traitee"
    assert len(handler.received) == 1
    assert b"Subject: =?utf-8?" in handler.received[0].content or b"Annonce" in handler.received[0].content


async def test_smtp_permanent_failure_is_recorded_and_not_retried(smtp):
    handler = smtp(["550 5.1.1 Destinataire inconnu"])
    nid = await _record()
    assert await outbox.envoyer(nid) == "echec"
    row = await Notification.select().where(Notification.id == nid).first()
    assert row["echec_le"] is not None and "550" in row["erreur"]
    assert await outbox.en_attente() == [] and handler.received == []
