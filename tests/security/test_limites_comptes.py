"""Limits per account resolved, per address, and no lockout of a doctor from everywhere (issue 15, items 7, 8)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tables.comptes import TentativeConnexion
from tests.support import MOT_DE_PASSE, drain, login, mails, medecin, naissance, post
from web.auth import routes, rules


@pytest.fixture
def adresses(monkeypatch):
    """Each request says which address it comes from (the test client has one)."""
    monkeypatch.setattr(routes, "_adresse", lambda request: request.headers.get("x-adresse", "192.0.2.1"))


async def _depuis(client, adresse: str, mot_de_passe: str):
    client.headers["x-adresse"] = adresse
    return await post(client, "/connexion", {"identifiant": "dr.durand", "mot_de_passe": mot_de_passe})


async def test_reset_mails_are_counted_per_account_however_it_is_typed(client, mail_dir):
    await medecin()
    for recherche in ["dr.durand", "10005170625", "100 0517 0625", "c.durand@exemple.fr", "DR.DURAND",
                      " 10005170625 ", "C.Durand@Exemple.fr"]:
        response = await post(client, "/identifiants-oublies", {"recherche": recherche})
        assert "Si un espace correspond à votre saisie" in response.text  # the same answer, sent or not
    await drain()
    assert len(mails(mail_dir)) == 5


async def test_failed_logins_from_one_address_do_not_lock_the_doctor_out_from_another(client, adresses):
    await medecin()
    for _ in range(5):
        assert "Identifiant ou mot de passe incorrect." in (await _depuis(client, "203.0.113.66", "mauvais")).text
    bloque = await _depuis(client, "203.0.113.66", MOT_DE_PASSE)
    assert "Trop de tentatives de connexion. Réessayez dans 15 minutes" in bloque.text  # that address is locked
    # From elsewhere, right after: a short wait for the account, not a lock.
    attente = await _depuis(client, "198.51.100.7", MOT_DE_PASSE)
    assert attente.status_code == 422 and re.search(r"sur ce compte. Réessayez dans [12] secondes", attente.text)
    await TentativeConnexion.update({TentativeConnexion.le: TentativeConnexion.le - timedelta(seconds=3)},
                                    force=True)
    medecin_chez_lui = await _depuis(client, "198.51.100.7", MOT_DE_PASSE)
    assert medecin_chez_lui.status_code == 303 and medecin_chez_lui.headers["location"] == "/espace"


async def test_the_wait_for_an_account_grows_with_failures_from_everywhere(client, adresses):
    assert [rules.delai(n) for n in range(4, 13)] == [0, 2, 4, 8, 16, 32, 60, 60, 60]
    await medecin()
    for n in range(5):
        await _depuis(client, f"203.0.113.{n}", "mauvais")
    for n, attente in enumerate([2, 4, 8]):
        await TentativeConnexion.update({TentativeConnexion.le: TentativeConnexion.le - timedelta(seconds=attente)},
                                        force=True)
        assert "incorrect" in (await _depuis(client, f"203.0.113.{10 + n}", "mauvais")).text
        suivant = await _depuis(client, f"203.0.113.{20 + n}", MOT_DE_PASSE)
        annonce = int(re.search(r"sur ce compte. Réessayez dans (\d+) secondes", suivant.text)[1])
        assert 1 <= annonce <= 2 * attente
    assert (await login(client)).status_code == 422  # still waiting: the right password is not even checked


async def test_inscription_is_throttled_per_address(client, adresses):
    await medecin()
    identite = {"rpps": "10005170625", "nom": "DURAND", **naissance("1980-03-14")}
    client.headers["x-adresse"] = "203.0.113.9"
    for _ in range(10):
        assert "Un espace existe déjà" in (await post(client, "/inscription", identite)).text
    limitee = await post(client, "/inscription", identite)
    assert limitee.status_code == 422 and "Trop de demandes depuis votre connexion" in limitee.text
    assert "Un espace existe déjà" not in limitee.text  # nothing about the identity is said any more
    client.headers["x-adresse"] = "198.51.100.7"
    assert "Un espace existe déjà" in (await post(client, "/inscription", identite)).text
