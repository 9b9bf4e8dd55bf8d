"""The authorisation matrix, generated from the app's route table (ASVS V4.1, V4.2).

Every route × {anonymous, médecin (owner), interne, another médecin, gestionnaire of the perimeter,
gestionnaire of another perimeter, national} is asserted; a route missing from ACCES fails the suite.
"""

from __future__ import annotations

import io
import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image

from tables.alertes import RechercheEnregistree, Signalement
from tables.annonces import AnnoncePhoto
from tables.certification import ActionCertification, PreuveAction
from tables.comptes import Cle, Compte, DemandeEspace
from tables.coordonnees import Coordonnee
from tables.demarches import Dossier
from tables.documents import DocumentEmis
from tables.messages import Message, Notification
from tables.pieces import DossierMessage, DossierNote, DossierPiece
from tables.services import DossierPartie
from tables.territoires import Seance
from tests.annonces_support import creer_annonce
from tests.cotisations_support import cotisation
from tests.security.matrice import ACCES, ACTEURS, CATEGORIES
from tests.support import creer_compte, creer_praticien, medecin
from web.certification.periode import ouvrir
from web.fichiers import stockage
from web.fichiers.usages import FICHIERS_MESSAGE, FICHIERS_NOTE, PHOTOS_ANNONCE, PIECES_DOSSIER, PREUVES_CERTIFICATION
from web.fichiers.verifier import verifier


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def _routes() -> set[tuple[str, str]]:
    from web.app import create_app

    found = set()
    for route in create_app().routes:
        for handler in route.route_handlers:
            for method in handler.http_methods - {"OPTIONS", "HEAD"}:
                found.add((method, route.path))
    return found


def test_every_route_has_an_entry_in_the_matrix():
    assert _routes() - set(ACCES) == set(), "add the new routes to ACCES"
    assert set(ACCES) - _routes() == set(), "remove routes that no longer exist"


async def _monde() -> dict:
    """The world of one cell: the actors' accounts and one object of each kind owned by the médecin."""
    pid = await medecin()
    await medecin("dr.interne", rpps="10101473782", email="i@exemple.fr", qualite="interne")
    await medecin("dr.autre", rpps="10003456786", email="a@exemple.fr")
    comptes = {r["identifiant"]: r["id"] for r in await Compte.select(Compte.id, Compte.identifiant)}
    ids = {"medecin": comptes["dr.durand"], "interne": comptes["dr.interne"], "autre": comptes["dr.autre"],
           "cd38": await creer_compte("cd38@demo.ordre.test", role="gestionnaire", conseil="CD38"),
           "cd69": await creer_compte("cd69@demo.ordre.test", role="gestionnaire", conseil="CD69"),
           "cnom": await creer_compte("cnom@demo.ordre.test", role="national"),
           "entraide": await creer_compte("entraide@demo.ordre.test", role="national")}
    await Compte.update({Compte.habilitations: "entraide"}).where(Compte.id == ids["entraide"])
    pub = await creer_annonce(pid)
    att = await creer_annonce(pid, statut="en_attente")
    fichier = stockage.stocker(PHOTOS_ANNONCE, verifier(PHOTOS_ANNONCE, "p.png", _png()))
    await AnnoncePhoto.insert(AnnoncePhoto(annonce=pub, fichier=fichier, nom_original="p.png",
                                           type_mime="image/png", taille=3))
    sans_email = await creer_praticien(rpps="10007654329", nom="MOREAU", email=None, qualite="interne")
    dem = await DemandeEspace.insert(DemandeEspace(praticien=sans_email, email="h.moreau@exemple.fr",
                                                   statut="a_valider")).returning(DemandeEspace.id)
    cid2 = (await Coordonnee.insert(Coordonnee(praticien=pid, mobile="06 11 11 11 11")).returning(Coordonnee.id))
    dossier = await Dossier.insert(Dossier(numero="D-2026-999999", type="inscription", compte=ids["medecin"],
                                           praticien=pid, departement="38", statut="en_construction"))
    await DocumentEmis.insert(DocumentEmis(code="ABCD-EFGH-JKMN", dossier=dossier[0]["id"], genre="recepisse",
                                           titre="Récépissé de dépôt", titulaire="Camille DURAND",
                                           contenu={"entete": "e", "titre": "t", "code": "ABCD-EFGH-JKMN", "url": "u"}))
    ids.update(await _fichiers_du_dossier(dossier[0]["id"], ids["medecin"]))
    await DossierPartie.insert(DossierPartie(dossier=dossier[0]["id"], rpps="10003456786"))  # dr.autre
    await Dossier.insert(Dossier(numero="D-2026-999998", type="controle_certification", compte=ids["medecin"],
                                 praticien=pid, departement="38", statut="en_instruction"))
    ids.update(await _action_certification(pid))
    ids["cot"] = await cotisation(pid, regle=33500)  # paid: its reçu exists
    ids.update(
        pub=pub, att=att, photo=fichier, cid2=cid2[0]["id"], dem=dem[0]["id"],
        dossier="D-2026-999999", doc="ABCD-EFGH-JKMN", controle="D-2026-999998",
        seance=(await Seance.insert(Seance(conseil="CD38", lieu="Grenoble")).returning(Seance.id))[0]["id"],
        cid=(await Coordonnee.select(Coordonnee.id).where(Coordonnee.praticien == pid).first())["id"],
        mid=(await Message.insert(Message(compte=ids["medecin"], sujet="s", texte="t", sujet_type="annonce",
                                          sujet_id=pub)).returning(Message.id))[0]["id"],
        rid=(await RechercheEnregistree.insert(RechercheEnregistree(
            compte=ids["medecin"], nom="r", requete="", jeton="j")).returning(RechercheEnregistree.id))[0]["id"],
        sid=(await Signalement.insert(Signalement(annonce=pub, auteur=ids["autre"], motif="autre")
                                      ).returning(Signalement.id))[0]["id"],
        nid=(await Notification.insert(Notification(
            nature="x", destinataire="x@exemple.fr", sujet="s", texte="t", html="h", message_id="<m@x>",
            echec_le=datetime.now(UTC) - timedelta(minutes=1))).returning(Notification.id))[0]["id"],
    )
    return ids


