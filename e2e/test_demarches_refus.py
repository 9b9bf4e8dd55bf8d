"""Story 4 of SPEC_DEMARCHES §6: on 14/01/2027 (demo clock), `cd69` refuses demo.junior's inscription with a
motif (desktop); the docteur junior reads the motif and the appeal before the conseil régional, first with the
date counted from the publication « (date indicative) », then from the registered letter (phone); E10 says it."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from playwright.sync_api import Page, expect

from e2e.etapes import check_a11y, login, mail_pour

MOTIF = "Les conditions de compétence ne sont pas réunies à ce jour (article L.4112-1)."
CROM = "formation restreinte du Conseil régional de l'Ordre des médecins Auvergne-Rhône-Alpes"


def dater(page: Page, jour: str | None) -> None:
    """National staff set the demo clock on `jour` (None: back to the real date)."""
    page.goto("/gestion/horloge")
    if page.get_by_role("heading", name="Connexion").count():
        login(page, "cnom@demo.ordre.test", "Demo-national-2026!", gestion=True)
        page.goto("/gestion/horloge")
    if jour is None:
        page.get_by_role("button", name="Revenir à la date réelle").click()
        expect(page.get_by_text("(date réelle)")).to_be_visible()
        return
    page.get_by_label("Nouvelle date").fill(jour)
    page.get_by_role("button", name="Changer la date").click()
    expect(page.get_by_text("(date de démonstration)")).to_be_visible()


@contextmanager
def horloge(national: Page):
    """The demo clock back to the real date after the block, failures included."""
    try:
        yield
    finally:
        dater(national, None)


@pytest.mark.needs_mail
def test_refusal_with_its_appeal_date_indicative_then_from_the_registered_letter(desktop: Page, phone: Page,
                                                                                 new_context, app) -> None:
    conseil = desktop
    national = new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR").new_page()
    national.goto("/gestion/connexion")
    login(national, "cnom@demo.ordre.test", "Demo-national-2026!", gestion=True)
    with horloge(national):
        dater(national, "2027-01-14")
        conseil.goto("/gestion/connexion")
        login(conseil, "cd69@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
        conseil.goto("/gestion/demarches?qui=BERTRAND")
        conseil.get_by_role("link", name=re.compile(r"^D-2025-")).first.click()
        numero = conseil.get_by_role("heading", level=1).inner_text().rsplit("n°", 1)[1]
        conseil.get_by_label("Motif (Refuser)").fill(MOTIF)
        conseil.get_by_role("button", name="Refuser", exact=True).click()
        expect(conseil.locator("dl.fiche").first).to_contain_text("Inscription refusée")
        expect(conseil.get_by_text("au plus tard le 13/02/2027")).to_be_visible()
        check_a11y(conseil, "inscription refusée (conseil)")

        phone.goto("/connexion")
        login(phone, "demo.junior", "Demo-junior-2026!")
        phone.goto(f"/demarches/{numero}")
        appel = phone.get_by_role("region", name="Faire appel")
        expect(appel).to_contain_text(f"Motif : {MOTIF}")
        expect(appel).to_contain_text(CROM)
        expect(appel).to_contain_text("soit au plus tard le 13/02/2027 (date indicative)")
        expect(appel).to_contain_text("Cet appel n'est pas suspensif.")
        check_a11y(phone, "inscription refusée (demandeur)")
        mail = mail_pour(app.mail_dir, "lucas.bertrand@exemple.fr", sujet=f"Demande n°{numero} : refusée")
        texte = mail.get_body(("plain",)).get_content()
        assert MOTIF in texte and CROM in texte and "13/02/2027" in texte

        dater(national, "2027-01-20")  # the registered letter came back signed on the 18th
        conseil.reload()
        conseil.get_by_label("Date de notification par lettre recommandée").fill("2027-01-18")
        conseil.get_by_role("button", name="Enregistrer la date de notification").click()
        expect(conseil.get_by_text("au plus tard le 17/02/2027")).to_be_visible()
        phone.reload()
        expect(appel).to_contain_text("soit au plus tard le 17/02/2027.")
        expect(appel).not_to_contain_text("(date indicative)")
        check_a11y(phone, "appel daté de la lettre recommandée")
