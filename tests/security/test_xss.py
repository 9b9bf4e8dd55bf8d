"""Script payloads typed anywhere come back escaped everywhere they are shown: pages and e-mails (ASVS V5.3)."""

from __future__ import annotations

from tables.annonces import Annonce
from tables.comptes import Compte
from tests.support import creer_compte, drain, login, mails, medecin, post
from tests.test_annonces_depot import FORMULAIRE, auteur_avec_contact
from web.annonces import statuts
from web.security import charger_utilisateur

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
DANGER = ("<script>alert", "<img src=x")


def _sain(texte: str) -> None:
    for motif in DANGER:
        assert motif not in texte, motif


async def test_annonce_fields_everywhere(client, mail_dir):
    await auteur_avec_contact()
    await medecin("dr.lecteur", rpps="10101473782", email="lecteur@exemple.fr")
    await login(client)
    champs = {**FORMULAIRE, "titre": PAYLOAD[:140], "description": PAYLOAD, "conditions": PAYLOAD}
    assert (await post(client, "/annonces/deposer", champs, htmx=True)).status_code == 200
    numero = (await Annonce.select(Annonce.id).first())["id"]
    gestion = await charger_utilisateur(await creer_compte("cd38@demo.ordre.test", role="gestionnaire",
                                                           conseil="CD38"))
    await statuts.appliquer(numero, "accepter", gestion)
    for url in ("/annonces/gerer", f"/annonces/{numero}/modifier"):
        page = (await client.get(url)).text
        _sain(page)
        assert "&lt;script&gt;" in page
    await login(client, "dr.lecteur")
    for url in ("/annonces", f"/annonces/{numero}", "/annonces?lieux_saisie=" + PAYLOAD):
        _sain((await client.get(url)).text)
    await post(client, f"/annonces/{numero}/contacter", {"message": PAYLOAD, "repondre_a": "lecteur@exemple.fr"},
               htmx=True)
    await post(client, f"/annonces/{numero}/signaler", {"motif": "autre", "commentaire": PAYLOAD}, htmx=True)
    await post(client, "/espace/recherches", {"nom": PAYLOAD[:90], "requete": "categorie=remplacement"})
    _sain((await client.get("/espace/recherches")).text)
    await login(client, "cd38@demo.ordre.test", url="/gestion/connexion")
    for url in ("/gestion", f"/gestion/annonces/{numero}", "/gestion/signalements"):
        response = await client.get(url)
        _sain(response.text)
    await drain()
    for message in mails(mail_dir):
        _sain(message.get_body(("html",)).get_content())


async def test_coordonnees_and_messages(client):
    await medecin()
    await login(client)
    await post(client, "/espace/coordonnees", {"voie": PAYLOAD[:190], "code_postal": "38000", "commune": PAYLOAD},
               htmx=True)
    _sain((await client.get("/espace/coordonnees")).text)
    from tables.messages import Message

    compte = (await Compte.select(Compte.id).first())["id"]
    await Message.insert(Message(compte=compte, sujet=PAYLOAD, texte=PAYLOAD))
    _sain((await client.get("/espace/messages")).text)
    mid = (await Message.select(Message.id).first())["id"]
    _sain((await client.get(f"/espace/messages/{mid}")).text)
