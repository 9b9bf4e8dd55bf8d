"""Failed logins are counted in the database, so the limit holds across two worker processes (ASVS V2.2.1)."""

from __future__ import annotations

import re

import httpx

from tests.faults.serveur import serveur
from tests.support import MOT_DE_PASSE, medecin


def _tentative(base: str, mot_de_passe: str) -> httpx.Response:
    """A fresh client each time (no cookie, new connection): the two workers share nothing but the database."""
    with httpx.Client(base_url=base, timeout=10) as c:
        page = c.get("/connexion")
        token = re.search(r'name="_csrf_token" value="([^"]+)"', page.text).group(1)
        return c.post("/connexion", data={"identifiant": "dr.durand", "mot_de_passe": mot_de_passe,
                                          "_csrf_token": token})


async def test_login_limit_holds_across_two_worker_processes():
    await medecin()
    with serveur(workers=2) as (base, _):
        for _ in range(5):
            assert "Identifiant ou mot de passe incorrect." in _tentative(base, "mauvais mot de passe").text
        bloque = _tentative(base, MOT_DE_PASSE)
        assert bloque.status_code == 422 and "Trop de tentatives" in bloque.text
