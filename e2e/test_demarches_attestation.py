"""Story 3's end and the demo clock (SPEC_DEMARCHES §6), on a desktop: national moves "today";
`cd38` pronounces an inscription after a favourable séance, downloads the attestation; anyone checks it."""

from __future__ import annotations

import io
import re

import pypdf
from playwright.sync_api import Page, expect

from e2e.etapes import check_a11y, login, sql

# The séance's favourable opinion (the séance's screens, e2e/test_demarches_entretien.py) on one of the demo's
# Isère dossiers in instruction.
AVIS = ("UPDATE dossier SET avis = 'favorable', avis_le = '2026-11-20' WHERE id = (SELECT id FROM dossier "
        "WHERE departement = '38' AND statut = 'en_instruction' AND type = 'inscription' ORDER BY id LIMIT 1) "
        "RETURNING numero")

# Its diplomas authenticated (the documents' screens, e2e/test_demarches_pieces.py): files that are never opened.
DIPLOMES = ("INSERT INTO dossier_piece (dossier, piece, fichier, nom_original, type_mime, taille, statut, raison, "
            "texte, depose_le) SELECT d.id, k.piece, d.numero || '-' || k.piece || '.pdf', k.piece || '.pdf', "
            "'application/pdf', 1, 'authentifie', '', '', CURRENT_TIMESTAMP FROM dossier d, "
            "(SELECT 'dedm' AS piece UNION ALL SELECT 'des') k WHERE d.numero = '{numero}' RETURNING dossier")


def test_national_moves_the_demo_clock_and_back(desktop: Page) -> None:
    page = desktop
    page.goto("/gestion/connexion")
    login(page, "cnom@demo.ordre.test", "Demo-national-2026!", gestion=True)
    page.goto("/gestion/horloge")
    expect(page.get_by_role("heading", level=1)).to_have_text("Horloge de démonstration")
    reel = page.locator("main strong").first.inner_text()
    check_a11y(page, "horloge de démonstration")
    try:
        page.get_by_role("button", name="+1 mois").click()
        expect(page.get_by_text("(date de démonstration)")).to_be_visible()
        expect(page.locator("main strong").first).not_to_have_text(reel)
        check_a11y(page, "horloge décalée")
    finally:
        page.goto("/gestion/horloge")
        if page.get_by_role("button", name="Revenir à la date réelle").count():
            page.get_by_role("button", name="Revenir à la date réelle").click()
    expect(page.get_by_text("(date réelle)")).to_be_visible()
    expect(page.locator("main strong").first).to_have_text(reel)


def test_council_pronounces_the_inscription_and_anyone_verifies_the_attestation(desktop: Page, app) -> None:
    page = desktop
    numero = sql(app.database_url, AVIS)
    sql(app.database_url, DIPLOMES.format(numero=numero))
    page.goto("/gestion/connexion")
    login(page, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    page.goto(f"/gestion/demarches/{numero}")
    page.get_by_role("button", name="Prononcer l'inscription").click()
    expect(page.locator("dl.fiche").first).to_contain_text("Inscrit au Tableau")
    expect(page.get_by_text(re.compile("Attestation d'inscription émise"))).to_be_visible()
    check_a11y(page, "inscription prononcée")
    with page.expect_download() as telechargement:
        page.get_by_role("link", name=re.compile("^Attestation d'inscription au Tableau")).click()
    with open(telechargement.value.path(), "rb") as f:
        texte = " ".join("".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(f.read())).pages).split())
    assert "Conseil départemental de l'Ordre des médecins de l'Isère atteste que" in texte
    assert f"Demande n°{numero}" in texte
    code = re.search(r"Code de vérification : ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})", texte).group(1)

    page.get_by_role("button", name="Se déconnecter").click()
    page.goto(f"/verifier/{code}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérification d'un document")
    expect(page.get_by_text("Document valide")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(numero)
    check_a11y(page, "vérification d'une attestation")
    page.goto("/verifier/ABCD-EFGH-JKMN")
    expect(page.get_by_role("heading", level=1)).to_have_text("Document introuvable")
    check_a11y(page, "code inconnu")
