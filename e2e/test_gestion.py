"""The back office on a desktop screen, and the French error pages."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from playwright.sync_api import Page, expect

from e2e.etapes import check_a11y, login


def test_connexion_gestion(desktop: Page) -> None:
    page = desktop
    page.goto("/gestion/connexion")
    expect(page.get_by_role("heading", level=1)).to_have_text("Espace des conseils de l'Ordre")
    check_a11y(page, "connexion gestion")
    login(page, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    expect(page).to_have_url(re.compile(r"/gestion$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord")
    expect(page.get_by_role("main")).to_contain_text("cd38@demo.ordre.test")
    expect(page.get_by_role("link", name="Tableau de bord")).to_have_attribute("aria-current", "page")
    check_a11y(page, "tableau de bord")

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(re.compile(r"/gestion/connexion\?deconnecte"))
    expect(page.get_by_role("status")).to_contain_text("Vous êtes déconnecté.")
    check_a11y(page, "déconnecté de la gestion")


def test_compte_medecin_refuse_en_gestion(desktop: Page) -> None:
    page = desktop
    page.goto("/gestion/connexion")
    login(page, "demo.medecin", "Demo-medecin-2026!", gestion=True)
    message = "Identifiant ou mot de passe incorrect."
    identifiant = page.get_by_label("E-mail de l'Ordre")
    expect(identifiant).to_have_attribute("aria-invalid", "true")
    expect(identifiant).to_have_accessible_description(re.compile(re.escape(message)))
    expect(page.get_by_role("alert")).to_contain_text(message)
    expect(identifiant).to_have_value("demo.medecin")
    expect(page.get_by_label("Mot de passe de l'Ordre")).to_have_value("")
    expect(page).to_have_url(re.compile(r"/gestion/connexion$"))
    check_a11y(page, "connexion gestion refusée")

    page.goto("/gestion")  # still not logged in
    expect(page).to_have_url(re.compile(r"/gestion/connexion\?next="))


def test_page_introuvable_en_francais(desktop: Page) -> None:
    page = desktop
    response = page.goto("/nimporte-quoi")
    assert response is not None and response.status == 404
    expect(page).to_have_title(re.compile("Page introuvable"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    expect(page.get_by_role("main")).to_contain_text("La page demandée n'existe pas")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    check_a11y(page, "404")


def _plier(texte: str) -> str:
    import unicodedata

    texte = texte.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFKD", texte) if not unicodedata.combining(c)).lower()


def test_tableau_du_conseil_tri_panneau_et_lot(desktop: Page) -> None:
    """Issue 19: French sort, an open annonce kept by a reload, the batch's confirmation saying how many."""
    page = desktop
    page.goto("/gestion/connexion")
    login(page, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord")

    # Sorted by title, A to Z as French reads (accents and case set aside).
    page.get_by_role("columnheader", name=re.compile("^Titre")).get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"tri=titre&sens=asc"))
    titres = page.locator("#tableau a.ligne-lien").all_inner_texts()
    assert len(titres) > 1 and [_plier(t) for t in titres] == sorted(_plier(t) for t in titres), titres

    # An annonce opened in the panel is in the address: a reload shows it open; Fermer takes it out.
    page.goto("/gestion?statut=en_attente")
    lien = page.locator("#tableau a.ligne-lien").first
    titre = lien.inner_text()
    lien.click()
    panneau = page.locator("#panneau")
    expect(panneau.get_by_role("heading", level=2)).to_have_text(re.compile(r"^Annonce N°\d+"))
    expect(page).to_have_url(re.compile(r"/gestion\?statut=en_attente&annonce=\d+$"))
    numero = re.search(r"annonce=(\d+)", page.url).group(1)
    page.reload()
    expect(panneau.get_by_role("heading", level=2)).to_have_text(re.compile(rf"^Annonce N°{numero} "))
    expect(panneau.locator(".panneau__titre-annonce")).to_have_text(titre)
    expect(page.locator("#tableau a.ligne-lien").first).to_have_text(titre)
    check_a11y(page, "panneau ouvert après rechargement")
    page.screenshot(path=str(Path(tempfile.gettempdir()) / "panneau_recharge.png"))
    panneau.get_by_role("link", name=re.compile("^Fermer")).click()
    expect(page.get_by_text("Choisissez un titre dans le tableau")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/gestion\?statut=en_attente$"))

    # The council of its perimeter reads the pending annonce on its own page too, with its status.
    page.goto(f"/annonces/{numero}")
    expect(page.get_by_role("heading", level=1)).to_have_text(titre)
    expect(page.get_by_role("region", name="Statut : En attente")).to_contain_text("en cours de vérification")
    check_a11y(page, "annonce en attente vue par le conseil")
    page.get_by_role("link", name="Modérer l'annonce").click()
    expect(page).to_have_url(re.compile(rf"/gestion/annonces/{numero}$"))
    page.goto("/gestion?statut=en_attente")

    # « Accepter la sélection »: nothing ticked, no question but a French message; ticked, how many.
    questions: list[str] = []

    def repondre(dialog) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", repondre)
    page.get_by_role("button", name="Accepter la sélection").click()
    expect(page.get_by_role("alert")).to_have_text("Cochez au moins une annonce en attente pour l'accepter.")
    assert questions == []
    cases = page.locator('#tableau input[name="lot"]')
    n = min(cases.count(), 2)
    for i in range(n):
        cases.nth(i).check()
    page.get_by_role("button", name="Accepter la sélection").click()  # returns once the handler answered
    assert questions == [f"Accepter {n} annonce{'s' if n > 1 else ''} ?"], questions
    expect(cases.first).to_be_checked()  # dismissed: nothing sent
    expect(page.get_by_role("alert")).to_have_count(1)  # still the first message, no new answer
