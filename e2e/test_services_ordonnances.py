"""Story 7 of SPEC_DEMARCHES §6, stolen ordonnances: `demo.medecin` (phone) declares a theft "du n° 004501 au
n° 004550", blocked without the police receipt, then gets the récépissé de déclaration at once; `cd38`
(desktop) has the immediate e-mail and an "Urgent" row; the PV number gives version 2; "Clôturer"."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from e2e.etapes import champ, check_a11y, login, mail_pour

RECU = "Récépissé de déclaration de perte ou de vol d'ordonnances"


def _suivant(page: Page) -> None:
    page.get_by_role("button", name="Suivant").click()


def test_a_stolen_pad_is_declared_completed_and_closed(phone: Page, desktop: Page, mail_dir) -> None:
    page = phone
    page.goto("/connexion")
    login(page, "demo.medecin", "Demo-medecin-2026!")
    page.goto("/demarches")
    page.get_by_role("link", name="Déclarer une perte ou un vol d'ordonnances").click()
    check_a11y(page, "déclaration : début")
    page.get_by_role("button", name="Commencer la démarche").click()
    page.wait_for_url(re.compile(r"/sections/faits"))
    numero = re.search(r"D-\d{4}-\d{6}", page.url).group(0)
    page.get_by_label("Vol", exact=True).check()
    champ(page, "Date des faits").fill("2026-12-05")
    champ(page, "Commune des faits").fill("Grenoble")
    page.get_by_label("Ordonnances sécurisées").check()
    check_a11y(page, "déclaration : les faits")
    _suivant(page)
    champ(page, "Série 1 : du n°").fill("004501")
    champ(page, "Série 1 : au n°").fill("004550")
    _suivant(page)
    champ(page, "Plainte déposée le").fill("2026-12-05")
    champ(page, "Service (commissariat, brigade de gendarmerie)").fill("Commissariat de Grenoble")
    _suivant(page)
    page.goto(f"/demarches/{numero}")
    page.get_by_role("button", name="Transmettre ma demande").click()
    expect(page.get_by_role("alert")).to_contain_text("Ajoutez le récépissé de dépôt de plainte")
    check_a11y(page, "déclaration bloquée")

    page.goto(f"/demarches/{numero}/sections/documents")
    plainte = page.locator("#piece-plainte")
    plainte.get_by_label("Ajouter un fichier : Récépissé de dépôt de plainte").set_input_files(
        {"name": "plainte.pdf", "mimeType": "application/pdf", "buffer": _pdf()})
    plainte.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.locator("#piece-plainte")).to_contain_text("plainte.pdf")
    page.goto(f"/demarches/{numero}")
    page.get_by_role("button", name="Transmettre ma demande").click()
    expect(page.get_by_role("link", name=RECU)).to_be_visible()  # at once, with the récépissé de dépôt
    expect(page.get_by_role("heading", name="Compléter ma déclaration")).to_be_visible()
    check_a11y(page, "déclaration transmise")

    alerte = mail_pour(mail_dir, "cd38@demo.ordre.test",
                       sujet=f"Déclaration de perte ou vol d'ordonnances - Demande n°{numero}")
    assert "004501 à 004550" in alerte.get_body(("plain",)).get_content()
    staff = desktop
    staff.goto("/gestion/connexion")
    login(staff, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    staff.goto(f"/gestion/demarches?numero={numero}")
    expect(staff.get_by_role("row").filter(has_text=numero)).to_contain_text("Urgent")
    check_a11y(staff, "file : déclaration urgente")

    page.goto(f"/demarches/{numero}/sections/plainte")
    champ(page, "N° de procès-verbal").fill("2026/004217")
    _suivant(page)
    page.goto(f"/demarches/{numero}")
    page.get_by_role("button", name="Compléter ma déclaration").click()
    expect(page.get_by_role("link", name=f"{RECU} (version 2)")).to_be_visible()

    staff.goto(f"/gestion/demarches/{numero}")
    staff.get_by_label("ARS").check()
    staff.get_by_label("Pharmacies").check()
    staff.get_by_role("button", name="Enregistrer les autorités informées").click()
    expect(staff.locator("#autorites")).to_contain_text("ARS, Pharmacies — informées le")
    check_a11y(staff, "autorités informées")
    staff.get_by_role("button", name="Clôturer").click()
    expect(staff.get_by_text("Déclaration enregistrée", exact=True)).to_be_visible()
    page.goto(f"/demarches/{numero}")
    expect(page.get_by_text("Déclaration enregistrée", exact=True)).to_be_visible()
    check_a11y(page, "déclaration enregistrée")


def _pdf() -> bytes:
    from web.documents.pdf import rendre

    return rendre({"entete": "Commissariat de Grenoble", "titre": "Récépissé de dépôt de plainte", "lignes": [],
                   "code": "E2E", "url": "—"})
