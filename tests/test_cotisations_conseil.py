"""Cotisations on the council side (SPEC_DEMARCHES §4): payments that add up, the reçu only once paid, the
graduated reminders on their days and each once, stopped by a payment; the list's perimeter, filters, CSV;
national's "Transmettre au recouvrement"."""

from __future__ import annotations

from datetime import date

from tests.cotisations_support import cotisation, horloge_remise, job, sujets  # noqa: F401 - the fixture
from tests.support import creer_praticien, login, medecin, post
from tests.support_documents import comptes_conseils, le, texte_pdf

RAPPEL = "Ordre des médecins - Cotisation 2027 : rappel"
R2 = "Ordre des médecins - Cotisation 2027 : deuxième relance"
R3 = "Ordre des médecins - Cotisation 2027 : dernière relance avant recouvrement"


async def test_reminders_on_their_days_each_once_and_stopped_by_a_payment(client):
    durand = await cotisation(await medecin())
    martin = await cotisation(await creer_praticien(rpps="10003456786", nom="MARTIN", email="m@exemple.fr"))
    await job(date(2027, 4, 14))
    assert await sujets() == []
    await job(date(2027, 4, 15))
    await job(date(2027, 4, 15))  # run twice: nothing more
    assert await sujets() == [RAPPEL, RAPPEL]

    await comptes_conseils()
    le(date(2027, 4, 16))
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    await post(client, f"/gestion/cotisations/{martin}/reglements",
               {"le": "2027-04-16", "montant": "100", "mode": "cheque", "reference": "chq 1234567"})
    await job(date(2027, 5, 15))
    assert (await sujets())[2:] == [R2]  # Durand's; Martin has paid something: no more reminders
    await job(date(2027, 6, 29))
    await job(date(2027, 6, 29))
    assert (await sujets())[3:] == [R3]

    page = (await client.get(f"/gestion/cotisations/{durand}")).text
    assert "R1 le 15/04/2027, R2 le 15/05/2027, R3 le 29/06/2027" in page
    assert "Transmettre au recouvrement" not in page  # national only
    assert (await post(client, f"/gestion/cotisations/{durand}/recouvrement", {})).status_code == 403
    client.cookies.clear()
    await login(client, "cnom@t.fr", url="/gestion/connexion")
    r = await post(client, f"/gestion/cotisations/{durand}/recouvrement", {})
    assert "Cotisation transmise au recouvrement." in r.text and "Transmise au recouvrement" in r.text
    await job(date(2027, 9, 1))
    assert len(await sujets()) == 4


async def test_partial_payments_add_up_the_receipt_once_paid_and_another_council_is_a_404(client):
    pid = await medecin()
    cid = await cotisation(pid)
    await comptes_conseils()
    le(date(2027, 2, 12))
    await login(client, "cd69@t.fr", url="/gestion/connexion")
    assert (await client.get(f"/gestion/cotisations/{cid}")).status_code == 404
    assert (await post(client, f"/gestion/cotisations/{cid}/reglements", {"montant": "1"})).status_code == 404
    client.cookies.clear()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    url = f"/gestion/cotisations/{cid}/reglements"
    r = await post(client, url, {"le": "2027-02-13", "montant": "400", "mode": "carte", "reference": ""})
    assert r.status_code == 422
    for erreur in ("jour à venir", "dépasse le reste à payer (335,00 €)", "Choisissez virement, chèque ou"):
        assert erreur in r.text
    assert 'value="400"' in r.text
    r = await post(client, url, {"le": "2027-02-01", "montant": "100,00", "mode": "cheque", "reference": "n° 42"})
    assert "Règlement enregistré : 100,00 € par chèque." in r.text and "reste à payer : 235,00 €" in r.text
    r = await post(client, url, {"le": "2027-02-12", "montant": "235", "mode": "virement", "reference": "VIR"})
    assert "Payée le 12/02/2027" in r.text and "Enregistrer le règlement" not in r.text

    client.cookies.clear()
    await login(client)
    page = (await client.get("/espace/cotisations")).text
    assert "Cotisation 2027 · Payée le 12/02/2027" in page
    recu = texte_pdf((await client.get(f"/espace/cotisations/{cid}/recu")).content)
    for attendu in ("Reçu de cotisation 2027", "335,00 €", "01/02/2027 — Chèque — 100,00 € — n° 42",
                    "12/02/2027 — Virement — 235,00 €"):
        assert attendu in recu, attendu


async def test_the_list_keeps_to_the_perimeter_filters_and_exports(client):
    await cotisation(await medecin(), regle=33500)
    await cotisation(await creer_praticien(rpps="10003456786", nom="MARTIN", email=None))
    await cotisation(await creer_praticien(rpps="10001111111", nom="LYONNAIS", departement="69", email=None),
                     departement="69")
    await comptes_conseils()
    le(date(2027, 4, 2))
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    page = (await client.get("/gestion/cotisations")).text
    assert "DURAND Camille" in page and "MARTIN" in page and "LYONNAIS" not in page
    page = (await client.get("/gestion/cotisations?annee=2027&statut=en_retard")).text
    assert "MARTIN" in page and "DURAND" not in page and "1 - 1 sur 1" in page
    assert "DURAND" in (await client.get("/gestion/cotisations?q=10005")).text
    page = (await client.get("/gestion/cotisations?q=durand")).text
    assert "DURAND Camille" in page and "MARTIN" not in page
    csv = (await client.get("/gestion/cotisations/export?statut=payee")).text.splitlines()
    assert csv == ["rpps;nom;prenom;departement;annee;montant;regle;statut;payee_le",
                   "10005170625;DURAND;Camille;38;2027;335,00;335,00;Payée;12/02/2027"]
    client.cookies.clear()
    await login(client, "cnom@t.fr", url="/gestion/connexion")
    assert len((await client.get("/gestion/cotisations/export")).text.splitlines()) == 4
