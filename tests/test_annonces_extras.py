"""Beyond the seeds: "Poste pourvu", the badge only the Ordre can vouch for, the council's moderation delay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tables.annonces import Annonce, AnnonceEvenement
from tests.annonces_support import creer_annonce
from tests.support import login, medecin, post
from web.annonces.rules import delai_moderation


async def test_poste_pourvu_closes_in_one_click_and_the_history_says_why(client):
    pid = await medecin()
    numero = await creer_annonce(pid, titre="Remplaçant cherché")
    await login(client)
    assert "Poste pourvu" in (await client.get("/annonces/gerer")).text
    response = await post(client, f"/annonces/{numero}/pourvoir")
    assert response.headers["location"] == f"/annonces/gerer?ok=pourvoir&n={numero}"
    assert (await Annonce.select(Annonce.statut).first())["statut"] == "depubliee"
    assert "Remplaçant cherché" not in (await client.get("/annonces")).text
    event = await AnnonceEvenement.select().where(AnnonceEvenement.action == "pourvoir").first()
    assert event["motif"] == "Poste pourvu"


async def test_badges_say_what_the_tableau_says(client):
    medecin_id = await medecin()
    interne_id = await medecin("dr.interne", rpps="10101473782", email="i@exemple.fr", qualite="interne")
    await creer_annonce(medecin_id, titre="Par un médecin")
    numero = await creer_annonce(interne_id, titre="Par un interne", cote="demande")
    await login(client)
    page = (await client.get("/annonces")).text
    assert "Inscrit au Tableau" in page and "Interne</span>" in page
    assert "Interne</span>" in (await client.get(f"/annonces/{numero}")).text


async def test_moderation_delay_is_the_median_over_90_days(client):
    pid = await medecin()
    now = datetime.now(UTC)
    for jours in (1, 2, 5):
        numero = await creer_annonce(pid, statut="publiee")
        await AnnonceEvenement.insert(
            AnnonceEvenement(annonce=numero, acteur_libelle="x", action="transmettre", de="brouillon",
                             vers="en_attente", le=now - timedelta(days=10)),
            AnnonceEvenement(annonce=numero, acteur_libelle="CD38 CD38", action="accepter", de="en_attente",
                             vers="publiee", le=now - timedelta(days=10 - jours)))
    assert round(await delai_moderation("38")) == 2
    assert await delai_moderation("69") is None
    await creer_annonce(pid, statut="en_attente")
    await login(client)
    assert "Votre conseil publie en général sous 2 jours." in (await client.get("/annonces/gerer")).text
