"""Signaler une annonce: one report per doctor per annonce, and never on one's own (issue 15, item 13)."""

from __future__ import annotations

import asyncio

from tables.alertes import Signalement
from tests.annonces_support import creer_annonce
from tests.support import login, medecin, post


async def test_a_doctor_reports_an_annonce_once(client):
    auteur = await medecin("dr.auteur", rpps="10101473782", email="auteur@exemple.fr")
    await medecin()
    numero = await creer_annonce(auteur)
    await login(client)
    premier = await post(client, f"/annonces/{numero}/signaler", {"motif": "doublon"}, htmx=True)
    assert "votre signalement est transmis" in premier.text
    second = await post(client, f"/annonces/{numero}/signaler", {"motif": "autre", "commentaire": "encore"},
                        htmx=True)
    assert second.status_code == 422 and "Vous avez déjà signalé cette annonce." in second.text
    page = (await client.get(f"/annonces/{numero}")).text
    assert "Vous avez déjà signalé cette annonce." in page and "Envoyer le signalement" not in page
    assert await Signalement.count() == 1


async def test_parallel_reports_of_one_doctor_make_one_row(client):
    auteur = await medecin("dr.auteur", rpps="10101473782", email="auteur@exemple.fr")
    await medecin()
    numero = await creer_annonce(auteur)
    await login(client)
    reponses = await asyncio.gather(*[post(client, f"/annonces/{numero}/signaler", {"motif": "doublon"}, htmx=True)
                                      for _ in range(5)])
    assert sorted(r.status_code for r in reponses) == [200, 422, 422, 422, 422]
    assert await Signalement.count() == 1


async def test_the_author_cannot_report_their_own_annonce(client):
    pid = await medecin()
    numero = await creer_annonce(pid)
    await login(client)
    page = (await client.get(f"/annonces/{numero}")).text
    assert "Signaler l'annonce" not in page
    refus = await post(client, f"/annonces/{numero}/signaler", {"motif": "doublon"})
    assert refus.status_code == 403 and "Accès refusé" in refus.text
    assert await Signalement.count() == 0
