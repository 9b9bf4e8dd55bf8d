"""The doctor's certification (SPEC_DEMARCHES §3.2–3.4, story 8): the dashboard of the 4 blocs on fixed dates,
the action form and its rules, the transition table and the carnet's kept counts (requests to others:
test_certification_demandes.py)."""

from __future__ import annotations

import pytest

from tables.certification import ActionCertification, Carnet, PreuveAction
from tables.comptes import Praticien
from tests.certification_support import PAGE, carnet_de, connecte, jour_fixe, page_de, texte
from tests.pieces_support import envoyer, pdf
from tests.support import login, medecin, post
from web.certification import periode
from web.certification.actions import recompter
from web.certification.referentiels import DEMONSTRATION, referentiel
from web.fichiers import stockage
from web.fichiers.usages import PREUVES_CERTIFICATION

NOUVELLE = f"{PAGE}/actions/nouvelle"
AVANT_2023 = "Seules les actions réalisées depuis le 01/01/2023 sont comptabilisées"
pytestmark = pytest.mark.usefixtures(jour_fixe.__name__)


def _action(**valeurs) -> dict:
    return {"bloc": "1", "code": "MG-B1-01", "intitule": "", "organisme": "ANDPC", "debut": "2025-03-10",
            "fin": "2025-03-12", "duree_heures": "14", "bouton": "declarer", **valeurs}


async def _declarer(client, **valeurs):
    return await envoyer(client, NOUVELLE, [("attestation.pdf", pdf())], champ="preuves", **_action(**valeurs))


async def test_the_dashboard_of_a_new_carnet(client):
    await connecte(client)
    page = await page_de(client, PAGE)
    assert "Période de certification : du 01/01/2023 au 31/12/2031 — contrôle par l'Ordre au plus tard le " \
           "30/06/2032" in page
    assert "0 action sur 8" in page and "En retard" in page and "À ce rythme" not in page
    assert "Référentiel de Médecine générale — Collège de la Médecine Générale (CMG)" in page
    assert "https://www.conseil-national.medecin.fr/publications/actualites/certification-periodique-" \
           "publication-referentiels" in page
    for titre in periode.BLOCS.values():
        assert titre in page
    assert page.count("0 action validée sur 2") == 4 and page.count("<progress") == 4
    mg = referentiel("SM54")
    assert f"★ {mg.action('MG-B1-01').libelle}" in page and "★ Déclaration d'un Médecin traitant." in page
    assert f'{NOUVELLE}?bloc=4' in page and "Ajouter une action" in page
    assert "Votre compte officiel sera ouvert sur « Ma Certif'Pro Santé » : l'ANS vous enverra un lien " \
           "d'activation sur votre adresse e-mail RPPS." in page
    assert "Vérifiez votre email RPPS." in page and "Attendez l'ouverture de la plateforme fin 2026." in page
    assert 'href="/espace/coordonnees"' in page and "Le rythme compare vos actions validées" in page


async def test_pace_and_forecast_on_a_fixed_date(client):
    pid = await connecte(client)
    await client.get(PAGE)
    await Carnet.update({Carnet.b1: 2, Carnet.b2: 2, Carnet.b3: 1}).where(Carnet.praticien == pid)
    page = await page_de(client, PAGE)
    assert "5 actions sur 8" in page and "En avance" in page
    # 1433 days gone for 5 actions: 8 at 2292.8 days from 01/01/2023, in April 2029.
    assert "À ce rythme, votre programme sera complet vers 04/2029" in page
    assert "2 actions validées sur 2" in page and "1 action validée sur 2" in page


async def test_an_exempt_bloc_3_totals_six(client):
    pid = await connecte(client)
    await client.get(PAGE)
    await Carnet.update({Carnet.exoneration: "confirmee", Carnet.b1: 1}).where(Carnet.praticien == pid)
    page = await page_de(client, PAGE)
    assert "1 action sur 6" in page and page.count(periode.EXONERATION) >= 1
    assert page.count("<progress") == 3


async def test_an_action_ended_in_2022_is_refused_beside_its_field(client):
    await connecte(client)
    response = await _declarer(client, fin="2022-12-15", debut="2022-12-01", organisme="FAF PM")
    assert response.status_code == 422
    assert 'id="f-fin-erreur">' + AVANT_2023 in texte(response)
    assert 'value="FAF PM"' in texte(response) and "attestation.pdf (déjà envoyé)" in texte(response)
    assert await ActionCertification.count() == 0


