"""A doctor on a phone: Mon compte, then Mes coordonnées (rows added in place with htmx, affectation), log out."""

from __future__ import annotations

import random
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.etapes import check_a11y, deplier, login, mail_pour


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
    # The demo's postal vignette waits for the council (web/demo_ordonnances.py).
    expect(page.get_by_role("cell", name="Demander une vignette urgence")).to_be_visible()
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
    form.get_by_label("Courriel").fill(email)
    form.get_by_label("Mobile").fill(mobile)
    form.get_by_role("button", name="Enregistrer").click()

    erreur = "Aucune commune « Lyon » n'a le code postal 38000."
    commune = form.get_by_label("Commune")
    expect(commune).to_have_attribute("aria-invalid", "true")
    expect(commune).to_have_accessible_description(re.compile(re.escape(erreur)))
    expect(form.locator("#f-commune-erreur")).to_have_text(erreur)
    expect(form.get_by_role("alert")).to_contain_text("Commune : aucune commune « Lyon » n'a le code postal 38000.")
    expect(form.get_by_role("alert")).to_be_focused()  # app.js moves the focus to the error summary
    expect(form.get_by_label("Adresse (numéro et voie)")).to_have_value("12 rue de la République")
    expect(form.get_by_label("Code postal")).to_have_value("38000")
    expect(commune).to_have_value("Lyon")
    expect(form.get_by_label("Courriel")).to_have_value(email)
    expect(form.get_by_label("Mobile")).to_have_value(mobile)
    check_a11y(page, "erreur de validation affichée")

    commune.fill("Grenoble")
    form.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_have_text("La ligne de coordonnées est ajoutée.")
    expect(form).to_have_count(0)
    expect(page.get_by_role("status")).to_be_focused()
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

    # A third row repeating the first one's mobile: each "Mobile" of Affectation offers it once (issue 19).
    page.get_by_role("link", name="Ajouter +").click()
    form.get_by_label("Mobile").fill(mobile)
    form.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_have_text("La ligne de coordonnées est ajoutée.")
    expect(page.locator("li.coordonnee", has_text=mobile)).to_have_count(2)
    for usage in ("Ordre", "RPPS", "Domicile", "Annonces"):
        for libelle in ("Adresse", "Courriel", "Mobile", "Fixe"):
            textes = page.get_by_role("group", name=usage, exact=True).get_by_label(libelle).locator(
                "option").all_inner_texts()
            assert len(textes) == len(set(textes)), (usage, libelle, textes)

    # The new e-mail and mobile become the Annonces contact.
    annonces = page.get_by_role("group", name="Annonces")
    annonces.get_by_label("Courriel").select_option(ligne_id)
    annonces.get_by_label("Mobile").select_option(ligne_id)
    page.get_by_role("button", name="Enregistrer l'affectation").click()
    expect(page.get_by_role("status")).to_have_text("L'affectation de vos coordonnées est enregistrée.")
    check_a11y(page, "affectation enregistrée")

    page.reload()
    annonces = page.get_by_role("group", name="Annonces")
    expect(annonces.get_by_label("Courriel")).to_have_value(ligne_id)
    expect(annonces.get_by_label("Courriel").locator("option:checked")).to_have_text(email)
    expect(annonces.get_by_label("Mobile")).to_have_value(ligne_id)
    expect(annonces.get_by_label("Mobile").locator("option:checked")).to_have_text(mobile)
    expect(page.locator("#aff-annonces-email")).to_have_value(ligne_id)

    # --- Déconnexion: /espace leads back to the login page.
    deplier(page, "Menu")
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(re.compile(r"/connexion\?deconnecte"))
    expect(page.get_by_role("status")).to_contain_text("Vous êtes déconnecté.")
    check_a11y(page, "déconnecté")
    page.goto("/espace")
    expect(page).to_have_url(re.compile(r"/connexion(\?|$)"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Connectez-vous à votre espace")
    expect(page.get_by_role("button", name="Se déconnecter")).to_have_count(0)


def test_autres_pages_du_praticien(phone: Page) -> None:
    """Every other page a doctor reaches from Mon compte passes axe on a phone too."""
    page = phone
    page.goto("/espace")
    expect(page).to_have_url(re.compile(r"/connexion\?next=(/|%2F)espace$"))
    login(page, "demo.interne", "Demo-interne-2026!")
    expect(page).to_have_url(re.compile(r"/espace$"))  # back to the page asked for
    expect(page.get_by_role("region", name="Mon identité")).to_contain_text("PERINET")

    tuiles = page.get_by_role("region", name="Mes services").get_by_role("link")
    expect(tuiles).to_have_count(6)
    liens = [(tuiles.nth(i).locator("strong").inner_text(), tuiles.nth(i).get_attribute("href"))
             for i in range(6)]
    for titre, href in liens:
        response = page.goto(href or "")
        assert response is not None and response.ok, f"{titre}: {href} answered {response and response.status}"
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"\w"))  # a titled page, whichever
        check_a11y(page, f"service {titre}")

    page.goto("/espace")
    page.get_by_role("link", name="Voir mes démarches archivées").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes démarches archivées")
    # Empty on a fresh demo; the démarches' e2e files (run before this one) may have decided one of his.
    archivees = page.get_by_role("main").get_by_role("link", name=re.compile(r"^D-\d{4}-\d{6}$"))
    expect(page.get_by_text("Vous n'avez aucune démarche archivée.").or_(archivees).first).to_be_visible()
    check_a11y(page, "démarches archivées")

    deplier(page, "Menu")
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Message").click()
    expect(page).to_have_url(re.compile(r"/espace/messages$"))
    deplier(page, "Menu")
    navigation = page.get_by_role("navigation", name="Navigation principale")
    expect(navigation.get_by_role("link", name="Message")).to_have_attribute("aria-current", "page")
    check_a11y(page, "messages")


