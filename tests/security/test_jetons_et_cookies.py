"""CSRF tokens bound to one session and renewed at login, any bytes refused with a 403, `__Host-` cookies
under https, no Server banner (issue 15, item 10 and "Also")."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from urllib.parse import quote_from_bytes, urlencode

import httpx
import pytest

from config import settings
from tests.faults.serveur import serveur
from tests.security.matrice import ACCES
from tests.security.test_autorisations import _monde
from tests.support import MOT_DE_PASSE, csrf, login, medecin, post
from web.security import security_headers

RACINE = Path(__file__).resolve().parents[2]
UNSAFE = sorted(k for k in ACCES if k[0] == "POST")
OCTETS = ("é" * 64 + "☃" * 64).encode() + b"\xff\x00"  # UTF-8, then a byte that is none, then NUL


@pytest.mark.parametrize("cle", UNSAFE, ids=lambda c: c[1])
async def test_a_non_ascii_token_is_a_403_on_every_unsafe_route(client, cle, caplog):
    _, modele, data = ACCES[cle]
    url = modele.format(**await _monde())
    formulaire = urlencode(data or {}).encode() + b"&_csrf_token=" + quote_from_bytes(OCTETS).encode()
    urlencode_ = "application/x-www-form-urlencoded"
    caplog.set_level(logging.INFO)
    essais = [
        {"headers": {"x-csrftoken": OCTETS[:-1], "cookie": b"monespace_csrf=" + OCTETS[:-1]}, "data": data or {}},
        {"headers": {"cookie": b"monespace_csrf=" + OCTETS[:-1], "content-type": urlencode_}, "content": formulaire},
        {"headers": {"x-csrftoken": OCTETS[:-1]}, "data": data or {}},
        {"headers": {"content-type": urlencode_}, "content": formulaire},
    ]
    for essai in essais:
        client.cookies.clear()
        response = await client.post(url, follow_redirects=False, **essai)
        assert response.status_code == 403, (cle, essai)
        assert "Accès refusé" in response.text and 'lang="fr"' in response.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


async def test_a_token_from_before_login_no_longer_works_after(client):
    await medecin()
    await client.get("/connexion")
    avant = csrf(client)
    response = await login(client)
    assert response.status_code == 303 and csrf(client) != avant  # the login answer sent a new one
    client.cookies.set("monespace_csrf", avant, domain="testserver.local")
    refuse = await client.post("/deconnexion", data={"_csrf_token": avant}, follow_redirects=False)
    assert refuse.status_code == 403 and "Accès refusé" in refuse.text
    await client.get("/espace")  # a page of the session hands the session's token back
    assert (await client.get("/espace", follow_redirects=False)).status_code == 200
    sortie = await post(client, "/deconnexion")
    assert sortie.status_code == 303 and "deconnecte" in sortie.headers["location"]


async def test_a_token_of_another_session_is_refused(client):
    from litestar.testing import AsyncTestClient

    from web.app import create_app

    await medecin()
    await medecin("dr.autre", rpps="10003456786", email="a@exemple.fr")
    await login(client)
    async with AsyncTestClient(app=create_app(), base_url="http://testserver.local") as autre:
        await login(autre, "dr.autre")
        paire = csrf(autre)  # a valid pair (cookie and form) of another logged-in session
    client.cookies.set("monespace_csrf", paire, domain="testserver.local")
    refuse = await client.post("/deconnexion", data={"_csrf_token": paire}, follow_redirects=False)
    assert refuse.status_code == 403
    assert (await client.get("/espace", follow_redirects=False)).status_code == 200  # still logged in


@pytest.fixture
async def https(monkeypatch):
    """The app as deployed behind https (BASE_URL read once by config.settings)."""
    from litestar.testing import AsyncTestClient

    from web.app import create_app

    monkeypatch.setenv("BASE_URL", "https://testserver.local")
    settings.cache_clear()
    try:
        async with AsyncTestClient(app=create_app(), base_url="https://testserver.local") as c:
            yield c
    finally:
        monkeypatch.delenv("BASE_URL")
        settings.cache_clear()


def _cookie(response, nom: str) -> str:
    return next(v for k, v in response.headers.multi_items() if k == "set-cookie" and v.startswith(f"{nom}="))


async def test_cookies_are_host_prefixed_under_https(https):
    await medecin()
    page = await https.get("/connexion")
    jeton = _cookie(page, "__Host-monespace_csrf")
    response = await https.post("/connexion", follow_redirects=False, data={
        "identifiant": "dr.durand", "mot_de_passe": MOT_DE_PASSE,
        "_csrf_token": https.cookies["__Host-monespace_csrf"]})
    assert response.status_code == 303
    session = _cookie(response, "__Host-monespace_session")
    for cookie in (jeton, session, _cookie(response, "__Host-monespace_csrf")):
        attributs = [a.strip().lower() for a in cookie.split(";")[1:]]
        assert "secure" in attributs and "path=/" in attributs and "httponly" in attributs
        assert not any(a.startswith("domain") for a in attributs)
    assert (await https.get("/espace", follow_redirects=False)).status_code == 200


async def test_no_server_banner():
    with serveur() as (base, _):
        for url in ("/sante", "/connexion", "/introuvable"):
            assert "server" not in httpx.get(f"{base}{url}").headers
    message = {"type": "http.response.start", "status": 200, "headers": [(b"server", b"uvicorn")]}
    await security_headers(False)(message, {"path": "/"})
    assert b"server" not in dict(message["headers"])


def test_every_server_we_start_hides_its_banner():
    commandes = re.findall(r"uvicorn web\.app:app[^\n]*", (RACINE / "Makefile").read_text()) + [
        commande for fichier in ("e2e/conftest.py", "tests/faults/serveur.py")
        for commande in re.findall(r'"uvicorn", "web\.app:app"[^\]]*\]', (RACINE / fichier).read_text())]
    assert len(commandes) == 4 and all("--no-server-header" in c for c in commandes), commandes
