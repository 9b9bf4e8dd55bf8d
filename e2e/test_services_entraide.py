"""Story 11 of SPEC_DEMARCHES §6: demo.medecin (phone) asks the entraide for help, consent left unticked; his e-mail
says only "… : mise à jour"; cd38 (desktop) finds it nowhere (queues, counts, search, export; its URL a 404);
entraide@demo.ordre.test instructs it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.etapes import champ, check_a11y, login, mail_pour

SITUATION = "Mon cabinet a été fermé après un dégât des eaux ; je ne peux plus payer mes charges."


@pytest.mark.needs_mail
def test_an_entraide_request_only_the_commission_sees(phone: Page, desktop: Page, new_context, app) -> None:
    phone.goto("/connexion")
    login(phone, "demo.medecin", "Demo-medecin-2026!")
    phone.goto("/espace")
    phone.get_by_role("link", name=re.compile("^Entraide")).click()
    expect(phone.get_by_role("link", name="0800 288 038")).to_have_attribute("href", "tel:0800288038")
    check_a11y(phone, "entraide : numéro d'aide")
    phone.get_by_role("button", name="Commencer la démarche").click()
    phone.get_by_label("Difficultés financières").check()
    champ(phone, "Décrivez votre situation").fill(SITUATION)
    champ(phone, "Montant sollicité (euros)").fill("3000")
    check_a11y(phone, "entraide : ma demande")
    phone.get_by_role("button", name="Suivant").click()
    champ(phone, "Téléphone où vous joindre").fill("06 12 34 56 78")
    champ(phone, "Créneaux où vous joindre").fill("En semaine après 18h")
    phone.get_by_role("button", name="Suivant").click()
    consentement = phone.get_by_label(re.compile("^J'accepte que mon conseil départemental soit informé"))
    expect(consentement).not_to_be_checked()
    check_a11y(phone, "entraide : consentement")
    phone.get_by_role("button", name="Suivant").click()
    phone.goto(phone.url.split("/sections/")[0])
    numero = phone.locator("dl.fiche dd").first.inner_text()
    phone.get_by_role("button", name="Transmettre ma demande").click()
    expect(phone.get_by_text("Commission d'entraide de l'Ordre des médecins").first).to_be_visible()
    check_a11y(phone, "entraide transmise")
    mail = mail_pour(app.mail_dir, "camille.durand@exemple.fr", sujet=f"Demande n°{numero}")
    assert mail["Subject"] == f"Ordre des médecins - Demande n°{numero} : mise à jour"
    texte = mail.get_body(("plain",)).get_content()
    assert f"Votre demande n°{numero} a été mise à jour." in texte and "entraide" not in texte.lower()

    desktop.goto("/gestion/connexion")
    login(desktop, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    for url in ("/gestion/demarches", "/gestion/demarches?onglet=suivis", "/gestion/demarches?onglet=traites"):
        desktop.goto(url)
        expect(desktop.get_by_role("link", name=numero)).to_have_count(0)
    desktop.goto(f"/gestion/demarches?numero={numero}")
    expect(desktop.get_by_text("Aucun dossier ne correspond à ces filtres.")).to_be_visible()
    desktop.goto("/gestion/demarches?qui=DURAND")
    expect(desktop.get_by_role("link", name=numero)).to_have_count(0)
    check_a11y(desktop, "cd38 : recherche sans la demande d'entraide")
    export = desktop.request.get("/gestion/demarches/export.csv")
    assert export.ok and numero not in export.text()
    for url in (f"/gestion/demarches/{numero}", "/gestion/entraide"):
        assert desktop.goto(url).status == 404
        expect(desktop.get_by_text("La page demandée n'existe pas ou n'est plus disponible.")).to_be_visible()
    check_a11y(desktop, "cd38 : 404")

    commission = new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR").new_page()
    commission.goto("/gestion/connexion")
    login(commission, "entraide@demo.ordre.test", "Demo-national-2026!", gestion=True)
    commission.get_by_role("link", name="Entraide", exact=True).click()
    expect(commission.get_by_role("heading", level=1)).to_have_text("Commission d'entraide")
    check_a11y(commission, "file de la commission d'entraide")
    commission.get_by_role("link", name=numero).click()
    expect(commission.get_by_text(SITUATION)).to_be_visible()
    refus = "Le médecin n'a pas accepté que son conseil départemental soit informé"
    expect(commission.get_by_text(refus)).to_be_visible()
    commission.get_by_role("button", name="Examiner la demande").click()
    expect(commission.locator("dl.fiche").first).to_contain_text("Examinée par la commission d'entraide")
    champ(commission, "Aide directe du fonds d'entraide : montant (euros)").fill("2500")
    commission.get_by_role("button", name="Accorder l'aide", exact=True).click()
    expect(commission.locator("dl.fiche").first).to_contain_text("Aide accordée")
    check_a11y(commission, "aide accordée (commission)")

    phone.goto(f"/demarches/{numero}")
    expect(phone.locator("dl.fiche").first).to_contain_text("Aide accordée")
    check_a11y(phone, "aide accordée (médecin)")
