"""The PDFs of a dossier (SPEC_DEMARCHES §1.9, §2.8): récépissé at transmission, attestation at inscription,
their text read back, never a note; downloads only for the applicant and the perimeter."""

from __future__ import annotations

from datetime import date

from tables import horloge
from tables.demarches import Dossier, DossierEvenement
from tables.documents import DocumentEmis
from tables.territoires import ConseilContact
from tests.support import login, post
from tests.support_documents import NOTE, comptes_conseils, en_instruction, le, texte_pdf, transmis
from web.templating import date_fr, heure_fr


async def _code(genre: str) -> str:
    return (await DocumentEmis.select(DocumentEmis.code).where(DocumentEmis.genre == genre).first())["code"]


async def test_the_recepisse_is_issued_at_transmission_listed_and_says_who_when_what(client):
    d = await transmis()
    await DossierEvenement.insert(DossierEvenement(dossier=d["id"], acteur_libelle="CD38", action="note",
                                                   motif=NOTE))
    code = await _code("recepisse")
    await login(client, "alice.leroy")
    page = (await client.get(f"/demarches/{d['numero']}")).text
    assert "Récépissé de dépôt émis" in page and f'/demarches/{d["numero"]}/documents/{code}' in page
    r = await client.get(f"/demarches/{d['numero']}/documents/{code}")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    texte = texte_pdf(r.content)
    assert (f"Ce document atteste que Alice LEROY a déposé le {date_fr(d['transmise_le'])} à "
            f"{heure_fr(d['transmise_le'])}") in " ".join(texte.split())
    assert f"n°{d['numero']}" in texte and "Conseil départemental de l'Isère" in texte
    assert "Inscription au Tableau" in texte and "Pièce d'identité en cours de validité" in texte
    assert code in texte and f"/verifier/{code}" in texte and NOTE not in texte
    assert (await client.get(f"/demarches/{d['numero']}/documents/{code}")).content == r.content  # deterministic


async def test_complements_give_a_new_recepisse_that_supersedes_the_first(client):
    d = await en_instruction()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    await post(client, f"/gestion/demarches/{d['numero']}/complements", {
        "version": d["version"], "raison": "incorrect", "texte": "Pièce d'identité illisible."})
    await post(client, "/deconnexion", {})
    await login(client, "alice.leroy")
    assert (await post(client, f"/demarches/{d['numero']}/complements", {})).status_code == 303
    rows = await DocumentEmis.select(DocumentEmis.version, DocumentEmis.valide).where(
        DocumentEmis.genre == "recepisse").order_by(DocumentEmis.version)
    assert rows == [{"version": 1, "valide": False}, {"version": 2, "valide": True}]
    assert "Récépissé de dépôt (version 2)" in (await client.get(f"/demarches/{d['numero']}")).text


async def test_the_attestation_reads_as_section_2_8(client, monkeypatch):
    monkeypatch.setenv("PRESIDENTS_CDOM", "38=Dr Anne EXEMPLE")
    await ConseilContact.insert(ConseilContact(conseil="CD38", adresse="16 rue de l'Exemple\n38000 Grenoble"))
    d = await en_instruction(avis="favorable", avis_le=date(2027, 1, 14))
    await DossierEvenement.insert(DossierEvenement(dossier=d["id"], acteur_libelle="CD38", action="note",
                                                   motif=NOTE))
    le(date(2027, 1, 20))
    try:
        await login(client, "cd38@t.fr", url="/gestion/connexion")
        assert (await post(client, f"/gestion/demarches/{d['numero']}/actions/accepter",
                           {"version": d["version"]})).status_code == 303
    finally:
        horloge.decaler(horloge.decalage() * 0)
    code = await _code("attestation")
    r = await client.get(f"/gestion/demarches/{d['numero']}/documents/{code}")
    texte = " ".join(texte_pdf(r.content).split())
    for attendu in ("Ordre des médecins — Conseil départemental de l'Isère",
                    "Attestation d'inscription au Tableau de l'Ordre des médecins",
                    "Le Conseil départemental de l'Ordre des médecins de l'Isère atteste que",
                    "Madame Alice LEROY (nom de naissance : MARTIN), née le 14/03/1995 à Lyon",
                    "est inscrite au Tableau de l'Ordre des médecins de l'Isère depuis le 20/01/2027",
                    "Qualification : Médecine générale", "N° RPPS : 10009876540",
                    "Décision du Conseil en séance plénière du 14/01/2027", f"Demande n°{d['numero']}",
                    "Fait à Grenoble, le 20/01/2027", "Le Président du Conseil départemental Dr Anne EXEMPLE",
                    f"Code de vérification : {code}", f"/verifier/{code}"):
        assert attendu in texte, attendu
    assert NOTE not in texte


async def test_downloads_answer_404_outside_the_applicant_and_the_perimeter(client):
    d = await transmis()
    await comptes_conseils()
    autre = await transmis("bruno.roux", rpps="10001234567", nom="ROUX", prenom="Bruno")
    code = (await DocumentEmis.select(DocumentEmis.code).where(DocumentEmis.dossier == d["id"]).first())["code"]
    autre_code = (await DocumentEmis.select(DocumentEmis.code).where(DocumentEmis.dossier == autre["id"]).first()
                  )["code"]
    await login(client, "bruno.roux")
    r = await client.get(f"/demarches/{d['numero']}/documents/{code}")
    assert r.status_code == 404 and "Page introuvable" in r.text
    assert (await client.get(f"/demarches/{autre['numero']}/documents/{code}")).status_code == 404
    assert (await client.get(f"/demarches/{autre['numero']}/documents/{autre_code}")).status_code == 200
    await post(client, "/deconnexion", {})
    await login(client, "cd69@t.fr", url="/gestion/connexion")
    r = await client.get(f"/gestion/demarches/{d['numero']}/documents/{code}")
    assert r.status_code == 404 and "Page introuvable" in r.text
    await post(client, "/deconnexion", {})
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    assert (await client.get(f"/gestion/demarches/{d['numero']}/documents/{autre_code}")).status_code == 404
    assert (await client.get(f"/gestion/demarches/{d['numero']}/documents/{code}")).status_code == 200
    await post(client, "/deconnexion", {})
    assert (await client.get(f"/demarches/{d['numero']}/documents/{code}", follow_redirects=False)
            ).status_code == 303  # anonymous: to the login page
    assert await Dossier.count() == 2
