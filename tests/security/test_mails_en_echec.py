"""A line break in a saved-search name never reaches an e-mail header, and a mail that cannot be built is
marked failed, on the failed-mail page, instead of being claimed again every five minutes (issue 15, item 9)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tables.alertes import RechercheEnregistree
from tables.comptes import Compte
from tables.messages import Notification
from tasks.outbox import en_attente, envoyer
from tests.annonces_support import creer_annonce
from tests.support import creer_compte, drain, login, mails, medecin, post
from web.alertes.rules import detecter
from web.alertes.rules import envoyer as envoyer_alertes


async def test_a_search_name_is_kept_to_one_line(client):
    await medecin()
    await login(client)
    await post(client, "/espace/recherches", {"nom": "Isère\r\nBcc: x@evil.example", "requete": "", "frequence": ""})
    rid, nom = (await RechercheEnregistree.select(RechercheEnregistree.id, RechercheEnregistree.nom).first()).values()
    assert nom == "Isère Bcc: x@evil.example"
    vide = await post(client, "/espace/recherches", {"nom": "\r\n\x0b\u2028", "requete": ""}, htmx=True)
    assert vide.status_code == 422 and "Ce champ est obligatoire." in vide.text
    refus = await post(client, f"/espace/recherches/{rid}", {"nom": "\n\r", "actif": "on"})
    assert refus.status_code == 422 and "Ce champ est obligatoire." in refus.text
    await post(client, f"/espace/recherches/{rid}", {"nom": "Grenoble\nLyon", "actif": "on"})
    assert (await RechercheEnregistree.select(RechercheEnregistree.nom).first())["nom"] == "Grenoble Lyon"


async def test_an_alert_for_a_name_saved_with_a_line_break_is_sent(mail_dir):
    pid = await medecin()
    compte = (await Compte.select(Compte.id).first())["id"]
    await RechercheEnregistree.insert(RechercheEnregistree(compte=compte, nom="Avant\r\nle correctif", requete="",
                                                           jeton="j", cree_le=datetime.now(UTC) - timedelta(hours=1)))
    await creer_annonce(pid)
    await detecter()
    assert await envoyer_alertes("immediate") == 1
    assert await drain() == ["envoyee"]
    assert mails(mail_dir)[0]["Subject"] == "Ordre des médecins - Nouvelles annonces pour « Avant le correctif »"


async def test_a_mail_that_cannot_be_built_is_failed_and_listed(client):
    ids = [(await Notification.insert(Notification(
        nature="alerte_recherche", destinataire=destinataire, sujet=sujet, texte="t", html="<p>t</p>",
        message_id=f"<m{n}@x>")).returning(Notification.id))[0]["id"]
        for n, (destinataire, sujet) in enumerate([("a@exemple.fr", "Nouvelles annonces\r\npour x"),
                                                   ("a@exemple.fr\nBcc: b@evil.example", "Sujet")])]
    assert [await envoyer(nid) for nid in ids] == ["echec", "echec"]
    assert await en_attente() == []  # nothing left to claim again
    rows = await Notification.select().order_by(Notification.id)
    assert all(r["echec_le"] and r["envoye_le"] is None and "impossible à construire" in r["erreur"] for r in rows)
    await creer_compte("cnom@demo.ordre.test", role="national")
    await login(client, "cnom@demo.ordre.test", url="/gestion/connexion")
    page = (await client.get("/gestion/notifications")).text
    assert "Nouvelles annonces" in page and "E-mail impossible à construire" in page
