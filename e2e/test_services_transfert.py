"""The transfer half of story 5 (SPEC_DEMARCHES §6, §4.2): `demo.medecin` (phone) asks a transfer of his
inscription to the Rhône; `cd38` (desktop) "Transmettre au conseil de destination"; the dossier is in `cd69`'s
"À traiter"; `cd38` still opens it, read-only."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from e2e.etapes import champ, check_a11y, login


def _suivant(phone: Page) -> None:
    phone.get_by_role("button", name=re.compile(r"^(Suivant|Vérifier et transmettre)$")).click()


def test_a_transfer_to_the_rhone_handed_on_by_the_isere(phone: Page, desktop: Page, new_context) -> None:
    phone.goto("/connexion")
    login(phone, "demo.medecin", "Demo-medecin-2026!")
    phone.goto("/demarches")
    phone.get_by_role("link", name="Transférer mon inscription vers un autre conseil").click()
    expect(phone.get_by_text("vous pouvez exercer à titre provisoire")).to_be_visible()
    phone.get_by_role("button", name="Commencer la démarche").click()
    champ(phone, "Conseil de destination").select_option("69")
    champ(phone, "Date prévue du transfert").fill("2027-02-01")
    phone.get_by_label("Libéral").check()
    champ(phone, "Motif du transfert").fill("Installation en cabinet de groupe à Lyon.")
    check_a11y(phone, "transfert : conseil de destination")
    _suivant(phone)
    champ(phone, "Adresse (numéro et voie)").fill("12 rue de la République")
    champ(phone, "Code postal").fill("69002")
    champ(phone, "Commune").fill("Lyon")
    _suivant(phone)
    phone.get_by_label("Non").check()
    _suivant(phone)
    _suivant(phone)  # no contract: no document to add
    phone.get_by_role("button", name="Transmettre ma demande").click()
    expect(phone.get_by_text("Vérification par le conseil d'origine")).to_be_visible()
    numero = phone.locator("dl.fiche dd").first.inner_text()
    check_a11y(phone, "transfert transmis (médecin)")

    desktop.goto("/gestion/connexion")
    login(desktop, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    desktop.goto(f"/gestion/demarches/{numero}")
    expect(desktop.get_by_role("region", name="Transfert d'inscription")).to_contain_text("Rhône")
    check_a11y(desktop, "transfert chez le conseil d'origine")
    desktop.get_by_role("button", name="Transmettre au conseil de destination").click()
    expect(desktop.get_by_text("vous le consultez en lecture seule")).to_be_visible()
    expect(desktop.get_by_role("button", name="Passer en instruction")).to_have_count(0)
    expect(desktop.get_by_role("button", name="Transmettre au conseil de destination")).to_have_count(0)
    check_a11y(desktop, "transfert en lecture seule (origine)")

    rhone = new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR").new_page()
    rhone.goto("/gestion/connexion")
    login(rhone, "cd69@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    rhone.goto(f"/gestion/demarches?onglet=a_traiter&numero={numero}")
    rhone.get_by_role("link", name=numero).click()
    expect(rhone.get_by_role("button", name="Passer en instruction")).to_be_visible()
    check_a11y(rhone, "transfert chez le conseil de destination")
