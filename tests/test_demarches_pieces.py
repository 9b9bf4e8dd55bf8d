"""A dossier's documents (SPEC_DEMARCHES §1.2, §2.3, story 2): per item upload, refusal in French beside the
item, withdrawal, "Remplacer", the council's "Vérifié" / "À corriger" / "Authentifié" in the Historique."""

from __future__ import annotations

import pytest

from tables.demarches import Dossier
from tables.pieces import DossierPiece, authentifiees
from tests.pieces_support import FAUX_PDF, deposer, en_tant_que, envoyer, jpg, pdf, transmis
from tests.support import login, medecin, post


async def _brouillon(client) -> str:
    await medecin("alice.leroy", qualite="interne", rpps="10009876540", nom="LEROY", prenom="Alice",
                  email="alice.leroy@exemple.fr")
    await login(client, "alice.leroy")
    r = await post(client, "/demarches/commencer/inscription", {"docteur_junior": "oui"})
    return r.headers["location"].split("/")[2]


async def _piece(cle: str, statut: str = "depose") -> dict:
    return await DossierPiece.select().where((DossierPiece.piece == cle) & (DossierPiece.statut == statut)).first()


async def test_an_item_takes_several_files_and_a_fake_pdf_is_refused_beside_it_with_nothing_lost(client):
    numero = await _brouillon(client)
    r = await deposer(client, numero, "identite", "carte-recto.jpg", jpg())
    assert r.status_code == 303 and r.headers["location"] == f"/demarches/{numero}/sections/documents"
    r = await envoyer(client, f"/demarches/{numero}/deposer/identite", [("carte-verso.pdf", pdf())], htmx=True,
                      retour="section")
    assert r.status_code == 200 and 'id="documents"' in r.text and "carte-verso.pdf" in r.text  # answered in place
    r = await deposer(client, numero, "identite", "faux.pdf", FAUX_PDF)
    assert r.status_code == 422
    assert "« faux.pdf » n&#39;est pas un PDF valide." in r.text
    assert "carte-recto.jpg" in r.text and "carte-verso.pdf" in r.text and r.text.count("— Déposé") == 2
    assert await DossierPiece.count() == 2
    r = await envoyer(client, f"/demarches/{numero}/deposer/identite", [(f"p{i}.jpg", jpg()) for i in range(9)],
                      retour="section")
    assert r.status_code == 422 and "10 fichiers au plus par document." in r.text and await DossierPiece.count() == 2
    page = (await client.get(f"/demarches/{numero}/sections/documents")).text
    assert "Ajouter un fichier : Pièce d&#39;identité en cours de validité" in page
    assert "Formats acceptés : PDF, JPG, PNG, 15 Mo au plus par fichier." in page
    contenu = (await client.get(f"/demarches/{numero}/pieces/{(await _piece('identite'))['id']}/fichier"))
    assert contenu.status_code == 200 and contenu.headers["content-type"] == "image/jpeg"
    assert contenu.headers["x-content-type-options"] == "nosniff"


async def test_a_draft_file_is_withdrawn_and_the_recap_lists_the_documents_to_add(client):
    numero = await _brouillon(client)
    recap = (await client.get(f"/demarches/{numero}")).text
    assert "Documents à ajouter" in recap and "Pièce d&#39;identité en cours de validité</a> — Obligatoire" in recap
    assert "Diplôme d&#39;État de docteur en médecine" not in recap.split("Documents à ajouter")[1].split("</ul>")[0]
    await deposer(client, numero, "identite", "carte.jpg", jpg(), retour="dossier")
    recap = (await client.get(f"/demarches/{numero}")).text
    assert "Documents à ajouter" not in recap
    r = await post(client, f"/demarches/{numero}/pieces/{(await _piece('identite'))['id']}/supprimer",
                   {"retour": "dossier"})
    assert r.status_code == 303 and await DossierPiece.count() == 0
    assert "Documents à ajouter" in (await client.get(f"/demarches/{numero}")).text


