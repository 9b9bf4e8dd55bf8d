"""The period and the pace of certification périodique (SPEC_DEMARCHES §3.1, §3.4), on fixed dates, and the
carnets opened for every médecin (the council lists read them)."""

from __future__ import annotations

from datetime import date

import pytest

from tables.certification import ActionCertification, Carnet, EmailRpps
from tables.comptes import Praticien
from tables.coordonnees import Affectation
from tests.support import creer_compte, creer_praticien, medecin
from web.certification import periode
from web.demo_certification import charger_certification


def carnet(b1=0, b2=0, b3=0, b4=0, exoneration="", debut=date(2023, 1, 1), fin=date(2031, 12, 31)) -> dict:
    return {"debut": debut, "fin": fin, "exoneration": exoneration, "b1": b1, "b2": b2, "b3": b3, "b4": b4}


def test_the_period_of_a_doctor_on_the_tableau_before_2023_runs_to_2031_and_is_controlled_by_mid_2032():
    assert periode.periode(None) == (date(2023, 1, 1), date(2031, 12, 31))
    assert periode.periode(date(2010, 6, 1)) == (date(2023, 1, 1), date(2031, 12, 31))
    assert periode.controle_avant(date(2031, 12, 31)) == date(2032, 6, 30)


def test_a_later_inscription_opens_six_years_from_its_day():
    assert periode.periode(date(2024, 9, 2)) == (date(2024, 9, 2), date(2030, 9, 1))
    assert periode.controle_avant(date(2030, 9, 1)) == date(2031, 3, 1)
    assert periode.periode(date(2024, 2, 29)) == (date(2024, 2, 29), date(2030, 2, 27))


@pytest.mark.parametrize(("comptes", "jour", "statut", "attendu"), [
    ((1, 1, 0, 0), date(2026, 11, 23), "En retard", 4),  # 43 % of the period: 4 expected, 2 done
    ((2, 1, 1, 0), date(2026, 11, 23), "Dans les temps", 4),
    ((2, 2, 1, 0), date(2026, 11, 23), "En avance", 4),
    ((3, 3, 0, 0), date(2023, 6, 1), "En avance", 1),  # 3 per bloc still count 2
    ((2, 2, 2, 0), date(2027, 8, 1), "En retard", 5),  # bloc 4 still empty past half the period
    ((0, 0, 0, 0), date(2023, 1, 1), "Dans les temps", 0),
])
def test_the_pace_compares_validated_actions_with_the_share_of_the_period_gone(comptes, jour, statut, attendu):
    r = periode.rythme(carnet(*comptes), jour)
    assert (r.statut, r.attendu) == (statut, attendu)


def test_an_exempt_bloc_3_asks_six_actions_and_is_never_the_empty_one():
    exempt = carnet(2, 2, 0, 2, exoneration="confirmee")
    assert (periode.validees(exempt), periode.requis(exempt)) == (6, 6)
    assert periode.rythme(exempt, date(2030, 1, 1)).statut == "En avance"  # its empty bloc 3 is not late
    assert periode.requis(carnet(exoneration="demandee")) == 8  # asked, not yet confirmed


def test_at_this_pace_the_programme_is_complete_on_a_linear_forecast():
    r = periode.rythme(carnet(2, 2, 1, 0), date(2026, 1, 1))  # 5 actions in 3 years: 8 in 4.8 years
    assert r.complet_vers.strftime("%m/%Y") == "10/2027"
    assert periode.rythme(carnet(), date(2026, 1, 1)).complet_vers is None  # no action, no forecast
    assert periode.rythme(carnet(2, 2, 2, 2), date(2026, 1, 1)).complet_vers is None  # already complete


async def test_every_medecin_gets_one_carnet_and_a_later_inscription_its_own_period():
    ancien = await creer_praticien()
    recent = await creer_praticien(rpps="10003456786", nom="GARNIER")
    await Praticien.update({Praticien.inscrit_le: date(2024, 9, 2)}).where(Praticien.id == recent)
    await creer_praticien(rpps="10101473782", nom="PERINET", qualite="interne")
    await periode.ouvrir_tous()
    await periode.ouvrir_tous()
    rows = {r["praticien"]: r for r in await Carnet.select()}
    assert set(rows) == {ancien, recent}
    assert (rows[ancien]["debut"], rows[ancien]["controle_avant"]) == (date(2023, 1, 1), date(2032, 6, 30))
    assert (rows[recent]["debut"], rows[recent]["fin"]) == (date(2024, 9, 2), date(2030, 9, 1))
    assert (await periode.ouvrir(ancien))["id"] == rows[ancien]["id"]


async def test_the_demo_of_stories_8_and_9_is_loaded_once():
    pid = await medecin("demo.medecin")
    radio = await creer_praticien(rpps="10004567890", nom="FAURE", prenom="Hélène")
    await creer_compte("demo.radio", praticien=radio)
    rhone = await creer_praticien(rpps="10003456786", nom="GARNIER", departement="69")
    await Affectation.insert(Affectation(praticien=rhone, usage="rpps",
                                         email=(await Affectation.select().first())["email"]))
    await creer_compte("demo.rhone", praticien=rhone)
    assert await charger_certification() is True
    assert await charger_certification() is False
    c = await periode.ouvrir(pid)
    assert periode.rythme(c, date(2026, 11, 23)).statut == "En retard" and c["b4"] == 0
    assert await ActionCertification.count().where(ActionCertification.carnet == c["id"]) == 2
    r = await periode.ouvrir(radio)
    assert (r["debut"], r["exoneration"]) == (date(2024, 9, 2), "demandee")
    assert await Affectation.select(Affectation.email).where(
        (Affectation.praticien == rhone) & (Affectation.usage == "rpps")).first() == {"email": None}
    assert await EmailRpps.exists().where(EmailRpps.praticien == pid)
