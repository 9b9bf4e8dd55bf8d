"""Story 3 of SPEC_DEMARCHES §6 end to end: `cd38` (desktop) publishes two créneaux, the interne (phone) takes one
(E6 and its .ics; gone for others); on the demo clock `cd38` records the entretien, the rapporteur and his rapport
(a note interne the interne never sees), the séance of 14/01/2027 (E7) and its favourable opinion; the interne adds
his DEDM and DES attestations; "Prononcer l'inscription" is refused until both are "Authentifié", then the
attestation PDF names him, the council, the date, the n° and its code, which `/verifier/<code>` says valid."""

from __future__ import annotations

import io
import re
from contextlib import contextmanager
from datetime import date, timedelta

import pypdf
import pytest
from playwright.sync_api import Page, expect

from e2e.etapes import check_a11y, jpg, login, mail_pour, publier_creneau, sql
from e2e.test_demarches_pieces import _sa_demande
from e2e.test_demarches_refus import dater, horloge
from tests.pieces_support import pdf

# Setup, not story 3: the interne's open inscriptions closed (one open dossier per type), so his own starts now.
FERMER = ("UPDATE dossier SET statut = 'sans_suite' WHERE type = 'inscription' AND statut NOT IN "
          "('accepte', 'refuse', 'sans_suite') AND compte = (SELECT id FROM compte WHERE identifiant = 'demo.interne') "
          "RETURNING numero")
AUTRE = ("SELECT numero FROM dossier WHERE type = 'inscription' AND departement = '38' AND statut = 'en_instruction' "
         "AND numero <> '{numero}' ORDER BY id LIMIT 1")
# Teardown, for the files after this one: demo.interne is an interne again (his inscription stays accepted).
QUI = ("SELECT c.role || '|' || p.qualite || '|' || p.departement FROM compte c JOIN praticien p "
       "ON p.id = c.praticien WHERE c.identifiant = 'demo.interne'")
RENDRE = ("UPDATE compte SET role = '{role}' WHERE identifiant = 'demo.interne'",
          "UPDATE praticien SET qualite = '{qualite}', departement = '{departement}' "
          "WHERE id = (SELECT praticien FROM compte WHERE identifiant = 'demo.interne')")
RAPPORT = "Entretien confraternel favorable : projet d'installation libérale à Grenoble cohérent."
PIECES_REQUISES = ("Authentifiez d'abord le diplôme d'État de docteur en médecine et le diplôme du DES (ou leurs "
                   "attestations de réussite) avant de prononcer l'inscription.")
DEDM = "Diplôme d'État de docteur en médecine ou attestation de réussite"
DES = "Diplôme ou attestation de réussite du DES"


def deposer(page: Page, cle: str, libelle: str, nom: str, contenu: bytes, type_mime: str) -> None:
    """The applicant adds one file to an item of "Mes documents"."""
    item = page.locator(f"#piece-{cle}")
    item.get_by_label(f"Ajouter un fichier : {libelle}").set_input_files(
        {"name": nom, "mimeType": type_mime, "buffer": contenu})
    item.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.locator(f"#piece-{cle}")).to_contain_text(f"{nom} — Déposé")


def _en_instruction(phone: Page, conseil: Page, database_url: str) -> str:
    """The interne's inscription transmitted to the Isère and taken into instruction by cd38 (stories 1-2's work)."""
    sql(database_url, FERMER)
    numero = _sa_demande(phone)
    phone.goto(f"/demarches/{numero}")
    deposer(phone, "identite", "Pièce d'identité en cours de validité", "piece-identite.jpg", jpg(),
            "image/jpeg")
    phone.get_by_role("button", name="Transmettre ma demande").click()
    expect(phone.get_by_role("status")).to_contain_text("a bien été transmise au Conseil départemental de l'Isère")
    conseil.goto(f"/gestion/demarches/{numero}")
    conseil.get_by_role("button", name="Passer en instruction").click()
    expect(conseil.locator("dl.fiche").first).to_contain_text("En instruction")
    return numero


@contextmanager
def interne_rendu(database_url: str):
    """The interne as he was before the block, whatever it made of him."""
    role, qualite, departement = sql(database_url, QUI).split("|")
    try:
        yield
    finally:
        for requete in RENDRE:
            sql(database_url, requete.format(role=role, qualite=qualite, departement=departement))