async def _fichiers_du_dossier(dossier: int, auteur: int) -> dict:
    """A document to withdraw, one to correct, a message's attachment and a note's file, all really stored."""
    def stocke(usage) -> dict:
        return {"fichier": stockage.stocker(usage, verifier(usage, "p.png", _png())), "nom_original": "p.png",
                "type_mime": "image/png"}

    async def ligne(table, **valeurs) -> int:
        return (await table.insert(table(dossier=dossier, **valeurs)).returning(table.id))[0]["id"]

    return {"piece": await ligne(DossierPiece, piece="identite", taille=3, **stocke(PIECES_DOSSIER)),
            "piece_corr": await ligne(DossierPiece, piece="identite", taille=3, statut="a_corriger",
                                      **stocke(PIECES_DOSSIER)),
            "dmsg": await ligne(DossierMessage, auteur=auteur, texte="t", **stocke(FICHIERS_MESSAGE)),
            "dnote": await ligne(DossierNote, auteur=auteur, auteur_libelle="x", texte="n", **stocke(FICHIERS_NOTE))}


async def _action_certification(praticien: int) -> dict:
    """A declared action of the médecin's carnet, with a proof really stored."""
    carnet = await ouvrir(praticien)
    act = (await ActionCertification.insert(ActionCertification(
        carnet=carnet["id"], bloc=1, intitule="Formation", statut="declaree")).returning(ActionCertification.id))
    fichier = stockage.stocker(PREUVES_CERTIFICATION, verifier(PREUVES_CERTIFICATION, "p.png", _png()))
    pcert = await PreuveAction.insert(PreuveAction(action=act[0]["id"], fichier=fichier, nom_original="p.png",
                                                   type_mime="image/png", taille=3)).returning(PreuveAction.id)
    return {"act": act[0]["id"], "pcert": pcert[0]["id"]}


async def _connecter(client, monde: dict, acteur: str) -> None:
    """A session planted straight in the store (no password hashing per cell)."""
    client.cookies.delete("monespace_session")
    if acteur == "anonyme":
        return
    cle = f"test-{acteur}-{time.monotonic_ns()}"
    await Cle.insert(Cle(cle=cle, valeur=json.dumps({"compte_id": monde[acteur], "debut": time.time()}),
                         expire_le=datetime.now(UTC) + timedelta(minutes=30)))
    client.cookies.set("monespace_session", cle, domain="testserver.local")


def _issue(response) -> str:
    location = response.headers.get("location", "")
    if response.status_code in (302, 303) and ("/connexion?next=" in location):
        return "login"
    if response.status_code in (401, 403, 404):
        return "refus"
    return "ok"


@pytest.mark.parametrize("cle", sorted(ACCES), ids=lambda c: f"{c[0]} {c[1]}")
async def test_matrix(client, cle):
    categorie, modele, data = ACCES[cle]
    monde = await _monde()
    url = modele.format(**{k: v for k, v in monde.items()})
    attendu = CATEGORIES[categorie]
    await client.get("/connexion")  # the CSRF cookie
    token = client.cookies.get("monespace_csrf")
    # Refusals first (they change nothing), then the actors allowed to act.
    for acteur in sorted(ACTEURS, key=lambda a: attendu[a] == "ok"):
        await _connecter(client, monde, acteur)
        if data is None:
            response = await client.get(url, follow_redirects=False)
        else:
            response = await client.post(url, data={**data, "_csrf_token": token}, follow_redirects=False)
        assert _issue(response) == attendu[acteur], (cle, acteur, response.status_code)
