"""The detail page /annonces/<n> (issue 19): the author and the council of its perimeter see an annonce
whatever its status, with that status and the refusal's explanation; the others keep the 404. The Contact
box and "Contacter l'auteur" say what is true in each case."""

from __future__ import annotations

import re

import pytest

from tables.annonces import Annonce
from tables.coordonnees import Affectation, Coordonnee
from tests.annonces_support import creer_annonce
from tests.support import login, medecin
from tests.test_gestion_support import auteurs, connecter
from web.gestion.moderation import MOTIF_PAR_DEFAUT


def texte(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


@pytest.mark.parametrize(("statut", "libelle"), [("brouillon", "Brouillon"), ("en_attente", "En attente"),
                                                 ("refusee", "Refusée"), ("depubliee", "Dépubliée")])
async def test_the_author_sees_an_annonce_offline(client, statut, libelle):
    isere, _ = await auteurs()
    await medecin("dr.autre", rpps="10003456787", email="a@exemple.fr")
    numero = await creer_annonce(isere, statut=statut, titre="Remplacement à Voiron")
    await Annonce.update({Annonce.motif_refus: MOTIF_PAR_DEFAUT}).where(Annonce.id == numero)
    await login(client, "dr.autre")
    assert (await client.get(f"/annonces/{numero}")).status_code == 404
    await login(client)
    page = await client.get(f"/annonces/{numero}")
    assert page.status_code == 200
    lu = texte(page.text)
    assert f"Statut : {libelle}" in lu
    qui = "Vous seul la voyez." if statut == "brouillon" else "Seuls son auteur et le Conseil départemental la voient."
    assert qui in lu
    assert (f"Motif : {MOTIF_PAR_DEFAUT}" in lu) == (statut == "refusee")
    assert "Contacter l'auteur" not in lu and "Signaler" not in lu
    assert f'href="/annonces/gerer#annonce-{numero}">Gérer l\'annonce</a>' in page.text
    await connecter(client, "cd69")
    assert (await client.get(f"/annonces/{numero}")).status_code == 404


@pytest.mark.parametrize(("statut", "libelle"), [("en_attente", "En attente"), ("refusee", "Refusée"),
                                                 ("depubliee", "Dépubliée")])
async def test_the_council_of_its_perimeter_sees_a_transmitted_annonce(client, statut, libelle):
    isere, _ = await auteurs()
    numero = await creer_annonce(isere, statut=statut, titre="Remplacement à Voiron")
    await connecter(client, "cd38")
    conseil = await client.get(f"/annonces/{numero}")
    assert conseil.status_code == 200 and f"Statut : {libelle}" in texte(conseil.text)
    assert 'aria-label="Annonces"' not in conseil.text  # no Trouver / Déposer / Gérer for the council
    assert "Modérer l'annonce" in conseil.text
    assert "Nous vous proposons d'afficher" not in conseil.text


async def test_a_draft_is_its_authors_alone(client):
    """Not transmitted, a draft is not the council's to read (the back office does not list it either)."""
    isere, _ = await auteurs()
    numero = await creer_annonce(isere, statut="brouillon")
    await connecter(client, "cd38")
    assert (await client.get(f"/annonces/{numero}")).status_code == 404


async def test_the_notification_leads_to_the_annonce(client):
    from tests.test_gestion_support import utilisateur
    from web.annonces import statuts

    isere, _ = await auteurs()
    numero = await creer_annonce(isere, statut="brouillon")
    await statuts.appliquer(numero, "transmettre", await utilisateur("dr.durand"))
    await login(client)
    fil = await client.get(f"/espace/messages/fils/annonce/{numero}")
    assert f'href="/annonces/{numero}">Voir l&#39;annonce</a>' in fil.text


async def test_contact_box_and_form_say_what_is_true(client):
    isere, _ = await auteurs()
    await medecin("dr.autre", rpps="10003456787", email="a@exemple.fr")
    numero = await creer_annonce(isere)
    await login(client, "dr.autre")
    sans = texte((await client.get(f"/annonces/{numero}")).text)
    assert "L'auteur n'affiche pas de coordonnées pour le moment. Écrivez-lui avec le formulaire ci-dessous." in sans
    assert "MonEspace transmet votre message à l'auteur, sans vous communiquer son adresse" in sans
    ligne = await Coordonnee.insert(Coordonnee(praticien=isere, mobile="06 12 34 56 78")).returning(Coordonnee.id)
    await Affectation.insert(Affectation(praticien=isere, usage="annonces", mobile=ligne[0]["id"]))
    avec = texte((await client.get(f"/annonces/{numero}")).text)
    assert "06 12 34 56 78" in avec and "L'auteur a choisi d'afficher ces coordonnées sur ses annonces." in avec
    assert "Vous préférez ne pas utiliser ces coordonnées ? MonEspace transmet votre message à l'auteur ;" in avec
    assert "sans vous communiquer" not in avec
