"""The one inbox (issue 18 item 4): one thread per subject, newest activity first, unread counts per thread and
in the header, a search over one's own messages, a link to what the thread is about, e-mail copies marked."""

from __future__ import annotations

import re

from tables.comptes import Compte
from tables.messages import Message
from tests.annonces_support import creer_annonce
from tests.support import creer_compte, drain, login, medecin, post
from web.annonces import statuts
from web.security import charger_utilisateur


def _texte(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


async def _compte(identifiant: str) -> int:
    return (await Compte.select(Compte.id).where(Compte.identifiant == identifiant).first())["id"]


async def test_one_thread_per_annonce_and_per_contact_exchange_newest_first(client):
    pid = await medecin()
    await medecin("dr.autre", rpps="10101473782", email="autre@exemple.fr", prenom="Louis", nom="GARNIER")
    auteur = await charger_utilisateur(await _compte("dr.durand"))
    gestion = await charger_utilisateur(await creer_compte("cd38@demo.ordre.test", role="gestionnaire",
                                                           conseil="CD38"))
    premiere = await creer_annonce(pid, statut="brouillon", titre="Cherche remplaçant à Voiron")
    seconde = await creer_annonce(pid, statut="brouillon", titre="Collaboration à Vienne")
    await statuts.appliquer(premiere, "transmettre", auteur)
    await statuts.appliquer(seconde, "transmettre", auteur)
    await statuts.appliquer(premiere, "refuser", gestion, motif="Titre trompeur")
    await statuts.appliquer(premiere, "transmettre", auteur)
    await statuts.appliquer(premiere, "accepter", gestion)
    await drain()
    # Two messages from the same colleague about the published annonce: one exchange, one thread.
    await login(client, "dr.autre")
    for texte in ("Bonjour, je suis disponible en août.", "Et aussi en septembre."):
        envoi = await post(client, f"/annonces/{premiere}/contacter", {"message": texte,
                                                                      "repondre_a": "autre@exemple.fr"}, htmx=True)
        assert "Votre message est transmis" in envoi.text
    assert await Message.count().where(Message.sujet_type == "contact") == 2
    client.cookies.clear()
    await login(client)
    inbox = (await client.get("/espace/messages")).text
    titres = re.findall(r'<h2 class="fil__titre"><a href="([^"]+)">([^<]+)</a>', inbox)
    assert [t for _, t in titres] == [
        f"Message de Louis GARNIER à propos de l&#39;annonce n°{premiere}",
        f"Annonce n°{premiere} · Cherche remplaçant à Voiron",
        f"Annonce n°{seconde} · Collaboration à Vienne",
    ]
    # Unread counts per thread and in the header (7 messages: 4 + 1 about the annonces, 2 from the colleague).
    assert '<span class="pastille">7<span class="sr"> non lus</span>' in inbox
    fils = inbox.split('class="fil__titre"')[1:]
    assert '<span class="pastille">2<span class="sr"> non lus' in fils[0]
    assert '<span class="pastille">4<span class="sr"> non lus' in fils[1]
    assert '<span class="pastille">1<span class="sr"> non lu</span>' in fils[2]
    # The thread: every message, oldest first, each marked as the copy of its e-mail; a link to the annonce.
    fil = await client.get(titres[1][0])
    texte = _texte(fil.text)
    assert [m for m in re.findall(r"Annonce n°\d+ : (\w+)", texte)] == ["transmise", "refusée", "transmise",
                                                                        "publiée"]
    assert texte.count("Copie de l'e-mail envoyé le ") == 4
    # the header counts what is still unread on the very page that read the thread, not one page later
    assert '<span class="pastille">3<span class="sr"> non lus</span>' in fil.text.split("<main")[0]
    assert f'href="/annonces/{premiere}">Voir l&#39;annonce</a>' in fil.text
    inbox = (await client.get("/espace/messages")).text
    assert '<span class="pastille">3<span class="sr"> non lus</span>' in inbox  # the header
    assert inbox.split('class="fil__titre"')[2].count("pastille") == 0
    contact = await client.get(titres[0][0])
    assert "je suis disponible en août" in contact.text and f'href="/annonces/{premiere}"' in contact.text


async def test_search_finds_only_ones_own_messages(client):
    await medecin()
    await medecin("dr.autre", rpps="10101473782", email="autre@exemple.fr")
    moi, autre = await _compte("dr.durand"), await _compte("dr.autre")
    await Message.insert(
        Message(compte=moi, sujet="Ordre des médecins - Annonce n°84 : publiée", texte="Votre annonce à Grenoble",
                sujet_type="annonce", sujet_id=84),
        Message(compte=moi, sujet="Ordre des médecins - Annonce n°85 : refusée", texte="Motif : titre",
                sujet_type="annonce", sujet_id=85),
        Message(compte=autre, sujet="Ordre des médecins - Annonce n°86 : publiée", texte="Grenoble aussi",
                sujet_type="annonce", sujet_id=86))
    await login(client)
    trouve = (await client.get("/espace/messages?q=GRENOBLE")).text
    assert "1 fil contenant « GRENOBLE »" in _texte(trouve)
    assert "Annonce n°84" in trouve and "Annonce n°85" not in trouve and "Annonce n°86" not in trouve
    htmx = await client.get("/espace/messages?q=refus", headers={"hx-request": "true"})
    assert htmx.text.lstrip().startswith('<div id="fils">') and "Annonce n°85" in htmx.text
    assert "0 fil contenant" in _texte((await client.get("/espace/messages?q=%3Cscript%3E")).text)
    assert "<script>" not in (await client.get("/espace/messages?q=%3Cscript%3E")).text.split("<main")[1]


async def test_someone_elses_thread_is_not_found(client):
    await medecin()
    await medecin("dr.autre", rpps="10101473782", email="autre@exemple.fr")
    await Message.insert(Message(compte=await _compte("dr.autre"), sujet="Privé", texte="Secret",
                                 sujet_type="annonce", sujet_id=7))
    await login(client)
    for url in ("/espace/messages/fils/annonce/7", "/espace/messages/fils/message/1", "/espace/messages/fils/x/0"):
        reponse = await client.get(url)
        assert reponse.status_code == 404 and "Secret" not in reponse.text


async def test_opening_a_message_counts_it_read_in_the_header_of_that_page(client):
    await medecin()
    ids = [r["id"] for r in await Message.insert(*[Message(compte=await _compte("dr.durand"), sujet=f"Sujet {n}",
                                                           texte="Bonjour") for n in (1, 2)]).returning(Message.id)]
    await login(client)
    entete = (await client.get(f"/espace/messages/{ids[0]}")).text.split("<main")[0]
    assert '<span class="pastille">1<span class="sr"> non lu</span>' in entete
    entete = (await client.get(f"/espace/messages/{ids[0]}")).text.split("<main")[0]  # read already: still 1
    assert '<span class="pastille">1<span class="sr"> non lu</span>' in entete
    entete = (await client.get(f"/espace/messages/{ids[1]}")).text.split("<main")[0]
    assert "pastille" not in entete


async def test_messages_already_in_the_inbox_join_their_threads():
    """m0046 on messages written before the threads: annonce notifications by their subject, alerts by their
    saved search, each linked to the e-mail it copies; a contact message (sender unknown) stays alone."""
    from tables.alertes import RechercheEnregistree
    from tables.messages import Notification
    from tables.migrations.m0046_message_fils import forwards

    await medecin()
    moi = await _compte("dr.durand")
    [nid] = [r["id"] for r in await Notification.insert(Notification(
        compte=moi, nature="annonce_publiee", destinataire="c.durand@exemple.fr", html="",
        sujet="Ordre des médecins - Annonce n°84 : publiée", texte="Publiée.", message_id="<m0046@x>")
    ).returning(Notification.id)]
    [rid] = [r["id"] for r in await RechercheEnregistree.insert(RechercheEnregistree(
        compte=moi, nom="Isère", requete="lieux=departement%3A38", jeton="j0046")).returning(RechercheEnregistree.id)]
    await Message.insert(
        Message(compte=moi, sujet="Ordre des médecins - Annonce n°84 : publiée", texte="Publiée."),
        Message(compte=moi, sujet="Ordre des médecins - Nouvelles annonces pour « Isère »", texte="2 annonces",
                lien="/annonces?lieux=departement%3A38"),
        Message(compte=moi, sujet="Ordre des médecins - Message à propos de l'annonce n°84", texte="Bonjour"))
    await (await forwards()).run()
    rows = await Message.select(Message.sujet_type, Message.sujet_id, Message.copie_de).order_by(Message.id)
    assert rows == [{"sujet_type": "annonce", "sujet_id": 84, "copie_de": nid},
                    {"sujet_type": "recherche", "sujet_id": rid, "copie_de": None},
                    {"sujet_type": "", "sujet_id": None, "copie_de": None}]
