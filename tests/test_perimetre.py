"""One perimeter rule: every back-office view, action, photo and report refuses a gestionnaire of another
département, and they all ask `web.perimetre` (widening the rule there opens every one of them)."""

from __future__ import annotations

import pytest

from tables.alertes import Signalement
from tables.annonces import Annonce, AnnoncePhoto
from tests.support import post
from tests.test_gestion_support import annonce, auteurs, connecter, titres, utilisateur
from tests.test_photos import jpeg
from web import perimetre
from web.annonces import statuts
from web.fichiers import stockage
from web.fichiers.usages import PHOTOS_ANNONCE
from web.fichiers.verifier import verifier


def test_peut_agir():
    from web.security import Utilisateur

    def u(role, dep=None):
        return Utilisateur(id=1, role=role, identifiant="x", cree_le=None, departement=dep)

    assert perimetre.peut_agir(u("national"), "69")
    assert perimetre.peut_agir(u("gestionnaire", "38"), "38")
    assert not perimetre.peut_agir(u("gestionnaire", "38"), "69")
    assert not perimetre.peut_agir(u("gestionnaire"), None)
    assert not perimetre.peut_agir(u("medecin", "38"), "38")
    assert not perimetre.peut_agir(None, "38")


async def _isere() -> dict:
    """Annonces of Isère (pending, published with a photo and a report); returns what the requests need."""
    isere, _ = await auteurs()
    attente = await annonce(isere, titre="Attente 38")
    publiee = await annonce(isere, "publiee", titre="Publiée 38")
    nom = stockage.stocker(PHOTOS_ANNONCE, verifier(PHOTOS_ANNONCE, "cabinet.jpg", jpeg()))
    await AnnoncePhoto.insert(AnnoncePhoto(annonce=publiee, fichier=nom, nom_original="cabinet.jpg",
                                           type_mime="image/jpeg", taille=100))
    await Signalement.insert(Signalement(annonce=publiee, motif="doublon", commentaire=""))
    sid = (await Signalement.select(Signalement.id).first())["id"]
    return {"attente": attente, "publiee": publiee, "photo": nom, "sid": sid}


async def _essais(client, n: dict) -> dict[str, int]:
    """Each back-office read or action on Isère, with the status it answered."""
    h = {"hx-request": "true"}
    return {
        "panneau": (await client.get(f"/gestion/annonces/{n['attente']}?confirmer=accepter&version=0",
                                     headers=h)).status_code,
        "historique": (await client.get(f"/gestion/annonces/{n['attente']}/historique", headers=h)).status_code,
        "photo": (await client.get(f"/annonces/photos/{n['photo']}")).status_code,
        "refuser": (await post(client, f"/gestion/annonces/{n['publiee']}/refuser",
                               {"motif": "Hors charte", "version": "0"}, htmx=True)).status_code,
        "signalement": (await post(client, f"/gestion/signalements/{n['sid']}/ecarte")).status_code,
        "accepter": (await post(client, f"/gestion/annonces/{n['attente']}/accepter", {"version": "0"},
                                htmx=True)).status_code,
    }


async def test_another_perimeter_is_refused_everywhere_through_the_one_rule(client, monkeypatch):
    n = await _isere()
    await connecter(client, "cd69")
    assert titres((await client.get("/gestion")).text) == []
    assert "Publiée 38" not in (await client.get("/gestion/signalements")).text
    lot = await post(client, "/gestion/accepter-lot", {"lot": f"{n['attente']}:0"}, htmx=True)
    assert "hors de votre périmètre" in lot.text
    assert await _essais(client, n) == {k: 403 for k in ("panneau", "historique", "photo", "refuser", "signalement",
                                                          "accepter")}
    with pytest.raises(PermissionError):
        await statuts.appliquer(n["attente"], "accepter", await utilisateur("cd69@demo.ordre.test"), version=0)
    assert (await Annonce.select(Annonce.statut).order_by(Annonce.id).output(as_list=True)) == [
        "en_attente", "publiee"]
    assert await Signalement.count().where(Signalement.traite_le.is_null()) == 1

    monkeypatch.setattr(perimetre, "_portee", lambda user: perimetre._TOUT)  # widen the one rule: all open
    assert sorted(titres((await client.get("/gestion")).text)) == ["Attente 38", "Publiée 38"]
    assert "Publiée 38" in (await client.get("/gestion/signalements")).text
    ouverts = await _essais(client, n)
    assert ouverts["panneau"] == ouverts["historique"] == ouverts["photo"] == ouverts["accepter"] == 200
    assert ouverts["signalement"] == 303
    assert await Annonce.select(Annonce.statut).order_by(Annonce.id).output(as_list=True) == [
        "publiee", "refusee"]
