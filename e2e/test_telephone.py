"""A doctor on a 360 px phone (the narrowest common one): no page wider than the screen, tables as stacked rows,
a compact header whose Menu opens by keyboard, search filters folded behind "Filtrer (n)", the footer's pages."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from e2e.conftest import EXPECT_TIMEOUT
from e2e.etapes import check_a11y, login

# Every box that scrolls sideways without the phrase that says so (app.js marks those with data-defile),
# the document included; and every checkbox or radio drawn smaller than its 20 px.
_DEBORDEMENTS = """() => {
  const trop = [];
  const racine = document.documentElement;
  if (racine.scrollWidth > innerWidth) trop.push(`la page : ${racine.scrollWidth} px pour ${innerWidth}`);
  for (const el of document.querySelectorAll("body *")) {
    const ox = getComputedStyle(el).overflowX;
    if ((ox === "auto" || ox === "scroll") && el.scrollWidth > el.clientWidth + 1 && !el.hasAttribute("data-defile"))
      trop.push(`${el.tagName.toLowerCase()}.${el.className} : ${el.scrollWidth} px pour ${el.clientWidth}`);
  }
  for (const c of document.querySelectorAll("input[type=checkbox], input[type=radio]")) {
    const r = c.getBoundingClientRect();
    if (r.width && (r.width < 19.5 || r.height < 19.5))
      trop.push(`case ${c.name}=${c.value} : ${r.width}×${r.height} px`);
  }
  return trop;
}"""


@pytest.fixture
def phone360(new_context) -> Page:
    context: BrowserContext = new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                          locale="fr-FR", timezone_id="Europe/Paris")
    context.set_default_timeout(EXPECT_TIMEOUT)
    return context.new_page()


def _tient(page: Page, etape: str) -> None:
    page.wait_for_load_state()
    assert page.evaluate(_DEBORDEMENTS) == [], f"{etape} ({page.url})"


def _photo(page: Page, nom: str) -> None:
    """A full-page screenshot to look at (monespace-360/ in the temporary folder)."""
    page.screenshot(path=Path(tempfile.gettempdir()) / "monespace-360" / f"{nom}.png", full_page=True)


def _dans_la_largeur(element) -> None:
    """Drawn within the 360 px, not pushed off to the right of a scrolling box."""
    boite = element.bounding_box()
    assert boite["width"] and boite["x"] >= 0 and boite["x"] + boite["width"] <= 360, boite


def _connecter(page: Page, identifiant: str = "demo.junior", mot_de_passe: str = "Demo-junior-2026!") -> None:
    page.goto("/connexion")
    login(page, identifiant, mot_de_passe)
    expect(page).to_have_url(re.compile(r"/espace$"))


def test_aucune_page_plus_large_que_l_ecran(phone360: Page) -> None:
    page = phone360
    for url in ("/connexion", "/inscription", "/identifiants-oublies", "/territoires", "/territoires/38"):
        page.goto(url)
        _tient(page, url)
    _connecter(page)
    # A démarche in progress (the demo's own in instruction, or a draft), so that Mes démarches has a row of its
    # five columns.
    ligne = page.get_by_role("region", name="Mes démarches en cours").get_by_role("row").filter(
        has_text="Inscription au Tableau")
    if not ligne.count():
        page.get_by_role("link", name="Commencer une démarche").click()
        page.get_by_role("link", name="Inscription au Tableau").click()
        _tient(page, "J'anticipe")
        page.get_by_label("Oui").check()
        page.get_by_label("Date de début de votre dernier semestre").fill("2026-11-02")
        page.get_by_role("button", name="Commencer la démarche").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Mon conseil départemental")
        _tient(page, "première section de la démarche")
        page.goto("/espace")
    # Each cell is drawn under its column's title (the header row is out of sight): stacked rows, nothing cut.
    titres = ligne.first.locator("td").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)")
    assert titres[:3] == ['"Identifiant" / ""', '"Démarche" / ""', '"Statut" / ""'], titres
    _dans_la_largeur(ligne.first.locator("td").last)  # « Prochaine étape », with « Reprendre ma demande » if a draft
    _tient(page, "Mon compte")
    _photo(page, "mon-compte")
    check_a11y(page, "Mon compte à 360 px")

    page.goto("/annonces")
    choix = page.get_by_role("button", name="Refuser")
    if choix.count():
        choix.click()
    _tient(page, "Trouver")
    page.get_by_role("button", name=re.compile("^Filtrer")).click()
    _tient(page, "Trouver, filtres ouverts")
    premiere = page.locator("#resultats article a").first
    premiere.click()
    expect(page).to_have_url(re.compile(r"/annonces/\d+$"))
    _tient(page, "une annonce")
    for url in ("/annonces/deposer", "/annonces/gerer", "/annonces/regles", "/annonces/carte", "/espace/coordonnees",
                "/espace/messages", "/espace/demarches/archivees", "/espace/parametres", "/espace/recherches",
                "/espace/services/cotisations", "/espace/mot-de-passe", "/demarches", "/territoires",
                "/territoires/69", "/accessibilite", "/mentions-legales", "/donnees-personnelles", "/contact"):
        page.goto(url)
        _tient(page, url)
    page.goto("/territoires")
    tableau = page.get_by_role("region", name=re.compile("départements", re.IGNORECASE))
    _dans_la_largeur(tableau.get_by_role("columnheader", name="Annonces"))
    page.goto("/donnees-personnelles")
    _photo(page, "donnees")
    check_a11y(page, "Données personnelles à 360 px")


def test_entete_compact_et_menu_au_clavier(phone360: Page) -> None:
    page = phone360
    _connecter(page, "demo.medecin", "Demo-medecin-2026!")
    entete = page.get_by_role("banner")
    assert entete.bounding_box()["height"] <= 80
    menu = page.get_by_role("button", name=re.compile("^Menu"))
    nav = page.get_by_role("navigation", name="Navigation principale")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_have_attribute("aria-controls", "nav-principale")
    expect(nav).to_be_hidden()
    _photo(page, "entete")
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Mon compte")).to_be_visible()
    page.keyboard.press("Tab")
    expect(nav.get_by_role("link", name="Mon compte")).to_be_focused()
    check_a11y(page, "menu ouvert")
    _photo(page, "menu")
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    expect(nav).to_be_hidden()
    page.keyboard.press(" ")
    expect(nav.get_by_role("button", name="Se déconnecter")).to_be_visible()


def test_sans_javascript_la_navigation_reste_visible(new_context) -> None:
    context: BrowserContext = new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False,
                                          locale="fr-FR")
    page = context.new_page()
    _connecter(page, "demo.medecin", "Demo-medecin-2026!")
    expect(page.get_by_role("button", name=re.compile("^Menu"))).to_be_hidden()
    expect(page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Mon compte")
           ).to_be_visible()
    page.goto("/annonces")
    expect(page.get_by_role("button", name=re.compile("^Filtrer"))).to_be_hidden()
    expect(page.get_by_role("button", name="Rechercher")).to_be_visible()


def test_filtrer_sur_telephone(phone360: Page) -> None:
    page = phone360
    _connecter(page, "demo.interne", "Demo-interne-2026!")
    page.goto("/annonces")
    choix = page.get_by_role("button", name="Refuser")
    if choix.count():
        choix.click()
    filtrer = page.get_by_role("button", name="Filtrer", exact=True)
    total = page.get_by_role("heading", name=re.compile(r"annonces? trouvées?"))
    expect(filtrer).to_have_attribute("aria-expanded", "false")
    expect(total).to_be_in_viewport()
    _photo(page, "trouver")
    filtrer.click()
    page.get_by_role("checkbox", name="Remplacement", exact=True).check()
    page.get_by_label("Je suis remplaçant, adjoint, …").check()
    page.get_by_label("Spécialité").select_option(label="Pédiatrie")
    expect(page.get_by_role("button", name="Filtrer (3)")).to_be_visible()
    expect(page).to_have_url(re.compile(r"specialite="))
    check_a11y(page, "filtres ouverts")
    page.get_by_role("button", name="Rechercher").click()
    expect(total).to_be_focused()
    expect(page.get_by_role("button", name="Filtrer (3)")).to_have_attribute("aria-expanded", "false")
    expect(total).to_be_in_viewport()
    _photo(page, "trouver-filtre")
    page.reload()
    expect(page.get_by_role("button", name="Filtrer (3)")).to_be_visible()
    page.get_by_role("button", name="Filtrer (3)").click()
    page.get_by_role("checkbox", name="Collaboration", exact=True).check()
    expect(page).to_have_url(re.compile(r"categorie=collaboration"))
    page.go_back()  # htmx renders that page again from the server: its new Filtrer button works as well
    expect(page).not_to_have_url(re.compile(r"categorie=collaboration"))
    page.get_by_role("button", name="Filtrer (3)").click()
    expect(page.get_by_role("checkbox", name="Collaboration", exact=True)).not_to_be_checked()
    expect(page.get_by_role("checkbox", name="Remplacement", exact=True)).to_be_visible()


def test_pied_de_page_et_contact_du_conseil(phone360: Page) -> None:
    page = phone360
    page.goto("/connexion")
    pied = page.get_by_role("contentinfo")
    pied.get_by_role("link", name="Accessibilité : partiellement conforme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Déclaration d'accessibilité")
    expect(page.get_by_role("main")).to_contain_text("partiellement conforme")
    check_a11y(page, "déclaration d'accessibilité")
    page.get_by_role("contentinfo").get_by_role("link", name="Mentions légales").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentions légales")
    check_a11y(page, "mentions légales")
    page.get_by_role("contentinfo").get_by_role("link", name="Contact").click()
    expect(page.get_by_role("link", name="Trouver votre conseil départemental sur la carte des territoires")
           ).to_be_visible()
    check_a11y(page, "contact, anonyme")
    _connecter(page)
    page.get_by_role("contentinfo").get_by_role("link", name="Contact").click()
    conseil = page.get_by_role("region", name="Conseil départemental du Rhône de l'Ordre des médecins")
    expect(conseil).to_contain_text("contact.cd69@demo.ordre.test")
    check_a11y(page, "contact du conseil")
    page.get_by_role("contentinfo").get_by_role("link", name="Données personnelles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Données personnelles (RGPD)")
