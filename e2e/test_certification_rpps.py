"""Story 9's RPPS part on a desktop screen: cd69 finds demo.rhone (GARNIER Louis) without an RPPS e-mail, sends him
a relance, enters his address at the desk; the national account's export for the ANS is `rpps;courriel_rpps`."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.etapes import check_a11y, login, mail_pour, sql

GARNIER = "10003456786"


@pytest.mark.needs_mail
def test_rpps_email_followed_up_at_the_council_then_exported_for_the_ans(desktop: Page, app) -> None:
    page = desktop
    page.goto("/gestion/connexion")
    login(page, "cd69@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    try:
        page.goto("/gestion/certification")
        page.get_by_role("link", name="Adresse e-mail RPPS").click()
        expect(page).to_have_url(re.compile(r"/gestion/certification/rpps$"))
        expect(page.get_by_role("heading", level=2, name="Adresse e-mail RPPS")).to_be_visible()
        expect(page.get_by_role("link", name="Adresse e-mail RPPS")).to_have_attribute("aria-current", "page")
        check_a11y(page, "adresse e-mail RPPS")
        page.get_by_label("État de l'adresse").select_option("absente")
        page.get_by_role("button", name="Filtrer").click()
        expect(page).to_have_url(re.compile(r"/gestion/certification/rpps\?etat=absente$"))
        ligne = page.locator(f"#rpps-{GARNIER}")
        expect(ligne).to_contain_text("GARNIER Louis")
        expect(ligne).to_contain_text("Absente")
        check_a11y(page, "adresse e-mail RPPS absente")

        ligne.get_by_role("button", name="Relancer GARNIER Louis").click()
        expect(page.get_by_role("status")).to_contain_text("La relance est envoyée")
        check_a11y(page, "relance envoyée")
        mail = mail_pour(app.mail_dir, "louis.garnier@exemple.fr", sujet="Votre adresse e-mail RPPS est à compléter")
        assert mail["Subject"] == "Ordre des médecins - Votre adresse e-mail RPPS est à compléter"
        assert "Seule celle du RPPS est transmissible à l'ANS." in mail.get_body(("plain",)).get_content()

        ligne = page.locator(f"#rpps-{GARNIER}")
        ligne.get_by_text("Saisir au guichet").click()
        champ = ligne.get_by_label("Adresse e-mail RPPS vérifiée avec le médecin")
        champ.fill("louis.garnier@exemple")
        ligne.get_by_role("button", name="Enregistrer l'adresse de GARNIER Louis").click()
        champ = page.locator(f"#rpps-{GARNIER}").get_by_label("Adresse e-mail RPPS vérifiée avec le médecin")
        expect(champ).to_have_attribute("aria-invalid", "true")
        expect(champ).to_have_value("louis.garnier@exemple")
        check_a11y(page, "saisie au guichet refusée")
        champ.fill("louis.garnier.rpps@exemple.fr")
        page.locator(f"#rpps-{GARNIER}").get_by_role("button", name="Enregistrer l'adresse de GARNIER Louis").click()
        expect(page.get_by_role("status")).to_contain_text("L'adresse e-mail RPPS est enregistrée et confirmée.")
        expect(page.locator(f"#rpps-{GARNIER}")).to_have_count(0)
        check_a11y(page, "adresse saisie au guichet")
        page.get_by_role("button", name="Se déconnecter").click()

        page.goto("/gestion/connexion")
        login(page, "cnom@demo.ordre.test", "Demo-national-2026!", gestion=True)
        page.goto("/gestion/certification/ans")
        expect(page.get_by_role("heading", level=1)).to_have_text("ANS et imports nationaux")
        check_a11y(page, "ANS et imports nationaux")
        with page.expect_download() as telechargement:
            page.get_by_role("button", name="Exporter pour l'ANS").click()
        with open(telechargement.value.path(), encoding="utf-8") as f:
            lignes = f.read().split("\n")
        assert lignes[0] == "rpps;courriel_rpps"
        assert f"{GARNIER};louis.garnier.rpps@exemple.fr" in lignes
        page.reload()
        expect(page.get_by_role("table").first).to_contain_text("cnom@demo.ordre.test")
        check_a11y(page, "export pour l'ANS journalisé")
    finally:  # demo.rhone without an RPPS e-mail again, as the demo has him for the next files
        sql(app.database_url, "UPDATE affectation SET email = NULL WHERE usage = 'rpps' AND praticien = "
                              "(SELECT id FROM praticien WHERE rpps = '10003456786')")
        sql(app.database_url, "DELETE FROM email_rpps WHERE praticien = "
                              "(SELECT id FROM praticien WHERE rpps = '10003456786')")
