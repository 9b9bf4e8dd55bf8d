"""Coordonnées de correspondance: validation, in-place editing, affectation, ownership."""

from __future__ import annotations

import pytest

from tables.coordonnees import Affectation, Coordonnee
from tests.support import login, medecin, post
from web.coordonnees.forms import telephone

LIGNE = {"voie": "12 rue de la République", "code_postal": "38000", "commune": "Grenoble",
         "email": "cabinet@exemple.fr", "mobile": "0612345678", "fixe": ""}


@pytest.mark.parametrize("saisi, attendu", [
    ("0612345678", "06 12 34 56 78"), ("06.12.34.56.78", "06 12 34 56 78"), ("+33 6 12 34 56 78", "06 12 34 56 78"),
    ("+590 690 12 34 56", "06 90 12 34 56"), ("+262 262 12 34 56", "02 62 12 34 56"),
    ("0033476123456", "04 76 12 34 56"),
    ("12345", None), ("+44 20 7946 0958", None), ("0012", None), ("00 00 00 00 00", None),
])
def test_french_phone_numbers(saisi, attendu):
    assert telephone(saisi) == attendu


async def test_add_a_row_in_place(client):
    pid = await medecin()
    await login(client)
    form = await client.get("/espace/coordonnees?modifier=nouvelle", headers={"hx-request": "true"})
    assert 'id="zone"' in form.text and "<html" not in form.text and "Code postal" in form.text
    response = await post(client, "/espace/coordonnees", LIGNE, htmx=True)
    assert response.status_code == 200
    assert "La ligne de coordonnées est ajoutée." in response.text
    assert "12 rue de la République 38000 Grenoble" in response.text and "06 12 34 56 78" in response.text
    row = await Coordonnee.select().where(Coordonnee.email == "cabinet@exemple.fr").first()
    assert row["praticien"] == pid and row["commune"] == "38185"


async def test_without_javascript_a_row_is_added_by_post_redirect_get(client):
    await medecin()
    await login(client)
    response = await post(client, "/espace/coordonnees", LIGNE)
    assert response.status_code == 303 and response.headers["location"] == "/espace/coordonnees?ok=ajout"
    assert "La ligne de coordonnées est ajoutée." in (await client.get(response.headers["location"])).text


async def test_invalid_row_shows_french_errors_next_to_fields_and_keeps_typing(client):
    await medecin()
    await login(client)
    bad = {**LIGNE, "commune": "Voiron", "email": "pas-un-email", "mobile": "0412345678", "fixe": "123"}
    response = await post(client, "/espace/coordonnees", bad, htmx=True)
    assert response.status_code == 422
    text = response.text
    assert "Aucune commune « Voiron » n&#39;a le code postal 38000." in text
    assert "Saisissez une adresse e-mail valide" in text
    assert "numéro de mobile français" in text and "numéro de téléphone fixe français" in text
    assert 'value="pas-un-email"' in text and 'value="0412345678"' in text and 'value="Voiron"' in text
    assert 'aria-invalid="true"' in text and 'id="f-email-erreur"' in text
    assert await Coordonnee.count().where(Coordonnee.email == "pas-un-email") == 0


async def test_commune_match_is_accent_insensitive_and_an_address_needs_all_three_parts(client):
    await medecin()
    await login(client)
    ok = await post(client, "/espace/coordonnees", {**LIGNE, "code_postal": "42000", "commune": "saint-etienne"},
                    htmx=True)
    assert "42000 Saint-Étienne" in ok.text
    partial = await post(client, "/espace/coordonnees", {"voie": "3 place Grenette"}, htmx=True)
    assert partial.status_code == 422 and "Ce champ est obligatoire." in partial.text


async def test_communes_of_a_postcode_are_proposed(client):
    await medecin()
    await login(client)
    response = await client.get("/espace/coordonnees/communes?code_postal=38500", headers={"hx-request": "true"})
    assert '<option value="Voiron">' in response.text


async def test_assign_rows_to_usages(client):
    pid = await medecin()
    await login(client)
    await post(client, "/espace/coordonnees", LIGNE, htmx=True)
    ordre = await Coordonnee.select(Coordonnee.id).where(Coordonnee.email == "c.durand@exemple.fr").first()
    cabinet = await Coordonnee.select(Coordonnee.id).where(Coordonnee.email == "cabinet@exemple.fr").first()
    data = {"ordre_email": ordre["id"], "annonces_email": cabinet["id"], "annonces_mobile": cabinet["id"],
            "domicile_adresse": cabinet["id"]}
    response = await post(client, "/espace/coordonnees/affectations", data, htmx=True)
    assert "L&#39;affectation de vos coordonnées est enregistrée." in response.text
    annonces = await Affectation.select().where((Affectation.praticien == pid) & (Affectation.usage == "annonces")
                                                 ).first()
    assert annonces["email"] == cabinet["id"] and annonces["mobile"] == cabinet["id"] and annonces["fixe"] is None


