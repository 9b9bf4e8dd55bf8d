"""« Créer votre espace » on a phone: by the link sent to the Tableau's e-mail, or, without one, through the
council's check of the identity (on a desktop), up to the first login.

Needs the e-mails of the app: skipped against an external --base-url.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.etapes import champ, check_a11y, login, mail_pour

LIEN = re.compile(r"https?://[^\s\"'<>]+/inscription/activer/[A-Za-z0-9_\-.~%]+")


def _lien(msg) -> str:
    texte = msg.get_body(preferencelist=("plain", "html")).get_content()
    trouve = LIEN.search(texte)
    assert trouve, f"no activation link in:\n{texte}"
    return trouve.group(0)


def _identite(page: Page, rpps: str, nom: str, naissance: str) -> None:
    page.goto("/connexion")
    page.get_by_role("link", name="Créer votre espace").click()
    expect(page).to_have_url(re.compile(r"/inscription$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer votre espace")
    page.get_by_label("Numéro RPPS").fill(rpps)
    champ(page, "Nom").fill(nom)
    annee, mois, jour = naissance.split("-")
    date = page.get_by_role("group", name="Date de naissance")
    for partie, valeur in (("Jour", jour), ("Mois", mois), ("Année", annee)):
        date.get_by_label(partie, exact=True).fill(valeur)


def _choisir_identifiants(page: Page, lien: str, identifiant: str, mot_de_passe: str) -> None:
    """Follow the activation link, make one mistake (kept in place), then create the space and log in."""
    page.goto(lien)
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer votre espace")
    check_a11y(page, "choix des identifiants")
    page.get_by_label("Nom d'utilisateur").fill(identifiant)
    champ(page, "Mot de passe").fill(mot_de_passe)
    page.get_by_label("Confirmation du mot de passe").fill(mot_de_passe + " ?")
    page.get_by_role("button", name="Créer mon espace").click()
    confirmation = page.get_by_label("Confirmation du mot de passe")
    expect(confirmation).to_have_attribute("aria-invalid", "true")
    expect(confirmation).to_have_accessible_description("Les deux mots de passe ne sont pas identiques.")
    expect(page.get_by_label("Nom d'utilisateur")).to_have_value(identifiant)
    expect(champ(page, "Mot de passe")).to_have_value("")
    check_a11y(page, "identifiants avec erreur")
    champ(page, "Mot de passe").fill(mot_de_passe)
    confirmation.fill(mot_de_passe)
    page.get_by_role("button", name="Créer mon espace").click()
    expect(page.get_by_role("status")).to_contain_text("Votre espace est créé")
    check_a11y(page, "espace créé")
    page.get_by_role("link", name="Se connecter").click()
    login(page, identifiant, mot_de_passe)
    expect(page).to_have_url(re.compile(r"/espace$"))


@pytest.mark.needs_mail
def test_creer_son_espace_par_l_email_du_tableau(phone: Page, mail_dir: Path | None) -> None:
    if mail_dir is None:
        pytest.skip("needs the e-mails of the app under test")
    page = phone
    _identite(page, "10009876540", "LEROY", "1996-05-21")
    check_a11y(page, "inscription")
    page.get_by_role("button", name="Continuer").click()
    # The link goes to the address the Tableau holds, shown masked; no address is ever typed.
    expect(page.get_by_role("status")).to_contain_text("Nous venons d'envoyer un lien à i****@exemple.fr")
    check_a11y(page, "lien envoyé")

    lien = _lien(mail_pour(mail_dir, "ines.leroy@exemple.fr", sujet="Créez votre espace"))
    _choisir_identifiants(page, lien, "ines.leroy", "Une phrase de passe pour Inès")
    identite = page.get_by_role("region", name="Mon identité")
    expect(identite).to_contain_text("LEROY")
    expect(identite).to_contain_text("ines.leroy@exemple.fr")
    check_a11y(page, "premier accès")

    page.goto(lien)  # the link served once
    expect(page.get_by_role("alert")).to_contain_text("Ce lien n'est plus valable")


@pytest.mark.needs_mail
def test_creer_son_espace_verifie_par_le_conseil(phone: Page, desktop: Page, mail_dir: Path | None) -> None:
    if mail_dir is None:
        pytest.skip("needs the e-mails of the app under test")
    email = "hugo.moreau@exemple.fr"
    page = phone
    _identite(page, "10007654329", "MOREAU", "1995-02-11")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("group", name="Votre adresse e-mail")).to_contain_text(
        "Le Tableau de l'Ordre ne contient pas encore d'adresse e-mail pour vous")
    expect(page.get_by_label("Numéro RPPS")).to_have_value("10007654329")
    check_a11y(page, "courriel demandé")
    page.get_by_label("Courriel").fill(email)
    page.get_by_role("button", name="Transmettre ma demande").click()
    expect(page.get_by_role("status")).to_contain_text("Votre demande est transmise à votre conseil "
                                                       "départemental (Isère)")
    check_a11y(page, "demande transmise")
    mail_pour(mail_dir, email, sujet="demande de création d'espace est reçue")

    council = desktop
    council.goto("/gestion/connexion")
    login(council, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    council.get_by_role("link", name="Identités").click()
    expect(council).to_have_url(re.compile(r"/gestion/identites$"))
    demande = council.get_by_role("article", name=re.compile("Hugo MOREAU"))
    expect(demande).to_contain_text(email)
    check_a11y(council, "demandes d'identité")
    demande.get_by_role("button", name="Valider l'identité de Hugo MOREAU").click()
    expect(council.get_by_role("status")).to_contain_text("L'identité est validée")
    expect(council.get_by_role("article", name=re.compile("Hugo MOREAU"))).to_have_count(0)
    check_a11y(council, "identité validée")

    lien = _lien(mail_pour(mail_dir, email, sujet="identité est vérifiée"))
    _choisir_identifiants(page, lien, "hugo.moreau", "Une phrase de passe pour Hugo")
    expect(page.get_by_role("region", name="Mon identité")).to_contain_text(email)