async def test_a_draft_does_not_count_a_declared_action_does(client):
    pid = await connecte(client)
    response = await post(client, NOUVELLE, _action(bouton="brouillon", fin=""))
    assert response.status_code == 303, texte(response)
    assert (await carnet_de(pid))["b1"] == 0
    brouillon = await ActionCertification.select().first()
    assert brouillon["statut"] == "brouillon"
    assert brouillon["intitule"] == referentiel("SM54").action("MG-B1-01").libelle
    response = await _declarer(client, code="MG-B1-02")
    assert response.status_code == 303
    assert (await carnet_de(pid))["b1"] == 1 and await PreuveAction.count() == 1
    page = await page_de(client, f"{PAGE}?ok=declarer")
    assert "L'action est déclarée." in page and "1 action validée sur 2" in page and "1 action sur 8" in page
    assert "Brouillon" in page and "Déclarée" in page
    preuve = await PreuveAction.select().first()
    fichier = await client.get(f"{PAGE}/preuves/{preuve['id']}")
    assert fichier.status_code == 200 and fichier.content.startswith(b"%PDF")


async def test_declaring_needs_a_proof_and_the_dates(client):
    await connecte(client)
    response = await post(client, NOUVELLE, _action(debut="", fin=""))
    assert response.status_code == 422
    assert "Ajoutez un justificatif." in texte(response)
    assert "Indiquez la date de fin ou cochez « en cours »." in texte(response)
    response = await post(client, NOUVELLE, _action(code="autre", intitule="Séminaire", bouton="brouillon"))
    assert response.status_code == 422 and 'id="f-description-erreur"' in texte(response)
    response = await _declarer(client, fin="2027-02-01")
    assert response.status_code == 422 and "cochez « en cours » si l'action se poursuit" in texte(response)
    response = await _declarer(client, fin="", en_cours="on")
    assert response.status_code == 303
    assert (await ActionCertification.select().first())["en_cours"] is True


async def test_an_action_of_the_referentiel_counts_once_per_period(client):
    pid = await connecte(client)
    assert (await _declarer(client)).status_code == 303
    response = await _declarer(client, debut="2026-01-05", fin="2026-01-06")
    assert response.status_code == 422
    assert "Cette action du référentiel est déjà déclarée pour cette période (1 fois au plus)." in texte(response)
    assert (await post(client, NOUVELLE, _action(bouton="brouillon"))).status_code == 303  # a draft may wait
    assert (await carnet_de(pid))["b1"] == 1


async def test_edit_back_to_draft_and_delete_recount(client):
    pid = await connecte(client)
    await _declarer(client)
    action = await ActionCertification.select().first()
    page = await page_de(client, f"{PAGE}/actions/{action['id']}")
    preuve = await PreuveAction.select().first()
    assert 'value="ANDPC"' in page and "Conserver attestation.pdf" in page
    response = await post(client, f"{PAGE}/actions/{action['id']}", _action(bloc="2", code="MG-B2-01"))
    assert response.status_code == 422 and "Ajoutez un justificatif." in texte(response)  # its proof unticked
    gardee = {"preuves_gardees": str(preuve["id"])}
    response = await post(client, f"{PAGE}/actions/{action['id']}", _action(bloc="2", code="MG-B2-01", **gardee))
    assert response.status_code == 303
    carnet = await carnet_de(pid)
    assert (carnet["b1"], carnet["b2"]) == (0, 1)
    response = await post(client, f"{PAGE}/actions/{action['id']}", _action(bloc="2", code="MG-B2-01",
                                                                            bouton="brouillon", **gardee))
    assert response.status_code == 303 and (await carnet_de(pid))["b2"] == 0
    await post(client, f"{PAGE}/actions/{action['id']}", _action(bloc="2", code="MG-B2-01", **gardee))
    assert (await carnet_de(pid))["b2"] == 1 and await PreuveAction.count() == 1
    confirmation = await page_de(client, f"{PAGE}/actions/{action['id']}/supprimer")
    assert "Supprimer cette action ?" in confirmation
    response = await post(client, f"{PAGE}/actions/{action['id']}/supprimer", {})
    assert response.status_code == 303 and response.headers["location"] == f"{PAGE}?ok=supprimer"
    assert await ActionCertification.count() == 0 and await PreuveAction.count() == 0
    assert (await carnet_de(pid))["b2"] == 0


async def test_the_picker_follows_the_bloc(client):
    await connecte(client)
    fragment = await client.get(f"{PAGE}/actions/choix?bloc=4", headers={"hx-request": "true"})
    assert 'id="choix-action"' in fragment.text and "<html" not in fragment.text
    assert "Auto-évaluation (questionnaire CMG)." in fragment.text and "MG-B1-01" not in fragment.text
    plain = await client.get(f"{PAGE}/actions/choix?bloc=4", follow_redirects=False)
    assert plain.status_code == 303 and plain.headers["location"] == f"{NOUVELLE}?bloc=4"
    response = await post(client, NOUVELLE, {"bloc": "3", "code": "MG-B1-01", "organisme": "X",
                                             "bouton": "actualiser"})
    assert response.status_code == 200 and "Dispositif d'annonce." in texte(response)
    assert 'value="X"' in texte(response) and await ActionCertification.count() == 0
    suggestion = await page_de(client, f"{NOUVELLE}?bloc=4&code=MG-B4-02")
    assert 'value="Auto-évaluation (questionnaire CMG)."' in suggestion


