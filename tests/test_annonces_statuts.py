"""The transition table, exhaustively, against a golden table written out here (never derived from the
table under test): every (status, action) pair, by the author, another doctor, the gestionnaire of the
perimeter, one of another perimeter, the national role and the system; for each allowed one, the status
reached, the timestamp set and the e-mail written."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tables import horloge
from tables.annonces import Annonce, AnnonceEvenement
from tables.comptes import Compte
from tables.messages import Notification
from tests.annonces_support import creer_annonce
from tests.support import creer_compte, medecin
from web.annonces import statuts
from web.annonces.rules import empreinte_actuelle
from web.security import charger_utilisateur

# (de, action, vers, qui, horodatage, notification)
GOLDEN = [
    ("brouillon", "enregistrer", "brouillon", "auteur", None, None),
    ("brouillon", "transmettre", "en_attente", "auteur", "transmise_le", "annonce_transmise"),
    ("brouillon", "supprimer", "brouillon", "auteur", "supprimee_le", None),
    ("en_attente", "accepter", "publiee", "gestion", "publiee_le", "annonce_publiee"),
    ("en_attente", "refuser", "refusee", "gestion", None, "annonce_refusee"),
    ("en_attente", "supprimer", "en_attente", "auteur", "supprimee_le", None),
    ("publiee", "pourvoir", "depubliee", "auteur", None, "annonce_depubliee"),
    ("publiee", "depublier", "depubliee", "auteur", None, "annonce_depubliee"),
    ("publiee", "transmettre", "en_attente", "auteur", "transmise_le", "annonce_transmise"),
    ("publiee", "prolonger", "publiee", "auteur", None, None),
    ("publiee", "refuser", "refusee", "gestion", None, "annonce_refusee"),
    ("publiee", "expirer", "depubliee", "systeme", None, "annonce_depubliee"),
    ("publiee", "supprimer", "publiee", "auteur", "supprimee_le", None),
    ("depubliee", "republier", "publiee", "auteur", "publiee_le", "annonce_publiee"),
    ("depubliee", "republier", "en_attente", "auteur", "transmise_le", "annonce_transmise"),  # content changed
    ("depubliee", "transmettre", "en_attente", "auteur", "transmise_le", "annonce_transmise"),
    ("depubliee", "prolonger", "depubliee", "auteur", None, None),
    ("depubliee", "supprimer", "depubliee", "auteur", "supprimee_le", None),
    ("refusee", "transmettre", "en_attente", "auteur", "transmise_le", "annonce_transmise"),
    ("refusee", "supprimer", "refusee", "auteur", "supprimee_le", None),
]
STATUTS = ["brouillon", "en_attente", "publiee", "depubliee", "refusee"]
ACTIONS = ["enregistrer", "transmettre", "supprimer", "accepter", "refuser", "pourvoir", "depublier", "prolonger",
           "expirer", "republier"]
# Who each actor is for an annonce of the Isère author.
QUALITES = {"auteur": "auteur", "autre": None, "cd38": "gestion", "cd69": None, "cnom": "gestion",
            "systeme": "systeme"}


def test_the_table_is_the_golden_one():
    assert [(t.de, t.action, t.vers, t.qui, t.horodatage, t.notification) for t in statuts.TRANSITIONS] == GOLDEN
    assert all(t.libelle for t in statuts.TRANSITIONS)


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


async def _etat(numero: int) -> dict:
    return await Annonce.select(Annonce.statut, Annonce.supprimee_le, Annonce.version, Annonce.transmise_le,
                                Annonce.publiee_le).where(Annonce.id == numero).first()


@pytest.mark.parametrize("statut", STATUTS)
async def test_every_pair_for_every_actor(statut):
    acteurs = await _acteurs()
    for action in ACTIONS:
        for nom, qualite in QUALITES.items():
            lignes = [g for g in GOLDEN if g[:2] == (statut, action) and g[3] == qualite]
            for accepte in ((True, False) if action == "republier" else (None,)):
                numero = await creer_annonce(acteurs["praticien"], statut=statut)
                if accepte:  # republier: the content is the one accepted, straight back on line
                    await Annonce.update({Annonce.empreinte_acceptee: await empreinte_actuelle(numero)}).where(
                        Annonce.id == numero)
                avant = await _etat(numero)
                events, mails = await AnnonceEvenement.count(), await Notification.count()
                try:
                    resultat = await statuts.appliquer(numero, action, acteurs[nom], motif="motif")
                except (PermissionError, statuts.ActionRefusee):
                    assert not lignes, (statut, action, nom)
                    assert await _etat(numero) == avant
                    assert await AnnonceEvenement.count() == events
                    assert await Notification.count() == mails
                    continue
                assert lignes, (statut, action, nom)
                _, _, vers, _, horodatage, notification = lignes[0 if accepte in (True, None) else 1]
                apres = await _etat(numero)
                assert resultat.statut == apres["statut"] == vers, (statut, action, nom, accepte)
                assert apres["version"] == 1
                for colonne in ("transmise_le", "publiee_le", "supprimee_le"):
                    change = apres[colonne] != avant[colonne]
                    assert change == (colonne == horodatage), (statut, action, colonne)
                natures = (await Notification.select(Notification.nature).order_by(Notification.id).output(
                    as_list=True))[mails:]
                assert natures == ([notification] if notification else []), (statut, action, nom)


async def test_a_stale_version_is_a_conflict():
    acteurs = await _acteurs()
    numero = await creer_annonce(acteurs["praticien"], statut="en_attente")
    await statuts.appliquer(numero, "accepter", acteurs["cd38"], version=0)
    with pytest.raises(statuts.Conflit):
        await statuts.appliquer(numero, "refuser", acteurs["cnom"], version=0, motif="trop tard")
    assert await AnnonceEvenement.count().where(AnnonceEvenement.annonce == numero) == 1


async def test_the_refusal_counter_and_the_republication_guard():
    acteurs = await _acteurs()
    numero = await creer_annonce(acteurs["praticien"], statut="en_attente")
    await statuts.appliquer(numero, "refuser", acteurs["cd38"], motif="Titre trompeur")
    row = await Annonce.select(Annonce.refus, Annonce.motif_refus).where(Annonce.id == numero).first()
    assert row == {"refus": 1, "motif_refus": "Titre trompeur"}
    passee = await creer_annonce(acteurs["praticien"], statut="depubliee",
                                 fin=horloge.aujourdhui() - timedelta(days=1))
    with pytest.raises(statuts.ActionRefusee, match="La fin de publication est passée"):
        await statuts.appliquer(passee, "republier", acteurs["auteur"])
