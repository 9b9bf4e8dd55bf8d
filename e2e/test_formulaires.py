"""Issue 19 on a 360 px phone: the contact choice asked on Déposer only and confirmed, Déposer's numbered
sections and recap, error summaries that name and lead to their field, « Afficher le mot de passe », the date of
birth in three fields."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from e2e.etapes import champ, check_a11y, login

TELEPHONE = {"width": 360, "height": 780}
BANNIERE = "Coordonnées affichées sur vos annonces"


def _ecran(page: Page, dossier: Path, nom: str) -> None:
    """A screenshot to look at, and no sideways scrolling at 360 px."""
    page.screenshot(path=dossier / f"{nom}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= TELEPHONE["width"], nom


def test_deposer_asks_the_contact_choice_confirms_it_and_guides_the_form(phone: Page, tmp_path: Path) -> None:
    page = phone
    page.set_viewport_size(TELEPHONE)
    page.goto("/connexion")
    login(page, "demo.radio", "Demo-medecin-2026!")
    expect(page).to_have_url(re.compile(r"/espace$"))
    page.goto("/annonces")
    expect(page.get_by_role("heading", level=1)).to_have_text("Trouver une annonce")
    expect(page.get_by_role("heading", name=BANNIERE)).to_have_count(0)  # out of the way of a search

    page.get_by_role("navigation", name="Annonces").get_by_role("link", name="Déposer").click()
    expect(page.get_by_role("heading", name=BANNIERE)).to_be_visible()
    check_a11y(page, "choix des coordonnées sur Déposer")
    page.get_by_role("button", name="Accepter").click()
    expect(page).to_have_url(re.compile(r"/annonces/deposer\?contact=accepte$"))
    confirmation = page.get_by_role("status").filter(has_text="C'est noté")
    expect(confirmation).to_contain_text("vos coordonnées de l'Ordre seront affichées sur vos annonces.")
    expect(confirmation).to_be_focused()
    expect(page.get_by_role("heading", name=BANNIERE)).to_have_count(0)
    _ecran(page, tmp_path, "choix-confirme")

    etapes = page.get_by_role("navigation", name="Étapes de l'annonce").get_by_role("link")
    expect(etapes).to_have_text(["1. L'annonce", "2. Lieux et périodes", "3. Photos", "4. Vérifier"])
    expect(page.get_by_role("heading", level=2)).to_have_text(
        ["1. L'annonce", "2. Lieux et périodes", "3. Photos", "4. Vérifier"])
    expect(page.get_by_label("Spécialité")).to_have_value("SM74")  # the Tableau's Radiologie of demo.radio

    page.get_by_role("button", name="+ Ajouter une période").click()
    expect(page.get_by_label("À partir du")).to_have_count(2)
    expect(page.get_by_label("À partir du").nth(1)).to_be_focused()

    page.get_by_label("Catégorie").select_option(label="Remplacement")
    page.get_by_label("Je cherche un remplaçant").check()
    champ(page, "Titre").fill("Remplacement en radiologie")
    recap = page.locator("dl.recapitulatif")
    expect(recap).to_be_visible()
    expect(recap).to_contain_text("Remplacement en radiologie")
    expect(recap).to_contain_text("Radiologie")
    expect(page.get_by_text("Votre annonce sera vérifiée par le Conseil départemental avant publication.")
           ).to_be_visible()
    check_a11y(page, "Déposer en étapes")
    _ecran(page, tmp_path, "deposer-verifier")

    champ(page, "Titre").fill("")
    page.get_by_role("button", name="Publier").click()
    resume = page.get_by_role("alert")
    expect(resume).to_contain_text("Titre : ce champ est obligatoire.")
    expect(resume).to_contain_text("Description : ce champ est obligatoire.")
    expect(resume).to_contain_text("Lieu(x) : ajoutez au moins un lieu.")
    expect(resume).not_to_contain_text("« Du »")
    check_a11y(page, "résumé des erreurs")
    _ecran(page, tmp_path, "deposer-erreurs")
    resume.get_by_role("link", name="Description : ce champ est obligatoire.").click()
    expect(champ(page, "Description")).to_be_focused()


def test_every_password_can_be_shown_and_is_sent_hidden(phone: Page, tmp_path: Path) -> None:
    page = phone
    page.set_viewport_size(TELEPHONE)
    page.goto("/connexion")
    mot_de_passe = champ(page, "Mot de passe")
    mot_de_passe.fill("Demo-medecin-2026!")
    afficher = page.get_by_role("checkbox", name="Afficher le mot de passe")
    expect(afficher).to_be_visible()
    expect(mot_de_passe).to_have_attribute("type", "password")
    afficher.check()
    expect(mot_de_passe).to_have_attribute("type", "text")
    check_a11y(page, "mot de passe affiché")
    _ecran(page, tmp_path, "mot-de-passe-affiche")
    afficher.uncheck()
    expect(mot_de_passe).to_have_attribute("type", "password")
    afficher.check()
    champ(page, "Nom d'utilisateur").fill("demo.medecin")
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/espace$"))

    page.goto("/espace/mot-de-passe")
    expect(page.get_by_role("checkbox", name="Afficher le mot de passe")).to_have_count(3)


def test_the_date_of_birth_in_three_fields_and_an_impossible_one_explained(phone: Page, tmp_path: Path) -> None:
    page = phone
    page.set_viewport_size(TELEPHONE)
    page.goto("/inscription")
    date = page.get_by_role("group", name="Date de naissance")
    expect(date).to_contain_text("Par exemple : 14 7 1985")
    for partie, valeur in (("Jour", "31"), ("Mois", "2"), ("Année", "1985")):
        case = date.get_by_label(partie, exact=True)
        expect(case).to_have_attribute("inputmode", "numeric")
        case.fill(valeur)
    page.get_by_label("Numéro RPPS").fill("10005170625")
    champ(page, "Nom").fill("Durand")
    _ecran(page, tmp_path, "date-trois")
    page.get_by_role("button", name="Continuer").click()
    lien = page.get_by_role("alert").get_by_role("link", name="Date de naissance : le 31/2/1985 n'existe")
    expect(lien).to_be_visible()
    expect(date).to_contain_text("Le 31/2/1985 n'existe pas : vérifiez le jour, le mois et l'année")
    expect(date.get_by_label("Année", exact=True)).to_have_value("1985")
    check_a11y(page, "date impossible")
    _ecran(page, tmp_path, "date-impossible")
    lien.click()
    expect(date.get_by_label("Jour", exact=True)).to_be_focused()