async def test_the_council_verifies_asks_a_correction_and_the_applicant_replaces_it(client):
    d = await transmis()
    numero = d["numero"]
    await login(client, "alice.leroy")
    await deposer(client, numero, "identite", "carte.jpg", jpg(), retour="dossier")
    await deposer(client, numero, "photo", "photo.png", jpg())
    await en_tant_que(client, "cd38@t.fr")
    await post(client, f"/gestion/demarches/{numero}/actions/instruire", {"version": d["version"]})
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    carte = await _piece("identite")
    assert f'href="/gestion/demarches/{numero}/pieces/{carte["id"]}/fichier"' in page and "Authentifié" not in page
    assert (await client.get(f"/gestion/demarches/{numero}/pieces/{carte['id']}/fichier")).status_code == 200
    url = f"/gestion/demarches/{numero}/pieces/{carte['id']}/verdict"
    r = await post(client, url, {"statut": "a_corriger", "raison": ""})
    assert r.status_code == 422 and "Choisissez la raison de la correction." in r.text
    assert (await post(client, url, {"statut": "a_corriger", "raison": "Illisible",
                                     "texte": "Le recto est flou."})).status_code == 303
    stale = await post(client, url, {"statut": "verifie", "de": "depose"})  # a colleague's page, loaded before
    assert stale.status_code == 409 and "Ce dossier vient d&#39;être modifié : rechargez la page." in stale.text
    photo = await _piece("photo")
    await post(client, f"/gestion/demarches/{numero}/pieces/{photo['id']}/verdict", {"statut": "verifie"})
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert ("Pièce d&#39;identité en cours de validité (« carte.jpg ») : À corriger — Illisible : Le recto est flou."
            in page)
    assert "Photo d&#39;identité (« photo.png ») : Vérifié" in page and "CD38 (cd38@t.fr)" in page

    await en_tant_que(client, "alice.leroy")
    page = (await client.get(f"/demarches/{numero}")).text  # in instruction: frozen, but this file is to correct
    assert "carte.jpg</a> — À corriger : Illisible — Le recto est flou." in page and "Remplacer « carte.jpg »" in page
    assert "Conseil départemental de l&#39;Isère : Document à corriger" in page and "cd38@t.fr" not in page
    assert "Ajouter un fichier : Photo d&#39;identité" not in page
    assert (await deposer(client, numero, "photo", "autre.jpg", jpg())).status_code == 403
    r = await envoyer(client, f"/demarches/{numero}/pieces/{carte['id']}/remplacer", [("faux.pdf", FAUX_PDF)])
    assert r.status_code == 422 and "« faux.pdf » n&#39;est pas un PDF valide." in r.text
    r = await envoyer(client, f"/demarches/{numero}/pieces/{carte['id']}/remplacer", [("carte-nette.jpg", jpg("red"))])
    assert r.status_code == 303
    assert (await _piece("identite", "remplace"))["id"] == carte["id"] and await _piece("identite")
    page = (await client.get(f"/demarches/{numero}")).text
    assert "carte.jpg</a> — Remplacé" in page and "carte-nette.jpg</a> — Déposé" in page
    assert "Remplacer «" not in page  # the old one is replaced; the new one awaits the council


async def test_diplomas_are_authenticated_and_authentifiees_says_when_both_are(client):
    d = await transmis()
    numero = d["numero"]
    await login(client, "alice.leroy")
    await deposer(client, numero, "identite", "carte.jpg", jpg())
    await en_tant_que(client, "cd38@t.fr")
    await post(client, f"/gestion/demarches/{numero}/actions/instruire", {"version": d["version"]})
    await en_tant_que(client, "alice.leroy")  # "Peut être transmis plus tard": still open in instruction
    assert (await deposer(client, numero, "dedm", "dedm.pdf", pdf())).status_code == 303
    assert (await deposer(client, numero, "des", "des.pdf", pdf())).status_code == 303
    await en_tant_que(client, "cd38@t.fr")
    carte = await _piece("identite")
    r = await post(client, f"/gestion/demarches/{numero}/pieces/{carte['id']}/verdict", {"statut": "authentifie"})
    assert r.status_code == 422 and "Ce document ne s&#39;authentifie pas." in r.text
    assert not await authentifiees(d["id"], ("dedm", "des"))
    await post(client, f"/gestion/demarches/{numero}/pieces/{(await _piece('dedm'))['id']}/verdict",
               {"statut": "authentifie"})
    assert not await authentifiees(d["id"], ("dedm", "des"))
    await post(client, f"/gestion/demarches/{numero}/pieces/{(await _piece('des'))['id']}/verdict",
               {"statut": "authentifie"})
    assert await authentifiees(d["id"], ("dedm", "des"))
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Diplôme ou attestation de réussite du DES (« des.pdf ») : Authentifié" in page
    await en_tant_que(client, "alice.leroy")
    assert "des.pdf</a> — Authentifié" in (await client.get(f"/demarches/{numero}")).text


