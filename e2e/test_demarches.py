"""Story 1 of SPEC_DEMARCHES §6 on a phone: the interne starts an inscription, stops, resumes, transmits."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.etapes import champ, check_a11y, jpg, login, mail_pour


@pytest.mark.needs_mail
def test_inscription_stop_resume_transmit(phone: Page, app) -> None:
    page = phone
    page.goto("/connexion")
    login(page, "demo.interne", "Demo-interne-2026!")
    expect(page).to_have_url(re.compile(r"/espace$"))
    page.get_by_role("link", name="Commencer une démarche").click()
    check_a11y(page, "Commencer une démarche")
    page.get_by_role("link", name="Inscription au Tableau").click()
    expect(page.get_by_text("Étape 1 sur 10 — J'anticipe")).to_be_visible()
    check_a11y(page, "J'anticipe")
    page.get_by_label("Non").check()
    champ(page, "Date de début de votre dernier semestre").fill("2026-11-02")
    page.get_by_role("button", name="Commencer la démarche").click()

    # Mon conseil départemental, Identité, Études; saved as typed (htmx), then the interne leaves.
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon conseil départemental")
    check_a11y(page, "Mon conseil départemental")
    champ(page, "Conseil départemental").select_option("38")
    expect(page.get_by_role("status").filter(has_text="Enregistré à")).to_be_visible()
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes documents")
    check_a11y(page, "Mes documents")
    page.get_by_label("Ajouter un fichier : Pièce d'identité en cours de validité").set_input_files(
        {"name": "piece-identite.jpg", "mimeType": "image/jpeg", "buffer": jpg()})
    page.locator("#piece-identite").get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.locator("#piece-identite")).to_contain_text("piece-identite.jpg — Déposé")
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Identité")
    page.get_by_label("Madame").check()
    for libelle, valeur in (("Nom de naissance", "PERINET"), ("Prénoms", "Anne-Claire"),
                            ("Lieu de naissance", "Grenoble"), ("Nationalité(s)", "française")):
        champ(page, libelle).fill(valeur)
    naissance = page.get_by_role("group", name=re.compile("^Date de naissance"))
    for libelle, valeur in (("Jour", "2"), ("Mois", "9"), ("Année", "1997")):  # three boxes (DSFR)
        naissance.get_by_label(libelle).fill(valeur)
    check_a11y(page, "Identité")
    page.get_by_role("button", name="Suivant").click()
    page.get_by_role("button", name="Suivant").click()  # Coordonnées: read from Mes coordonnées
    expect(page.get_by_role("heading", level=1)).to_have_text("Études")
    champ(page, "Université du 3e cycle").fill("Université Grenoble Alpes")
    champ(page, "Subdivision").fill("Grenoble")
    champ(page, "Diplôme d'études spécialisées (DES)").select_option("SM54")
    page.get_by_role("group", name="Êtes-vous docteur junior ?").get_by_label("Non").check()
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Projet professionnel")

    page.goto("/espace")
    ligne = page.get_by_role("row").filter(has_text="Inscription au Tableau")
    expect(ligne).to_contain_text("Brouillon")
    expect(ligne).to_contain_text("Étape 5 sur 10")
    check_a11y(page, "Mon compte avec un brouillon")

    # Resumed: the first incomplete section, what is missing said beside each field.
    ligne.get_by_role("link", name="Reprendre ma demande").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Projet professionnel")
    expect(page.get_by_role("alert")).to_contain_text("Cette page est à compléter")
    check_a11y(page, "Projet professionnel à compléter")
    page.get_by_label("Libéral").check()
    champ(page, "Commune d'exercice").fill("Grenoble")
    champ(page, "Date souhaitée de début d'exercice").fill("2027-11-02")
    page.get_by_role("button", name="Suivant").click()
    situation = page.get_by_role("group", name=re.compile("Avez-vous déjà été inscrit"))
    situation.get_by_label("Non").check()
    page.get_by_role("group", name=re.compile("Avez-vous conclu des contrats")).get_by_label("Non").check()
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Déclarations")
    page.get_by_label(re.compile("^Je déclare sur l'honneur")).check()
    page.get_by_label("Je certifie l'exactitude des informations fournies.").check()
    check_a11y(page, "Déclarations")
    page.get_by_role("button", name="Vérifier et transmettre").click()

    check_a11y(page, "Vérifier et transmettre")
    page.get_by_role("button", name="Transmettre ma demande").click()
    expect(page.get_by_role("status")).to_contain_text("a bien été transmise au Conseil départemental de l'Isère")
    expect(page.get_by_text(re.compile(r"Étape 6 sur 10"))).to_be_visible()
    check_a11y(page, "demande transmise")
    numero = re.search(r"D-\d{4}-\d{6}", page.locator("dl.fiche").first.inner_text()).group(0)
    mail = mail_pour(app.mail_dir, "", sujet=f"Demande n°{numero} : transmise")
    assert "Inscription au Tableau a été transmise au Conseil départemental de l'Isère" in \
        mail.get_body(("plain",)).get_content()


def test_council_takes_in_charge_and_asks_for_complements(desktop: Page) -> None:
    """Story 2 (council half) and the perimeter half of story 5, on a desktop."""
    page = desktop
    page.goto("/gestion/connexion")
    login(page, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    page.get_by_role("link", name="Démarches", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Démarches")
    check_a11y(page, "file des démarches")
    ligne = page.get_by_role("row").filter(has=page.get_by_role("cell", name="Transmise", exact=True)).first
    numero = ligne.get_by_role("link").inner_text()
    ligne.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(numero)
    check_a11y(page, "dossier transmis")
    page.get_by_role("button", name="Passer en instruction").click()
    expect(page.get_by_text("En instruction", exact=True)).to_be_visible()
    page.get_by_label(re.compile("^incomplet")).check()
    page.get_by_label("Éléments à compléter et message au demandeur").fill("Pièce d'identité illisible.")
    page.get_by_role("button", name="Demander des compléments").click()
    expect(page.locator("dl.fiche").first).to_contain_text("À compléter")
    check_a11y(page, "compléments demandés")
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Démarches").click()
    page.get_by_role("link", name=re.compile("^Suivis")).click()
    expect(page).to_have_url(re.compile(r"onglet=suivis"))
    expect(page.get_by_role("link", name=numero)).to_be_visible()
    check_a11y(page, "onglet Suivis")

    # The queue's filters and sort keep their state in the address (htmx swaps the table only).
    page.get_by_text("Filtres", exact=True).click()
    page.get_by_label("Numéro").fill(numero[-6:].lstrip("0"))
    page.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"onglet=suivis&numero="))
    expect(page.get_by_text("1 - 1 sur 1")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Demandeur")).click()
    expect(page).to_have_url(re.compile(r"tri=demandeur"))
    expect(page.get_by_role("columnheader", name=re.compile("^Demandeur"))).to_have_attribute("aria-sort", "ascending")
    check_a11y(page, "file filtrée et triée")

    # The Rhône council neither lists nor opens an Isère dossier.
    page.get_by_role("button", name="Se déconnecter").click()
    page.goto("/gestion/connexion")
    login(page, "cd69@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    page.goto("/gestion/demarches?onglet=suivis")
    expect(page.get_by_role("link", name=numero)).to_have_count(0)
    page.goto(f"/gestion/demarches/{numero}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    check_a11y(page, "404 hors périmètre")
