"""« Créer votre espace » on a phone, up to the confirmation e-mail and the first login.

Needs the e-mails of the app: skipped against an external --base-url.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.etapes import champ, check_a11y, login, mail_pour

EMAIL = "ines.leroy@exemple.fr"
MOT_DE_PASSE = "Une phrase de passe pour Inès"
LIEN = re.compile(r"https?://[^\s\"'<>]+/inscription/confirmer/[A-Za-z0-9_\-.~%]+")


@pytest.mark.needs_mail
def test_creer_son_espace(phone: Page, mail_dir: Path | None) -> None:
    if mail_dir is None:
        pytest.skip("needs the e-mails of the app under test")
    page = phone

    page.goto("/connexion")
    page.get_by_role("link", name="Créer votre espace").click()
    expect(page).to_have_url(re.compile(r"/inscription$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer votre espace")
    check_a11y(page, "inscription")

    page.get_by_label("Numéro RPPS").fill("10009876540")
    champ(page, "Nom").fill("LEROY")
    page.get_by_label("Date de naissance").fill("1996-05-21")
    page.get_by_label("Courriel").fill(EMAIL)
    page.get_by_label("Nom d'utilisateur").fill("ines.leroy")
    champ(page, "Mot de passe").fill(MOT_DE_PASSE)
    page.get_by_label("Confirmation du mot de passe").fill(MOT_DE_PASSE + " ?")
    page.get_by_role("button", name="Créer mon espace").click()

    # The two passwords differ: the error is shown in place, the other values kept, the passwords emptied.
    confirmation = page.get_by_label("Confirmation du mot de passe")
    expect(confirmation).to_have_attribute("aria-invalid", "true")
    expect(confirmation).to_have_accessible_description("Les deux mots de passe ne sont pas identiques.")
    expect(page.get_by_role("alert")).to_contain_text("Les deux mots de passe ne sont pas identiques.")
    expect(page.get_by_label("Numéro RPPS")).to_have_value("10009876540")
    expect(page.get_by_label("Date de naissance")).to_have_value("1996-05-21")
    expect(page.get_by_label("Nom d'utilisateur")).to_have_value("ines.leroy")
    expect(champ(page, "Mot de passe")).to_have_value("")
    check_a11y(page, "inscription avec erreur")

    champ(page, "Mot de passe").fill(MOT_DE_PASSE)
    confirmation.fill(MOT_DE_PASSE)
    page.get_by_role("button", name="Créer mon espace").click()
    expect(page.get_by_role("status")).to_contain_text(f"Votre espace est créé. Pour l'activer, suivez le lien "
                                                       f"que nous venons d'envoyer à {EMAIL}")
    check_a11y(page, "inscription envoyée")

    # The confirmation e-mail, written by the in-process worker.
    msg = mail_pour(mail_dir, EMAIL)
    texte = msg.get_body(preferencelist=("plain", "html")).get_content()
    trouve = LIEN.search(texte)
    assert trouve, f"no confirmation link in:\n{texte}"
    lien = trouve.group(0)

    # Not active before the link is followed.
    page.goto("/connexion")
    login(page, "ines.leroy", MOT_DE_PASSE)
    expect(page).to_have_url(re.compile(r"/connexion"))
    expect(page.get_by_role("button", name="Se déconnecter")).to_have_count(0)

    page.goto(lien)
    expect(page.get_by_role("heading", level=1)).to_have_text("Activation de votre espace")
    expect(page.get_by_role("status")).to_contain_text("Votre espace est activé")
    check_a11y(page, "espace activé")

    page.get_by_role("link", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/connexion$"))
    login(page, "ines.leroy", MOT_DE_PASSE)
    expect(page).to_have_url(re.compile(r"/espace$"))
    identite = page.get_by_role("region", name="Mon identité")
    expect(identite).to_contain_text("LEROY")
    expect(identite).to_contain_text(EMAIL)
    check_a11y(page, "premier accès")

    # The link served once: a second visit says so.
    page.goto(lien)
    expect(page.get_by_role("alert")).to_contain_text("Ce lien n'est plus valable")
