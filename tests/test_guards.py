"""Role guards on every route, and the perimeter of a council enforced in its queries."""

from __future__ import annotations

import pytest

from tests.support import creer_compte, creer_praticien, login, medecin

PRATICIEN_PAGES = ["/espace", "/espace/coordonnees", "/espace/messages", "/espace/services/cotisations",
                   "/espace/demarches/archivees"]
ORDRE_PAGES = ["/gestion"]


@pytest.mark.parametrize("path", PRATICIEN_PAGES + ORDRE_PAGES)
async def test_anonymous_visitors_are_sent_to_the_right_login(client, path):
    response = await client.get(path, follow_redirects=False)
    assert response.status_code == 303
    expected = "/gestion/connexion" if path.startswith("/gestion") else "/connexion"
    assert response.headers["location"] == f"{expected}?next={path}"


async def test_a_doctor_cannot_open_the_back_office(client):
    await medecin()
    await login(client)
    for path in ORDRE_PAGES:
        response = await client.get(path, follow_redirects=False)
        assert response.status_code == 403 and "Accès refusé" in response.text


async def test_staff_cannot_open_a_doctor_space(client):
    await creer_compte("cd38@demo.ordre.test", role="gestionnaire", conseil="CD38")
    await login(client, "cd38@demo.ordre.test", url="/gestion/connexion")
    for path in PRATICIEN_PAGES:
        response = await client.get(path, follow_redirects=False)
        assert response.status_code == 403, path


@pytest.mark.parametrize("role", ["interne", "docteur_junior"])
async def test_interns_and_junior_doctors_have_their_space(client, role):
    await medecin(qualite=role)
    await login(client)
    assert "Mon compte" in (await client.get("/espace")).text


async def test_the_perimeter_is_the_council_departement(client):
    """ "À traiter" counts the pending annonces of the council's département (all of France: national)."""
    from tests.annonces_support import creer_annonce

    for rpps, dep in (("10005170625", "38"), ("10101473782", "38"), ("10003456786", "69")):
        await creer_annonce(await creer_praticien(rpps=rpps, departement=dep, email=None), statut="en_attente",
                            departement=dep)
    await creer_compte("cd38@demo.ordre.test", role="gestionnaire", conseil="CD38")
    await creer_compte("cd69@demo.ordre.test", role="gestionnaire", conseil="CD69")
    await creer_compte("cnom@demo.ordre.test", role="national")
    for ident, count in (("cd38@demo.ordre.test", 2), ("cd69@demo.ordre.test", 1), ("cnom@demo.ordre.test", 3)):
        await login(client, ident, url="/gestion/connexion")
        page = await client.get("/gestion")
        assert f'À traiter <span class="a-traiter__nombre">{count}</span>' in page.text, ident


async def test_every_route_has_a_guard_or_is_marked_public():
    """A new route must choose: a role guard, or opt={"public": True}."""
    from web.app import create_app

    app = create_app()
    for route in app.routes:
        for handler in route.route_handlers:
            if handler.http_methods == {"OPTIONS"}:
                continue  # Litestar's automatic OPTIONS answer: no data
            guards = [g for layer in handler.ownership_layers for g in (layer.guards or [])]
            public = handler.opt.get("public", False)
            assert public or any(hasattr(g, "roles") for g in guards), f"{route.path} has no guard"
