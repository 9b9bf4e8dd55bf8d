"""A doctor on a phone: Mon compte, then Mes coordonnées (rows added in place with htmx, affectation), log out."""

from __future__ import annotations

import random
import re
import uuid

from playwright.sync_api import Page, expect

from e2e.conftest import check_a11y, login


def _paires(n: int) -> str:
    return " ".join(f"{random.randint(0, 99):02d}" for _ in range(n))


def test_mon_compte_et_coordonnees(phone: Page) -> None:
    page = phone
    # Values of this run only, so that the test also passes again on a shared instance (--base-url).
    email = f"e2e.{uuid.uuid4().hex[:10]}@exemple.fr"
    mobile = f"06 {_paires(4)}"
    fixe = f"04 76 {_paires(3)}"

    # --- Connexion
    page.goto("/connexion")
    expect(page.get_by_role("heading", level=1)).to_have_text("Connectez-vous à votre espace")
    check_a11y(page, "connexion")
    login(page, "demo.medecin", "Demo-medecin-2026!")

    # --- Mon compte
    expect(page).to_have_url(re.compile(r"/espace$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    identite = page.get_by_role("region", name="Mon identité")
    expect(identite).to_contain_text("DURAND")
    expect(identite).to_contain_text("Camille")
    expect(page.get_by_role("cell", name="Vous n'avez aucune démarche en cours")).to_be_visible()
    services = page.get_by_role("region", name="Mes services")
    for tuile in ("Abonnements", "Cotisations", "Message", "Annonces", "Entraide", "Paramètres"):
        expect(services.get_by_role("link", name=re.compile(tuile))).to_be_visible()
    check_a11y(page, "Mon compte")

    # --- Mes coordonnées
    page.get_by_role("link", name="Mes coordonnées de correspondance").click()
    expect(page).to_have_url(re.compile(r"/espace/coordonnees$"))
    expect(page.get_by_role("heading", name="Mes coordonnées", exact=True)).to_be_visible()
    check_a11y(page, "Mes coordonnées")

    # First row, with a postcode that is not the commune's: the error shows in place, typed values kept.
    page.get_by_role("link", name="Ajouter +").click()
    form = page.get_by_role("form", name="Nouvelle ligne de coordonnées")
    expect(form.get_by_label("Adresse (numéro et voie)")).to_be_visible()
    check_a11y(page, "formulaire d'ajout ouvert")
    form.get_by_label("Adresse (numéro et voie)").fill("12 rue de la République")
    form.get_by_label("Code postal").fill("38000")
    form.get_by_label("Commune").fill("Lyon")
    form.get_by_label("E-mail").fill(email)
    form.get_by_label("Mobile").fill(mobile)
    form.get_by_role("button", name="Enregistrer").click()

    erreur = "Aucune commune « Lyon » n'a le code postal 38000."
    commune = form.get_by_label("Commune")
    expect(commune).to_have_attribute("aria-invalid", "true")
    expect(commune).to_have_accessible_description(re.compile(re.escape(erreur)))
    expect(form.locator("#f-commune-erreur")).to_have_text(erreur)
    expect(form.get_by_role("alert")).to_contain_text(erreur)
    expect(form.get_by_label("Adresse (numéro et voie)")).to_have_value("12 rue de la République")
    expect(form.get_by_label("Code postal")).to_have_value("38000")
    expect(commune).to_have_value("Lyon")
    expect(form.get_by_label("E-mail")).to_have_value(email)
    expect(form.get_by_label("Mobile")).to_have_value(mobile)
    check_a11y(page, "erreur de validation affichée")

    commune.fill("Grenoble")
    form.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_have_text("La ligne de coordonnées est ajoutée.")
    expect(form).to_have_count(0)
    ligne = page.locator("li.coordonnee", has_text=email)
    expect(ligne).to_contain_text("12 rue de la République 38000 Grenoble")
    expect(ligne).to_contain_text(mobile)
    check_a11y(page, "première ligne ajoutée")
    ligne_id = (ligne.get_attribute("id") or "").removeprefix("coordonnee-")
    assert ligne_id.isdigit(), ligne_id

    # Second row: a landline only.
    page.get_by_role("link", name="Ajouter +").click()
    form.get_by_label("Fixe").fill(fixe)
    form.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_have_text("La ligne de coordonnées est ajoutée.")
    expect(page.locator("li.coordonnee", has_text=fixe)).to_be_visible()
    check_a11y(page, "seconde ligne ajoutée")

    # The new e-mail and mobile become the Annonces contact.
    annonces = page.get_by_role("group", name="Annonces")
    annonces.get_by_label("E-mail").select_option(ligne_id)
    annonces.get_by_label("Mobile").select_option(ligne_id)
    page.get_by_role("button", name="Enregistrer l'affectation").click()
    expect(page.get_by_role("status")).to_have_text("L'affectation de vos coordonnées est enregistrée.")
    check_a11y(page, "affectation enregistrée")

    page.reload()
    annonces = page.get_by_role("group", name="Annonces")
    expect(annonces.get_by_label("E-mail")).to_have_value(ligne_id)
    expect(annonces.get_by_label("E-mail").locator("option:checked")).to_have_text(email)
    expect(annonces.get_by_label("Mobile")).to_have_value(ligne_id)
    expect(annonces.get_by_label("Mobile").locator("option:checked")).to_have_text(mobile)
    expect(page.locator("#aff-annonces-email")).to_have_value(ligne_id)

    # --- Déconnexion: /espace leads back to the login page.
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(re.compile(r"/connexion\?deconnecte"))
    expect(page.get_by_role("status")).to_contain_text("Vous êtes déconnecté.")
    check_a11y(page, "déconnecté")
    page.goto("/espace")
    expect(page).to_have_url(re.compile(r"/connexion(\?|$)"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Connectez-vous à votre espace")
    expect(page.get_by_role("button", name="Se déconnecter")).to_have_count(0)
