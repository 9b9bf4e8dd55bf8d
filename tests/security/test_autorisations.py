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
from tables.comptes import Cle, Compte, DemandeEspace
from tables.coordonnees import Coordonnee
from tables.demarches import Dossier
from tables.documents import DocumentEmis
from tables.messages import Message, Notification
from tables.pieces import DossierMessage, DossierNote, DossierPiece
from tables.territoires import Seance
from tests.annonces_support import creer_annonce
from tests.support import creer_compte, creer_praticien, medecin
from web.fichiers import stockage
from web.fichiers.usages import FICHIERS_MESSAGE, FICHIERS_NOTE, PHOTOS_ANNONCE, PIECES_DOSSIER
from web.fichiers.verifier import verifier

ACTEURS = ["anonyme", "medecin", "interne", "autre", "cd38", "cd69", "cnom"]
# Category -> expected outcome per actor: "ok", "login" (sent to log in), "refus" (403 or 404).
CATEGORIES = {
    "public": dict.fromkeys(ACTEURS, "ok"),
    "praticien": {"anonyme": "login", "medecin": "ok", "interne": "ok", "autre": "ok", "cd38": "refus",
                  "cd69": "refus", "cnom": "refus"},
    "non_auteur": {"anonyme": "login", "medecin": "refus", "interne": "ok", "autre": "ok", "cd38": "refus",
                   "cd69": "refus", "cnom": "refus"},
    "proprietaire": {"anonyme": "login", "medecin": "ok", "interne": "refus", "autre": "refus", "cd38": "refus",
                     "cd69": "refus", "cnom": "refus"},
    "ordre": {"anonyme": "login", "medecin": "refus", "interne": "refus", "autre": "refus", "cd38": "ok",
              "cd69": "ok", "cnom": "ok"},
    "perimetre": {"anonyme": "login", "medecin": "refus", "interne": "refus", "autre": "refus", "cd38": "ok",
                  "cd69": "refus", "cnom": "ok"},
    "national": {"anonyme": "login", "medecin": "refus", "interne": "refus", "autre": "refus", "cd38": "refus",
                 "cd69": "refus", "cnom": "ok"},
    "interne": {"anonyme": "login", "medecin": "refus", "interne": "ok", "autre": "refus", "cd38": "refus",
                "cd69": "refus", "cnom": "refus"},
    "photo": {"anonyme": "login", "medecin": "ok", "interne": "ok", "autre": "ok", "cd38": "ok", "cd69": "refus",
              "cnom": "ok"},
}
# (method, route path) -> (category, concrete URL, form data)
ACCES = {
    ("GET", "/"): ("public", "/", None),
    ("GET", "/sante"): ("public", "/sante", None),
    ("GET", "/connexion"): ("public", "/connexion", None),
    ("POST", "/connexion"): ("public", "/connexion", {"identifiant": "x"}),
    ("POST", "/deconnexion"): ("public", "/deconnexion", {}),
    ("GET", "/inscription"): ("public", "/inscription", None),
    ("POST", "/inscription"): ("public", "/inscription", {"rpps": "1"}),
    ("GET", "/inscription/activer/{jeton:str}"): ("public", "/inscription/activer/inconnu", None),
    ("POST", "/inscription/activer/{jeton:str}"): ("public", "/inscription/activer/inconnu", {}),
    ("GET", "/coordonnees/email-ordre/{jeton:str}"): ("public", "/coordonnees/email-ordre/inconnu", None),
    ("POST", "/coordonnees/email-ordre/{jeton:str}"): ("public", "/coordonnees/email-ordre/inconnu", {}),
    ("GET", "/coordonnees/ce-n-est-pas-moi/{jeton:str}"): ("public", "/coordonnees/ce-n-est-pas-moi/inconnu", None),
    ("POST", "/coordonnees/ce-n-est-pas-moi/{jeton:str}"): ("public", "/coordonnees/ce-n-est-pas-moi/inconnu", {}),
    ("GET", "/identifiants-oublies"): ("public", "/identifiants-oublies", None),
    ("POST", "/identifiants-oublies"): ("public", "/identifiants-oublies", {"recherche": ""}),
    ("GET", "/identifiants-oublies/{jeton:str}"): ("public", "/identifiants-oublies/inconnu", None),
    ("POST", "/identifiants-oublies/{jeton:str}"): ("public", "/identifiants-oublies/inconnu", {}),
    ("GET", "/gestion/connexion"): ("public", "/gestion/connexion", None),
    ("POST", "/gestion/connexion"): ("public", "/gestion/connexion", {"identifiant": "x"}),
    ("GET", "/alertes/desabonner/{jeton:str}"): ("public", "/alertes/desabonner/j", None),
    ("GET", "/static/{fichier:str}"): ("public", "/static/app.css", None),
    ("GET", "/accessibilite"): ("public", "/accessibilite", None),
    ("GET", "/mentions-legales"): ("public", "/mentions-legales", None),
    ("GET", "/donnees-personnelles"): ("public", "/donnees-personnelles", None),
    ("GET", "/contact"): ("public", "/contact", None),
    ("GET", "/espace"): ("praticien", "/espace", None),
    ("GET", "/espace/demarches/archivees"): ("praticien", "/espace/demarches/archivees", None),
    ("GET", "/espace/messages"): ("praticien", "/espace/messages", None),
    ("GET", "/espace/messages/{message_id:int}"): ("proprietaire", "/espace/messages/{mid}", None),
    ("GET", "/espace/messages/fils/{sujet_type:str}/{sujet_id:int}"): ("proprietaire",
                                                                       "/espace/messages/fils/annonce/{pub}", None),
    ("GET", "/espace/services/{slug:str}"): ("praticien", "/espace/services/cotisations", None),
    ("GET", "/espace/coordonnees"): ("praticien", "/espace/coordonnees", None),
    ("GET", "/espace/coordonnees/communes"): ("praticien", "/espace/coordonnees/communes?code_postal=38500", None),
    ("POST", "/espace/coordonnees"): ("praticien", "/espace/coordonnees", {"email": "x@exemple.fr"}),
    ("POST", "/espace/coordonnees/affectations"): ("praticien", "/espace/coordonnees/affectations", {}),
    ("POST", "/espace/coordonnees/{coordonnee_id:int}"): ("proprietaire", "/espace/coordonnees/{cid}",
                                                           {"mobile": "0611111111", "email": "c.durand@exemple.fr"}),
    ("POST", "/espace/coordonnees/{coordonnee_id:int}/supprimer"): ("proprietaire",
                                                                     "/espace/coordonnees/{cid2}/supprimer", {}),
    ("GET", "/espace/parametres"): ("praticien", "/espace/parametres", None),
    ("GET", "/espace/mot-de-passe"): ("praticien", "/espace/mot-de-passe", None),
    ("POST", "/espace/mot-de-passe"): ("praticien", "/espace/mot-de-passe", {"actuel": ""}),
    ("POST", "/espace/parametres"): ("praticien", "/espace/parametres", {}),
    ("GET", "/espace/parametres/mes-donnees"): ("praticien", "/espace/parametres/mes-donnees", None),
    ("GET", "/espace/recherches"): ("praticien", "/espace/recherches", None),
    ("POST", "/espace/recherches"): ("praticien", "/espace/recherches", {"nom": "x", "requete": ""}),
    ("POST", "/espace/recherches/{recherche_id:int}"): ("proprietaire", "/espace/recherches/{rid}", {"nom": "y"}),
    ("POST", "/espace/recherches/{recherche_id:int}/supprimer"): ("proprietaire",
                                                                   "/espace/recherches/{rid}/supprimer", {}),
    ("GET", "/demarches"): ("praticien", "/demarches", None),
    ("GET", "/demarches/commencer/{cle:str}"): ("interne", "/demarches/commencer/inscription", None),
    ("POST", "/demarches/commencer/{cle:str}"): ("interne", "/demarches/commencer/inscription",
                                                 {"docteur_junior": "oui"}),
    ("GET", "/demarches/{numero:str}"): ("proprietaire", "/demarches/{dossier}", None),
    ("GET", "/demarches/{numero:str}/reprendre"): ("proprietaire", "/demarches/{dossier}/reprendre", None),
    ("GET", "/demarches/{numero:str}/sections/{section:str}"): ("proprietaire",
                                                                "/demarches/{dossier}/sections/identite", None),
    ("POST", "/demarches/{numero:str}/sections/{section:str}"): ("proprietaire",
                                                                 "/demarches/{dossier}/sections/identite", {}),
    ("POST", "/demarches/{numero:str}/complements"): ("proprietaire", "/demarches/{dossier}/complements", {}),
    ("POST", "/demarches/{numero:str}/transmettre"): ("proprietaire", "/demarches/{dossier}/transmettre", {}),
    ("POST", "/demarches/{numero:str}/deposer/{cle:str}"): ("proprietaire", "/demarches/{dossier}/deposer/identite",
                                                            {}),
    ("POST", "/demarches/{numero:str}/pieces/{piece_id:int}/remplacer"): (
        "proprietaire", "/demarches/{dossier}/pieces/{piece_corr}/remplacer", {}),
    ("POST", "/demarches/{numero:str}/pieces/{piece_id:int}/supprimer"): (
        "proprietaire", "/demarches/{dossier}/pieces/{piece}/supprimer", {}),
    ("GET", "/demarches/{numero:str}/pieces/{piece_id:int}/fichier"): (
        "proprietaire", "/demarches/{dossier}/pieces/{piece}/fichier", None),
    ("POST", "/demarches/{numero:str}/messages"): ("proprietaire", "/demarches/{dossier}/messages", {"texte": "x"}),
    ("GET", "/demarches/{numero:str}/messages/{message_id:int}/fichier"): (
        "proprietaire", "/demarches/{dossier}/messages/{dmsg}/fichier", None),
    ("GET", "/lieux"): ("public", "/lieux?q=gre", None),
    ("GET", "/annonces"): ("praticien", "/annonces", None),
    ("GET", "/annonces/carte"): ("praticien", "/annonces/carte", None),
    ("GET", "/annonces/regles"): ("praticien", "/annonces/regles", None),
    ("GET", "/annonces/{numero:int}"): ("photo", "/annonces/{pub}", None),  # the council of its perimeter too
    ("POST", "/annonces/contact"): ("praticien", "/annonces/contact", {"choix": "refuser"}),
    ("GET", "/annonces/deposer"): ("praticien", "/annonces/deposer", None),
    ("POST", "/annonces/deposer"): ("praticien", "/annonces/deposer", {"categorie": "remplacement"}),
    ("GET", "/annonces/situations"): ("praticien", "/annonces/situations?categorie=adjuvat", None),
    ("GET", "/annonces/periode"): ("praticien", "/annonces/periode", None),
    ("GET", "/annonces/gerer"): ("praticien", "/annonces/gerer", None),
    ("GET", "/annonces/{numero:int}/modifier"): ("proprietaire", "/annonces/{pub}/modifier", None),
    ("POST", "/annonces/{numero:int}/modifier"): ("proprietaire", "/annonces/{pub}/modifier", {"titre": "x"}),
    ("POST", "/annonces/{numero:int}/fin-publication"): ("proprietaire", "/annonces/{pub}/fin-publication",
                                                         {"fin_publication": "bad"}),
    ("POST", "/annonces/{numero:int}/{action:str}"): ("proprietaire", "/annonces/{pub}/depublier", {}),
    ("POST", "/annonces/{numero:int}/contacter"): ("praticien", "/annonces/{pub}/contacter", {"message": ""}),
    ("POST", "/annonces/{numero:int}/signaler"): ("non_auteur", "/annonces/{pub}/signaler", {"motif": ""}),
    ("GET", "/annonces/photos/{fichier:str}"): ("photo", "/annonces/photos/{photo}", None),
    ("GET", "/gestion"): ("ordre", "/gestion", None),
    ("GET", "/gestion/charte"): ("ordre", "/gestion/charte", None),
    ("GET", "/gestion/panneau"): ("ordre", "/gestion/panneau", None),
    ("GET", "/gestion/annonces/{numero:int}"): ("ordre", "/gestion/annonces/{att}", None),
    ("GET", "/gestion/annonces/{numero:int}/historique"): ("perimetre", "/gestion/annonces/{att}/historique",
                                                            None),
    ("POST", "/gestion/annonces/{numero:int}/accepter"): ("perimetre", "/gestion/annonces/{att}/accepter",
                                                          {"version": "0"}),
    ("POST", "/gestion/annonces/{numero:int}/refuser"): ("perimetre", "/gestion/annonces/{att}/refuser",
                                                         {"motif": ""}),
    ("POST", "/gestion/accepter-lot"): ("ordre", "/gestion/accepter-lot", {}),
    ("GET", "/gestion/signalements"): ("ordre", "/gestion/signalements", None),
    ("POST", "/gestion/signalements/{signalement_id:int}/{decision:str}"): ("perimetre",
                                                                            "/gestion/signalements/{sid}/ecarte", {}),
    ("GET", "/gestion/demarches"): ("ordre", "/gestion/demarches?onglet=traites", None),
    ("GET", "/gestion/demarches/{numero:str}"): ("perimetre", "/gestion/demarches/{dossier}", None),
    ("POST", "/gestion/demarches/{numero:str}/complements"): ("perimetre", "/gestion/demarches/{dossier}/complements",
                                                              {"raison": "x"}),
    ("POST", "/gestion/demarches/{numero:str}/complet"): ("perimetre", "/gestion/demarches/{dossier}/complet",
                                                          {"complet_le": "x"}),
    ("POST", "/gestion/demarches/{numero:str}/actions/{action:str}"): (
        "perimetre", "/gestion/demarches/{dossier}/actions/refuser", {"motif": ""}),
    ("POST", "/gestion/demarches/{numero:str}/pieces/{piece_id:int}/verdict"): (
        "perimetre", "/gestion/demarches/{dossier}/pieces/{piece}/verdict", {"statut": "verifie"}),
    ("GET", "/gestion/demarches/{numero:str}/pieces/{piece_id:int}/fichier"): (
        "perimetre", "/gestion/demarches/{dossier}/pieces/{piece}/fichier", None),
    ("POST", "/gestion/demarches/{numero:str}/messages"): ("perimetre", "/gestion/demarches/{dossier}/messages",
                                                           {"texte": "x"}),
    ("GET", "/gestion/demarches/{numero:str}/messages/{message_id:int}/fichier"): (
        "perimetre", "/gestion/demarches/{dossier}/messages/{dmsg}/fichier", None),
    ("POST", "/gestion/demarches/{numero:str}/notes"): ("perimetre", "/gestion/demarches/{dossier}/notes",
                                                        {"genre": "note", "texte": "x"}),
    ("GET", "/gestion/demarches/{numero:str}/notes/{note_id:int}/fichier"): (
        "perimetre", "/gestion/demarches/{dossier}/notes/{dnote}/fichier", None),
    ("POST", "/gestion/demarches/{numero:str}/rapporteur"): ("perimetre", "/gestion/demarches/{dossier}/rapporteur",
                                                             {"rapporteur": "Dr X"}),
    ("POST", "/gestion/demarches/{numero:str}/suivre"): ("perimetre", "/gestion/demarches/{dossier}/suivre",
                                                         {"version": "x"}),
    ("POST", "/gestion/demarches/lot"): ("ordre", "/gestion/demarches/lot", {}),
    ("GET", "/gestion/demarches/export.csv"): ("ordre", "/gestion/demarches/export.csv", None),
    ("POST", "/gestion/demarches/{numero:str}/prolonger"): ("perimetre", "/gestion/demarches/{dossier}/prolonger",
                                                            {"version": "x"}),
    ("POST", "/demarches/{numero:str}/entretien"): ("proprietaire", "/demarches/{dossier}/entretien", {"creneau": "0"}),
    ("POST", "/demarches/{numero:str}/entretien/autre"): ("proprietaire", "/demarches/{dossier}/entretien/autre", {}),
    ("POST", "/gestion/demarches/{numero:str}/entretien"): ("perimetre", "/gestion/demarches/{dossier}/entretien",
                                                            {"creneau": "0"}),
    ("POST", "/gestion/demarches/{numero:str}/entretien/{issue:str}"): (
        "perimetre", "/gestion/demarches/{dossier}/entretien/realise", {}),
    ("POST", "/gestion/demarches/{numero:str}/seance"): ("perimetre", "/gestion/demarches/{dossier}/seance",
                                                         {"seance": "0"}),
    ("POST", "/gestion/demarches/{numero:str}/avis/{avis:str}"): (
        "perimetre", "/gestion/demarches/{dossier}/avis/favorable", {}),
    ("POST", "/gestion/demarches/{numero:str}/notification"): (
        "perimetre", "/gestion/demarches/{dossier}/notification", {"notifie_le": ""}),
    ("GET", "/gestion/calendriers/{departement:str}/creneaux"): ("perimetre", "/gestion/calendriers/38/creneaux", None),
    ("POST", "/gestion/calendriers/{departement:str}/creneaux"): ("perimetre", "/gestion/calendriers/38/creneaux",
                                                                  {"date": ""}),
    ("POST", "/gestion/calendriers/{departement:str}/creneaux/{creneau_id:int}/supprimer"): (
        "perimetre", "/gestion/calendriers/38/creneaux/0/supprimer", {}),
    ("GET", "/gestion/calendriers/{departement:str}/seances"): ("perimetre", "/gestion/calendriers/38/seances", None),
    ("POST", "/gestion/calendriers/{departement:str}/seances"): ("perimetre", "/gestion/calendriers/38/seances",
                                                                 {"date": ""}),
    ("GET", "/gestion/calendriers/{departement:str}/seances/{seance_id:int}"): (
        "perimetre", "/gestion/calendriers/38/seances/{seance}", None),
    ("GET", "/gestion/identites"): ("ordre", "/gestion/identites", None),
    ("POST", "/gestion/identites/{demande_id:int}/valider"): ("perimetre", "/gestion/identites/{dem}/valider", {}),
    ("POST", "/gestion/identites/{demande_id:int}/refuser"): ("perimetre", "/gestion/identites/{dem}/refuser",
                                                              {"motif": ""}),
    ("GET", "/territoires"): ("public", "/territoires", None),
    ("GET", "/territoires/{code:str}"): ("public", "/territoires/2A", None),
    ("GET", "/gestion/territoires"): ("ordre", "/gestion/territoires", None),
    ("GET", "/gestion/territoires/{code:str}"): ("perimetre", "/gestion/territoires/38", None),
    ("POST", "/gestion/territoires/{code:str}"): ("perimetre", "/gestion/territoires/38",
                                                  {"logement": "<b>x</b>", "version_logement": "0"}),
    ("POST", "/gestion/territoires/{code:str}/apercu"): ("perimetre", "/gestion/territoires/38/apercu",
                                                         {"logement": "x"}),
    ("GET", "/gestion/notifications"): ("national", "/gestion/notifications", None),
    ("GET", "/demarches/{numero:str}/documents/{code:str}"): ("proprietaire", "/demarches/{dossier}/documents/{doc}",
                                                             None),
    ("GET", "/gestion/demarches/{numero:str}/documents/{code:str}"): (
        "perimetre", "/gestion/demarches/{dossier}/documents/{doc}", None),
    ("GET", "/verifier/{code:str}"): ("public", "/verifier/{doc}", None),
    ("GET", "/gestion/horloge"): ("national", "/gestion/horloge", None),
    ("POST", "/gestion/horloge"): ("national", "/gestion/horloge", {"action": "jour"}),
    ("POST", "/gestion/notifications/{notification_id:int}/renvoyer"): ("national",
                                                                        "/gestion/notifications/{nid}/renvoyer", {}),
}


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
           "cnom": await creer_compte("cnom@demo.ordre.test", role="national")}
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
    ids.update(
        pub=pub, att=att, photo=fichier, cid2=cid2[0]["id"], dem=dem[0]["id"],
        dossier="D-2026-999999", doc="ABCD-EFGH-JKMN",
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
