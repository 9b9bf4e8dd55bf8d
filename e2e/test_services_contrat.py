"""Story 6 of SPEC_DEMARCHES §6: a contract, its thread and a note. demo.medecin (phone) communicates a collaboration
contract signed 40 days ago — "Date limite de communication" passed; cd38 (desktop) reads "Communiqué hors délai" and
"Observations au plus tard le" (+6 months), writes a note interne, asks a question "En attente de réponse"; the
doctor answers (the badge clears) and gets "Examiné — avec observations" and the council's letter, never the note."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from e2e.etapes import champ, check_a11y, login, pdf
from web.demarches.delais import ajouter_mois

NOTE = "Clause de non-concurrence à faire relire par la commission des contrats."
QUESTION = "Pouvez-vous préciser la durée de la clause de non-concurrence ?"


def _fr(jour: date) -> str:
    return jour.strftime("%d/%m/%Y")


def test_a_late_contract_its_thread_and_note_then_examined_with_observations(phone: Page, desktop: Page) -> None:
    aujourdhui = datetime.now(ZoneInfo("Europe/Paris")).date()
    signe = aujourdhui - timedelta(days=40)
    page = phone
    page.goto("/connexion")
    login(page, "demo.medecin", "Demo-medecin-2026!")
    page.goto("/demarches")
    page.get_by_role("link", name="Communiquer un contrat").click()
    check_a11y(page, "communiquer un contrat")
    page.get_by_role("button", name="Commencer la démarche").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Le contrat")
    page.get_by_label("Collaboration libérale").check()
    expect(page.get_by_role("status")).to_contain_text("Enregistré à")
    with page.expect_response(lambda r: r.request.method == "POST" and "/sections/" in r.url):
        page.get_by_label("Contrat signé").check()  # saved before the reload, not queued behind the first save
    page.reload()  # the signature date is asked of a signed contract
    champ(page, "Date de signature").fill(signe.isoformat())
    champ(page, "Date d'effet").fill(signe.isoformat())
    champ(page, "Cocontractants").fill("Dr Hélène FAURE")
    page.get_by_role("group", name="Le contrat a-t-il des avenants ?").get_by_label("Non").check()
    check_a11y(page, "le contrat")
    page.get_by_role("button", name="Suivant").click()
    contrat = page.locator("#piece-contrat")
    contrat.get_by_label("Ajouter un fichier : Contrat (PDF)").set_input_files(
        {"name": "collaboration.pdf", "mimeType": "application/pdf", "buffer": pdf("Collaboration")})
    contrat.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.locator("#piece-contrat")).to_contain_text("collaboration.pdf — Déposé")
    numero = re.search(r"/demarches/(D-\d{4}-\d{6})/", page.url).group(1)
    page.goto(f"/demarches/{numero}")
    page.get_by_role("button", name="Transmettre ma demande").click()
    expect(page.get_by_role("status")).to_contain_text("a bien été transmise")
    expect(page.get_by_text(f"Date limite de communication : {_fr(ajouter_mois(signe, 1))} (dépassée)")).to_be_visible()
    check_a11y(page, "contrat transmis hors délai")

    staff = desktop
    staff.goto("/gestion/connexion")
    login(staff, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    staff.goto(f"/gestion/demarches?numero={numero}")
    expect(staff.get_by_role("row").filter(has_text=numero)).to_contain_text("Communiqué hors délai")
    check_a11y(staff, "file : communiqué hors délai")
    staff.goto(f"/gestion/demarches/{numero}")
    expect(staff.get_by_text("Communiqué hors délai")).to_be_visible()
    expect(staff.get_by_text(f"Observations au plus tard le {_fr(ajouter_mois(aujourdhui, 6))}.")).to_be_visible()
    staff.get_by_role("button", name="Passer en instruction").click()
    expect(staff.get_by_text("En instruction", exact=True)).to_be_visible()
    champ(staff, "Note").fill(NOTE)
    staff.get_by_role("button", name="Ajouter la note").click()
    expect(staff.locator("#notes")).to_contain_text(NOTE)
    champ(staff, "Votre message").fill(QUESTION)
    staff.get_by_label("En attente de réponse").check()
    staff.get_by_role("button", name="Envoyer le message").click()
    expect(staff.locator("#messagerie")).to_contain_text(QUESTION)
    staff.goto(f"/gestion/demarches?onglet=suivis&numero={numero}")
    expect(staff.get_by_role("row").filter(has_text=numero)).to_contain_text("En attente de réponse")
    check_a11y(staff, "dossier en attente de réponse")

    page.goto(f"/demarches/{numero}")
    expect(page.locator("#messagerie")).to_contain_text(QUESTION)
    champ(page, "Votre message").fill("Deux ans, dans un rayon de 10 km autour du cabinet.")
    page.get_by_role("button", name="Envoyer le message").click()
    expect(page.locator("#messagerie")).to_contain_text("Deux ans")
    expect(page.locator("body")).not_to_contain_text(NOTE)

    staff.goto(f"/gestion/demarches?onglet=suivis&numero={numero}")
    ligne = staff.get_by_role("row").filter(has_text=numero)
    expect(ligne).to_contain_text("Nouveau message")
    expect(ligne).not_to_contain_text("En attente de réponse")
    staff.goto(f"/gestion/demarches/{numero}")
    staff.get_by_label("Examiné — avec observations").check()
    champ(staff, "Observations du Conseil (courrier au médecin)").fill(
        "La clause de non-concurrence doit être limitée à deux ans et à 10 km.")
    staff.get_by_role("button", name="Enregistrer l'examen").click()
    expect(staff.get_by_text("Examiné — avec observations").first).to_be_visible()
    check_a11y(staff, "contrat examiné")

    page.goto(f"/demarches/{numero}")
    expect(page.get_by_text("Examiné — avec observations").first).to_be_visible()
    lien = page.get_by_role("link", name=re.compile("Courrier du Conseil sur le contrat communiqué"))
    with page.expect_download() as telechargement:
        lien.click()
    assert telechargement.value.path().read_bytes().startswith(b"%PDF")
    expect(page.locator("body")).not_to_contain_text(NOTE)
    check_a11y(page, "contrat examiné, courrier du Conseil")


def test_the_confrere_reads_the_contract_naming_her_and_is_offered_the_filled_annonce_s(phone: Page) -> None:
    page = phone
    page.goto("/connexion")
    login(page, "demo.radio", "Demo-medecin-2026!")
    page.goto("/espace")
    expect(page.get_by_role("heading", name="Contrats me concernant")).to_be_visible()
    expect(page.get_by_role("heading", name="Contrats à communiquer")).to_be_visible()
    check_a11y(page, "Mon compte : contrats")
    concernant = page.locator("section", has=page.get_by_role("heading", name="Contrats me concernant"))
    concernant.get_by_role("link", name=re.compile(r"^D-2025-")).first.click()  # her own démarches are listed too
    expect(page.get_by_text("Vous le consultez en lecture seule.")).to_be_visible()
    expect(page.get_by_text("Collaboration libérale")).to_be_visible()
    check_a11y(page, "contrat me concernant")
    page.goto("/espace")
    page.get_by_role("link", name="Communiquer le contrat").first.click()
    page.get_by_role("button", name="Commencer la démarche").click()
    expect(page.get_by_label("Collaboration libérale")).to_be_checked()
    expect(champ(page, "N° RPPS des médecins cocontractants")).to_have_value(re.compile(r"^102\d{8}$"))
