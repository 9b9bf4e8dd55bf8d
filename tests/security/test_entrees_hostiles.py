"""Hostile parameters: a clean French 4xx or correct results, never a 500 (ASVS V5.1)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.annonces_support import creer_annonce
from tests.support import login, medecin, post

HOSTILES = ["\x00", "abc\x00def", "\u202egnp.exe", "x" * 10_000, "' OR 1=1 --", "%00", "../../etc/passwd",
            "<script>alert(1)</script>", "🩺" * 500, "\ud800" if False else "é" * 3000]


@pytest.mark.parametrize("valeur", HOSTILES)
async def test_search_parameters(client, valeur):
    pid = await medecin()
    await creer_annonce(pid)
    await login(client)
    for name in ("categorie", "cote", "specialite", "lieux", "lieux_saisie", "du", "au", "page"):
        response = await client.get(f"/annonces?{name}={quote(valeur)}")
        assert response.status_code in (200, 400, 422), (name, response.status_code)
        assert "Traceback" not in response.text


async def test_absurd_sizes_and_ranges(client):
    pid = await medecin()
    await creer_annonce(pid)
    await login(client)
    assert (await client.get("/annonces?page=1000000000")).status_code == 200
    assert (await client.get("/annonces?page=-3")).status_code == 200
    lieux = "&".join(f"lieux=commune:{38000 + i}" for i in range(500))
    response = await client.get(f"/annonces?{lieux}")
    assert response.status_code == 400 and "20 lieux au plus." in response.text
    periodes = "&".join("du=2027-01-01&au=2026-01-01" for _ in range(10))
    response = await client.get(f"/annonces?{periodes}")
    assert response.status_code == 200 and "1 annonce trouvée" in response.text
    assert (await client.get("/lieux?q=" + "a" * 10_000, headers={"hx-request": "true"})).status_code == 200
    assert (await client.get("/annonces/99999999999999999999")).status_code in (400, 404)
    assert (await client.get("/annonces/carte?du=9999-99-99")).status_code == 200


async def test_hostile_form_values_are_cleaned_or_refused(client):
    await medecin()
    await login(client)
    response = await post(client, "/espace/coordonnees", {"voie": "1 rue\x00 du\u202e Test", "code_postal": "38000",
                                                          "commune": "Grenoble", "email": "a@b.fr" + "x" * 10_000},
                          htmx=True)
    assert response.status_code == 422 and "\x00" not in response.text and "\u202e" not in response.text
    periodes = {"categorie": "remplacement", "cote": "offre", "titre": "t" * 10_000, "action": "publier",
                "periode_debut": ["2027-01-01"] * 50, "periode_fin": ["2026-01-01"] * 50,
                "lieux": [f"commune:{i}" for i in range(500)]}
    response = await post(client, "/annonces/deposer", periodes, htmx=True)
    assert response.status_code == 422 and "150 caractères au plus." in response.text
