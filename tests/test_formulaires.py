"""Issue 19, forms: the contact choice asked where it matters and confirmed, Déposer's numbered sections and
prefilled Spécialité, "Afficher le mot de passe", the date of birth in three fields."""

from __future__ import annotations

import re

import pytest

from tables.comptes import Compte
from tests.support import login, medecin, post
from web.forms import noms_date

BANNIERE = "Coordonnées affichées sur vos annonces"


async def test_the_contact_choice_is_asked_on_deposer_and_coordonnees_only(client):
    await medecin()
    await login(client)
    for page in ("/annonces", "/annonces/gerer", "/annonces/regles", "/annonces/carte"):
        assert BANNIERE not in (await client.get(page)).text, page
    for page in ("/annonces/deposer", "/espace/coordonnees"):
        text = (await client.get(page)).text
        assert BANNIERE in text and 'name="suite" value="' + page + '"' in text, page


async def test_accepting_comes_back_to_the_page_with_a_confirmation(client):
    await medecin()
    await login(client)
    response = await post(client, "/annonces/contact", {"choix": "accepter", "suite": "/espace/coordonnees"})
    assert response.status_code == 303 and response.headers["location"] == "/espace/coordonnees?contact=accepte"
    assert await Compte.select(Compte.choix_contact_annonces).first() == {"choix_contact_annonces": "accepte"}
    text = (await client.get(response.headers["location"])).text
    assert BANNIERE not in text
    confirmation = re.search(r'<div class="alerte alerte--succes" role="status"[^>]*><p>([^<]+)</p>', text)
    assert confirmation and confirmation.group(1).startswith("C&#39;est noté : vos coordonnées de l&#39;Ordre "
                                                             "seront affichées sur vos annonces.")


async def test_refusing_from_deposer_confirms_there_and_a_foreign_suite_is_ignored(client):
    await medecin()
    await login(client)
    response = await post(client, "/annonces/contact", {"choix": "refuser", "suite": "https://ailleurs.example/"})
    assert response.headers["location"] == "/annonces/deposer?contact=refuse"
    text = (await client.get(response.headers["location"])).text
    assert "ne seront pas affichées sur vos annonces" in text and BANNIERE not in text


async def test_deposer_is_in_numbered_sections_and_starts_with_the_doctors_specialty(client):
    await medecin()
    await login(client)
    text = (await client.get("/annonces/deposer")).text
    titres = re.findall(r'<h2 id="etape-[a-z]+">([^<]+)</h2>', text)
    assert titres == ["1. L&#39;annonce", "2. Lieux et périodes", "3. Photos", "4. Vérifier"]
    verifier = text[text.index("4. Vérifier"):]
    assert verifier.index("Votre annonce sera vérifiée par le Conseil départemental avant publication") \
        < verifier.index(">Publier</button>")
    assert re.search(r'<option value="SM54" selected>', text)  # the Tableau's specialty of the test doctor


async def test_the_date_of_birth_is_three_numeric_fields_in_one_fieldset(client):
    text = (await client.get("/inscription")).text
    fieldset = re.search(r'<fieldset class="champ date-trois".*?</fieldset>', text, re.S).group(0)
    assert "<legend>Date de naissance" in fieldset and "Par exemple : 14 7 1985" in fieldset
    for libelle, nom, ident in (("Jour", "jour", "f-date_naissance"), ("Mois", "mois", "f-date_naissance-mois"),
                                ("Année", "annee", "f-date_naissance-annee")):
        assert f'<label for="{ident}">{libelle}</label>' in fieldset
        assert re.search(rf'<input id="{ident}" name="date_naissance_{nom}" type="text" inputmode="numeric"', fieldset)
    assert 'type="date"' not in text


@pytest.mark.parametrize(("jour", "mois", "annee", "message"), [
    ("31", "2", "1985", "Le 31/2/1985 n&#39;existe pas : vérifiez le jour, le mois et l&#39;année (4 chiffres)"),
    ("14", "7", "85", "Le 14/7/85 n&#39;existe pas"),
    ("1", "1", "2999", "Cette date est dans le futur : vérifiez l&#39;année."),
    ("1", "1", "1899", "L&#39;année doit être 1900 ou après."),
    ("14", "", "1985", "Indiquez le jour, le mois et l&#39;année, par exemple 14 7 1985."),
    ("", "", "", "Date de naissance : ce champ est obligatoire."),
])
async def test_an_impossible_date_of_birth_says_what_is_wrong(client, jour, mois, annee, message):
    parties = dict(zip(noms_date("date_naissance"), (jour, mois, annee), strict=True))
    response = await post(client, "/inscription", {"rpps": "10005170625", "nom": "Durand", **parties}, htmx=True)
    assert response.status_code == 422
    assert message in response.text
    assert '<a href="#f-date_naissance">Date de naissance : ' in response.text
    assert f'name="date_naissance_annee" type="text" inputmode="numeric" pattern="[0-9]*" maxlength="4"\n' \
           f'        value="{annee}"' in response.text


@pytest.mark.parametrize("page", ["/connexion", "/gestion/connexion"])
async def test_each_password_field_can_be_shown(client, page):
    text = (await client.get(page)).text
    assert 'type="password"' in text
    bascule = re.search(r'<div class="choix afficher-mdp" data-afficher-mdp hidden><input type="checkbox" '
                        r'id="(f-[a-z_]+)-afficher" aria-controls="(f-[a-z_]+)">\s*<label for="\1-afficher">'
                        r'Afficher le mot de passe</label>', text)
    assert bascule and bascule.group(1) == bascule.group(2) == "f-mot_de_passe"
