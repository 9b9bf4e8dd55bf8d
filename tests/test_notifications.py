"""Notifications over a whole annonce life, exactly once, through a real SMTP server and a real Redis."""

from __future__ import annotations

import dataclasses
import shutil
import socket
import subprocess
import time
from datetime import UTC, datetime, timedelta

import pytest
from aiosmtpd.controller import Controller

from config import settings
from tables import horloge
from tables.annonces import Annonce
from tables.comptes import Compte
from tables.messages import Message, Notification
from tasks import mail, outbox
from tests.annonces_support import creer_annonce
from tests.support import creer_compte, drain, medecin
from web.annonces import echeances, statuts
from web.security import charger_utilisateur


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Boite:
    def __init__(self) -> None:
        self.recus: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.recus.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


@pytest.fixture
def smtp(monkeypatch):
    boite = _Boite()
    port = _port()
    controller = Controller(boite, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setattr(mail, "settings", lambda: dataclasses.replace(settings(), smtp_url=f"smtp://127.0.0.1:{port}"))
    yield boite
    controller.stop()


def _sujets(boite: _Boite) -> list[str]:
    import email
    import email.policy

    return [email.message_from_bytes(c, policy=email.policy.default)["Subject"] for _, c in boite.recus]


async def test_a_whole_annonce_life_sends_exactly_the_expected_emails(smtp):
    pid = await medecin()
    auteur = await charger_utilisateur((await Compte.select(Compte.id).first())["id"])
    gestion = await charger_utilisateur(await creer_compte("cd38@demo.ordre.test", role="gestionnaire",
                                                           conseil="CD38"))
    n = await creer_annonce(pid, statut="brouillon")
    await statuts.appliquer(n, "transmettre", auteur)
    await statuts.appliquer(n, "refuser", gestion, motif="Titre trompeur")
    await statuts.appliquer(n, "transmettre", auteur)  # corrected and sent again
    await statuts.appliquer(n, "accepter", gestion)
    prolongee = horloge.aujourdhui() + timedelta(days=9)
    await statuts.appliquer(n, "prolonger", auteur, valeurs={Annonce.fin_publication: prolongee})
    await statuts.appliquer(n, "depublier", auteur)
    await Annonce.update({Annonce.statut: "publiee", Annonce.fin_publication: horloge.aujourdhui() - timedelta(days=1)}
                         ).where(Annonce.id == n)
    await echeances.expirer()
    assert set(await drain()) == {"envoyee"}
    assert await drain() == []  # nothing left, nothing twice
    prefix = f"Ordre des médecins - Annonce n°{n} : "
    assert _sujets(smtp) == [prefix + s for s in ("transmise", "refusée", "transmise", "publiée", "dépubliée",
                                                  "dépubliée")]
    assert all(rcpt == ["c.durand@exemple.fr"] for rcpt, _ in smtp.recus)
    refus = smtp.recus[1][1].decode()
    assert "Titre trompeur" in refus and "Nous ne pouvons pas donner suite favorable" in refus
    assert await Message.count() == 6  # each also in the inbox


async def test_a_worker_dying_mid_send_leaves_nothing_lost_and_nothing_doubled(smtp):
    pid = await medecin()
    n = await creer_annonce(pid, statut="brouillon")
    auteur = await charger_utilisateur((await Compte.select(Compte.id).first())["id"])
    await statuts.appliquer(n, "transmettre", auteur)
    [nid] = await outbox.en_attente()
    # A worker claimed it and died before sending: the claim keeps others off for a while…
    await Notification.update({Notification.reserve_le: datetime.now(UTC)}).where(Notification.id == nid)
    assert await outbox.en_attente() == [] and await outbox.envoyer(nid) == "deja-traitee"
    # …then the sweep takes it back, and it is sent once.
    await Notification.update({Notification.reserve_le: datetime.now(UTC) - timedelta(minutes=6)}
                              ).where(Notification.id == nid)
    assert await drain() == ["envoyee"]
    assert await drain() == [] and len(smtp.recus) == 1


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")
async def test_redis_down_during_user_actions_then_back(smtp, tmp_path, monkeypatch):
    """A private Redis, stopped while the doctor acts: the actions succeed, the e-mails leave once after."""
    from dramatiq import Worker
    from dramatiq.brokers.redis import RedisBroker

    from tasks import actors

    port = _port()

    def start_redis() -> subprocess.Popen:
        proc = subprocess.Popen([shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                 "--appendonly", "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
        for _ in range(50):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    return proc
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    broker = RedisBroker(url=f"redis://127.0.0.1:{port}/0")
    monkeypatch.setattr(actors.envoyer_notification, "broker", broker)
    broker.declare_actor(actors.envoyer_notification)
    redis = start_redis()
    redis.terminate()
    redis.wait()

    pid = await medecin()
    auteur = await charger_utilisateur((await Compte.select(Compte.id).first())["id"])
    numeros = [await creer_annonce(pid, statut="brouillon") for _ in range(3)]
    for n in numeros:
        resultat = await statuts.appliquer(n, "transmettre", auteur)  # the relay fails quietly
        assert resultat.statut == "en_attente"
    assert len(await outbox.en_attente()) == 3 and smtp.recus == []

    redis = start_redis()
    try:
        actors.relayer(await outbox.en_attente())  # the periodic sweep, once Redis is back
        actors.relayer(await outbox.en_attente())  # …twice: still sent once each
        worker = Worker(broker, worker_threads=1)
        worker.start()
        for _ in range(100):
            if len(smtp.recus) >= 3 and not await outbox.en_attente():
                break
            time.sleep(0.1)
        time.sleep(0.5)
        worker.stop()
    finally:
        redis.terminate()
        redis.wait()
    assert len(smtp.recus) == 3
    assert await Notification.count().where(Notification.envoye_le.is_not_null()) == 3
