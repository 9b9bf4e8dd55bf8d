"""Paramètres (e-mail per kind, inbox always) and the national role's "Renvoyer" of failed e-mails."""

from __future__ import annotations

from tables.comptes import Compte
from tables.messages import Message, Notification
from tasks import mail, outbox
from tests.support import creer_compte, login, mails, medecin, post


async def test_turning_an_email_off_keeps_the_inbox_copy(client, mail_dir):
    await medecin()
    await login(client)
    page = await client.get("/espace/parametres")
    assert "Recevoir aussi par e-mail" in page.text and "Annonce publiée" in page.text
    kept = ["annonce_transmise", "annonce_refusee", "annonce_fin_proche", "annonce_depubliee"]
    response = await post(client, "/espace/parametres", {"email": kept})
    assert response.status_code == 303
    assert "Vos préférences sont enregistrées." in (await client.get("/espace/parametres?ok=true")).text
    compte = (await Compte.select(Compte.id).first())["id"]
    nid = await outbox.enregistrer(destinataire="c.durand@exemple.fr", sujet="publiée", texte="x", html="x",
                                   nature="annonce_publiee", compte_id=compte, inbox=True)
    assert nid is None and await Notification.count() == 0 and await Message.count() == 1
    assert await outbox.enregistrer(destinataire="c.durand@exemple.fr", sujet="refusée", texte="x", html="x",
                                    nature="annonce_refusee", compte_id=compte, inbox=True)


async def test_national_lists_failed_emails_and_resends_them(client, mail_dir, monkeypatch):
    nid = await outbox.enregistrer(destinataire="inconnu@exemple.fr", sujet="Annonce n°3 : publiée", texte="x",
                                   html="<p>x</p>", nature="annonce_publiee")

    def refuse(_msg):
        raise mail.PermanentFailure("550 5.1.1 Destinataire inconnu")

    monkeypatch.setattr(outbox, "deliver", refuse)
    assert await outbox.envoyer(nid) == "echec"
    monkeypatch.undo()
    await creer_compte("cnom@demo.ordre.test", role="national")
    await creer_compte("cd38@demo.ordre.test", role="gestionnaire", conseil="CD38")
    await login(client, "cd38@demo.ordre.test", url="/gestion/connexion")
    assert (await client.get("/gestion/notifications")).status_code == 403
    await login(client, "cnom@demo.ordre.test", url="/gestion/connexion")
    page = await client.get("/gestion/notifications")
    assert "inconnu@exemple.fr" in page.text and "550 5.1.1" in page.text
    await post(client, f"/gestion/notifications/{nid}/renvoyer")
    assert await outbox.en_attente() == [nid]
    assert await outbox.envoyer(nid) == "envoyee"
    assert [m["To"] for m in mails(mail_dir)] == ["inconnu@exemple.fr"]
