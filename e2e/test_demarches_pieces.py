"""Story 2 of SPEC_DEMARCHES §6, the documents' part: the interne (phone) adds a JPG ID, `cd38` (desktop)
marks it "À corriger — Illisible", the interne replaces it. Runs alone or after e2e/test_demarches.py."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from e2e.etapes import champ, check_a11y, jpg, login

SECTIONS = {
    "conseil": {"departement": "38"},
    "identite": {"civilite": "madame", "nom_naissance": "PERINET", "prenoms": "Anne-Claire",
                 "date_naissance_jour": "2", "date_naissance_mois": "9", "date_naissance_annee": "1997",
                 "lieu_naissance": "Grenoble", "nationalite": "française"},
    "etudes": {"universite": "Université Grenoble Alpes", "subdivision": "Grenoble", "des": "SM54",
               "docteur_junior": "non"},
    "projet": {"mode_exercice": "liberal", "commune_exercice": "Grenoble", "debut_exercice": "2027-11-02"},
    "situation": {"deja_inscrit": "non", "contrats": "non"},
    "declarations": {"declaration_instance": "on", "declaration_exactitude": "on"},
}


def _sa_demande(page: Page) -> str:
    """The interne's open inscription: story 1's when it ran, else one started and filled now (the fields
    as the wizard posts them: story 1 walks them in the browser)."""
    page.goto("/espace")
    ligne = page.get_by_role("row").filter(has_text="Inscription au Tableau")
    if ligne.count():
        return re.search(r"D-\d{4}-\d{6}", ligne.first.inner_text()).group(0)
    page.goto("/demarches/commencer/inscription")
    page.get_by_label("Oui").check()
    page.get_by_role("button", name="Commencer la démarche").click()
    page.wait_for_url(re.compile(r"/sections/"))
    numero = re.search(r"D-\d{4}-\d{6}", page.url).group(0)
    jeton = next(c["value"] for c in page.context.cookies() if c["name"] == "monespace_csrf")
    for section, valeurs in SECTIONS.items():
        page.request.post(f"/demarches/{numero}/sections/{section}", form={**valeurs, "_csrf_token": jeton})
    return numero


def test_an_id_to_correct_is_replaced(phone: Page, desktop: Page) -> None:
    page = phone
    page.goto("/connexion")
    login(page, "demo.interne", "Demo-interne-2026!")
    numero = _sa_demande(page)
    page.goto(f"/demarches/{numero}/sections/documents")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes documents")
    identite = page.locator("#piece-identite")
    identite.get_by_label("Ajouter un fichier : Pièce d'identité en cours de validité").set_input_files(
        {"name": "carte-floue.jpg", "mimeType": "image/jpeg", "buffer": jpg("gray")})
    identite.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.locator("#piece-identite")).to_contain_text("carte-floue.jpg — Déposé")
    check_a11y(page, "pièce d'identité déposée")
    page.goto(f"/demarches/{numero}")
    if page.get_by_role("button", name="Transmettre ma demande").count():
        page.get_by_role("button", name="Transmettre ma demande").click()
        expect(page.get_by_role("status")).to_contain_text("a bien été transmise")

    staff = desktop
    staff.goto("/gestion/connexion")
    login(staff, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    staff.goto(f"/gestion/demarches/{numero}")
    if staff.get_by_role("button", name="Passer en instruction").count():
        staff.get_by_role("button", name="Passer en instruction").click()
        expect(staff.get_by_text("En instruction", exact=True)).to_be_visible()
    fichier = staff.locator("#documents li").filter(has=staff.get_by_role("link", name="carte-floue.jpg"))
    check_a11y(staff, "documents du dossier")
    fichier.get_by_label("Raison de la correction").select_option("Illisible")
    fichier.get_by_label("Précisions pour le demandeur").fill("La photo est floue.")
    fichier.get_by_role("button", name="À corriger").click()
    expect(staff.locator("#documents li").filter(has=staff.get_by_role("link", name="carte-floue.jpg"))
           ).to_contain_text("À corriger : Illisible — La photo est floue.")
    expect(staff.get_by_role("region", name="Historique")).to_contain_text(
        "(« carte-floue.jpg ») : À corriger — Illisible : La photo est floue.")
    check_a11y(staff, "pièce à corriger")

    page.goto(f"/demarches/{numero}")
    expect(page.locator("#piece-identite")).to_contain_text("carte-floue.jpg — À corriger : Illisible")
    champ(page, "Remplacer « carte-floue.jpg » par").set_input_files(
        {"name": "carte-nette.jpg", "mimeType": "image/jpeg", "buffer": jpg("white")})
    page.get_by_role("button", name="Remplacer", exact=True).click()
    identite = page.locator("#piece-identite")
    expect(identite).to_contain_text("carte-floue.jpg — Remplacé")
    expect(identite).to_contain_text("carte-nette.jpg — Déposé")
    check_a11y(page, "pièce remplacée")
    staff.reload()
    expect(staff.get_by_role("region", name="Historique")).to_contain_text(
        "« carte-floue.jpg » remplacé par « carte-nette.jpg »")
