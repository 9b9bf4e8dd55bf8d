"""Account takeover (issue 15 item 3): "Créer votre espace", the Ordre e-mail, sessions after a password change.

Before the fix, RPPS + nom + date de naissance + any e-mail created the account with a link to the typed
address; the Ordre e-mail moved to any address at once, unknown to the old one; sessions outlived resets.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from litestar.testing import AsyncTestClient

from tables.comptes import Compte, DemandeEspace
from tables.coordonnees import ChangementEmail, Coordonnee
from tests.support import (
    MOT_DE_PASSE,
    creer_compte,
    creer_praticien,
    drain,
    lien,
    login,
    mails,
    medecin,
    naissance,
    post,
)
from web.app import create_app
from web.coordonnees.rules import email_ordre

DURAND = {"rpps": "10005170625", "nom": "Durand", **naissance("1980-03-14")}
MOREAU = {"rpps": "10007654329", "nom": "Moreau", **naissance("1995-02-11")}
IDENTIFIANTS = {"identifiant": "camille.d", "mot_de_passe": MOT_DE_PASSE, "confirmation": MOT_DE_PASSE}
PIRATE = "pirate@exemple.fr"


@asynccontextmanager
async def navigateur():
    """Another browser: its own cookies, so its own session."""
    async with AsyncTestClient(app=create_app(), base_url="http://testserver.local") as autre:
        yield autre


def _a(mail_dir, adresse: str) -> list:
    return [m for m in mails(mail_dir) if m["To"] == adresse]


async def test_a_typed_email_never_receives_the_creation_link(client, mail_dir):
    await creer_praticien(email=None, tableau="camille@exemple.fr")
    response = await post(client, "/inscription", {**DURAND, "email": PIRATE, "etape": "courriel"}, htmx=True)
    assert "c****@exemple.fr" in response.text and PIRATE not in response.text
    await drain()
    assert [m["To"] for m in mails(mail_dir)] == ["camille@exemple.fr"]
    assert await Compte.count() == 0  # knowing RPPS, nom and birth date creates nothing


async def test_creation_from_the_tableau_email_end_to_end(client, mail_dir):
    await creer_praticien(email=None, tableau="camille@exemple.fr")
    await post(client, "/inscription", DURAND, htmx=True)
    await drain()
    [message] = _a(mail_dir, "camille@exemple.fr")
    path = lien(message)
    assert path.startswith("/inscription/activer/")
    assert "Votre espace est créé" in (await post(client, path, IDENTIFIANTS, htmx=True)).text
    assert (await login(client, "camille.d")).headers["location"] == "/espace"
    assert "camille@exemple.fr" in (await client.get("/espace")).text
    assert (await client.get(path)).status_code == 410


async def _demande_au_conseil(client, email: str = "h.moreau@exemple.fr") -> int:
    step = await post(client, "/inscription", MOREAU, htmx=True)
    assert step.status_code == 200 and "ne contient pas encore d'adresse e-mail" in step.text
    done = await post(client, "/inscription", {**MOREAU, "email": email, "etape": "courriel"}, htmx=True)
    assert "Votre demande est transmise à votre conseil départemental (Isère)" in done.text
    return (await DemandeEspace.select(DemandeEspace.id).where(DemandeEspace.email == email).first())["id"]


async def test_without_a_tableau_email_the_council_validates_the_identity(client, mail_dir):
    await creer_praticien(rpps="10007654329", nom="MOREAU", prenom="Hugo", email=None, qualite="interne",
                          naissance="1995-02-11")
    await creer_compte("cd38@demo.ordre.test", role="gestionnaire", conseil="CD38")
    demande = await _demande_au_conseil(client)
    await drain()
    [recu] = _a(mail_dir, "h.moreau@exemple.fr")
    assert "est reçue" in recu["Subject"] and "/inscription/activer/" not in recu.get_body(("plain",)).get_content()

    await login(client, "cd38@demo.ordre.test", url="/gestion/connexion")
    file = await client.get("/gestion/identites")
    assert "Hugo MOREAU – RPPS 10007654329" in file.text and "h.moreau@exemple.fr" in file.text
    response = await post(client, f"/gestion/identites/{demande}/valider")
    assert response.status_code == 303
    assert "L&#39;identité est validée" in (await client.get(response.headers["location"])).text
    await drain()
    valide = _a(mail_dir, "h.moreau@exemple.fr")[-1]
    assert "identité est vérifiée" in valide["Subject"]
    async with navigateur() as medecin_moreau:
        assert "Votre espace est créé" in (await post(medecin_moreau, lien(valide), {
            **IDENTIFIANTS, "identifiant": "hugo.m"}, htmx=True)).text
        assert (await login(medecin_moreau, "hugo.m")).headers["location"] == "/espace"
    assert (await Compte.select(Compte.role).where(Compte.identifiant == "hugo.m").first())["role"] == "interne"


async def test_the_council_refuses_with_a_motif_mailed_in_french(client, mail_dir):
    await creer_praticien(rpps="10007654329", nom="MOREAU", email=None, naissance="1995-02-11")
    await creer_compte("cd38@demo.ordre.test", role="gestionnaire", conseil="CD38")
    demande = await _demande_au_conseil(client, PIRATE)
    await login(client, "cd38@demo.ordre.test", url="/gestion/connexion")
    vide = await post(client, f"/gestion/identites/{demande}/refuser", {"motif": ""}, htmx=True)
    assert vide.status_code == 422 and "Ce champ est obligatoire." in vide.text
    await post(client, f"/gestion/identites/{demande}/refuser", {"motif": "Adresse inconnue du praticien."})
    await drain()
    refus = _a(mail_dir, PIRATE)[-1]
    assert "refusée" in refus["Subject"] and "Motif : Adresse inconnue du praticien." in refus.get_body(
        ("plain",)).get_content()
    assert "Aucune demande d'identité à vérifier" in (await client.get("/gestion/identites")).text
    again = await post(client, f"/gestion/identites/{demande}/valider", htmx=True)
    assert again.status_code == 422 and "Cette demande a déjà été traitée." in again.text
    assert await Compte.count() == 1


async def test_the_rhone_council_neither_sees_nor_acts_on_an_isere_request(client, mail_dir):
    await creer_praticien(rpps="10007654329", nom="MOREAU", email=None, naissance="1995-02-11")
    await creer_compte("cd69@demo.ordre.test", role="gestionnaire", conseil="CD69")
    demande = await _demande_au_conseil(client)
    await login(client, "cd69@demo.ordre.test", url="/gestion/connexion")
    assert "MOREAU" not in (await client.get("/gestion/identites")).text
    for action, data in (("valider", {}), ("refuser", {"motif": "x"}), ("refuser", {"motif": ""})):
        response = await post(client, f"/gestion/identites/{demande}/{action}", data)
        assert response.status_code == 404 and "La page demandée n&#39;existe pas" in response.text
    assert (await DemandeEspace.select(DemandeEspace.statut).first())["statut"] == "a_valider"
    await drain()
    assert len(mails(mail_dir)) == 1  # the "request received" one only


async def _changer_email_ordre(client) -> None:
    """Dr Durand (Ordre e-mail c.durand@) adds a row with the attacker's address and gives it the Ordre usage."""
    await post(client, "/espace/coordonnees", {"email": PIRATE}, htmx=True)
    nouvelle = (await Coordonnee.select(Coordonnee.id).where(Coordonnee.email == PIRATE).first())["id"]
    response = await post(client, "/espace/coordonnees/affectations", {"ordre_email": nouvelle}, htmx=True)
    assert "Changement en attente : votre e-mail de l'Ordre deviendra pirate@exemple.fr" in response.text


