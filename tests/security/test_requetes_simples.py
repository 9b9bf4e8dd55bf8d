"""Every GET route answers a plain request (no HX-Request) with a whole page, a redirection or a French error,
never a 500 nor a bare fragment (issue 15, item 11: /annonces/situations and /espace/coordonnees/communes)."""

from __future__ import annotations

from tests.security.matrice import ACCES, CATEGORIES
from tests.security.test_autorisations import _connecter, _monde

# Not pages by nature: files (a dossier's too, its PDFs, the queue's CSV), the health check, the data download,
# and the public lieux suggestions (an HTML list, the same for everyone, cached without a session: test_lieux.py).
BRUTS = {"/static/{fichier:str}", "/annonces/photos/{fichier:str}", "/sante", "/espace/parametres/mes-donnees",
         "/lieux", *(f"{cote}/{{numero:str}}/{chemin}/fichier" for cote in ("/demarches", "/gestion/demarches")
                     for chemin in ("pieces/{piece_id:int}", "messages/{message_id:int}")),
         "/gestion/demarches/{numero:str}/notes/{note_id:int}/fichier",
         "/demarches/{numero:str}/documents/{code:str}", "/gestion/demarches/{numero:str}/documents/{code:str}",
         "/gestion/demarches/export.csv", "/gestion/entraide/export.csv",
         "/espace/certification/preuves/{preuve_id:int}",
         "/espace/cotisations/{cotisation_id:int}/appel", "/espace/cotisations/{cotisation_id:int}/recu",
         "/gestion/cotisations/export"}


async def test_every_page_answers_a_plain_request_with_a_whole_page(client):
    monde = await _monde()
    vus = []
    for (methode, route), (categorie, modele, _data) in sorted(ACCES.items()):
        if methode != "GET" or route in BRUTS:
            continue
        acteur = next(a for a, issue in CATEGORIES[categorie].items() if issue == "ok")
        await _connecter(client, monde, acteur)
        response = await client.get(modele.format(**monde), follow_redirects=True)
        assert response.status_code < 500, (route, acteur, response.status_code)
        assert response.headers["content-type"].startswith("text/html"), route
        assert response.text.lstrip().lower().startswith("<!doctype html>"), (route, response.text[:200])
        assert "</main>" in response.text, route
        vus.append(route)
    assert {"/annonces/situations", "/espace/coordonnees/communes", "/annonces/periode"} <= set(vus)


async def test_a_block_route_sends_a_plain_request_to_its_page(client):
    monde = await _monde()
    await _connecter(client, monde, "medecin")
    response = await client.get("/annonces/situations?categorie=remplacement", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/annonces/deposer?categorie=remplacement"
    response = await client.get("/espace/coordonnees/communes?code_postal=38500")
    assert "Mes coordonnées de correspondance" in response.text
    fragment = await client.get("/annonces/situations?categorie=remplacement", headers={"hx-request": "true"})
    assert 'id="situation"' in fragment.text and "<html" not in fragment.text
