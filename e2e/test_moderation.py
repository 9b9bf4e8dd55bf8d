"""Moderation, both sides: the Isère council on a desktop refuses a pending annonce with an explanation,
the doctor on a phone reads it, edits and transmits again, the council accepts it, the history tells the
whole story, and the annonce is found by the search."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from e2e.etapes import check_a11y, login
from tables.sql import plier

TITRE = "Collaboration en maison de santé"
MOTIF = "Précisez les jours de présence attendus dans la maison de santé, puis transmettez de nouveau l'annonce."


def _gestionnaire(page: Page) -> None:
    page.goto("/gestion/connexion")
    login(page, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord")


def _ouvrir(page: Page) -> int:
    """Open the pending demo annonce from "À traiter"; returns its number."""
    page.get_by_role("link", name=re.compile(r"^À traiter \d+")).click()
    expect(page).to_have_url(re.compile(r"/gestion\?statut=en_attente$"))
    page.get_by_role("link", name=TITRE).click()
    panneau = page.locator("#panneau")
    titre = panneau.get_by_role("heading", level=2)
    expect(titre).to_have_text(re.compile(r"^Annonce N°\d+ - 10005170625 - Camille DURAND$"))
    expect(titre).to_be_focused()
    return int(re.search(r"N°(\d+)", titre.inner_text()).group(1))


def _medecin(page: Page) -> None:
    page.goto("/connexion")
    login(page, "demo.medecin", "Demo-medecin-2026!")
    expect(page).to_have_url(re.compile(r"/espace$"))


def test_refuser_corriger_accepter(desktop: Page, phone: Page) -> None:
    page = desktop
    _gestionnaire(page)
    expect(page.get_by_role("link", name=re.compile(r"^À traiter [1-9]"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"^\d+ - \d+ sur \d+$"))).to_be_visible()
    check_a11y(page, "tableau de bord")

    # Filters (several catégories) and sorting swap the table only, and the address keeps them.
    page.get_by_text("Filtres", exact=True).click()
    page.get_by_role("checkbox", name="Collaboration", exact=True).check()
    page.get_by_role("checkbox", name="Remplacement", exact=True).check()
    page.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"categorie=collaboration&categorie=remplacement"))
    lignes = page.locator("#tableau tbody tr")
    expect(lignes.first).to_be_visible()
    for categorie in lignes.locator("td:nth-child(5)").all_inner_texts():
        assert categorie in ("Collaboration", "Remplacement"), categorie
    check_a11y(page, "filtres ouverts")
    titre = page.get_by_role("columnheader", name=re.compile("^Titre"))
    titre.get_by_role("link").click()
    expect(titre).to_have_attribute("aria-sort", "ascending")
    expect(page).to_have_url(re.compile(r"tri=titre&sens=asc"))
    expect(titre.get_by_role("link")).to_be_focused()
    premiers = lignes.locator("td:nth-child(3)").all_inner_texts()
    assert premiers == sorted(premiers, key=plier) or len(premiers) < 2  # as French reads (tables/sql.py)
    titre.get_by_role("link").click()
    expect(titre).to_have_attribute("aria-sort", "descending")
    expect(page).to_have_url(re.compile(r"tri=titre&sens=desc"))
    expect(page.get_by_role("checkbox", name="Collaboration", exact=True)).to_be_checked()  # the filters stayed
    check_a11y(page, "trié par titre")

    # The pending annonce: refuse it, the explanation being required.
    numero = _ouvrir(page)
    panneau = page.locator("#panneau")
    expect(panneau).to_contain_text("En attente")
    expect(panneau).to_contain_text("Transmise le")
    expect(panneau).to_contain_text("Fin de publication")
    check_a11y(page, "panneau ouvert")
    panneau.get_by_role("link", name="Refuser").click()
    motif = panneau.get_by_label("Explication du refus")
    expect(motif).to_have_value(re.compile("^Votre annonce ne respecte pas les règles de publication"))
    expect(motif).to_be_focused()
    motif.fill("")
    panneau.get_by_role("button", name="Refuser l'annonce").click()
    expect(motif).to_have_attribute("aria-invalid", "true")
    expect(motif).to_have_accessible_description(re.compile("Saisissez l'explication du refus"))
    check_a11y(page, "explication du refus manquante")
    motif.fill(MOTIF)
    panneau.get_by_role("button", name="Refuser l'annonce").click()
    expect(panneau.get_by_role("status")).to_contain_text(f"L'annonce n° {numero} est refusée")
    expect(panneau).to_contain_text("⚠ Cette annonce a été refusée 1 fois")
    expect(panneau).to_contain_text("Refusée le")
    expect(page.locator("#tableau").get_by_role("link", name=TITRE)).to_have_count(0)  # the table reloaded
    check_a11y(page, "annonce refusée")

    # The doctor reads the explanation, edits and transmits again.
    medecin = phone
    _medecin(medecin)
    medecin.goto("/annonces/gerer")
    carte = medecin.locator(f"#annonce-{numero}")
    expect(carte).to_contain_text("Refusée")
    expect(carte).to_contain_text(MOTIF)
    check_a11y(medecin, "motif du refus chez le médecin")
    carte.get_by_role("link", name=re.compile("^Modifier")).click()
    expect(medecin).to_have_url(re.compile(rf"/annonces/{numero}/modifier$"))
    medecin.get_by_label("Description").fill("Maison de santé pluriprofessionnelle, présence les lundis et jeudis.")
    medecin.get_by_role("button", name="Publier").click()
    expect(medecin.get_by_role("status")).to_contain_text(f"L'annonce n° {numero} a bien été transmise")
    check_a11y(medecin, "annonce transmise de nouveau")

    # The council accepts it after confirming.
    page.goto("/gestion")
    assert _ouvrir(page) == numero
    expect(panneau).to_contain_text("lundis et jeudis")
    panneau.get_by_role("link", name="Accepter").click()
    question = panneau.get_by_text("Vous êtes sur le point de publier l'annonce, êtes-vous sûr de vouloir continuer ?")
    expect(question).to_be_visible()
    check_a11y(page, "confirmation de publication")
    panneau.get_by_role("button", name="Confirmer la publication").click()
    expect(panneau.get_by_role("status")).to_contain_text(f"L'annonce n° {numero} est publiée")
    expect(panneau).to_contain_text("Publiée")
    expect(panneau.get_by_role("link", name="Accepter")).to_have_count(0)

    # The history: refusals, then every status, newest first.
    panneau.get_by_role("link", name="Voir historique").click()
    onglet_refus = panneau.get_by_role("link", name="Refus 1")
    expect(onglet_refus).to_have_attribute("aria-current", "page")
    expect(panneau).to_contain_text(f"Motif : {MOTIF}")
    check_a11y(page, "historique, refus")
    panneau.get_by_role("link", name="Statuts").click()
    evenements = panneau.locator(".evenements > li")
    expect(evenements.first.locator(".evenement__qui")).to_have_text(
        re.compile(r"^CD38 a passé le statut à \d\d/\d\d/\d{4} à \d\dh\d\d$"))  # the actor once
    attendus = [("CD38", "Publiée"), ("Camille DURAND", "En attente"), ("CD38", "Refusée"),
                ("Camille DURAND", "En attente")]  # the demo data's first transmission, by its author
    for evenement, (qui, statut) in zip(evenements.all(), attendus, strict=False):
        expect(evenement.locator(".evenement__qui")).to_have_text(re.compile(f"^{qui} a passé le statut à"))
        expect(evenement).to_contain_text(statut)
    expect(evenements.nth(2)).to_contain_text(f"Motif : {MOTIF}")
    expect(evenements).to_have_count(len(attendus))
    check_a11y(page, "historique, statuts")
    panneau.get_by_role("link", name="Fermer historique").click()
    expect(panneau.get_by_role("link", name="Voir historique")).to_be_visible()
    panneau.get_by_role("link", name=re.compile("^Fermer l'annonce")).click()
    expect(page.get_by_text("Choisissez un titre dans le tableau")).to_be_focused()

    # Published: the doctors find it.
    medecin.goto("/annonces?categorie=collaboration")
    expect(medecin.get_by_role("link", name=TITRE)).to_be_visible()
    check_a11y(medecin, "trouvée par la recherche")

    # The doctor's Message inbox has the notifications of the refusal and of the publication.
    medecin.goto("/espace/messages")
    expect(medecin.get_by_role("link", name=f"Ordre des médecins - Annonce n°{numero} : publiée")).to_be_visible()
    expect(medecin.get_by_role("link", name=f"Ordre des médecins - Annonce n°{numero} : refusée")).to_be_visible()
    check_a11y(medecin, "messagerie")
    medecin.get_by_role("link", name=f"Ordre des médecins - Annonce n°{numero} : publiée").click()
    expect(medecin.get_by_role("heading", level=1)).to_contain_text("publiée")
    expect(medecin.locator("main")).to_contain_text("a été publiée")


def test_hors_perimetre_consultation_seule(desktop: Page) -> None:
    """Rhône's gestionnaire sees Isère annonces with "Mes annonces" unticked, but cannot act on them."""
    page = desktop
    page.goto("/gestion/connexion")
    login(page, "cd69@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    page.get_by_text("Filtres", exact=True).click()
    page.get_by_label("Mes annonces").uncheck()
    page.get_by_label("RPPS").fill("10005170625")  # Camille DURAND, of Isère
    page.get_by_label("Numéro").fill("abc")
    page.get_by_role("button", name="Rechercher").click()
    erreur = page.get_by_label("Numéro")
    expect(erreur).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert")).to_contain_text("Le numéro d'annonce s'écrit en chiffres.")
    check_a11y(page, "filtre en erreur")
    erreur.fill("")
    page.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"rpps=10005170625&mes=0$"))
    page.get_by_role("columnheader", name=re.compile("^Par")).get_by_role("link").click()
    expect(page.get_by_role("columnheader", name=re.compile("^Par"))).to_have_attribute("aria-sort", "ascending")
    ligne = page.locator("#tableau tbody tr").filter(has_text="Camille DURAND").first
    expect(ligne).to_be_visible()
    # Anywhere on the row opens the panel: the row's title link covers it (force: Playwright sees the link on top).
    ligne.locator("td").nth(4).click(force=True)
    panneau = page.locator("#panneau")
    expect(panneau.get_by_role("heading", level=2)).to_contain_text("Camille DURAND")
    expect(panneau).to_contain_text("pas dans votre périmètre")
    for nom in ("Voir historique", "Refuser", "Accepter"):
        expect(panneau.get_by_role("link", name=nom)).to_have_count(0)
    check_a11y(page, "annonce hors périmètre")


