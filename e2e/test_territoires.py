"""Story 12 (SPEC_DEMARCHES §6): the Isère territory page seen by an anonymous visitor on a phone, edited by the
Isère council on a desktop, followed by a logged-in interne to Trouver; and the one inbox, a thread per annonce."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from e2e.etapes import check_a11y, deplier, login


def test_visiteur_anonyme_sur_telephone(phone: Page) -> None:
    page = phone
    page.goto("/territoires")
    expect(page.get_by_role("heading", level=1)).to_have_text("Territoires")
    expect(page.get_by_role("main")).to_contain_text("échelon stratégique des politiques de santé")
    check_a11y(page, "carte des territoires")
    page.get_by_role("link", name="Isère (38)").first.click()
    expect(page).to_have_url(re.compile(r"/territoires/38$"))
    conseil = page.get_by_role("region", name="Conseil départemental de l'Isère de l'Ordre des médecins")
    expect(conseil).to_contain_text("Téléphone")
    expect(conseil).to_contain_text("contact.cd38@demo.ordre.test")
    expect(conseil).to_contain_text("Coordonnées de démonstration")
    expect(conseil.get_by_role("heading", name="Prochaines séances plénières")).to_be_visible()
    expect(conseil.get_by_role("listitem").first).to_contain_text("Siège du conseil départemental")
    venir = page.get_by_role("region", name="Venir exercer en Isère")
    expect(venir.get_by_role("heading", name=re.compile("^Logement"))).to_be_visible()
    expect(venir).to_contain_text("Informations fournies par le Département de l'Isère, mises à jour le")
    expect(page.get_by_role("link", name="Connectez-vous pour consulter les annonces")).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text("annonces publiées")
    check_a11y(page, "page de l'Isère, anonyme")


def test_le_conseil_de_l_isere_modifie_le_logement(desktop: Page) -> None:
    page = desktop
    page.goto("/gestion/connexion")
    login(page, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Territoire").click()
    expect(page).to_have_url(re.compile(r"/gestion/territoires/38$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Venir exercer en Isère")
    check_a11y(page, "modification du territoire")
    marque = uuid.uuid4().hex[:6]
    texte = f"Studios meublés à Voiron ({marque}) <b>pas de HTML</b>\nDemande en ligne : https://www.isere.fr/logement"
    page.get_by_label("Logement").fill(texte)
    page.get_by_role("button", name="Prévisualiser").click()
    apercu = page.get_by_role("region", name="Aperçu : « Venir exercer en Isère »")
    expect(apercu).to_contain_text(f"({marque}) <b>pas de HTML</b>")
    expect(apercu.get_by_role("link", name="https://www.isere.fr/logement")).to_be_visible()
    check_a11y(page, "aperçu")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("Les informations sont enregistrées")
    historique = page.get_by_role("region", name="Historique des modifications")
    ligne = historique.get_by_role("row").filter(has_text=marque)
    expect(ligne).to_contain_text("cd38@demo.ordre.test")
    expect(ligne).to_contain_text("Logement")
    check_a11y(page, "enregistré, historique")
    page.get_by_role("link", name="Page publique : Isère").click()
    logement = page.get_by_role("region", name="Logement")
    expect(logement).to_contain_text(marque)
    aujourdhui = datetime.now(ZoneInfo("Europe/Paris")).strftime("%d/%m/%Y")
    expect(logement).to_contain_text(
        f"Informations fournies par le Département de l'Isère, mises à jour le {aujourdhui}")
    expect(logement.get_by_text("Démonstration", exact=True)).to_have_count(0)


def test_un_interne_suit_les_annonces_du_departement(phone: Page) -> None:
    page = phone
    page.goto("/connexion?next=/territoires/38")
    login(page, "demo.interne", "Demo-interne-2026!")
    expect(page).to_have_url(re.compile(r"/territoires/38$"))
    annonces = page.get_by_role("region", name="Annonces dans ce département")
    expect(annonces).to_contain_text(re.compile(r"\d+ annonces? publiées? en Isère"))
    check_a11y(page, "page de l'Isère, connecté")
    annonces.get_by_role("link", name="Voir les annonces en Isère").click()
    expect(page).to_have_url(re.compile(r"/annonces\?lieux=departement(:|%3A)38$"))
    choix = page.get_by_role("button", name="Refuser")
    if choix.count():  # the first visit to Annonces asks about contact details, then comes back here
        choix.click()
        expect(page).to_have_url(re.compile(r"/annonces\?lieux=departement(:|%3A)38$"))
    deplier(page, "Filtrer")
    expect(page.get_by_role("list", name="Lieux choisis")).to_contain_text("Isère")
    expect(page.locator("#resultats article").first).to_be_visible()
    check_a11y(page, "Trouver filtré sur l'Isère")


def test_message_un_fil_par_annonce(phone: Page, other_phone: Page) -> None:
    # Louis GARNIER writes twice about Camille DURAND's published annonce: one exchange, one thread.
    collegue = other_phone
    collegue.goto("/connexion")
    login(collegue, "demo.rhone", "Demo-medecin-2026!")
    collegue.goto("/annonces?lieux=departement:38")
    choix = collegue.get_by_role("button", name="Refuser")
    if choix.count():
        choix.click()
    page = phone
    page.goto("/connexion")
    login(page, "demo.medecin", "Demo-medecin-2026!")
    page.goto("/annonces/gerer")
    lien = page.get_by_role("link", name="Remplaçant cherché pour l'été à Voiron").first
    numero = re.search(r"/annonces/(\d+)", lien.get_attribute("href")).group(1)
    marque = uuid.uuid4().hex[:6]
    for texte in (f"Bonjour, disponible en août ({marque}).", f"Et aussi en septembre ({marque})."):
        collegue.goto(f"/annonces/{numero}")
        collegue.get_by_label("Votre message").fill(texte)
        collegue.get_by_role("button", name="Envoyer le message").click()
        expect(collegue.get_by_role("status")).to_contain_text("Votre message est transmis")

    page.goto("/espace/messages")
    # The header: on a phone, the unread count is on the Menu button, and in the nav it opens.
    expect(page.get_by_role("button", name=re.compile(r"^Menu \d+ messages? non lus?$"))).to_be_visible()
    deplier(page, "Menu")
    expect(page.get_by_role("link", name=re.compile(r"^Message \d+ non lus?$"))).to_be_visible()
    titres = page.locator("h2.fil__titre > a").all_inner_texts()
    assert len(titres) == len(set(titres)), titres  # one thread per subject
    assert sum(t.startswith(f"Annonce n°{numero} ") for t in titres) == 1, titres
    echange = page.locator("li.fil").filter(has=page.get_by_role(
        "link", name=f"Message de Louis GARNIER à propos de l'annonce n°{numero}", exact=True))
    expect(echange.locator(".fil__titre .pastille")).to_contain_text(re.compile(r"^\d+ non lus$"))
    annonce = page.locator("li.fil").filter(has=page.get_by_role("link", name=re.compile(rf"^Annonce n°{numero} ")))
    expect(annonce).to_contain_text(f"Ordre des médecins - Annonce n°{numero} : publiée")
    check_a11y(page, "Message, un fil par sujet")
    page.get_by_label("Rechercher dans mes messages").fill(marque)
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("status")).to_contain_text(f"1 fil contenant « {marque} »")
    check_a11y(page, "recherche dans les messages")
    page.get_by_role("link", name=f"Message de Louis GARNIER à propos de l'annonce n°{numero}", exact=True).click()
    expect(page.get_by_role("main")).to_contain_text(f"disponible en août ({marque})")
    expect(page.get_by_role("main")).to_contain_text("Copie de l'e-mail envoyé le")
    check_a11y(page, "fil d'un échange")
    page.get_by_role("link", name="Voir l'annonce").click()
    expect(page).to_have_url(re.compile(rf"/annonces/{numero}$"))
