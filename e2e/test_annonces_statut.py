"""A doctor on a 360 px phone follows their own annonces off line (issue 19): the inbox's « Voir l'annonce »
opens the annonce with its status and the refusal's motif, the header's unread count is right on the page that
read the thread; another doctor gets a 404 for it, and reads on a published one a Contact box and a form that
say what is true."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from playwright.sync_api import Page, expect

from e2e.etapes import check_a11y, login

REFUSEE = "Assistanat en médecine générale"
PUBLIEE = "Remplaçant cherché pour l'été à Voiron"
CAPTURES = Path(tempfile.gettempdir())  # looked at by hand
MOTIF = "Motif : Votre annonce ne respecte pas les règles de publication."


def _connecter(page: Page, identifiant: str, mot_de_passe: str) -> None:
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto("/connexion")
    login(page, identifiant, mot_de_passe)
    expect(page).to_have_url(re.compile(r"/espace$"))


def _non_lus(page: Page) -> int:
    # On a phone the nav is folded behind Menu: the link is there, hidden.
    lien = page.get_by_role("banner").get_by_role("link", name=re.compile(r"^Message"), include_hidden=True)
    nombre = re.search(r"(\d+)\s*non lus?", lien.text_content() or "")
    return int(nombre.group(1)) if nombre else 0


def test_l_auteur_suit_son_annonce_refusee(phone: Page, other_phone: Page) -> None:
    page = phone
    _connecter(page, "demo.medecin", "Demo-medecin-2026!")
    page.goto("/espace/messages")
    avant = _non_lus(page)
    fil = page.locator("li.fil", has=page.get_by_role("link", name=re.compile(re.escape(REFUSEE))))
    dans_le_fil = int(re.search(r"\d+", fil.locator(".pastille").text_content() or "").group(0))
    fil.get_by_role("link", name=re.compile(re.escape(REFUSEE))).click()
    expect(page).to_have_url(re.compile(r"/espace/messages/fils/annonce/\d+$"))
    assert _non_lus(page) == avant - dans_le_fil  # on this very page, not one page later

    page.get_by_role("link", name="Voir l'annonce").click()
    expect(page).to_have_url(re.compile(r"/annonces/\d+$"))
    numero = page.url.rsplit("/", 1)[1]
    expect(page.get_by_role("heading", level=1)).to_have_text(REFUSEE)
    statut = page.get_by_role("region", name="Statut : Refusée")
    expect(statut).to_contain_text("Le Conseil départemental a refusé la publication de l'annonce.")
    expect(statut).to_contain_text("Seuls son auteur et le Conseil départemental la voient.")
    expect(statut.locator(".statut-annonce__motif")).to_contain_text(MOTIF)
    expect(page.get_by_role("heading", name="Contacter l'auteur")).to_have_count(0)
    check_a11y(page, "annonce refusée vue par son auteur")
    page.screenshot(path=CAPTURES / "annonce_refusee.png", full_page=True)
    statut.get_by_role("link", name="Gérer l'annonce").click()
    expect(page).to_have_url(re.compile(rf"/annonces/gerer#annonce-{numero}$"))
    publiee = page.locator("[id^=annonce-]", has_text=PUBLIEE).first.get_attribute("id").removeprefix("annonce-")

    autre = other_phone
    _connecter(autre, "demo.radio", "Demo-medecin-2026!")
    reponse = autre.goto(f"/annonces/{numero}")
    assert reponse is not None and reponse.status == 404
    autre.goto(f"/annonces/{publiee}")
    expect(autre.get_by_role("heading", level=1)).to_have_text(PUBLIEE)
    contact = autre.get_by_role("region", name="Contact", exact=True)
    aide = autre.get_by_role("region", name="Contacter l'auteur").locator(".aide")
    if contact.locator("dl").count():
        expect(contact).to_contain_text("L'auteur a choisi d'afficher ces coordonnées sur ses annonces.")
        expect(aide).to_contain_text("Vous préférez ne pas utiliser ces coordonnées ?")
        expect(aide).not_to_contain_text("sans vous communiquer")
    else:
        expect(contact).to_contain_text("Écrivez-lui avec le formulaire ci-dessous.")
        expect(aide).to_contain_text("sans vous communiquer son adresse")
    expect(autre.get_by_role("region", name=re.compile("^Statut"))).to_have_count(0)
    check_a11y(autre, "annonce publiée vue par un autre médecin")
    autre.screenshot(path=CAPTURES / "contact.png", full_page=True)