def _pdf_texte(page: Page, lien: re.Pattern) -> str:
    with page.expect_download() as telechargement:
        page.get_by_role("link", name=lien).click()
    with open(telechargement.value.path(), "rb") as f:
        return " ".join("".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(f.read())).pages).split())


@pytest.mark.needs_mail
def test_entretien_seance_and_attestation(desktop: Page, phone: Page, new_context, app) -> None:
    conseil, interne = desktop, phone
    conseil.goto("/gestion/connexion")
    login(conseil, "cd38@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    interne.goto("/connexion")
    login(interne, "demo.interne", "Demo-interne-2026!")
    numero = _en_instruction(interne, conseil, app.database_url)
    national = new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR").new_page()
    national.goto("/gestion/connexion")
    login(national, "cnom@demo.ordre.test", "Demo-national-2026!", gestion=True)

    # cd38 publishes two créneaux; the interne takes the first (E6 with its calendar).
    premier, second = date.today() + timedelta(days=10), date.today() + timedelta(days=11)
    conseil.goto("/gestion/calendriers/38/creneaux")
    publier_creneau(conseil, premier, "17:40", "Dr Rapin")
    publier_creneau(conseil, second, "17:50", "Dr Vial", "Siège du conseil, Grenoble")
    table = conseil.get_by_role("table", name="Créneaux à venir")
    expect(table.get_by_role("row").filter(has_text="Dr Rapin")).to_have_count(1)
    expect(table.get_by_role("row").filter(has_text="Dr Vial")).to_have_count(1)
    check_a11y(conseil, "histoire 3 : deux créneaux publiés")
    interne.goto(f"/demarches/{numero}")
    choix = interne.get_by_role("button", name=f"Choisir ce créneau : le {premier:%d/%m/%Y} à 17h40")
    expect(choix).to_be_visible()
    expect(interne.get_by_role("button", name=f"Choisir ce créneau : le {second:%d/%m/%Y} à 17h50")).to_be_visible()
    check_a11y(interne, "histoire 3 : créneaux proposés")
    choix.click()
    expect(interne.get_by_text(f"Votre rendez-vous : le {premier:%d/%m/%Y} à 17h40")).to_be_visible()
    check_a11y(interne, "histoire 3 : rendez-vous pris")
    mail = mail_pour(app.mail_dir, "", sujet=f"Demande n°{numero} : convocation à un entretien")
    assert "Dr Rapin" in mail.get_body(("plain",)).get_content()
    calendrier = [p for p in mail.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert calendrier and f"DTSTART:{premier:%Y%m%d}T164000Z" in calendrier[0].get_content()

    # Gone for others: held by the dossier in the calendar, no longer offered on another Isère dossier.
    conseil.reload()
    expect(table.get_by_role("row").filter(has_text="Dr Rapin")).to_contain_text(numero)
    autre = sql(app.database_url, AUTRE.format(numero=numero))
    conseil.goto(f"/gestion/demarches/{autre}")
    offerts = conseil.get_by_label("Créneau", exact=True)
    expect(offerts).to_contain_text("Dr Vial")
    expect(offerts).not_to_contain_text("Dr Rapin")

    with horloge(national), interne_rendu(app.database_url):
        # The day after the entretien: réalisé, the rapporteur and his rapport, then the séance's agenda (E7).
        dater(national, (premier + timedelta(days=1)).isoformat())
        conseil.goto(f"/gestion/demarches/{numero}")
        conseil.get_by_role("button", name="Entretien réalisé").click()
        expect(conseil.get_by_text(f"Entretien réalisé le {premier:%d/%m/%Y}.")).to_be_visible()
        seance = conseil.get_by_role("region", name="Séance plénière")
        expect(seance).to_contain_text("Désignez d'abord le conseiller rapporteur.")
        check_a11y(conseil, "histoire 3 : entretien réalisé")
        conseil.get_by_label("Nom du conseiller rapporteur").fill("Dr Rapin")
        conseil.get_by_role("button", name="Désigner le conseiller rapporteur").click()
        expect(conseil.get_by_text("Conseiller rapporteur : Dr Rapin", exact=True)).to_be_visible()
        conseil.get_by_label("Type de note").select_option(label="Rapport du conseiller rapporteur")
        conseil.get_by_label("Note", exact=True).fill(RAPPORT)
        conseil.get_by_label(re.compile("^Fichier")).set_input_files(
            {"name": "rapport-rapin.pdf", "mimeType": "application/pdf", "buffer": pdf("Rapport")})
        conseil.get_by_role("button", name="Ajouter la note").click()
        notes = conseil.get_by_role("region", name="Notes internes")
        expect(notes).to_contain_text("Rapport du conseiller rapporteur")
        expect(notes).to_contain_text(RAPPORT)
        check_a11y(conseil, "histoire 3 : rapport déposé")
        conseil.get_by_role("button", name="Inscrire à l'ordre du jour de la séance du 14/01/2027").click()
        expect(seance).to_contain_text("Inscrit à l'ordre du jour de la séance du 14/01/2027")
        check_a11y(conseil, "histoire 3 : inscrit à l'ordre du jour")
        mail = mail_pour(app.mail_dir, "", sujet=f"Demande n°{numero} : examen en séance plénière")
        assert "14/01/2027" in mail.get_body(("plain",)).get_content()

        interne.goto(f"/demarches/{numero}")
        expect(interne.get_by_text(
            "Votre demande sera présentée en séance plénière du Conseil départemental de l'Isère le 14/01/2027"
        )).to_be_visible()
        expect(interne.get_by_text(f"Entretien réalisé le {premier:%d/%m/%Y}.")).to_be_visible()
        for interdit in (RAPPORT, "Rapport du conseiller rapporteur", "Notes internes", "rapport-rapin.pdf"):
            expect(interne.locator("body")).not_to_contain_text(interdit)
        check_a11y(interne, "histoire 3 : séance annoncée")

        # The séance's day: the favourable opinion, the attestations, their authentication, the inscription.
        dater(national, "2027-01-14")
        conseil.reload()
        conseil.get_by_role("button", name="Avis favorable à l'inscription").click()
        expect(seance).to_contain_text("Décision favorable")
        check_a11y(conseil, "histoire 3 : avis favorable")
        interne.reload()
        deposer(interne, "dedm", DEDM, "attestation-dedm.pdf", pdf("DEDM"), "application/pdf")
        deposer(interne, "des", DES, "attestation-des.pdf", pdf("DES"), "application/pdf")
        check_a11y(interne, "histoire 3 : attestations déposées")

        conseil.reload()
        prononcer = conseil.get_by_role("button", name="Prononcer l'inscription")
        prononcer.click()
        expect(conseil.get_by_text(PIECES_REQUISES)).to_be_visible()
        check_a11y(conseil, "histoire 3 : inscription refusée sans authentification")
        for nom in ("attestation-dedm.pdf", "attestation-des.pdf"):
            fichier = conseil.locator("#documents li").filter(has=conseil.get_by_role("link", name=nom))
            fichier.get_by_role("button", name="Authentifié").click()
            expect(conseil.locator("#documents li").filter(has=conseil.get_by_role("link", name=nom))
                   ).to_contain_text("Authentifié")
            if nom == "attestation-dedm.pdf":  # one of the two is not enough
                prononcer.click()
                expect(conseil.get_by_text(PIECES_REQUISES)).to_be_visible()
        prononcer.click()
        expect(conseil.locator("dl.fiche").first).to_contain_text("Inscrit au Tableau")
        check_a11y(conseil, "histoire 3 : inscription prononcée")
        texte = _pdf_texte(conseil, re.compile("^Attestation d'inscription au Tableau"))

    assert "Le Conseil départemental de l'Ordre des médecins de l'Isère atteste que" in texte
    assert "Madame Anne-Claire PERINET" in texte
    assert "au Tableau de l'Ordre des médecins de l'Isère depuis le 14/01/2027" in texte
    assert f"Demande n°{numero}" in texte
    code = re.search(r"Code de vérification : ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})", texte).group(1)

    anonyme = new_context(viewport={"width": 390, "height": 844}, locale="fr-FR").new_page()
    anonyme.goto(f"/verifier/{code}")
    expect(anonyme.get_by_role("heading", level=1)).to_have_text("Vérification d'un document")
    expect(anonyme.get_by_text("Document valide")).to_be_visible()
    check_a11y(anonyme, "histoire 3 : attestation vérifiée")
