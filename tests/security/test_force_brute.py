"""Failed logins are counted in the database, so the limit holds across two worker processes (ASVS V2.2.1)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time

import httpx

from tests.support import MOT_DE_PASSE, medecin


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tentative(base: str, mot_de_passe: str) -> httpx.Response:
    """A fresh client each time (no cookie, new connection): the two workers share nothing but the database."""
    with httpx.Client(base_url=base, timeout=10) as c:
        page = c.get("/connexion")
        token = re.search(r'name="_csrf_token" value="([^"]+)"', page.text).group(1)
        return c.post("/connexion", data={"identifiant": "dr.durand", "mot_de_passe": mot_de_passe,
                                          "_csrf_token": token})


async def test_login_limit_holds_across_two_worker_processes():
    await medecin()
    port = _port()
    env = {**os.environ, "EMBEDDED_WORKER": "0", "BASE_URL": f"http://127.0.0.1:{port}"}
    env.pop("REDIS_URL", None)
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "web.app:app", "--host", "127.0.0.1", "--port",
                             str(port), "--workers", "2"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/sante", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        for _ in range(5):
            assert "Identifiant ou mot de passe incorrect." in _tentative(base, "mauvais mot de passe").text
        bloque = _tentative(base, MOT_DE_PASSE)
        assert bloque.status_code == 422 and "Trop de tentatives" in bloque.text
    finally:
        proc.terminate()
        proc.wait(timeout=10)