def test_sans_javascript(new_context, desktop: Page) -> None:
    """Every state is a real page: sorting, paging, filters, the panel, the refusal step, the history, the charter.

    axe needs JavaScript: each page reached without it is checked again, at the same address, in `desktop`.
    """
    context = new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR", timezone_id="Europe/Paris",
                          java_script_enabled=False)
    page = context.new_page()
    for p in (page, desktop):
        p.goto("/gestion/connexion")
        login(p, "cnom@demo.ordre.test", "Demo-national-2026!", gestion=True)
        expect(p.get_by_role("main")).to_contain_text("périmètre : toute la France")

    def verifier(etape: str) -> None:
        desktop.goto(page.url)
        check_a11y(desktop, etape)

    page.get_by_role("link", name="charte de publication").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Charte de publication des annonces")
    verifier("charte de publication")
    page.go_back()
    page.get_by_role("columnheader", name=re.compile("^N°")).get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/gestion\?tri=numero&sens=desc$"))
    page.get_by_role("link", name="Dernière page").click()
    expect(page.get_by_text(re.compile(r"^\d+ - (\d+) sur \1$"))).to_be_visible()
    verifier("dernière page, sans JS")
    page.get_by_text("Filtres", exact=True).click()
    page.get_by_label("Publiée", exact=True).check()
    page.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"statut=publiee"))
    page.locator("#tableau tbody tr").first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consulter une annonce")
    expect(page.get_by_role("heading", level=2)).to_have_text(re.compile(r"^Annonce N°\d+ - \d{11} - "))
    verifier("panneau sans JS")
    page.get_by_role("link", name="Refuser").click()
    expect(page).to_have_url(re.compile(r"confirmer=refuser&version=\d+$"))
    expect(page.get_by_label("Explication du refus")).to_have_value(re.compile("^Votre annonce ne respecte pas"))
    verifier("refus sans JS")
    page.get_by_role("link", name="Annuler").click()
    page.get_by_role("link", name="Voir historique").click()
    page.get_by_role("link", name="Statuts").click()
    expect(page.get_by_role("link", name="Statuts")).to_have_attribute("aria-current", "page")
    expect(page.locator(".evenements > li").first).to_contain_text("a passé le statut à")
    verifier("historique sans JS")
    context.close()
