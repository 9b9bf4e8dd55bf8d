"""Story 9's last sentence (SPEC_DEMARCHES §6, §3.5): clock at 15/01/2032, the daily job opens the controls of the
periods ended on 31/12/2031; `cd38` (desktop) reads "Contrôles à réaliser" with "au plus tard le 30/06/2032", opens
demo.medecin's control, marks an action "Écartée" then "Vérifiée", records "Obligation satisfaite"; he gets
"… : obligation satisfaite".

The job runs as the scheduler runs it (its actor, in a process of its own on the demo database and clock); `cd38`
sets demo.medecin's bloc 1 action aside and verifies it again. At the end this file removes the controls it made,
gives the actions back their state and puts the clock back — the files after it share the demo database (a demo
without carnets gets demo.medecin's, removed at the end too).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.etapes import check_a11y, login, mail_pour, sql
from e2e.test_demarches_refus import dater, horloge

RACINE = Path(__file__).resolve().parents[1]
# Literal statements (the e2e helper `sql` takes no parameters): demo.medecin is RPPS 10005170625.
DE_DURAND = "SELECT 1 FROM carnet WHERE praticien = (SELECT id FROM praticien WHERE rpps = '10005170625')"
CARNET = ("INSERT INTO carnet (praticien, departement, debut, fin, controle_avant, exoneration, b1, b2, b3, b4) "
          "SELECT p.id, '38', '2023-01-01', '2031-12-31', '2032-06-30', '', 0, 0, 0, 0 FROM praticien p "
          "WHERE p.rpps = '10005170625' AND NOT EXISTS (SELECT 1 FROM carnet c WHERE c.praticien = p.id)")
FORMATION = "Formation ANDPC : prise en charge de l'insuffisance cardiaque"  # demo.medecin's bloc 1 (web/demo_*)
NETTOYAGE = (
    "UPDATE action_certification SET statut = 'declaree', motif = '' WHERE statut = 'ecartee' AND controle <> ''",
    "UPDATE action_certification SET controle = '' WHERE controle <> ''",
    "UPDATE carnet SET b1 = (SELECT COUNT(*) FROM action_certification a WHERE a.carnet = carnet.id AND a.bloc = 1 "
    "AND a.statut = 'declaree') WHERE praticien = (SELECT id FROM praticien WHERE rpps = '10005170625')",
    "DELETE FROM message WHERE sujet_type = 'dossier' AND sujet_id IN "
    "(SELECT id FROM dossier WHERE type = 'controle_certification')",
    "DELETE FROM notification WHERE sujet LIKE 'Ordre des médecins - Demande n°D-2032-%'",
    "DELETE FROM dossier_evenement WHERE dossier IN (SELECT id FROM dossier WHERE type = 'controle_certification')",
    "UPDATE carnet SET controle = NULL, clos_le = NULL WHERE controle IN "
    "(SELECT id FROM dossier WHERE type = 'controle_certification')",
    "DELETE FROM dossier WHERE type = 'controle_certification'",
)
SANS_CARNET = "DELETE FROM carnet WHERE praticien = (SELECT id FROM praticien WHERE rpps = '10005170625')"


def _job(database_url: str, acteur: str) -> None:
    """A scheduled job's actor run once, as the worker runs it, on the demo database (and its clock)."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "SMTP_URL"}}
    env.update(DATABASE_URL=database_url, DEMO="1", PICCOLO_CONF="tables.piccolo_conf",
               SECRET_KEY="cle-e2e-" + "x" * 48)
    subprocess.run([sys.executable, "-c", f"from tasks import actors; actors.{acteur}.fn()"], cwd=RACINE, env=env,
                   check=True, timeout=120)