async def test_the_ordre_email_moves_only_after_the_new_address_follows_its_link(client, mail_dir):
    pid = await medecin()
    await login(client)
    await _changer_email_ordre(client)
    assert await email_ordre(pid) == "c.durand@exemple.fr"
    await drain()
    [avis] = _a(mail_dir, "c.durand@exemple.fr")
    assert "pirate@exemple.fr" in avis.get_body(("plain",)).get_content() and "/ce-n-est-pas-moi/" in lien(avis)
    # a reset asked now still goes to the old address
    await post(client, "/identifiants-oublies", {"recherche": "dr.durand"}, htmx=True)
    await drain()
    assert "Vos identifiants" in _a(mail_dir, "c.durand@exemple.fr")[-1]["Subject"]
    [confirmer] = _a(mail_dir, PIRATE)
    path = lien(confirmer)
    assert "Confirmer ce changement" in (await client.get(path)).text  # a GET (a mail scanner) changes nothing
    assert await email_ordre(pid) == "c.durand@exemple.fr"
    assert "Votre e-mail de l&#39;Ordre est maintenant pirate@exemple.fr" in (await post(client, path)).text
    assert await email_ordre(pid) == PIRATE


async def test_editing_the_ordre_rows_email_waits_for_the_link_too(client, mail_dir):
    pid = await medecin()
    await login(client)
    ligne = (await Coordonnee.select(Coordonnee.id).where(Coordonnee.praticien == pid).first())["id"]
    response = await post(client, f"/espace/coordonnees/{ligne}", {"email": PIRATE, "mobile": "0611111111"},
                          htmx=True)
    assert "sauf votre nouvel e-mail de l&#39;Ordre" in response.text
    row = await Coordonnee.select().where(Coordonnee.id == ligne).first()
    assert row["email"] == "c.durand@exemple.fr" and row["mobile"] == "06 11 11 11 11"
    await drain()
    await post(client, lien(_a(mail_dir, PIRATE)[0]))
    assert await email_ordre(pid) == PIRATE


