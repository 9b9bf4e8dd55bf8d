""""Prononcer l'inscription" (SPEC_DEMARCHES §2.6): preconditions, inscription day, attestation, E8, role."""

from __future__ import annotations

from datetime import date

from tables import horloge
from tables.comptes import Compte, Praticien
from tables.demarches import Dossier, DossierEvenement
from tables.documents import DocumentEmis
from tests.support import drain, login, mails, post
from tests.support_documents import authentifier, en_instruction, le
from web.demarches.types.inscription_acceptation import AVIS_REQUIS, PIECES_REQUISES


async def _prononcer(client, d: dict):
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    return await post(client, f"/gestion/demarches/{d['numero']}/actions/accepter", {"version": d["version"]})


async def test_the_button_is_the_types_and_needs_the_favourable_opinion(client):
    d = await en_instruction(avis="ajourne")
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    page = (await client.get(f"/gestion/demarches/{d['numero']}")).text
    assert "Prononcer l&#39;inscription" in page and ">Accepter<" not in page
    r = await post(client, f"/gestion/demarches/{d['numero']}/actions/accepter", {"version": d["version"]})
    assert r.status_code == 422 and AVIS_REQUIS.replace("'", "&#39;") in r.text
    apres = await Dossier.select().where(Dossier.id == d["id"]).first()
    assert apres["statut"] == "en_instruction" and apres["inscrit_le"] is None
    assert not await DocumentEmis.exists().where(DocumentEmis.genre == "attestation")


async def test_it_inscribes_that_day_issues_the_attestation_and_says_so(client, mail_dir):
    d = await en_instruction(avis="favorable", avis_le=date(2027, 1, 14))
    le(date(2027, 1, 20))
    try:
        r = await _prononcer(client, d)
        assert r.status_code == 303
        apres = await Dossier.select().where(Dossier.id == d["id"]).first()
        assert apres["statut"] == "accepte" and apres["inscrit_le"] == date(2027, 1, 20)
        page = (await client.get(f"/gestion/demarches/{d['numero']}")).text
        assert "Inscrit au Tableau" in page and "Attestation d&#39;inscription au Tableau" in page
        assert "Attestation d&#39;inscription émise" in page
    finally:
        horloge.decaler(horloge.decalage() * 0)
    doc = await DocumentEmis.select().where(DocumentEmis.genre == "attestation").first()
    assert doc["valide"] and doc["titulaire"] == "Alice LEROY"
    await drain()
    dernier = mails(mail_dir)[-1]
    assert dernier["Subject"] == f"Ordre des médecins - Demande n°{d['numero']} : inscription au Tableau"
    assert "Votre attestation est disponible dans Mon Espace." in dernier.get_body(("plain",)).get_content()


async def test_a_concurrent_second_click_gives_one_attestation(client):
    d = await en_instruction(avis="favorable", avis_le=date(2027, 1, 14))
    assert (await _prononcer(client, d)).status_code == 303
    r = await post(client, f"/gestion/demarches/{d['numero']}/actions/accepter", {"version": d["version"]})
    assert r.status_code == 409
    assert await DocumentEmis.count().where(DocumentEmis.genre == "attestation") == 1


async def test_the_account_is_a_medecins_at_the_next_login(client):
    d = await en_instruction(avis="favorable", avis_le=date(2027, 1, 14))
    await login(client, "alice.leroy")
    assert "Inscription au Tableau" in (await client.get("/demarches")).text
    await post(client, "/deconnexion", {})
    assert (await _prononcer(client, d)).status_code == 303
    await post(client, "/deconnexion", {})
    await login(client, "alice.leroy")
    compte = await Compte.select(Compte.role, Compte.praticien).where(Compte.identifiant == "alice.leroy").first()
    assert compte["role"] == "medecin"
    p = await Praticien.select(Praticien.qualite, Praticien.departement).where(
        Praticien.id == compte["praticien"]).first()
    assert p == {"qualite": "medecin", "departement": "38"}
    page = (await client.get("/demarches")).text
    assert "Inscription au Tableau" not in page  # a médecin's services: the interne's démarche is gone
    page = (await client.get(f"/demarches/{d['numero']}")).text
    assert "Inscrit au Tableau" in page and "Attestation d&#39;inscription au Tableau" in page


async def test_reopening_is_national_only_and_invalidates_the_attestation(client):
    d = await en_instruction(avis="favorable", avis_le=date(2027, 1, 14))
    assert (await _prononcer(client, d)).status_code == 303
    r = await post(client, f"/gestion/demarches/{d['numero']}/actions/rouvrir", {"version": d["version"] + 1,
                                                                                  "motif": "Erreur"})
    assert r.status_code == 422 and "seul le Conseil national peut rouvrir l&#39;instruction" in r.text
    await post(client, "/deconnexion", {})
    await login(client, "cnom@t.fr", url="/gestion/connexion")
    v = (await Dossier.select(Dossier.version).where(Dossier.id == d["id"]).first())["version"]
    r = await post(client, f"/gestion/demarches/{d['numero']}/actions/rouvrir", {"version": v, "motif": "Erreur"})
    assert r.status_code == 303
    apres = await Dossier.select().where(Dossier.id == d["id"]).first()
    assert apres["statut"] == "en_instruction" and apres["inscrit_le"] is None
    assert not (await DocumentEmis.select(DocumentEmis.valide).where(DocumentEmis.genre == "attestation").first()
                )["valide"]
    assert await DossierEvenement.exists().where(DossierEvenement.action == "attestation_emise")


async def test_the_diplomas_must_be_authenticated_first(client):
    d = await en_instruction(avis="favorable", avis_le=date(2027, 1, 14), diplomes=False)
    await authentifier(d["id"], ("dedm",))
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    r = await _prononcer(client, d)
    assert r.status_code == 422 and PIECES_REQUISES.replace("'", "&#39;") in r.text
    await authentifier(d["id"], ("des",))
    assert (await _prononcer(client, d)).status_code == 303
    assert (await Dossier.select(Dossier.statut).where(Dossier.id == d["id"]).first())["statut"] == "accepte"