@pytest.mark.parametrize("methode, chemin", [
    ("GET", "/pieces/{piece}/fichier"), ("POST", "/pieces/{piece}/verdict"), ("POST", "/messages"),
    ("GET", "/messages/{message}/fichier"), ("POST", "/notes"), ("GET", "/notes/{note}/fichier"),
    ("POST", "/rapporteur")])
async def test_another_perimeter_gets_the_french_404_on_every_route(client, methode, chemin):
    from tables.pieces import DossierMessage, DossierNote

    d = await transmis()
    piece = await DossierPiece.insert(DossierPiece(dossier=d["id"], piece="identite", fichier="x" * 32 + ".jpg",
                                                   nom_original="c.jpg", type_mime="image/jpeg", taille=1)
                                      ).returning(DossierPiece.id)
    message = await DossierMessage.insert(DossierMessage(dossier=d["id"], auteur=d["compte"], texte="t")
                                          ).returning(DossierMessage.id)
    note = await DossierNote.insert(DossierNote(dossier=d["id"], auteur=d["compte"], auteur_libelle="x",
                                                texte="n")).returning(DossierNote.id)
    url = f"/gestion/demarches/{d['numero']}" + chemin.format(piece=piece[0]["id"], message=message[0]["id"],
                                                               note=note[0]["id"])
    await login(client, "cd69@t.fr", url="/gestion/connexion")
    r = await client.get(url) if methode == "GET" else await post(client, url, {"statut": "verifie", "texte": "x",
                                                                             "rapporteur": "x", "genre": "note"})
    assert r.status_code == 404 and "Page introuvable" in r.text
    assert await Dossier.select(Dossier.rapporteur).first() == {"rapporteur": ""}


async def test_another_applicant_cannot_reach_these_files(client):
    d = await transmis()
    await login(client, "alice.leroy")
    await deposer(client, d["numero"], "identite", "carte.jpg", jpg())
    carte = await _piece("identite")
    await medecin("bob.martin", qualite="interne", rpps="10101473782", nom="MARTIN", prenom="Bob", email="b@exemple.fr")
    await en_tant_que(client, "bob.martin")
    assert (await client.get(f"/demarches/{d['numero']}/pieces/{carte['id']}/fichier")).status_code == 404
    assert (await deposer(client, d["numero"], "identite", "x.jpg", jpg())).status_code == 404
    assert (await post(client, f"/demarches/{d['numero']}/pieces/{carte['id']}/supprimer", {})).status_code == 404


async def test_a_targeted_request_for_complements_leaves_the_other_items_read_only(client):
    d = await transmis()
    numero = d["numero"]
    await login(client, "alice.leroy")
    await deposer(client, numero, "identite", "carte.jpg", jpg())
    await Dossier.update({Dossier.statut: "a_completer", Dossier.complements: {"cibles": ["nom_usage"]}}).where(
        Dossier.id == d["id"])
    assert (await deposer(client, numero, "photo", "photo.jpg", jpg())).status_code == 403
    carte = await _piece("identite")
    assert (await post(client, f"/demarches/{numero}/pieces/{carte['id']}/supprimer", {})).status_code == 403
    await DossierPiece.update({DossierPiece.statut: "a_corriger"}).where(DossierPiece.id == carte["id"])
    r = await envoyer(client, f"/demarches/{numero}/pieces/{carte['id']}/remplacer", [("nette.jpg", jpg("red"))])
    assert r.status_code == 303  # what the council asked to correct stays open
    assert (await deposer(client, numero, "dedm", "dedm.pdf", pdf())).status_code == 303  # diplomas may come any time