async def test_identical_values_are_one_choice_in_affectation(client):
    """Two rows with the same address and mobile: each select offers that value once, selected whichever of the
    two rows is assigned."""
    import re

    pid = await medecin()
    await login(client)
    await post(client, "/espace/coordonnees", LIGNE, htmx=True)
    await post(client, "/espace/coordonnees", {**LIGNE, "email": "secretariat@exemple.fr"}, htmx=True)
    second = await Coordonnee.select(Coordonnee.id).where(Coordonnee.email == "secretariat@exemple.fr").first()
    await Affectation.insert(Affectation(praticien=pid, usage="annonces", mobile=second["id"]))
    page = (await client.get("/espace/coordonnees")).text

    def options(select_id: str) -> list[tuple[str, str]]:
        select = re.search(rf'<select id="{select_id}".*?</select>', page, re.S).group(0)
        return re.findall(r'<option value="\d+"( selected)?>([^<]*)</option>', select)

    assert options("aff-domicile-adresse") == [("", "12 rue de la République 38000 Grenoble")]
    assert options("aff-annonces-mobile") == [(" selected", "06 12 34 56 78")]
    assert [t for _, t in options("aff-rpps-email")] == ["c.durand@exemple.fr", "cabinet@exemple.fr",
                                                         "secretariat@exemple.fr"]
    assert f'<option value="{second["id"]}" selected>06 12 34 56 78' in page


async def test_the_ordre_email_is_required(client):
    await medecin()
    await login(client)
    await post(client, "/espace/coordonnees", LIGNE, htmx=True)
    cabinet = await Coordonnee.select(Coordonnee.id).where(Coordonnee.email == "cabinet@exemple.fr").first()
    response = await post(client, "/espace/coordonnees/affectations", {"annonces_email": cabinet["id"]}, htmx=True)
    assert response.status_code == 422 and "L&#39;e-mail de l&#39;usage Ordre est obligatoire" in response.text
    # what was chosen stays selected
    assert f'<option value="{cabinet["id"]}" selected>cabinet@exemple.fr' in response.text
    ordre = await Coordonnee.select(Coordonnee.id).where(Coordonnee.email == "c.durand@exemple.fr").first()
    delete = await post(client, f"/espace/coordonnees/{ordre['id']}/supprimer", htmx=True)
    assert delete.status_code == 422 and "porte l&#39;e-mail de l&#39;usage Ordre" in delete.text
    clear = await post(client, f"/espace/coordonnees/{ordre['id']}", {"mobile": "0611111111"}, htmx=True)
    assert clear.status_code == 422 and await Coordonnee.exists().where(Coordonnee.email == "c.durand@exemple.fr")


async def test_emptying_an_assigned_field_unassigns_it_and_deleting_a_row_too(client):
    pid = await medecin()
    await login(client)
    await post(client, "/espace/coordonnees", LIGNE, htmx=True)
    ordre = await Coordonnee.select(Coordonnee.id).where(Coordonnee.email == "c.durand@exemple.fr").first()
    cabinet = (await Coordonnee.select(Coordonnee.id).where(Coordonnee.email == "cabinet@exemple.fr").first())["id"]
    await post(client, "/espace/coordonnees/affectations", {"ordre_email": ordre["id"], "annonces_email": cabinet,
                                                            "annonces_mobile": cabinet}, htmx=True)
    await post(client, f"/espace/coordonnees/{cabinet}", {**LIGNE, "mobile": ""}, htmx=True)
    row = await Affectation.select().where((Affectation.praticien == pid) & (Affectation.usage == "annonces")).first()
    assert row["mobile"] is None and row["email"] == cabinet
    response = await post(client, f"/espace/coordonnees/{cabinet}/supprimer", htmx=True)
    assert "La ligne de coordonnées est supprimée." in response.text
    row = await Affectation.select().where((Affectation.praticien == pid) & (Affectation.usage == "annonces")).first()
    assert row["email"] is None


async def test_nobody_touches_another_doctors_rows(client):
    await medecin()
    other = await medecin("dr.autre", rpps="10101473782", email="autre@exemple.fr")
    theirs = (await Coordonnee.select(Coordonnee.id).where(Coordonnee.praticien == other).first())["id"]
    await login(client)
    assert (await client.get(f"/espace/coordonnees?modifier={theirs}")).status_code == 404
    assert (await post(client, f"/espace/coordonnees/{theirs}", LIGNE, htmx=True)).status_code == 404
    assert (await post(client, f"/espace/coordonnees/{theirs}/supprimer", htmx=True)).status_code in (404, 422)
    response = await post(client, "/espace/coordonnees/affectations", {"ordre_email": theirs}, htmx=True)
    assert response.status_code == 422
    assert await Coordonnee.exists().where((Coordonnee.id == theirs) & (Coordonnee.email == "autre@exemple.fr"))
