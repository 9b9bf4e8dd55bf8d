"""Story 9 of SPEC_DEMARCHES §6, first part, and the council's half of story 8 (desktop): `cd38` opens
Certification, "En retard" lists demo.medecin (DURAND Camille), "Envoyer une alerte" mails him the
"point d'étape"; the "Exonérations" tab shows demo.radio (FAURE Hélène) and "Confirmer l'exonération".
demo.radio's request is put back afterwards: the doctor's own story may ask for it again."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.etapes import check_a11y, login, mail_pour, sql

SUJET = "Ordre des médecins - Certification périodique : point d'étape"
LIRE = "SELECT exoneration FROM carnet WHERE praticien IN (SELECT id FROM praticien WHERE rpps LIKE '1000456789%')"
REMETTRE = ("UPDATE carnet SET exoneration = 'demandee', exoneration_le = NULL "
            "WHERE praticien IN (SELECT id FROM praticien WHERE rpps LIKE '1000456789%')")  # demo.radio


@pytest.mark.needs_mail
def test_the_council_alerts_a_late_doctor_and_confirms_an_exemption(desktop: Page, app) -> None:
    page = desktop
    page.goto("/gestion/connexion")
    login(page, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Certification").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Commission départementale de la certification "
                                                                 "périodique")
    expect(page.get_by_role("link", name="En retard")).to_have_attribute("aria-current", "page")
    check_a11y(page, "certification : en retard")

    page.get_by_label("Spécialité").select_option(label="Médecine générale")
    page.get_by_label("Bloc vide").select_option("4")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"vide=4"))
    ligne = page.get_by_role("row").filter(has_text="DURAND Camille")
    expect(ligne).to_contain_text("1·1·0·0")
    check_a11y(page, "certification : en retard, filtrée")

    ligne.get_by_role("button", name="Envoyer une alerte").click()
    expect(page.get_by_role("status")).to_contain_text("1 alerte envoyée : Camille DURAND.")
    check_a11y(page, "certification : alerte envoyée")
    mail = mail_pour(app.mail_dir, "camille.durand@exemple.fr", sujet=SUJET)
    texte = mail.get_body(("plain",)).get_content()
    assert "vous avez déclaré 2 actions sur 8" in texte and "Conseil National Professionnel (CNP)" in texte

    try:
        page.get_by_role("link", name="Exonérations").click()
        expect(page.get_by_role("link", name="Exonérations")).to_have_attribute("aria-current", "page")
        ligne = page.get_by_role("row").filter(has_text="FAURE Hélène")
        expect(ligne).to_be_visible()
        check_a11y(page, "certification : exonérations")
        ligne.get_by_role("button", name="Confirmer l'exonération").click()
        expect(page.get_by_role("status")).to_contain_text("Exonération confirmée pour Hélène FAURE")
        expect(page.get_by_role("row").filter(has_text="FAURE Hélène")).to_have_count(0)
        check_a11y(page, "certification : exonération confirmée")
        assert sql(app.database_url, LIRE) == "confirmee"
    finally:
        sql(app.database_url, REMETTRE)
