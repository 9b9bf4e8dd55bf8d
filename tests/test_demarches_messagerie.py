"""The dossier's thread (SPEC_DEMARCHES §1.5, E5): oldest first by day, the council signed by its name on the
applicant's side, unread markers, attachments checked, "En attente de réponse" until the applicant answers."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from tables import horloge
from tables.demarches import Dossier
from tables.messages import Notification
from tests.pieces_support import FAUX_PDF, en_tant_que, envoyer, pdf, transmis
from tests.support import drain, login, mails, post
from web.demarches import courriels
from web.demarches.messagerie import en_attente, nouveaux_messages
from web.demarches.registre import type_de


async def test_a_council_message_sends_a_neutral_e5_and_waits_for_the_answer(client, mail_dir):
    d = await transmis()
    numero = d["numero"]
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    r = await post(client, f"/gestion/demarches/{numero}/messages", {"texte": "Votre carte vitale est expirée.",
                                                                     "attente": "on"})
    assert r.status_code == 303
    assert await en_attente([d["id"]]) == {d["id"]} and await nouveaux_messages([d["id"]]) == set()
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "CD38 (cd38@t.fr)" in page and "En attente de réponse" in page
    await drain()
    mail = mails(mail_dir)[-1]  # after E1
    assert mail["Subject"] == f"Ordre des médecins - Demande n°{numero} : nouveau message"
    texte = mail.get_body(("plain",)).get_content()
    assert (f"Le Conseil départemental de l'Isère vous a adressé un message concernant votre demande n°{numero}. "
            "Pour le lire et y répondre, connectez-vous à Mon Espace.") in texte
    assert "carte vitale" not in texte and "carte vitale" not in mail.get_body(("html",)).get_content()

    await en_tant_que(client, "alice.leroy")
    assert "nouveau message" in (await client.get("/espace/messages")).text  # the copy in "Message"
    page = (await client.get(f"/demarches/{numero}")).text
    assert "Votre carte vitale est expirée." in page and "Nouveau" in page
    assert "<strong>Conseil départemental de l&#39;Isère</strong>" in page and "cd38@t.fr" not in page
    assert horloge.aujourdhui().strftime("%d/%m/%Y") in page  # the day's separator
    assert "Nouveau</span>" not in (await client.get(f"/demarches/{numero}")).text  # read now
    assert (await post(client, f"/demarches/{numero}/messages", {"texte": "La voici renouvelée."})).status_code == 303
    assert await en_attente([d["id"]]) == set() and await nouveaux_messages([d["id"]]) == {d["id"]}
    page = (await client.get(f"/demarches/{numero}")).text
    assert page.index("Votre carte vitale") < page.index("La voici renouvelée.")  # oldest first
    assert "<strong>Vous</strong>" in page

    await en_tant_que(client, "cd38@t.fr")
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "<strong>Alice LEROY</strong>" in page and "Nouveau</span>" in page
    assert await nouveaux_messages([d["id"]]) == set()  # the council has read it


async def test_an_attachment_is_checked_like_any_upload_and_what_was_typed_is_kept(client):
    d = await transmis()
    numero = d["numero"]
    await login(client, "alice.leroy")
    url = f"/demarches/{numero}/messages"
    r = await envoyer(client, url, [("faux.pdf", FAUX_PDF)], champ="fichier", texte="Voici mon attestation.")
    assert r.status_code == 422 and "« faux.pdf » n&#39;est pas un PDF valide." in r.text
    assert ">Voici mon attestation.</textarea>" in r.text
    r = await envoyer(client, url, [("attestation.pdf", pdf())], champ="fichier", texte="Voici mon attestation.")
    assert r.status_code == 303
    page = (await client.get(f"/demarches/{numero}")).text
    assert "Pièce jointe" in page and "attestation.pdf" in page
    lien = page.split('Pièce jointe : <a href="')[1].split('"')[0]
    reponse = await client.get(lien)
    assert reponse.status_code == 200 and reponse.headers["content-type"] == "application/pdf"
    assert reponse.headers["content-disposition"].startswith("attachment")
    await en_tant_que(client, "cd38@t.fr")
    assert (await client.get(lien.replace("/demarches/", "/gestion/demarches/"))).status_code == 200
    await en_tant_que(client, "cd69@t.fr")
    assert (await client.get(lien.replace("/demarches/", "/gestion/demarches/"))).status_code == 404


async def test_no_thread_on_a_draft_and_closed_twelve_months_after_the_decision(client):
    d = await transmis()
    numero = d["numero"]
    await login(client, "alice.leroy")
    assert (await post(client, f"/demarches/{numero}/messages", {"texte": "  "})).status_code == 422
    await Dossier.update({Dossier.statut: "refuse", Dossier.decision_le: horloge.maintenant() - timedelta(days=300)}
                         ).where(Dossier.id == d["id"])
    assert "Envoyer le message" in (await client.get(f"/demarches/{numero}")).text
    await Dossier.update({Dossier.decision_le: horloge.maintenant() - timedelta(days=370)}).where(Dossier.id == d["id"])
    assert "Envoyer le message" not in (await client.get(f"/demarches/{numero}")).text
    r = await post(client, f"/demarches/{numero}/messages", {"texte": "Encore une question."})
    assert r.status_code == 422 and "La messagerie de cette demande est fermée." in r.text
    await Dossier.update({Dossier.statut: "brouillon", Dossier.decision_le: None}).where(Dossier.id == d["id"])
    page = (await client.get(f"/demarches/{numero}")).text
    assert "Messagerie" not in page
    assert (await post(client, f"/demarches/{numero}/messages", {"texte": "?"})).status_code == 422


async def test_a_neutral_type_says_only_mise_a_jour(monkeypatch):
    d = await transmis()
    confidentiel = dataclasses.replace(type_de("inscription"), neutre=True)
    monkeypatch.setattr(courriels, "type_de", lambda _cle: confidentiel)
    await courriels.notifier("dossier_message", d)
    n = await Notification.select(Notification.sujet, Notification.texte).where(
        Notification.sujet.like("%mise à jour")).first()
    assert n["sujet"] == f"Ordre des médecins - Demande n°{d['numero']} : mise à jour"
    assert f"Votre demande n°{d['numero']} a été mise à jour." in n["texte"] and "message" not in n["sujet"]