@pytest.mark.needs_mail
def test_controls_to_do_on_15_01_2032_and_obligation_satisfaite(desktop: Page, new_context, app) -> None:
    if not app.database_url:
        pytest.skip("an external instance: its database is not ours")
    national = new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR").new_page()
    national.goto("/gestion/connexion")
    login(national, "cnom@demo.ordre.test", "Demo-national-2026!", gestion=True)
    cree = not sql(app.database_url, DE_DURAND)
    try:
        with horloge(national):
            dater(national, "2032-01-15")
            sql(app.database_url, CARNET)
            _job(app.database_url, "ouvrir_controles")
            conseil = desktop
            conseil.goto("/gestion/connexion")
            login(conseil, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
            conseil.goto("/gestion/certification/controles")
            expect(conseil.get_by_role("link", name="Contrôles à réaliser")).to_have_attribute("aria-current", "page")
            ligne = conseil.get_by_role("row").filter(has_text="10005170625")
            expect(ligne).to_contain_text("au plus tard le 30/06/2032")
            expect(ligne).to_contain_text("du 01/01/2023 au 31/12/2031")
            expect(ligne).to_contain_text("En instruction")
            check_a11y(conseil, "contrôles à réaliser")

            ligne.get_by_role("link", name=re.compile(r"^D-2032-")).click()
            numero = conseil.get_by_role("heading", level=1).inner_text().rsplit("n°", 1)[1]
            panneau = conseil.get_by_role("region", name="Actions de la période du 01/01/2023 au 31/12/2031")
            expect(panneau).to_contain_text("contrôle au plus tard le 30/06/2032")
            expect(conseil.get_by_role("group", name="Suites envisagées")).to_be_visible()
            expect(conseil.get_by_role("button", name="Demander des observations")).to_be_visible()
            check_a11y(conseil, "contrôle en instruction")

            action = panneau.get_by_role("article").filter(has_text=FORMATION)
            action.get_by_label("Motif pour écarter l'action").fill("Attestation de formation illisible")
            action.get_by_role("button", name=re.compile(r"^Écartée")).click()
            action = conseil.get_by_role("article").filter(has_text=FORMATION)
            expect(action).to_contain_text("Écartée au contrôle : Attestation de formation illisible")
            expect(conseil.get_by_text("Bloc 1 — Améliorer les connaissances et les compétences. : 0 action")
                   ).to_be_visible()
            expect(conseil.get_by_role("region", name="Historique")).to_contain_text("Action écartée au contrôle")
            check_a11y(conseil, "action écartée")
            action.get_by_role("button", name=re.compile(r"^Vérifiée")).click()  # it counts again
            expect(conseil.get_by_role("article").filter(has_text=FORMATION)).to_contain_text("Vérifiée")
            expect(conseil.get_by_text("Bloc 1 — Améliorer les connaissances et les compétences. : 1 action")
                   ).to_be_visible()

            conseil.get_by_role("button", name="Obligation satisfaite", exact=True).click()
            expect(conseil.locator("dl.fiche").first).to_contain_text("Obligation satisfaite")
            check_a11y(conseil, "obligation satisfaite")
            mail = mail_pour(app.mail_dir, "camille.durand@exemple.fr", sujet=f"Demande n°{numero} : obligation "
                             "satisfaite")
            assert ("L'Ordre vous notifie que vous avez satisfait à votre obligation de certification périodique pour "
                    "la période du 01/01/2023 au 31/12/2031.") in mail.get_body(("plain",)).get_content()
            conseil.goto("/gestion/certification/controles")  # closed: no longer to do
            expect(conseil.get_by_role("row").filter(has_text="10005170625")).to_have_count(0)
            check_a11y(conseil, "contrôles à réaliser, contrôle clos")
    finally:
        for requete in NETTOYAGE:
            sql(app.database_url, requete)
        if cree:
            sql(app.database_url, SANS_CARNET)
    assert not sql(app.database_url, "SELECT 1 FROM dossier WHERE type = 'controle_certification'")
    assert not sql(app.database_url, "SELECT 1 FROM action_certification WHERE controle <> '' OR statut = 'ecartee'")
