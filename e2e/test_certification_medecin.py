"""Story 8 of SPEC_DEMARCHES §6, the médecin's part: demo.medecin on a phone opens Certification (period, pace
"En retard", bloc 4 suggestions), declares a bloc 1 action with a PDF (the count goes up), sees an action ended
in December 2022 refused, then deletes what he added: the demo carnet is left as found (web/demo_certification.py)."""

from __future__ import annotations

import io
import re

from playwright.sync_api import Page, expect
from reportlab.pdfgen import canvas

from e2e.etapes import champ, check_a11y, deplier, login

INTITULE = "Formation e2e : urgences vitales au cabinet"


def _pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Attestation de participation")
    page.save()
    return buffer.getvalue()


def _bloc(page: Page, numero: int):
    return page.get_by_role("region", name=re.compile(rf"^Bloc {numero} — "))


def _remplir(page: Page, debut: str, fin: str) -> None:
    champ(page, "Action du référentiel").select_option("MG-B1-02")
    champ(page, "Intitulé").fill(INTITULE)
    champ(page, "Organisme").fill("CHU Grenoble Alpes")
    champ(page, "Date de début").fill(debut)
    champ(page, "Date de fin").fill(fin)
    page.get_by_label("Ajouter un fichier").set_input_files(
        {"name": "attestation.pdf", "mimeType": "application/pdf", "buffer": _pdf()})


def test_the_doctor_declares_an_action(phone: Page) -> None:
    page = phone
    page.goto("/connexion")
    login(page, "demo.medecin", "Demo-medecin-2026!")
    deplier(page, "Menu")
    page.get_by_role("link", name="Certification").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Certification périodique")
    resume = page.get_by_role("region", name="Tableau de bord des 4 blocs")
    expect(resume).to_contain_text("Période de certification : du 01/01/2023 au 31/12/2031")
    expect(resume).to_contain_text("Référentiel de Médecine générale — Collège de la Médecine Générale (CMG)")
    expect(resume).to_contain_text("En retard")
    expect(resume.get_by_text("2 actions sur 8")).to_be_visible()
    expect(_bloc(page, 4)).to_contain_text("Suggestions du référentiel")
    expect(_bloc(page, 4).get_by_role("link", name=re.compile("^★"))).to_have_count(3)
    expect(_bloc(page, 1)).to_contain_text("1 action validée sur 2")
    check_a11y(page, "tableau de bord, en retard")

    # --- A bloc 1 action with its PDF, declared: the count goes up.
    _bloc(page, 1).get_by_role("link", name="Ajouter une action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajouter une action")
    expect(champ(page, "Bloc")).to_have_value("1")
    check_a11y(page, "formulaire d'action")
    _remplir(page, "2025-06-02", "2025-06-20")
    page.get_by_role("button", name="Déclarer l'action").click()
    expect(page.get_by_role("status")).to_contain_text("L'action est déclarée.")
    expect(_bloc(page, 1)).to_contain_text("2 actions validées sur 2")
    expect(_bloc(page, 1)).to_contain_text(INTITULE)
    expect(page.get_by_role("region", name="Tableau de bord des 4 blocs")).to_contain_text("3 actions sur 8")
    check_a11y(page, "action déclarée")

    # --- An action ended in December 2022 is refused beside its date; the picker follows the bloc.
    _bloc(page, 2).get_by_role("link", name="Ajouter une action").click()
    champ(page, "Bloc").select_option("1")
    expect(champ(page, "Action du référentiel")).to_contain_text("Formation certifiante ou diplômante")
    _remplir(page, "2022-11-14", "2022-12-16")
    page.get_by_role("button", name="Déclarer l'action").click()
    erreur = page.locator("#f-fin-erreur")
    expect(erreur).to_have_text("Seules les actions réalisées depuis le 01/01/2023 sont comptabilisées")
    expect(champ(page, "Organisme")).to_have_value("CHU Grenoble Alpes")
    expect(page.get_by_text("attestation.pdf (déjà envoyé)")).to_be_visible()
    check_a11y(page, "action de 2022 refusée")

    # --- Back as found: the added action deleted, after its confirmation page.
    page.get_by_role("link", name="Retour au tableau de bord").click()
    _bloc(page, 1).get_by_role("link", name=f"Supprimer « {INTITULE} »").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supprimer cette action ?")
    check_a11y(page, "confirmation de suppression")
    page.get_by_role("button", name="Supprimer cette action").click()
    expect(page.get_by_role("status")).to_contain_text("L'action est supprimée.")
    expect(_bloc(page, 1)).to_contain_text("1 action validée sur 2")
    expect(page.get_by_role("region", name="Tableau de bord des 4 blocs")).to_contain_text("2 actions sur 8")


def test_the_radiologist_waits_for_the_exemption(phone: Page) -> None:
    """demo.radio (inscribed 02/09/2024) asked for the bloc 3 exemption: the request is said, not yet granted
    (cd38 confirms it, on the council side); the picker lists the Radiologie bloc 2 extract."""
    page = phone
    page.goto("/connexion")
    login(page, "demo.radio", "Demo-medecin-2026!")
    page.goto("/espace/certification")
    resume = page.get_by_role("region", name="Tableau de bord des 4 blocs")
    expect(resume).to_contain_text("Période de certification : du 02/09/2024 au 01/09/2030")
    expect(resume).to_contain_text("Référentiel de Radiologie et imagerie médicale")
    expect(resume).to_contain_text("sur 8")
    expect(page.get_by_role("region", name="Exonération du bloc 3")).to_contain_text(
        "Demande d'exonération du bloc 3 envoyée à votre conseil départemental")
    check_a11y(page, "exonération demandée")
    _bloc(page, 2).get_by_role("link", name="Ajouter une action").click()
    expect(champ(page, "Action du référentiel")).to_contain_text(
        "Exercice coordonné et protocolé d'une équipe pluri professionnelle de soins en ambulatoire")
    champ(page, "Action du référentiel").select_option("RAD-B2-02")
    expect(page.get_by_label(re.compile("^Déclaration sur l'honneur"))).to_be_visible()
    check_a11y(page, "référentiel de radiologie, déclaration sur l'honneur")
