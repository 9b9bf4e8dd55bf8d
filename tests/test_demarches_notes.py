"""Notes internes and the conseiller rapporteur (SPEC_DEMARCHES §1.5, §2.6, R.4112-2): the council's alone —
never on the applicant's page, in an e-mail or in "Message"; the rapporteur's name is shown to him."""

from __future__ import annotations

from tables.demarches import Dossier
from tables.messages import Message, Notification
from tests.pieces_support import en_tant_que, envoyer, pdf, transmis
from tests.support import drain, login, mails, post
from web.demarches.notes import rapport_depose

NOTE = "Antécédent disciplinaire à vérifier auprès du CDOM 69."


async def test_notes_and_the_report_stay_with_the_council_the_rapporteur_is_shown(client, mail_dir):
    d = await transmis()
    numero = d["numero"]
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    assert (await post(client, f"/gestion/demarches/{numero}/notes", {"genre": "note", "texte": NOTE})
            ).status_code == 303
    assert not await rapport_depose(d["id"])
    r = await envoyer(client, f"/gestion/demarches/{numero}/notes", [("rapport-leroy.pdf", pdf("Rapport"))],
                      champ="fichier", genre="rapport", texte="Avis favorable du rapporteur.")
    assert r.status_code == 303 and await rapport_depose(d["id"])
    r = await post(client, f"/gestion/demarches/{numero}/rapporteur", {"rapporteur": "  Dr Jean   MARTIN "})
    assert r.status_code == 303
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert NOTE in page and "Rapport du conseiller rapporteur" in page and "rapport-leroy.pdf" in page
    assert "CD38 (cd38@t.fr)" in page and "Conseiller rapporteur : Dr Jean MARTIN" in page  # the Historique too
    lien = page.split('Fichier : <a href="')[1].split('"')[0]
    assert (await client.get(lien)).status_code == 200
    await post(client, f"/gestion/demarches/{numero}/messages", {"texte": "Merci de votre patience."})

    await en_tant_que(client, "alice.leroy")
    page = (await client.get(f"/demarches/{numero}")).text
    assert "<dt>Conseiller rapporteur</dt><dd>Dr Jean MARTIN</dd>" in page
    for cache in (NOTE, "Antécédent", "Notes internes", "rapport-leroy.pdf", "Avis favorable du rapporteur"):
        assert cache not in page
    assert (await client.get(lien)).status_code == 403  # the council's routes are not the applicant's
    await drain()
    assert mails(mail_dir) and all(NOTE not in m.as_string() and "rapport" not in m.as_string().lower()
                                   for m in mails(mail_dir))
    assert not await Notification.exists().where(Notification.texte.like("%Antécédent%"))
    assert not await Message.exists().where(Message.texte.like("%Antécédent%"))

    await en_tant_que(client, "cnom@t.fr")  # national staff read them too
    assert NOTE in (await client.get(f"/gestion/demarches/{numero}")).text
    assert (await client.get(lien)).status_code == 200
    await en_tant_que(client, "cd69@t.fr")
    assert (await client.get(lien)).status_code == 404


async def test_an_empty_note_or_rapporteur_is_refused_with_what_was_typed_kept(client):
    d = await transmis()
    numero = d["numero"]
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    r = await post(client, f"/gestion/demarches/{numero}/notes", {"genre": "rapport", "texte": " "})
    assert r.status_code == 422 and "Écrivez la note ou joignez un fichier." in r.text
    assert '<option value="rapport" selected>' in r.text
    r = await post(client, f"/gestion/demarches/{numero}/notes", {"genre": "autre", "texte": "Bonne note"})
    assert r.status_code == 422 and "Choisissez le type de note." in r.text and ">Bonne note</textarea>" in r.text
    r = await post(client, f"/gestion/demarches/{numero}/rapporteur", {"rapporteur": "  "})
    assert r.status_code == 422 and "Indiquez le nom du conseiller rapporteur." in r.text


async def test_no_note_reaches_a_pdf_or_the_export(client):
    from tables.documents import DocumentEmis
    from tests.support_documents import en_instruction, texte_pdf

    d = await en_instruction(avis="favorable")
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    await post(client, f"/gestion/demarches/{d['numero']}/notes", {"genre": "note", "texte": NOTE})
    await post(client, f"/gestion/demarches/{d['numero']}/notes", {"genre": "rapport", "texte": NOTE + " (rapport)"})
    d = await Dossier.select().where(Dossier.id == d["id"]).first()
    assert (await post(client, f"/gestion/demarches/{d['numero']}/actions/accepter",
                       {"version": d["version"]})).status_code == 303
    documents = await DocumentEmis.select(DocumentEmis.code, DocumentEmis.genre).where(
        DocumentEmis.dossier == d["id"])
    assert {x["genre"] for x in documents} == {"recepisse", "attestation"}
    for x in documents:
        texte = texte_pdf((await client.get(f"/gestion/demarches/{d['numero']}/documents/{x['code']}")).content)
        assert "Antécédent" not in texte and "rapport" not in texte.lower()
    export = (await client.get("/gestion/demarches/export.csv?onglet=traites")).content.decode("utf-8-sig")
    assert d["numero"] in export and "Antécédent" not in export