async def test_ce_n_est_pas_moi_cancels_ends_sessions_and_tells_the_council(client, mail_dir):
    pid = await medecin()
    await creer_compte("cd38@demo.ordre.test", role="gestionnaire", conseil="CD38")
    await login(client)
    await _changer_email_ordre(client)
    await drain()
    pas_moi, confirmer = lien(_a(mail_dir, "c.durand@exemple.fr")[0]), lien(_a(mail_dir, PIRATE)[0])
    async with navigateur() as proprietaire:
        assert "Annuler ce changement" in (await proprietaire.get(pas_moi)).text
        response = await post(proprietaire, pas_moi)
        assert "Le changement de votre e-mail de l&#39;Ordre est annulé" in response.text
    assert (await client.get("/espace", follow_redirects=False)).headers["location"].startswith("/connexion")
    assert (await post(client, confirmer)).status_code == 410
    assert await email_ordre(pid) == "c.durand@exemple.fr"
    assert (await ChangementEmail.select(ChangementEmail.statut).first())["statut"] == "annule"
    await drain()
    [conseil] = _a(mail_dir, "cd38@demo.ordre.test")
    assert "contesté" in conseil["Subject"] and "10005170625" in conseil.get_body(("plain",)).get_content()


async def test_ce_n_est_pas_moi_undoes_a_change_already_confirmed(client, mail_dir):
    pid = await medecin()
    await login(client)
    await _changer_email_ordre(client)
    await drain()
    await post(client, lien(_a(mail_dir, PIRATE)[0]))
    assert await email_ordre(pid) == PIRATE
    async with navigateur() as proprietaire:
        await post(proprietaire, lien(_a(mail_dir, "c.durand@exemple.fr")[0]))
    assert await email_ordre(pid) == "c.durand@exemple.fr"


async def test_a_password_reset_ends_every_session(client, mail_dir):
    await medecin()
    await login(client)
    async with navigateur() as autre:
        await login(autre)
        await post(autre, "/identifiants-oublies", {"recherche": "dr.durand"}, htmx=True)
        await drain()
        nouveau = "Une toute nouvelle phrase de passe"
        await post(autre, lien(mails(mail_dir)[-1]), {"mot_de_passe": nouveau, "confirmation": nouveau}, htmx=True)
        for navig in (client, autre):
            assert (await navig.get("/espace", follow_redirects=False)).headers["location"].startswith("/connexion")


async def test_a_password_change_ends_every_other_session(client):
    await medecin()
    async with navigateur() as autre:
        await login(autre)
        await login(client)
        faux = await post(client, "/espace/mot-de-passe", {"actuel": "pas le bon mot de passe", "mot_de_passe":
                                                            "Une autre phrase de passe", "confirmation":
                                                            "Une autre phrase de passe"}, htmx=True)
        assert faux.status_code == 422 and "Le mot de passe actuel est incorrect." in faux.text
        assert (await autre.get("/espace")).status_code == 200
        nouveau = "Une toute nouvelle phrase de passe"
        response = await post(client, "/espace/mot-de-passe", {"actuel": MOT_DE_PASSE, "mot_de_passe": nouveau,
                                                               "confirmation": nouveau}, htmx=True)
        assert "Votre mot de passe est modifié" in response.text
        assert (await autre.get("/espace", follow_redirects=False)).headers["location"].startswith("/connexion")
        assert "DURAND" in (await client.get("/espace")).text  # this browser stays logged in
    assert (await login(client, mot_de_passe=nouveau)).status_code == 303
