"""Accepting several annonces at once, and two gestionnaires acting on the same annonce at the same moment.

The race runs on both engines: PostgreSQL blocks the second conditional UPDATE on the row lock, SQLite
makes the second transaction wait at BEGIN IMMEDIATE; either way it then sees the new version.
"""

from __future__ import annotations

import asyncio
import re

import httpx
import pytest

from tables.annonces import Annonce, AnnonceEvenement
from tables.messages import Notification
from tests.support import MOT_DE_PASSE, creer_compte, post
from tests.test_gestion_support import annonce, auteurs, connecter, titres
from web.instruction.file import CONFLIT


async def test_batch_accept_reports_published_and_skipped(client, monkeypatch):
    from tasks import actors

    alertes: list[tuple] = []
    monkeypatch.setattr(actors.alertes_recherches, "send", lambda *args: alertes.append(args))
    isere, rhone = await auteurs()
    a, b, c = [await annonce(isere, titre=titre) for titre in ("A", "B", "C")]
    rhone_attente = await annonce(rhone, titre="R", departement="69")
    publiee = await annonce(isere, "publiee", titre="P")
    await Annonce.update({Annonce.version: 5}).where(Annonce.id == c)  # changed since the page was shown
    await connecter(client)
    response = await post(client, "/gestion/accepter-lot", {
        "lot": [f"{a}:0", f"{b}:0", f"{a}:0", f"{c}:0", f"{rhone_attente}:0", f"{publiee}:0", "x:1"],
        "retour": "statut=en_attente&tri=titre&sens=asc"}, htmx=True)
    assert response.status_code == 200 and response.text.lstrip().startswith('<section id="tableau"')
    text = response.text
    assert f"2 annonces publiées : n° {a}, n° {b}." in text and 'role="status"' in text and "data-focus" in text
    assert alertes == [("immediate",)]  # the saved searches' alerts run once for the batch
    assert "3 annonces non publiées" in text
    assert f"n° {c} : traitée entre-temps par un autre gestionnaire" in text
    assert f"n° {rhone_attente} : hors de votre périmètre" in text
    assert f"n° {publiee} : n&#39;est plus en attente" in text
    assert titres(text) == ["C"]  # the table kept its filters (pending, by title) and is up to date
    statuts = {r["id"]: r["statut"] for r in await Annonce.select(Annonce.id, Annonce.statut)}
    assert statuts == {a: "publiee", b: "publiee", c: "en_attente", rhone_attente: "en_attente", publiee: "publiee"}
    assert await AnnonceEvenement.count().where(AnnonceEvenement.action == "accepter") == 2
    assert await Notification.count().where(Notification.nature == "annonce_publiee") == 2


async def test_batch_without_a_ticked_row_says_so(client):
    await connecter(client)
    response = await post(client, "/gestion/accepter-lot", {"retour": ""})
    assert response.status_code == 422 and "Cochez au moins une annonce en attente" in response.text
    assert "<html" in response.text  # without JS, the whole dashboard


async def _navigateur(identifiant: str) -> httpx.AsyncClient:
    """A client on the app in this very event loop, so that two requests really run at the same time."""
    from web.app import create_app

    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app()), base_url="http://testserver.local")
    await client.get("/gestion/connexion")
    response = await post(client, "/gestion/connexion", {"identifiant": identifiant, "mot_de_passe": MOT_DE_PASSE})
    assert response.status_code == 303
    return client


@pytest.mark.parametrize("actions", [("accepter", "accepter"), ("accepter", "refuser"), ("refuser", "refuser")])
async def test_two_gestionnaires_at_the_same_moment_exactly_one_wins(actions):
    isere, _ = await auteurs()
    await creer_compte("cd38@demo.ordre.test", role="gestionnaire", conseil="CD38")
    await creer_compte("cd38.bis@demo.ordre.test", role="gestionnaire", conseil="CD38")
    for _ in range(5):  # several rounds: the race must never go the wrong way
        numero = await annonce(isere)
        clients = [await _navigateur("cd38@demo.ordre.test"), await _navigateur("cd38.bis@demo.ordre.test")]
        try:
            reponses = await asyncio.gather(*[
                post(c, f"/gestion/annonces/{numero}/{action}", {"version": "0", "motif": "Motif"}, htmx=True)
                for c, action in zip(clients, actions, strict=True)])
        finally:
            for c in clients:
                await c.aclose()
        codes = sorted(r.status_code for r in reponses)
        assert codes == [200, 422], [r.text[:300] for r in reponses]
        perdant = next(r for r in reponses if r.status_code == 422)
        assert CONFLIT.replace("'", "&#39;") in perdant.text
        evenements = await AnnonceEvenement.select(AnnonceEvenement.action).where(
            (AnnonceEvenement.annonce == numero) & AnnonceEvenement.action.is_in(["accepter", "refuser"]))
        assert len(evenements) == 1
        assert await Notification.count().where(Notification.sujet.like(f"%n°{numero} :%")) == 1
        row = await Annonce.select(Annonce.statut, Annonce.version).where(Annonce.id == numero).first()
        assert row["version"] == 1 and row["statut"] == {"accepter": "publiee", "refuser": "refusee"}[
            evenements[0]["action"]]
        gagnant = next(r for r in reponses if r.status_code == 200)
        assert re.search(r"L&#39;annonce n° \d+ est (publiée|refusée)", gagnant.text)
