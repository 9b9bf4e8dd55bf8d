"""Scheduled jobs, with the date passed in (no sleeping on the wall clock): expiry, J-7, digest."""

from __future__ import annotations

from datetime import date, timedelta

from tables import horloge
from tables.annonces import Annonce, AnnonceEvenement
from tables.messages import Message
from tests.annonces_support import creer_annonce
from tests.support import creer_compte, drain, mails, medecin
from web.annonces.echeances import digest, expirer, rappeler


async def test_expiry_depublishes_once_and_notifies(mail_dir):
    pid = await medecin()
    fin = horloge.aujourdhui() + timedelta(days=10)
    numero = await creer_annonce(pid, fin=fin)
    assert await expirer(fin) == 0  # still on its last day
    assert await expirer(fin + timedelta(days=1)) == 1
    assert await expirer(fin + timedelta(days=1)) == 0
    assert (await Annonce.select(Annonce.statut).first())["statut"] == "depubliee"
    event = await AnnonceEvenement.select().where(AnnonceEvenement.annonce == numero).first()
    assert event["acteur_libelle"] == "MonEspace" and event["vers"] == "depubliee"
    await drain()
    [message] = mails(mail_dir)
    assert message["Subject"] == f"Ordre des médecins - Annonce n°{numero} : dépubliée"


async def test_reminder_seven_days_before_once(mail_dir):
    pid = await medecin()
    fin = horloge.aujourdhui() + timedelta(days=20)
    numero = await creer_annonce(pid, fin=fin)
    veille = fin - timedelta(days=7)
    assert await rappeler(veille - timedelta(days=1)) == 0
    assert await rappeler(veille) == 1
    assert await rappeler(veille) == 0
    await drain()
    [message] = mails(mail_dir)
    assert message["Subject"] == f"Ordre des médecins - Annonce n°{numero} : fin de publication proche"
    assert f"/annonces/gerer#annonce-{numero}" in message.get_body(("plain",)).get_content()
    assert await Message.count() == 1  # and in the inbox


async def test_digest_goes_to_each_gestionnaire_of_councils_with_pending_annonces(mail_dir):
    isere = await medecin()
    rhone = await medecin("dr.rhone", rpps="10003456786", departement="69", email="rhone@exemple.fr")
    await creer_compte("cd38@demo.ordre.test", role="gestionnaire", conseil="CD38")
    await creer_compte("cd38-bis@demo.ordre.test", role="gestionnaire", conseil="CD38")
    await creer_compte("cd69@demo.ordre.test", role="gestionnaire", conseil="CD69")
    await creer_annonce(isere, statut="en_attente")
    await creer_annonce(isere, statut="en_attente")
    await creer_annonce(rhone, statut="publiee", departement="69")
    jour = date(2027, 3, 1)
    assert await digest(jour) == 2
    assert await digest(jour) == 0
    await drain()
    sent = mails(mail_dir)
    assert sorted(m["To"] for m in sent) == ["cd38-bis@demo.ordre.test", "cd38@demo.ordre.test"]
    assert all(m["Subject"] == "Annonces en attente de publication" for m in sent)
    assert "2 annonces à traiter" in sent[0].get_body(("plain",)).get_content()
    assert await digest(jour + timedelta(days=1)) == 2
