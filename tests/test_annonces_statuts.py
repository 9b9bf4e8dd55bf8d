"""The transition table, exhaustively: every (status, action) pair, by the author, another doctor,
the gestionnaire of the perimeter, one of another perimeter, the national role and the system."""

from __future__ import annotations

import pytest

from tables.annonces import Annonce, AnnonceEvenement
from tables.comptes import Compte
from tests.annonces_support import creer_annonce
from tests.support import creer_compte, medecin
from web.annonces import statuts
from web.security import charger_utilisateur

STATUTS = ["brouillon", "en_attente", "publiee", "depubliee", "refusee"]
ACTIONS = sorted({a for _, a in statuts.TRANSITIONS})


async def _acteurs() -> dict:
    auteur = await medecin()
    await medecin("dr.autre", rpps="10101473782", email="autre@exemple.fr")
    ids = {r["identifiant"]: r["id"] for r in await Compte.select(Compte.id, Compte.identifiant)}
    ids["cd38"] = await creer_compte("cd38@demo.ordre.test", role="gestionnaire", conseil="CD38")
    ids["cd69"] = await creer_compte("cd69@demo.ordre.test", role="gestionnaire", conseil="CD69")
    ids["cnom"] = await creer_compte("cnom@demo.ordre.test", role="national")
    acteurs = {nom: await charger_utilisateur(ids[cle]) for nom, cle in (
        ("auteur", "dr.durand"), ("autre", "dr.autre"), ("cd38", "cd38"), ("cd69", "cd69"), ("cnom", "cnom"))}
    acteurs["systeme"] = None
    return {"praticien": auteur, **acteurs}


def _autorise(action: str, acteur: str) -> bool:
    qui = statuts.QUI.get(action, "auteur")
    return {"auteur": acteur == "auteur", "gestion": acteur in ("cd38", "cnom"),
            "systeme": acteur == "systeme"}[qui]


@pytest.mark.parametrize("statut", STATUTS)
async def test_every_pair_for_every_actor(statut):
    acteurs = await _acteurs()
    for action in ACTIONS:
        for nom in ("auteur", "autre", "cd38", "cd69", "cnom", "systeme"):
            numero = await creer_annonce(acteurs["praticien"], statut=statut)
            events = await AnnonceEvenement.count()
            permis = (statut, action) in statuts.TRANSITIONS and _autorise(action, nom)
            try:
                resultat = await statuts.appliquer(numero, action, acteurs[nom], motif="motif")
            except (PermissionError, statuts.ActionRefusee):
                assert not permis, (statut, action, nom)
                row = await Annonce.select(Annonce.statut, Annonce.supprimee_le, Annonce.version).where(
                    Annonce.id == numero).first()
                assert row == {"statut": statut, "supprimee_le": None, "version": 0}
                assert await AnnonceEvenement.count() == events
                continue
            assert permis, (statut, action, nom)
            attendu = statuts.TRANSITIONS[(statut, action)]
            if action == "republier":
                attendu = "en_attente"  # content never accepted in this test: checked again
            assert resultat.statut == attendu, (statut, action, nom)


async def test_a_stale_version_is_a_conflict():
    acteurs = await _acteurs()
    numero = await creer_annonce(acteurs["praticien"], statut="en_attente")
    await statuts.appliquer(numero, "accepter", acteurs["cd38"], version=0)
    with pytest.raises(statuts.Conflit):
        await statuts.appliquer(numero, "refuser", acteurs["cnom"], version=0, motif="trop tard")
    assert await AnnonceEvenement.count().where(AnnonceEvenement.annonce == numero) == 1