async def test_another_doctors_action_is_a_404(client):
    autre = await medecin("dr.autre", rpps="10003456786", email="a@exemple.fr")
    carnet = await periode.ouvrir(autre)
    ligne = await ActionCertification.insert(ActionCertification(
        carnet=carnet["id"], bloc=1, intitule="La sienne", statut="declaree")).returning(ActionCertification.id)
    preuve = await PreuveAction.insert(PreuveAction(action=ligne[0]["id"], fichier="x.pdf", nom_original="x.pdf",
                                                    type_mime="application/pdf", taille=1)).returning(PreuveAction.id)
    await connecte(client)
    n = ligne[0]["id"]
    assert (await client.get(f"{PAGE}/actions/{n}")).status_code == 404
    assert (await client.get(f"{PAGE}/actions/{n}/supprimer")).status_code == 404
    assert (await post(client, f"{PAGE}/actions/{n}/supprimer", {})).status_code == 404
    assert (await post(client, f"{PAGE}/actions/{n}", _action())).status_code == 404
    assert (await client.get(f"{PAGE}/preuves/{preuve[0]['id']}")).status_code == 404
    assert await ActionCertification.count() == 1


async def test_an_interne_is_refused(client):
    await medecin("dr.interne", rpps="10101473782", email="i@exemple.fr", qualite="interne")
    await login(client, "dr.interne")
    response = await client.get(PAGE)
    assert response.status_code == 403 and "Vous n'avez pas accès à cette page" in texte(response)


async def test_recompter_and_a_change_of_specialty(client):
    pid = await connecte(client)
    carnet = await periode.ouvrir(pid)
    for bloc, statut in ((1, "declaree"), (1, "declaree"), (1, "declaree"), (3, "declaree"), (4, "brouillon"),
                         (2, "a_confirmer"), (2, "ecartee")):
        await ActionCertification.insert(ActionCertification(carnet=carnet["id"], bloc=bloc, intitule="x",
                                                             statut=statut))
    await recompter(carnet["id"])
    c = await carnet_de(pid)
    assert (c["b1"], c["b2"], c["b3"], c["b4"]) == (3, 0, 1, 0)
    assert periode.validees(c) == 3
    await Praticien.update({Praticien.specialite: "SM74"}).where(Praticien.id == pid)
    page = await page_de(client, PAGE)
    assert "3 actions sur 8" in page  # declared actions keep counting whatever the référentiel


async def test_the_referentiel_of_the_specialty(client):
    pid = await connecte(client)
    await Praticien.update({Praticien.specialite: "SM74"}).where(Praticien.id == pid)
    page = await page_de(client, PAGE)
    radiologie = referentiel("SM74")
    assert f"Référentiel de Radiologie et imagerie médicale — {radiologie.auteur}" in page
    choix = texte(await client.get(f"{PAGE}/actions/choix?bloc=2", headers={"hx-request": "true"}))
    assert all(a.libelle in choix for a in radiologie.actions(2)) and "MG-B2-01" not in choix
    await Praticien.update({Praticien.specialite: "SM40"}).where(Praticien.id == pid)
    assert DEMONSTRATION in await page_de(client, PAGE)


async def test_the_declaration_sur_l_honneur_where_the_referentiel_allows_it(client):
    pid = await connecte(client)
    await Praticien.update({Praticien.specialite: "SM74"}).where(Praticien.id == pid)
    choix = texte(await client.get(f"{PAGE}/actions/choix?bloc=2&code=RAD-B2-02", headers={"hx-request": "true"}))
    assert 'name="honneur"' in choix and "déclaration sur l'honneur" in choix
    choix = texte(await client.get(f"{PAGE}/actions/choix?bloc=2&code=RAD-B2-01", headers={"hx-request": "true"}))
    assert 'name="honneur"' not in choix
    response = await post(client, NOUVELLE, _action(bloc="2", code="RAD-B2-01", honneur="on"))
    assert response.status_code == 422 and "Ajoutez un justificatif." in texte(response)
    response = await post(client, NOUVELLE, _action(bloc="2", code="RAD-B2-02", honneur="on"))
    assert response.status_code == 303
    action = await ActionCertification.select().first()
    assert action["honneur"] is True and (await carnet_de(pid))["b2"] == 1


async def test_a_proof_unticked_is_removed_with_its_file(client):
    await connecte(client)
    await _declarer(client)
    action, preuve = await ActionCertification.select().first(), await PreuveAction.select().first()
    assert (await client.get(f"{PAGE}/preuves/{preuve['id']}")).status_code == 200
    response = await envoyer(client, f"{PAGE}/actions/{action['id']}", [("scan.pdf", pdf("Autre"))], champ="preuves",
                             **_action(bouton="brouillon"))
    assert response.status_code == 303
    assert [p["nom_original"] for p in await PreuveAction.select()] == ["scan.pdf"]
    assert stockage.chemin(PREUVES_CERTIFICATION, preuve["fichier"]) is None
