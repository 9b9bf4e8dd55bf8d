"""The council's certification périodique (SPEC_DEMARCHES §3.4–3.5, story 9): "En retard" (the SQL pace is
periode.rythme's), its perimeter, filters and paging, the alerts (by hand, in batch, and the daily job at 3 years
then every year), and the exemptions."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from itertools import product

import pytest

from tables import horloge
from tables.certification import AlerteCertification, Carnet
from tables.comptes import Compte, Praticien
from tables.messages import Message, Notification
from tests.support import creer_compte, creer_praticien, login, medecin, post
from web.certification import periode, retard

JOUR = date(2026, 12, 4)  # f ≈ 0.43 of 2023–2031: 4 actions expected, none empty-bloc rule yet
HTMX = {"hx-request": "true", "hx-target": "tableau"}


@pytest.fixture(autouse=True)
async def carnets_vides():
    await AlerteCertification.delete(force=True)
    await Carnet.delete(force=True)
    horloge.decaler(datetime(JOUR.year, JOUR.month, JOUR.day, 10, tzinfo=UTC) - datetime.now(UTC))
    yield
    horloge.decaler(timedelta(0))


async def _carnet(identifiant: str, rpps: str, nom: str, departement: str = "38", blocs=(0, 0, 0, 0),
                  **colonnes) -> dict:
    pid = await medecin(identifiant, rpps=rpps, nom=nom, departement=departement, email=f"{identifiant}@exemple.fr")
    c = await periode.ouvrir(pid)
    await Carnet.update({**{getattr(Carnet, f"b{b}"): n for b, n in zip(range(1, 5), blocs, strict=True)},
                         **{getattr(Carnet, k): v for k, v in colonnes.items()}}).where(Carnet.id == c["id"])
    return await Carnet.select().where(Carnet.id == c["id"]).first()


def _rpps(n: int) -> str:
    return f"1{n:010d}"


async def _conseils() -> None:
    await creer_compte("cd38@t.fr", role="gestionnaire", conseil="CD38")
    await creer_compte("cd69@t.fr", role="gestionnaire", conseil="CD69")
    await creer_compte("cnom@t.fr", role="national")


def _noms(html: str) -> list[str]:
    return re.findall(r"<td>([A-Z]+) Camille</td>", html)


async def test_the_sql_pace_is_periode_rythme_on_a_grid_of_carnets_and_days():
    pid = await creer_praticien()
    periodes = [(date(2023, 1, 1), date(2031, 12, 31)), (date(2024, 9, 2), date(2030, 9, 1))]
    grille = [Carnet(praticien=pid, departement="38", debut=debut, fin=fin, controle_avant=fin, exoneration=ex,
                     b1=b1, b2=b2, b3=b3, b4=b4)
              for (debut, fin), ex, b1, b2, b3, b4 in product(periodes, ("", "confirmee", "demandee"),
                                                              range(4), range(3), range(3), range(4))]
    await Carnet.insert(*grille)
    carnets = await Carnet.select()
    jours = [date(2022, 6, 1), date(2023, 1, 1), date(2023, 2, 16), date(2024, 2, 16), date(2024, 2, 17),
             date(2024, 9, 2), date(2025, 3, 4), date(2027, 1, 1), date(2027, 7, 2), date(2027, 7, 3),
             date(2027, 9, 1), date(2029, 5, 1), date(2031, 12, 31), date(2032, 3, 1)]
    jours += [date(2023, 1, 1) + timedelta(days=411 * k) for k in range(1, 8)]  # f × 8 a whole number
    for jour in jours:
        sql = {r["id"] for r in await Carnet.select(Carnet.id).where(retard.en_retard(jour))}
        python = {c["id"] for c in carnets if periode.rythme(c, jour).statut == "En retard"}
        assert sql == python, jour
        assert 0 < len(python) < len(carnets) or jour < date(2023, 2, 1), jour


async def test_late_list_perimeter_columns_and_a_foreign_carnet_in_an_action_is_404(client):
    durand = await _carnet("dr.durand", _rpps(1), "DURAND", blocs=(1, 0, 2, 0))
    await _carnet("dr.faure", _rpps(2), "FAURE", blocs=(2, 1, 1, 1))  # 5 ≥ 4: in time
    rhone = await _carnet("dr.roux", _rpps(3), "ROUX", departement="69")
    await _conseils()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    page = (await client.get("/gestion/certification")).text
    assert "Commission départementale de la certification périodique, du DPC, de la qualification et du droit " \
           "d'exercice complémentaire" in page
    assert _noms(page) == ["DURAND"] and "1·0·2·0" in page and "01/01/2023 – 31/12/2031" in page
    assert _rpps(1) in page and "Médecine générale" in page and "1 - 1 sur 1" in page
    for onglet in ("/gestion/certification/exonerations", "/gestion/certification/controles",
                   "/gestion/certification/rpps"):
        assert f'href="{onglet}"' in page
    response = await post(client, "/gestion/certification/alertes", {"lot": f"{rhone['id']}:0"})
    assert response.status_code == 404
    response = await post(client, "/gestion/certification/alertes", {"lot": [f"{durand['id']}:0", f"{rhone['id']}:0"]})
    assert response.status_code == 404 and not await AlerteCertification.count()
    await login(client, "cnom@t.fr", url="/gestion/connexion")
    assert _noms((await client.get("/gestion/certification")).text) == ["DURAND", "ROUX"]


async def test_filters_specialty_and_empty_bloc_in_the_url_and_paging(client):
    await _carnet("dr.aaa", _rpps(1), "AAA", blocs=(1, 0, 1, 1))
    await _carnet("dr.bbb", _rpps(2), "BBB", blocs=(0, 1, 1, 1))
    radio = await _carnet("dr.ccc", _rpps(3), "CCC", blocs=(0, 0, 0, 0))
    await Praticien.update({Praticien.specialite: "SM74"}).where(Praticien.id == radio["praticien"])
    await _conseils()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    assert _noms((await client.get("/gestion/certification?vide=2")).text) == ["AAA", "CCC"]
    assert _noms((await client.get("/gestion/certification?vide=1&specialite=SM54")).text) == ["BBB"]
    fragment = await client.get("/gestion/certification?specialite=SM74", headers=HTMX)
    assert "<html" not in fragment.text and _noms(fragment.text) == ["CCC"]
    assert len(_noms((await client.get("/gestion/certification?vide=9&specialite=x'")).text)) == 3  # dropped
    for n in range(4, 26):
        await _carnet(f"dr.{n}", _rpps(n), "ZZZ")
    page = (await client.get("/gestion/certification")).text
    assert "1 - 20 sur 25" in page and 'href="/gestion/certification?page=2"' in page
    suite = (await client.get("/gestion/certification?page=2", headers=HTMX)).text
    assert "21 - 25 sur 25" in suite and len(_noms(suite)) == 5


async def test_an_alert_and_a_batch_mail_the_doctor_and_date_the_row(client, mail_dir):
    durand = await _carnet("dr.durand", _rpps(1), "DURAND", blocs=(1, 0, 3, 0))
    martin = await _carnet("dr.martin", _rpps(2), "MARTIN")
    petit = await _carnet("dr.petit", _rpps(3), "PETIT")
    await _conseils()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    un = await post(client, "/gestion/certification/alertes", {"lot": f"{durand['id']}:0"}, htmx=True)
    assert un.status_code == 200 and "1 alerte envoyée : Camille DURAND." in un.text and "04/12/2026" in un.text
    mail = await Notification.select().where(Notification.destinataire == "dr.durand@exemple.fr").first()
    assert mail["sujet"] == "Ordre des médecins - Certification périodique : point d'étape"
    assert "vous avez déclaré 3 actions sur 8 : bloc 1 « Améliorer les connaissances et les compétences » : " \
           "1 action; bloc 2" in mail["texte"]
    assert "Un accompagnement est possible : contactez votre Conseil départemental ou votre Conseil National " \
           "Professionnel (CNP)." in mail["texte"]
    compte = await Compte.select(Compte.id).where(Compte.identifiant == "dr.durand").first()
    assert await Message.count().where((Message.compte == compte["id"]) & (Message.sujet == mail["sujet"])) == 1
    alerte = await AlerteCertification.select().where(AlerteCertification.carnet == durand["id"]).first()
    gestionnaire = await Compte.select(Compte.id).where(Compte.identifiant == "cd38@t.fr").first()
    assert alerte["par"] == gestionnaire["id"] and alerte["annee"] is None
    assert (await Carnet.select(Carnet.derniere_alerte).where(Carnet.id == durand["id"]).first()
            )["derniere_alerte"] == JOUR
    await Carnet.update({Carnet.b1: 2, Carnet.b2: 2, Carnet.b4: 2}).where(Carnet.id == petit["id"])  # no longer late
    lot = await post(client, "/gestion/certification/alertes",
                     {"lot": [f"{martin['id']}:0", f"{petit['id']}:0"]})
    assert "1 alerte envoyée : Camille MARTIN." in lot.text and "Camille PETIT : n&#39;est plus en retard" in lot.text
    assert await Notification.count() == 2
    vide = await post(client, "/gestion/certification/alertes", {}, htmx=True)
    assert vide.status_code == 422 and "Cochez au moins un médecin." in vide.text


async def test_the_daily_job_alerts_once_per_anniversary_from_three_years_and_only_the_late():
    durand = await _carnet("dr.durand", _rpps(1), "DURAND")
    await _carnet("dr.faure", _rpps(2), "FAURE", blocs=(2, 2, 2, 2))  # complete: never late
    jeune = await _carnet("dr.jeune", _rpps(3), "JEUNE", debut=date(2024, 9, 2), fin=date(2030, 9, 1))
    assert await retard.alerter_en_retard(date(2025, 12, 31)) == 0  # 2 years: nothing
    assert await retard.alerter_en_retard(date(2026, 1, 1)) == 1
    assert await retard.alerter_en_retard(date(2026, 1, 1)) == 0  # run twice
    assert await retard.alerter_en_retard(date(2026, 8, 1)) == 0  # same anniversary year
    assert await retard.alerter_en_retard(date(2027, 1, 1)) == 1  # year 4
    assert await retard.alerter_en_retard(date(2027, 9, 2)) == 1  # the 2024 one at 3 years
    annees = [(a["carnet"], a["annee"]) for a in await AlerteCertification.select().order_by(AlerteCertification.id)]
    assert annees == [(durand["id"], 3), (durand["id"], 4), (jeune["id"], 3)]
    sujets = [n["sujet"] for n in await Notification.select(Notification.sujet)]
    assert sujets == ["Ordre des médecins - Certification périodique : point d'étape"] * 3
    assert await Notification.count().where(Notification.destinataire == "dr.faure@exemple.fr") == 0


async def test_exemption_confirm_refuse_perimeter_and_sur_6(client):
    radio = await _carnet("dr.radio", _rpps(1), "FAURE", blocs=(2, 1, 0, 1), exoneration="demandee")
    autre = await _carnet("dr.autre", _rpps(2), "BLANC", exoneration="demandee")
    rhone = await _carnet("dr.roux", _rpps(3), "ROUX", departement="69", exoneration="demandee")
    await _conseils()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    page = (await client.get("/gestion/certification/exonerations")).text
    assert "FAURE Camille" in page and "BLANC Camille" in page and "ROUX" not in page
    assert "Confirmer l'exonération" in page
    refus = await post(client, "/gestion/certification/exonerations", {"carnet": str(rhone["id"]),
                                                                        "decision": "confirmer"})
    assert refus.status_code == 404
    fait = await post(client, "/gestion/certification/exonerations", {"carnet": str(radio["id"]),
                                                                       "decision": "confirmer"}, htmx=True)
    assert "Exonération confirmée pour Camille FAURE" in fait.text and "FAURE Camille" not in fait.text
    carnet = await Carnet.select().where(Carnet.id == radio["id"]).first()
    assert carnet["exoneration"] == "confirmee" and carnet["exoneration_le"] is not None
    assert periode.requis(carnet) == 6 and periode.validees(carnet) == 4
    deja = await post(client, "/gestion/certification/exonerations", {"carnet": str(radio["id"]),
                                                                       "decision": "refuser"})
    assert deja.status_code == 409 and "vient d&#39;être traitée" in deja.text
    await post(client, "/gestion/certification/exonerations", {"carnet": str(autre["id"]), "decision": "refuser"})
    carnet = await Carnet.select().where(Carnet.id == autre["id"]).first()
    assert carnet["exoneration"] == "refusee" and periode.requis(carnet) == 8
    assert "Aucune demande d'exonération à traiter." in (await client.get(
        "/gestion/certification/exonerations")).text
