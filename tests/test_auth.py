"""Logging in and out, sessions (fixation, idle and absolute expiry), CSRF, login limits."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

from tables.comptes import Cle
from tests.support import MOT_DE_PASSE, creer_compte, login, medecin, post


async def test_login_shows_mon_espace_and_logout_ends_the_session(client):
    await medecin()
    response = await login(client)
    assert response.status_code == 303 and response.headers["location"] == "/espace"
    page = await client.get("/espace")
    assert "DURAND" in page.text and "Camille" in page.text and "10005170625" in page.text
    assert "c.durand@exemple.fr" in page.text
    assert "Vous n'avez aucune démarche en cours" in page.text
    old_cookie = client.cookies.get("monespace_session")

    response = await post(client, "/deconnexion")
    assert response.headers["location"] == "/connexion?deconnecte"
    assert await Cle.count() == 0
    client.cookies.set("monespace_session", old_cookie, domain="testserver.local")
    response = await client.get("/espace", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/connexion?next=")


async def test_wrong_password_gives_a_french_error_and_keeps_the_username(client):
    await medecin()
    response = await login(client, mot_de_passe="pas le bon mot de passe")
    assert response.status_code == 422
    assert "Identifiant ou mot de passe incorrect." in response.text
    assert 'value="dr.durand"' in response.text
    assert "monespace_session" not in response.headers.get("set-cookie", "")


async def test_a_session_id_planted_before_login_is_not_the_one_after(client):
    await medecin()
    client.cookies.set("monespace_session", "a" * 64, domain="testserver.local")
    await login(client)
    after = client.cookies.get("monespace_session")
    assert after and after != "a" * 64
    assert not await Cle.exists().where(Cle.cle == "a" * 64)
    # the attacker's copy of the planted id gives nothing
    client.cookies.set("monespace_session", "a" * 64, domain="testserver.local")
    response = await client.get("/espace", follow_redirects=False)
    assert response.status_code == 303


async def test_login_rotates_an_existing_session_id(client):
    await medecin()
    await medecin("dr.autre", rpps="10101473782", email="autre@exemple.fr")
    await login(client)
    first = client.cookies.get("monespace_session")
    await login(client, "dr.autre")
    assert client.cookies.get("monespace_session") != first
    assert not await Cle.exists().where(Cle.cle == first)


async def test_session_cookie_flags(client):
    await medecin()
    response = await login(client)
    cookie = [v for k, v in response.headers.multi_items() if k == "set-cookie" and "monespace_session" in v][0]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("samesite", "SameSite")
    assert "Path=/" in cookie


async def test_idle_session_expires_after_30_minutes(client):
    await medecin()
    await login(client)
    assert (await client.get("/espace", follow_redirects=False)).status_code == 200
    await Cle.update({Cle.expire_le: datetime.now(UTC) - timedelta(seconds=1)}, force=True)
    response = await client.get("/espace", follow_redirects=False)
    assert response.status_code == 303 and "/connexion" in response.headers["location"]


async def test_session_activity_renews_the_idle_timeout(client):
    await medecin()
    await login(client)
    soon = datetime.now(UTC) + timedelta(minutes=1)
    await Cle.update({Cle.expire_le: soon}, force=True)
    await client.get("/espace")
    row = await Cle.select(Cle.expire_le).first()
    assert row["expire_le"] > datetime.now(UTC) + timedelta(minutes=29)


def _cookie_de_session(response) -> str | None:
    return next((v for k, v in response.headers.multi_items() if k == "set-cookie" and "monespace_session" in v), None)


async def test_the_session_cookie_is_sent_again_only_with_a_renewal(client):
    """Its Max-Age and the row's expiry move together: a page that renews nothing sends no cookie."""
    await medecin()
    await login(client)
    assert _cookie_de_session(await client.get("/espace")) is None  # renewed by the login a moment ago
    await Cle.update({Cle.expire_le: datetime.now(UTC) + timedelta(minutes=20)}, force=True)
    cookie = _cookie_de_session(await client.get("/espace"))
    assert cookie is not None and "Max-Age=1800" in cookie
    assert (await Cle.select(Cle.expire_le).first())["expire_le"] > datetime.now(UTC) + timedelta(minutes=29)
    assert _cookie_de_session(await client.get("/espace")) is None


async def test_session_ends_after_12_hours_even_when_active(client):
    await medecin()
    await login(client)
    row = await Cle.select().first()
    data = json.loads(row["valeur"])
    data["debut"] = time.time() - 12 * 3600 - 5
    await Cle.update({Cle.valeur: json.dumps(data)}, force=True)
    response = await client.get("/espace", follow_redirects=False)
    assert response.status_code == 303


async def test_unsafe_request_without_csrf_token_is_refused_and_changes_nothing(client):
    await medecin()
    await login(client)
    response = await client.post("/deconnexion", follow_redirects=False)
    assert response.status_code == 403
    assert "Accès refusé" in response.text
    assert (await client.get("/espace", follow_redirects=False)).status_code == 200
    response = await client.post("/espace/coordonnees", data={"email": "x@exemple.fr", "_csrf_token": "faux"},
                                 headers={"hx-request": "true", "x-csrftoken": "faux"})
    assert response.status_code == 403


async def test_failed_logins_are_limited_per_account(client):
    await medecin()
    for _ in range(5):
        await login(client, mot_de_passe="mauvais mot de passe")
    response = await login(client)
    assert response.status_code == 422
    assert "Trop de tentatives" in response.text


async def test_failed_logins_are_limited_per_address_across_accounts(client):
    await medecin()
    for n in range(20):
        await login(client, identifiant=f"inconnu{n}", mot_de_passe="mauvais mot de passe")
    response = await login(client)
    assert "Trop de tentatives" in response.text


async def test_inactive_account_cannot_log_in(client):
    from tests.support import creer_praticien

    pid = await creer_praticien()
    await creer_compte(praticien=pid, actif=False)
    response = await login(client)
    assert "pas encore activé" in response.text


async def test_back_office_login_is_separate(client):
    await medecin()
    await creer_compte("cd38@demo.ordre.test", role="gestionnaire", conseil="CD38")
    # a doctor cannot use the back-office entry, nor staff the doctors' one
    assert "incorrect" in (await login(client, url="/gestion/connexion")).text
    assert "incorrect" in (await login(client, "cd38@demo.ordre.test")).text
    response = await login(client, "CD38@demo.ordre.test", url="/gestion/connexion")
    assert response.headers["location"] == "/gestion"
    page = await client.get("/gestion")
    assert "Tableau de bord" in page.text and "Isère" in page.text


async def test_next_parameter_never_redirects_off_site(client):
    await medecin()
    for nxt, expected in (("https://evil.example/", "/espace"), ("//evil.example", "/espace"),
                          ("/espace/coordonnees", "/espace/coordonnees")):
        response = await post(client, f"/connexion?next={nxt}",
                              {"identifiant": "dr.durand", "mot_de_passe": MOT_DE_PASSE})
        assert response.headers["location"] == expected