def test_identifiants_oublies(phone: Page, mail_dir: Path | None) -> None:
    page = phone
    page.goto("/connexion")
    page.get_by_role("link", name="Identifiants oubliés ?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Identifiants oubliés ?")
    check_a11y(page, "identifiants oubliés")

    page.get_by_role("button", name="Recevoir un lien").click()  # nothing typed
    champ_recherche = page.get_by_label(re.compile("^Nom d'utilisateur, numéro RPPS ou courriel"))
    expect(champ_recherche).to_have_attribute("aria-invalid", "true")
    expect(champ_recherche).to_have_accessible_description("Ce champ est obligatoire.")
    check_a11y(page, "identifiants oubliés, champ vide")

    if mail_dir is None:
        return  # on a shared instance, a request would count against this address's login limit
    champ_recherche.fill("demo.rhone")
    page.get_by_role("button", name="Recevoir un lien").click()
    expect(page.get_by_role("status")).to_contain_text("Si un espace correspond à votre saisie")
    check_a11y(page, "identifiants oubliés, lien envoyé")
    message = mail_pour(mail_dir, "louis.garnier@exemple.fr", sujet="Vos identifiants")
    texte = message.get_body(preferencelist=("plain",)).get_content()
    assert "demo.rhone" in texte and "/identifiants-oublies/" in texte, texte


def test_mon_compte_et_coordonnees_sur_grand_ecran(desktop: Page) -> None:
    """The wider layouts (grids of cards and of selects) pass axe as well."""
    page = desktop
    page.goto("/connexion")
    login(page, "demo.rhone", "Demo-medecin-2026!")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    check_a11y(page, "Mon compte, grand écran")
    page.get_by_role("link", name="Mes coordonnées de correspondance").click()
    expect(page.get_by_role("heading", name="Affectation de mes coordonnées")).to_be_visible()
    check_a11y(page, "Mes coordonnées, grand écran")
    page.get_by_role("link", name=re.compile("^Modifier")).first.click()
    form = page.get_by_role("form", name=re.compile("^Modifier la ligne"))
    expect(form.get_by_label("Courriel")).not_to_have_value("")
    form.get_by_label("Courriel").fill("pas-un-email")
    form.get_by_role("button", name="Enregistrer").click()
    expect(form.get_by_label("Courriel")).to_have_attribute("aria-invalid", "true")
    check_a11y(page, "modification avec erreur, grand écran")
    form.get_by_role("link", name="Annuler").click()
    expect(form).to_have_count(0)
    expect(page.get_by_role("link", name="Ajouter +")).to_be_visible()


@pytest.mark.parametrize(("identifiant", "mot_de_passe", "nom", "inscription"), [
    ("demo.junior", "Demo-junior-2026!", "BERTRAND", True),
    ("demo.radio", "Demo-medecin-2026!", "FAURE", False),
])
def test_comptes_de_demo_des_demarches(phone: Page, identifiant: str, mot_de_passe: str, nom: str,
                                       inscription: bool) -> None:
    """The accounts SPEC_DEMARCHES §6 adds to the demo: the docteur junior may apply for the Tableau;
    the radiologist, already a médecin, gets the médecins' services (§4), not the inscription."""
    page = phone
    page.goto("/connexion")
    login(page, identifiant, mot_de_passe)
    expect(page).to_have_url(re.compile(r"/espace$"))
    expect(page.get_by_role("region", name="Mon identité")).to_contain_text(nom)
    page.get_by_role("link", name="Commencer une démarche").click()
    expect(page.get_by_role("link", name="Inscription au Tableau")).to_have_count(1 if inscription else 0)
    if not inscription:
        expect(page.get_by_role("link", name="Transférer mon inscription vers un autre conseil")).to_be_visible()
    expect(page.get_by_role("link", name="Demander l'aide de l'entraide")).to_have_count(0 if inscription else 1)
    check_a11y(page, f"Commencer une démarche ({identifiant})")
