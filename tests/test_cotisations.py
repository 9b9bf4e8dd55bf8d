"""Cotisations, the call and the doctor's page (SPEC_DEMARCHES §4): national sets the 2027 call, the 01/01 job
issues it to every médecin once (PDF, e-mail), the page says each year's status on fixed dates."""

from __future__ import annotations

from datetime import date

from tables.cotisations import Cotisation
from tests.cotisations_support import cotisation, horloge_remise, job  # noqa: F401 - the fixture
from tests.support import creer_compte, creer_praticien, drain, login, mails, medecin, post
from tests.support_documents import le, texte_pdf
from web.cotisations import rules

PAGE = "/espace/cotisations"


async def test_the_call_is_issued_on_01_01_once_with_its_pdf_and_email(client, mail_dir):
    pid = await medecin()
    await creer_praticien(rpps="10101473782", nom="PETIT", qualite="interne", email="i@exemple.fr")
    await creer_compte("cnom@t.fr", role="national")
    le(date(2026, 12, 1))
    await login(client, "cnom@t.fr", url="/gestion/connexion")
    r = await post(client, "/gestion/cotisations/appel", {"annee": "2027", "montant": "trois cents",
                                                           "echeance": "2027-03-31"})
    assert r.status_code == 422 and "Saisissez un montant en euros" in r.text
    r = await post(client, "/gestion/cotisations/appel", {"annee": "2027", "montant": "335",
                                                           "echeance": "2027-03-31"})
    assert "Appel de cotisation 2027 enregistré." in r.text and "sera émis le 01/01/2027" in r.text

    assert (await job(date(2026, 12, 31)))["appels"] == 0
    assert await job(date(2027, 1, 1)) == {"appels": 1, "avis": 1, "relances": 0}  # the médecin, not the interne
    assert await job(date(2027, 1, 1)) == {"appels": 0, "avis": 0, "relances": 0}
    await drain()
    [mail] = mails(mail_dir)
    assert mail["Subject"] == "Ordre des médecins - Appel de cotisation 2027"
    assert "335,00 €, à régler au plus tard le 31/03/2027" in mail.get_body(("plain",)).get_content()

    client.cookies.clear()
    await login(client)
    assert "Cotisation 2027 · À payer · échéance 31/03/2027" in (await client.get("/espace")).text
    page = (await client.get(PAGE)).text
    assert "Cotisation 2027 · À payer · échéance 31/03/2027" in page
    assert "Le paiement par carte bancaire en ligne n'est pas proposé." in page
    assert "Télécharger l&#39;appel" in page or "Télécharger l'appel" in page
    assert "Télécharger le reçu" not in page
    c = await Cotisation.select().where(Cotisation.praticien == pid).first()
    pdf = await client.get(f"{PAGE}/{c['id']}/appel")
    texte = texte_pdf(pdf.content)
    assert pdf.headers["content-type"] == "application/pdf"
    for attendu in ("Appel de cotisation 2027", "335,00 €", "31/03/2027", "10005170625-2027", "IBAN"):
        assert attendu in texte, attendu
    assert (await client.get(f"{PAGE}/{c['id']}/recu")).status_code == 404


async def test_statuses_on_fixed_dates():
    ligne = {"montant": 33500, "regle": 0, "echeance": date(2027, 3, 31), "recouvrement_le": None, "payee_le": None}
    assert rules.statut(ligne, date(2027, 3, 31)) == ("a_payer", "À payer")
    assert rules.statut(ligne, date(2027, 4, 1)) == ("en_retard", "En retard")
    assert rules.statut({**ligne, "regle": 10000}, date(2027, 4, 1))[1] == "En retard"
    assert rules.statut({**ligne, "recouvrement_le": date(2027, 7, 1)}, date(2027, 7, 1))[1] == \
        "Transmise au recouvrement"
    assert rules.statut({**ligne, "regle": 33500, "payee_le": date(2027, 2, 12)}, date(2027, 4, 1))[1] == \
        "Payée le 12/02/2027"
    assert rules.euros(133500) == "1 335,00 €" and rules.lire_euros("1 335,5 €") == 133550


async def test_another_doctors_call_is_a_404_and_the_page_lists_each_year(client):
    pid = await medecin()
    autre = await creer_praticien(rpps="10003456786", nom="AUTRE", email="a@exemple.fr")
    sienne = await cotisation(autre)
    await cotisation(pid, annee=2026, regle=33500)
    await cotisation(pid)
    le(date(2027, 4, 2))
    await login(client)
    page = (await client.get(PAGE)).text
    assert "Cotisation 2027 · En retard · échéance 31/03/2027" in page
    assert "Cotisation 2026 · Payée le 12/02/2026 · échéance 31/03/2026" in page and "Télécharger le reçu" in page
    assert (await client.get(f"{PAGE}/{sienne}/appel")).status_code == 404
