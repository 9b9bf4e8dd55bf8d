"""Story 10 of SPEC_DEMARCHES §6: `demo.rhone` (phone) reads "Cotisation 2027 · À payer · échéance 31/03/2027";
clock 15/04/2027, the daily job (run twice) sends one "… : rappel"; `cd69` (desktop) records a virement on
16/04/2027 → "Payée le 16/04/2027" and the reçu; clock 15/05/2027, the job sends no "deuxième relance".

The job runs as the scheduler runs it (its actor, in a process of its own on the demo database and clock). At the
end this file removes the payment and the reminders it made and puts the clock back: the files after it share the
demo database."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.etapes import check_a11y, login, sql
from e2e.test_certification_controle import _job
from e2e.test_demarches_refus import dater, horloge

# Literal statements (the e2e helper `sql` takes no parameters): demo.rhone is Louis GARNIER, RPPS 10003456786.
ENVOYES = ("SELECT COUNT(*) FROM notification WHERE destinataire = 'louis.garnier@exemple.fr' "
           "AND sujet = 'Ordre des médecins - Cotisation 2027 : {}'")
NETTOYAGE = ("DELETE FROM reglement_cotisation WHERE cotisation IN (SELECT c.id FROM cotisation c JOIN praticien p "
             "ON p.id = c.praticien WHERE p.rpps = '10003456786')",
             "UPDATE cotisation SET regle = 0, payee_le = NULL WHERE praticien IN "
             "(SELECT id FROM praticien WHERE rpps = '10003456786')",
             "DELETE FROM relance_cotisation")


def test_a_reminder_once_then_a_virement_stops_the_next(phone: Page, desktop: Page, new_context, app) -> None:
    if not app.database_url:
        pytest.skip("an external instance: its database is not ours")
    medecin = phone
    medecin.goto("/connexion")
    login(medecin, "demo.rhone", "Demo-medecin-2026!")
    tuile = medecin.get_by_role("link", name=re.compile(r"^Cotisations"))
    expect(tuile).to_contain_text("Cotisation 2027 · À payer · échéance 31/03/2027")
    tuile.click()
    expect(medecin.get_by_role("heading", level=1)).to_have_text("Cotisations")
    expect(medecin.get_by_text("Cotisation 2027 · À payer · échéance 31/03/2027")).to_be_visible()
    expect(medecin.get_by_text("Le paiement par carte bancaire en ligne n'est pas proposé.")).to_be_visible()
    with medecin.expect_download() as appel:
        medecin.get_by_role("link", name="Télécharger l'appel de cotisation 2027").click()
    assert appel.value.suggested_filename == "appel-cotisation-2027.pdf"
    check_a11y(medecin, "cotisations : à payer")

    national = new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR").new_page()
    national.goto("/gestion/connexion")
    login(national, "cnom@demo.ordre.test", "Demo-national-2026!", gestion=True)
    try:
        with horloge(national):
            dater(national, "2027-04-15")
            _job(app.database_url, "cotisations_quotidiennes")
            _job(app.database_url, "cotisations_quotidiennes")  # twice the same day: nothing more
            assert sql(app.database_url, ENVOYES.format("rappel")) == 1
            medecin.reload()
            expect(medecin.get_by_text("Cotisation 2027 · En retard · échéance 31/03/2027")).to_be_visible()

            dater(national, "2027-04-16")
            conseil = desktop
            conseil.goto("/gestion/connexion")
            login(conseil, "cd69@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
            conseil.get_by_role("navigation", name="Navigation principale").get_by_role(
                "link", name="Cotisations").click()
            conseil.get_by_label("RPPS ou nom").fill("GARNIER")
            conseil.get_by_label("Statut").select_option(label="En retard")
            conseil.get_by_role("button", name="Filtrer").click()
            expect(conseil).to_have_url(re.compile(r"q=GARNIER"))
            check_a11y(conseil, "cotisations du conseil, filtrées")
            conseil.get_by_role("link", name=re.compile(r"^GARNIER Louis")).click()
            expect(conseil.get_by_role("heading", level=1)).to_have_text("Cotisation 2027 — GARNIER Louis")
            expect(conseil.get_by_text("R1 le 15/04/2027")).to_be_visible()
            conseil.get_by_label(re.compile(r"^Montant")).fill("335,00")
            conseil.get_by_label(re.compile(r"^Mode de règlement")).select_option(label="Virement")
            conseil.get_by_label(re.compile(r"^Référence")).fill("VIR SEPA 10003456786-2027")
            conseil.get_by_role("button", name="Enregistrer le règlement").click()
            expect(conseil.get_by_role("status")).to_contain_text("Règlement enregistré : 335,00 € par virement.")
            expect(conseil.locator("dl.fiche")).to_contain_text("Payée le 16/04/2027")
            check_a11y(conseil, "règlement enregistré")

            medecin.reload()
            expect(medecin.get_by_text("Cotisation 2027 · Payée le 16/04/2027 · échéance 31/03/2027")).to_be_visible()
            with medecin.expect_download() as recu:
                medecin.get_by_role("link", name="Télécharger le reçu de la cotisation 2027").click()
            assert recu.value.suggested_filename == "recu-cotisation-2027.pdf"
            check_a11y(medecin, "cotisations : payée")

            dater(national, "2027-05-15")
            _job(app.database_url, "cotisations_quotidiennes")
            assert sql(app.database_url, ENVOYES.format("deuxième relance")) == 0
    finally:
        for requete in NETTOYAGE:
            sql(app.database_url, requete)
