"""Story 3 of SPEC_DEMARCHES §6, its first half: cd38 publishes two créneaux on a desktop, the interne takes one
on his phone (E6 with its calendar), the slot is gone for others; the séance calendar and its agenda."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from e2e.etapes import champ, check_a11y, login, mail_pour, publier_creneau

NUMERO = "D-2026-900001"
# Parameters: the instant (the app reads it back as a UTC timestamp) and "false", in each engine's spelling.
_DOSSIER = ("INSERT INTO dossier (numero, type, compte, praticien, departement, statut, version, donnees, section, "
            "cree_le, maj_le, motif, complements, prolonge, rapporteur, avis) SELECT 'D-2026-900001', 'inscription', "
            "id, praticien, '38', 'en_instruction', 0, '{\"des\": \"SM54\"}', '', $1, $1, '', '{}', $2, '', '' "
            "FROM compte WHERE identifiant = 'demo.interne' AND NOT EXISTS "
            "(SELECT 1 FROM dossier WHERE numero = 'D-2026-900001')")
_FERMER = ("UPDATE dossier SET statut = 'sans_suite' WHERE type = 'inscription' AND numero <> 'D-2026-900001' "
           "AND compte = (SELECT id FROM compte WHERE identifiant = 'demo.interne') "
           "AND statut NOT IN ('accepte', 'refuse', 'sans_suite')")


def _en_instruction(database_url: str) -> None:
    """demo.interne's inscription, straight into instruction in the Isère (the wizard has its own story);
    any draft left by story 1 is closed first (one open dossier per type)."""
    maintenant = datetime.now(UTC)
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as conn:
            conn.execute(_FERMER)
            conn.execute(_DOSSIER.replace("$1", "?1").replace("$2", "?2"), (maintenant.isoformat(), 0))
        return
    import asyncpg

    async def preparer() -> None:
        conn = await asyncpg.connect(database_url)
        try:
            await conn.execute(_FERMER)
            await conn.execute(_DOSSIER, maintenant, False)
        finally:
            await conn.close()

    with ThreadPoolExecutor(max_workers=1) as pool:  # Playwright's sync API runs an event loop in this thread
        pool.submit(asyncio.run, preparer()).result()


@pytest.mark.needs_mail
def test_cd38_publishes_two_creneaux_and_the_interne_takes_one(desktop: Page, phone: Page, app) -> None:
    _en_instruction(app.database_url)
    premier, second = date.today() + timedelta(days=7), date.today() + timedelta(days=8)
    page = desktop
    page.goto("/gestion/connexion")
    login(page, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    page.goto("/gestion/calendriers/38/creneaux")
    expect(page.get_by_role("heading", level=1)).to_have_text("Créneaux d'entretien — Conseil départemental de l'Isère")
    check_a11y(page, "Créneaux d'entretien")
    for jour, heure, lieu, conseiller in ((date.today() - timedelta(days=1), "14:00", "", "Dr Martin"),
                                          (premier, "14:00", "", "Dr Martin"),
                                          (second, "09:30", "Siège du conseil, Grenoble", "Dr Bernard")):
        publier_creneau(page, jour, heure, conseiller, lieu)
        if jour < date.today():  # said beside the field, what was typed kept
            expect(page.locator("#f-date-erreur")).to_have_text("Le créneau doit être dans le futur.")
            expect(champ(page, "Conseiller")).to_have_value("Dr Martin")
            check_a11y(page, "créneau dans le passé")
    table = page.get_by_role("table", name="Créneaux à venir")
    expect(table).to_contain_text("Dr Martin")
    expect(table).to_contain_text("Siège du conseil, Grenoble")

    # The interne, on his phone, takes the first one.
    phone.goto("/connexion")
    login(phone, "demo.interne", "Demo-interne-2026!")
    phone.goto(f"/demarches/{NUMERO}")
    # Beside the demo's own créneaux, the two just published.
    expect(phone.get_by_role("button", name=f"Choisir ce créneau : le {second:%d/%m/%Y} à 09h30")).to_be_visible()
    check_a11y(phone, "choisir un créneau")
    phone.get_by_role("button", name=f"Choisir ce créneau : le {premier:%d/%m/%Y} à 14h00").click()
    expect(phone.get_by_text(f"Votre rendez-vous : le {premier:%d/%m/%Y} à 14h00")).to_be_visible()
    expect(phone.get_by_text(re.compile(r"Étape 8 sur 10 — Entretien confraternel"))).to_be_visible()
    check_a11y(phone, "rendez-vous pris")

    # Gone for others: the council's calendar shows it held by the dossier.
    page.reload()
    expect(page.get_by_role("row").filter(has_text="Dr Martin")).to_contain_text(NUMERO)
    page.goto(f"/gestion/demarches/{NUMERO}")
    expect(page.get_by_role("heading", name="Rendez-vous")).to_be_visible()
    check_a11y(page, "dossier avec rendez-vous")

    # The séances plénières and a séance's printable agenda.
    page.goto("/gestion/calendriers/38/seances")
    champ(page, "Date").fill((date.today() + timedelta(days=40)).isoformat())
    champ(page, "Lieu").fill("Siège du conseil, Grenoble")
    page.get_by_role("button", name="Ajouter la séance").click()
    check_a11y(page, "Séances plénières")
    page.get_by_role("link", name=re.compile("^Ordre du jour de la séance du")).last.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ordre du jour — séance plénière du")
    check_a11y(page, "Ordre du jour")

    mail = mail_pour(app.mail_dir, "", sujet=f"Demande n°{NUMERO} : convocation à un entretien")
    assert "Pour changer de créneau, connectez-vous à Mon Espace." in mail.get_body(("plain",)).get_content()
    calendrier = [p for p in mail.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert calendrier and f"DTSTART:{premier:%Y%m%d}T130000Z" in calendrier[0].get_content()
