"""Beyond the seeds, on a phone: the map filters the search, contacting an author, reporting an annonce
(seen by the council on a desktop), saving a search and being alerted when a matching annonce is published."""

from __future__ import annotations

import re
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.etapes import check_a11y, deplier, login, mail_pour
from tables import horloge


def _connecter(page: Page, identifiant: str = "demo.rhone", mot_de_passe: str = "Demo-medecin-2026!") -> None:
    page.goto("/connexion")
    login(page, identifiant, mot_de_passe)
    expect(page).to_have_url(re.compile(r"/espace$"))
    page.goto("/annonces")
    choix = page.get_by_role("button", name="Refuser")
    if choix.count():
        choix.click()
    deplier(page, "Filtrer")


def test_la_carte_filtre_la_recherche(phone: Page) -> None:
    page = phone
    _connecter(page)
    page.get_by_role("checkbox", name="Remplacement", exact=True).check()
    expect(page).to_have_url(re.compile("categorie=remplacement"))
    page.get_by_role("link", name="Voir sur la carte de France").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carte des annonces")
    check_a11y(page, "carte")
    page.get_by_role("link", name=re.compile(r"^Isère \(38\) : \d+ annonces?$")).first.click()
    expect(page).to_have_url(re.compile(r"categorie=remplacement.*lieux=departement%3A38"))
    expect(page.get_by_role("button", name=re.compile(r"^Filtrer \(2\)$"))).to_be_visible()
    deplier(page, "Filtrer")
    expect(page.get_by_role("list", name="Lieux choisis")).to_contain_text("Isère")
    check_a11y(page, "recherche filtrée par la carte")


def test_contacter_et_signaler_puis_le_conseil_voit_le_signalement(phone: Page, desktop: Page) -> None:
    page = phone
    _connecter(page)
    page.goto("/annonces?lieux=departement:38")
    page.locator("#resultats article").first.get_by_role("link").click()
    numero = re.search(r"/annonces/(\d+)", page.url).group(1)
    message = f"Bonjour, je suis disponible ({uuid.uuid4().hex[:6]})."
    page.get_by_label("Votre message").fill(message)
    page.get_by_role("button", name="Envoyer le message").click()
    expect(page.get_by_role("status")).to_contain_text("Votre message est transmis")
    check_a11y(page, "message envoyé")
    page.get_by_text("Signaler l'annonce").click()
    page.get_by_label("Doublon").check()
    page.get_by_label("Précisions (facultatif)").fill("Vue deux fois")
    check_a11y(page, "signalement ouvert")
    page.get_by_role("button", name="Envoyer le signalement").click()
    expect(page.get_by_role("status").filter(has_text="signalement")).to_contain_text("votre signalement est transmis")

    gestion = desktop
    gestion.goto("/gestion/connexion")
    login(gestion, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    compteur = gestion.get_by_role("main").get_by_role("link", name=re.compile(r"^Signalements [1-9]\d*$"))
    expect(compteur).to_be_visible()  # the count, on the dashboard itself
    check_a11y(gestion, "tableau de bord avec signalements")
    compteur.click()
    expect(gestion.get_by_role("heading", level=1)).to_contain_text("Signalements à traiter")
    carte = gestion.get_by_role("article").filter(has_text=f"Annonce N°{numero}").filter(has_text="Vue deux fois")
    expect(carte).to_contain_text("Doublon")
    check_a11y(gestion, "signalements")
    carte.first.get_by_role("button", name=re.compile("^Écarter")).click()
    expect(gestion.get_by_role("status")).to_contain_text("Le signalement est écarté.")


def test_enregistrer_une_recherche(phone: Page) -> None:
    page = phone
    _connecter(page)
    page.get_by_role("checkbox", name="Collaboration", exact=True).check()
    expect(page).to_have_url(re.compile("categorie=collaboration"))
    nom = f"Collaborations {uuid.uuid4().hex[:4]}"
    page.get_by_label("Nom de la recherche").fill(nom)
    page.get_by_label("Alertes").select_option(label="Un résumé quotidien")
    page.get_by_role("button", name="Enregistrer cette recherche").click()
    expect(page).to_have_url(re.compile(r"/espace/recherches"))
    expect(page.get_by_role("heading", name=nom)).to_be_visible()
    check_a11y(page, "mes recherches")


def _deposer(page: Page, titre: str) -> int:
    """Camille DURAND (Isère) posts a replacement in Voiron; returns its number."""
    _connecter(page, "demo.medecin")
    page.get_by_role("navigation", name="Annonces").get_by_role("link", name="Déposer").click()
    page.get_by_label("Catégorie").select_option(label="Remplacement")
    page.get_by_label("Je cherche un remplaçant").check()
    page.get_by_label("Spécialité").select_option(label="Médecine générale")
    page.get_by_label("Titre").fill(titre)
    page.get_by_label("Description").fill("Cabinet de groupe, secrétariat sur place.")
    page.get_by_label("Ajouter un lieu").fill("voiron")
    page.get_by_role("option", name=re.compile("Voiron")).first.click()
    page.get_by_label("À partir du").first.fill((horloge.aujourdhui() + timedelta(days=20)).isoformat())
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("status")).to_contain_text("a bien été transmise")
    carte = page.get_by_role("article").filter(has_text=titre)
    return int(carte.get_attribute("id").removeprefix("annonce-"))


@pytest.mark.needs_mail
def test_une_recherche_enregistree_alerte_des_la_publication(phone: Page, other_phone: Page, desktop: Page,
                                                              mail_dir: Path) -> None:
    page = phone  # Louis GARNIER looks for replacements in Isère
    _connecter(page)
    page.goto("/annonces?categorie=remplacement&lieux=departement:38")
    nom = f"Remplacements en Isère {uuid.uuid4().hex[:4]}"
    page.get_by_label("Nom de la recherche").fill(nom)
    page.get_by_label("Alertes").select_option(label="Dès la publication")
    page.get_by_role("button", name="Enregistrer cette recherche").click()
    expect(page.get_by_role("heading", name=nom)).to_be_visible()

    titre = f"Remplacement à Voiron {uuid.uuid4().hex[:6]}"
    numero = _deposer(other_phone, titre)

    gestion = desktop
    gestion.goto("/gestion/connexion")
    login(gestion, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    gestion.goto("/gestion?statut=en_attente")
    gestion.get_by_role("link", name=titre).click()
    panneau = gestion.locator("#panneau")
    panneau.get_by_role("link", name="Accepter").click()
    panneau.get_by_role("button", name="Confirmer la publication").click()
    expect(panneau.get_by_role("status")).to_contain_text(f"L'annonce n° {numero} est publiée")

    sujet = f"Ordre des médecins - Nouvelles annonces pour « {nom} »"
    page.goto("/espace/messages")
    alerte = page.get_by_role("link", name=sujet)
    for _ in range(30):  # the alert job runs in the background as soon as the annonce is accepted
        if alerte.count():
            break
        time.sleep(0.5)
        page.reload()
    expect(alerte).to_be_visible()
    check_a11y(page, "alerte dans la messagerie")
    alerte.click()
    expect(page.locator("main")).to_contain_text(titre)
    check_a11y(page, "message d'alerte")
    page.get_by_role("link", name=re.compile(rf"annonces.{numero}$")).click()
    expect(page.get_by_role("heading", name=titre)).to_be_visible()

    texte = mail_pour(mail_dir, "louis.garnier@exemple.fr", sujet=nom).get_body(("plain",)).get_content()
    assert titre in texte and "en un clic" in texte
