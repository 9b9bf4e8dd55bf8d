"""The back office on a desktop screen, and the French error pages."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from e2e.etapes import check_a11y, login


def test_connexion_gestion(desktop: Page) -> None:
    page = desktop
    page.goto("/gestion/connexion")
    expect(page.get_by_role("heading", level=1)).to_have_text("Espace des conseils de l'Ordre")
    check_a11y(page, "connexion gestion")
    login(page, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    expect(page).to_have_url(re.compile(r"/gestion$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord")
    expect(page.get_by_role("main")).to_contain_text("cd38@demo.ordre.test")
    expect(page.get_by_role("link", name="Tableau de bord")).to_have_attribute("aria-current", "page")
    check_a11y(page, "tableau de bord")

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(re.compile(r"/gestion/connexion\?deconnecte"))
    expect(page.get_by_role("status")).to_contain_text("Vous êtes déconnecté.")
    check_a11y(page, "déconnecté de la gestion")


def test_compte_medecin_refuse_en_gestion(desktop: Page) -> None:
    page = desktop
    page.goto("/gestion/connexion")
    login(page, "demo.medecin", "Demo-medecin-2026!", gestion=True)
    message = "Identifiant ou mot de passe incorrect."
    identifiant = page.get_by_label("E-mail de l'Ordre")
    expect(identifiant).to_have_attribute("aria-invalid", "true")
    expect(identifiant).to_have_accessible_description(re.compile(re.escape(message)))
    expect(page.get_by_role("alert")).to_contain_text(message)
    expect(identifiant).to_have_value("demo.medecin")
    expect(page.get_by_label("Mot de passe de l'Ordre")).to_have_value("")
    expect(page).to_have_url(re.compile(r"/gestion/connexion$"))
    check_a11y(page, "connexion gestion refusée")

    page.goto("/gestion")  # still not logged in
    expect(page).to_have_url(re.compile(r"/gestion/connexion\?next="))


def test_page_introuvable_en_francais(desktop: Page) -> None:
    page = desktop
    response = page.goto("/nimporte-quoi")
    assert response is not None and response.status == 404
    expect(page).to_have_title(re.compile("Page introuvable"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    expect(page.get_by_role("main")).to_contain_text("La page demandée n'existe pas")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    check_a11y(page, "404")
