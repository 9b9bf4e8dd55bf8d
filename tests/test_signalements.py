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
    assert bad.status_code == 422 and "Motif : choisissez un motif." in bad.text and "bizarre" in bad.text
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
    response = await post(client, f"/gestion/signalements/{sid}/refuse", {"motif": "Doublon de l'annonce 12",
                                                                         "version": _version(liste, sid)})
    assert response.headers["location"] == "/gestion/signalements?ok=refuse"
    row = await Annonce.select(Annonce.statut, Annonce.motif_refus).first()
    assert row == {"statut": "refusee", "motif_refus": "Doublon de l'annonce 12"}
    assert (await Signalement.select(Signalement.decision).first())["decision"] == "refuse"
    assert _compte_du_tableau((await client.get("/gestion")).text) == 0


def _version(html: str, sid: int) -> str:
    """The version the refusal form of report `sid` carries."""
    return re.search(rf'action="/gestion/signalements/{sid}/refuse".*?name="version" value="(\d+)"', html,
                     re.S).group(1)


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


async def _signalement(client, statut: str = "publiee") -> tuple[int, int, str]:
    """An annonce of Isère reported by another doctor; the CD38 gestionnaire logged in, on Signalements."""
    auteur = await medecin()
    numero = await creer_annonce(auteur, titre="Annonce signalée")
    await medecin("dr.autre", rpps="10101473782", email="autre@exemple.fr")
    await login(client, "dr.autre")
    await post(client, f"/annonces/{numero}/signaler", {"motif": "doublon"}, htmx=True)
    if statut != "publiee":
        await Annonce.update({Annonce.statut: statut}).where(Annonce.id == numero)
    await creer_compte("cd38@demo.ordre.test", role="gestionnaire", conseil="CD38")
    await login(client, "cd38@demo.ordre.test", url="/gestion/connexion")
    sid = (await Signalement.select(Signalement.id).first())["id"]
    return numero, sid, (await client.get("/gestion/signalements")).text


async def _ouvert() -> bool:
    return (await Signalement.select(Signalement.traite_le).first())["traite_le"] is None


async def test_a_refusal_from_a_report_after_a_change_is_a_conflict_and_the_report_stays_open(client):
    numero, sid, liste = await _signalement(client)
    version = _version(liste, sid)
    await Annonce.update({Annonce.version: Annonce.version + 1}).where(Annonce.id == numero)  # changed meanwhile
    response = await post(client, f"/gestion/signalements/{sid}/refuse", {"motif": "Doublon", "version": version})
    assert response.status_code == 422
    assert "vient d&#39;être traitée par un autre gestionnaire" in response.text
    assert "Le signalement est écarté" not in response.text
    assert (await Annonce.select(Annonce.statut, Annonce.refus).first()) == {"statut": "publiee", "refus": 0}
    assert await _ouvert() and "Annonce signalée" in response.text


async def test_a_refusal_from_a_report_checks_the_explanation_like_the_dashboard(client):
    numero, sid, liste = await _signalement(client)
    trop_long = "x" * 2001
    response = await post(client, f"/gestion/signalements/{sid}/refuse",
                          {"motif": trop_long, "version": _version(liste, sid)})
    assert response.status_code == 422
    assert "L&#39;explication du refus compte 2000 caractères au plus." in response.text
    assert trop_long in response.text  # what was typed is kept
    vide = await post(client, f"/gestion/signalements/{sid}/refuse", {"motif": " ", "version": _version(liste, sid)})
    assert vide.status_code == 422 and "Saisissez l&#39;explication du refus" in vide.text
    assert (await Annonce.select(Annonce.statut).first())["statut"] == "publiee"
    assert await _ouvert()


async def test_a_report_on_an_annonce_no_longer_refusable_stays_open_with_the_reason(client):
    numero, sid, liste = await _signalement(client, statut="depubliee")
    assert f"/gestion/signalements/{sid}/refuse" not in liste  # the table allows no refusal of a dépubliée
    response = await post(client, f"/gestion/signalements/{sid}/refuse", {"motif": "Doublon", "version": "0"})
    assert response.status_code == 422
    assert "Cette action n&#39;est pas possible pour une annonce « Dépubliée »" in response.text
    assert "Le signalement est écarté" not in response.text
    assert await _ouvert()
