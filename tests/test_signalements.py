"""Signaler une annonce: the report reaches the author's council only; it is dismissed or the annonce refused."""

from __future__ import annotations

import re

from tables.alertes import Signalement
from tables.annonces import Annonce
from tests.annonces_support import creer_annonce
from tests.support import creer_compte, login, medecin, post


async def test_a_report_reaches_the_authors_council_which_refuses_the_annonce(client):
    auteur = await medecin("dr.auteur", rpps="10101473782", email="auteur@exemple.fr")
    await medecin()
    numero = await creer_annonce(auteur, titre="Annonce douteuse")
    await creer_compte("cd38@demo.ordre.test", role="gestionnaire", conseil="CD38")
    await creer_compte("cd69@demo.ordre.test", role="gestionnaire", conseil="CD69")
    await login(client)
    assert "Signaler l'annonce" in (await client.get(f"/annonces/{numero}")).text
    bad = await post(client, f"/annonces/{numero}/signaler", {"commentaire": "bizarre"}, htmx=True)
    assert bad.status_code == 422 and "Choisissez un motif." in bad.text and "bizarre" in bad.text
    ok = await post(client, f"/annonces/{numero}/signaler", {"motif": "doublon", "commentaire": "Déjà vue"},
                    htmx=True)
    assert "votre signalement est transmis" in ok.text

    await login(client, "cd69@demo.ordre.test", url="/gestion/connexion")
    assert "Aucun signalement à traiter" in (await client.get("/gestion/signalements")).text
    assert _compte_du_tableau((await client.get("/gestion")).text) == 0
    sid = (await Signalement.select(Signalement.id).first())["id"]
    assert (await post(client, f"/gestion/signalements/{sid}/refuse")).status_code == 403
    assert (await Annonce.select(Annonce.statut).first())["statut"] == "publiee"

    await login(client, "cd38@demo.ordre.test", url="/gestion/connexion")
    assert _compte_du_tableau((await client.get("/gestion")).text) == 1
    liste = (await client.get("/gestion/signalements")).text
    assert "Annonce douteuse" in liste and "Doublon" in liste and "Déjà vue" in liste
    response = await post(client, f"/gestion/signalements/{sid}/refuse", {"motif": "Doublon de l'annonce 12"})
    assert response.headers["location"] == "/gestion/signalements?ok=refuse"
    row = await Annonce.select(Annonce.statut, Annonce.motif_refus).first()
    assert row == {"statut": "refusee", "motif_refus": "Doublon de l'annonce 12"}
    assert (await Signalement.select(Signalement.decision).first())["decision"] == "refuse"
    assert _compte_du_tableau((await client.get("/gestion")).text) == 0


def _compte_du_tableau(html: str) -> int:
    """The number on the dashboard's "Signalements" button."""
    return int(re.search(r'href="/gestion/signalements">Signalements <span[^>]*>(\d+)</span>', html).group(1))


async def test_a_report_can_be_dismissed(client):
    auteur = await medecin()
    numero = await creer_annonce(auteur)
    await medecin("dr.autre", rpps="10101473782", email="autre@exemple.fr")
    await login(client, "dr.autre")
    await post(client, f"/annonces/{numero}/signaler", {"motif": "autre"}, htmx=True)
    await creer_compte("cnom@demo.ordre.test", role="national")
    await login(client, "cnom@demo.ordre.test", url="/gestion/connexion")
    sid = (await Signalement.select(Signalement.id).first())["id"]
    await post(client, f"/gestion/signalements/{sid}/ecarte")
    assert (await Annonce.select(Annonce.statut).first())["statut"] == "publiee"
    assert "Aucun signalement à traiter" in (await client.get("/gestion/signalements")).text
