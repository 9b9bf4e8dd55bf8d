"""Contacter l'auteur: relayed by e-mail and inbox, the author's address never shown, rate limited."""

from __future__ import annotations

from tables.messages import Message
from tests.annonces_support import creer_annonce
from tests.support import drain, login, mails, medecin, post


async def test_a_message_is_relayed_without_revealing_the_authors_address(client, mail_dir):
    auteur = await medecin("dr.auteur", rpps="10101473782", email="auteur.secret@exemple.fr")
    await medecin()
    numero = await creer_annonce(auteur, titre="Cherche remplaçant")
    await login(client)
    page = (await client.get(f"/annonces/{numero}")).text
    assert "Contacter l'auteur" in page and "auteur.secret@exemple.fr" not in page
    response = await post(client, f"/annonces/{numero}/contacter",
                          {"message": "Bonjour, je suis disponible en août.", "repondre_a": "c.durand@exemple.fr"},
                          htmx=True)
    assert response.status_code == 200 and "Votre message est transmis" in response.text
    assert "auteur.secret@exemple.fr" not in response.text
    await drain()
    [message] = mails(mail_dir)
    assert message["To"] == "auteur.secret@exemple.fr" and message["Reply-To"] == "c.durand@exemple.fr"
    assert "je suis disponible en août" in message.get_body(("plain",)).get_content()
    assert await Message.count() == 1


async def test_reply_address_must_be_the_senders_own_and_sending_is_limited(client):
    auteur = await medecin("dr.auteur", rpps="10101473782", email="auteur@exemple.fr")
    await medecin()
    numero = await creer_annonce(auteur)
    await login(client)
    bad = await post(client, f"/annonces/{numero}/contacter", {"message": "Bonjour", "repondre_a": "x@evil.example"},
                     htmx=True)
    assert bad.status_code == 422 and "Choisissez une de vos adresses e-mail." in bad.text
    for _ in range(5):
        ok = await post(client, f"/annonces/{numero}/contacter",
                        {"message": "Bonjour", "repondre_a": "c.durand@exemple.fr"}, htmx=True)
        assert ok.status_code == 200
    limited = await post(client, f"/annonces/{numero}/contacter",
                         {"message": "Encore", "repondre_a": "c.durand@exemple.fr"}, htmx=True)
    assert limited.status_code == 422 and "beaucoup de messages" in limited.text
    assert 'Encore</textarea>' in limited.text


async def test_only_logged_in_doctors_can_contact(client):
    auteur = await medecin("dr.auteur", rpps="10101473782", email="auteur@exemple.fr")
    numero = await creer_annonce(auteur)
    response = await client.post(f"/annonces/{numero}/contacter", data={"message": "x"}, follow_redirects=False)
    assert response.status_code in (303, 403)
