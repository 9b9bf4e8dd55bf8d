"""Créer votre espace (a link to the Tableau's e-mail, credentials chosen after it) and Identifiants oubliés.

The council path and the attacks are in tests/security/test_prise_de_compte.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tables.comptes import Compte, DemandeEspace, Jeton
from tables.coordonnees import Affectation
from tests.support import MOT_DE_PASSE, creer_praticien, drain, lien, login, mails, medecin, naissance, post

IDENTITE = {"rpps": "10005170625", "nom": "Durand", **naissance("1980-03-14")}
IDENTIFIANTS = {"identifiant": "camille.d", "mot_de_passe": MOT_DE_PASSE, "confirmation": MOT_DE_PASSE}


async def _lien_recu(client, mail_dir) -> str:
    await post(client, "/inscription", IDENTITE, htmx=True)
    await drain()
    return lien(mails(mail_dir)[-1])


async def test_create_from_the_tableau_email_and_log_in(client, mail_dir):
    pid = await creer_praticien(email=None, tableau="camille@exemple.fr")
    response = await post(client, "/inscription", IDENTITE, htmx=True)
    assert "c****@exemple.fr" in response.text and "camille@exemple.fr" not in response.text
    assert await Compte.count() == 0  # nothing exists before the link is followed

    assert await drain() == ["envoyee"]
    [message] = mails(mail_dir)
    assert message["To"] == "camille@exemple.fr"
    path = lien(message)
    page = await client.get(path)
    assert "Bonjour Camille DURAND, choisissez vos identifiants." in page.text
    response = await post(client, path, IDENTIFIANTS, htmx=True)
    assert "Votre espace est créé" in response.text
    assert (await login(client, "camille.d")).headers["location"] == "/espace"
    # the proven e-mail became the Ordre e-mail
    assert await Affectation.exists().where((Affectation.praticien == pid) & (Affectation.usage == "ordre"))
    assert "camille@exemple.fr" in (await client.get("/espace")).text
    # single use
    again = await client.get(path)
    assert again.status_code == 410 and "n'est plus valable" in again.text


async def test_tokens_are_stored_hashed(client, mail_dir):
    await creer_praticien(email=None, tableau="camille@exemple.fr")
    token = (await _lien_recu(client, mail_dir)).rsplit("/", 1)[1]
    rows = await DemandeEspace.select(DemandeEspace.empreinte)
    assert rows and all(r["empreinte"] and token not in r["empreinte"] for r in rows)


async def test_expired_activation_link_is_refused(client, mail_dir):
    await creer_praticien(email=None, tableau="camille@exemple.fr")
    path = await _lien_recu(client, mail_dir)
    await DemandeEspace.update({DemandeEspace.expire_le: datetime.now(UTC) - timedelta(seconds=1)}, force=True)
    assert (await client.get(path)).status_code == 410
    response = await post(client, path, IDENTIFIANTS, htmx=True)
    assert "n'est plus valable" in response.text
    assert await Compte.count() == 0


async def test_identity_must_exist_on_the_tableau_and_typed_values_are_kept(client):
    await creer_praticien(email=None, tableau="camille@exemple.fr")
    response = await post(client, "/inscription", {**IDENTITE, **naissance("1981-03-14")}, htmx=True)
    assert response.status_code == 422
    assert "Aucune inscription au Tableau ne correspond" in response.text
    assert 'value="10005170625"' in response.text and 'value="1981"' in response.text
    assert await DemandeEspace.count() == 0


async def test_rpps_key_password_length_and_taken_username(client, mail_dir):
    await medecin("camille.d", rpps="10003456786")
    response = await post(client, "/inscription", {**IDENTITE, "rpps": "10005170626"}, htmx=True)
    assert "clé de contrôle" in response.text
    await creer_praticien(email=None, tableau="camille@exemple.fr")
    path = await _lien_recu(client, mail_dir)
    response = await post(client, path, {**IDENTIFIANTS, "mot_de_passe": "court", "confirmation": "court"},
                          htmx=True)
    assert "entre 12 et 128 caractères" in response.text
    assert "déjà pris" in response.text
    assert MOT_DE_PASSE not in response.text


async def test_one_space_per_rpps(client):
    await medecin()
    response = await post(client, "/inscription", IDENTITE, htmx=True)
    assert "Un espace existe déjà pour ce numéro RPPS" in response.text


async def test_forgotten_credentials_link_resets_the_password_once(client, mail_dir):
    await medecin()
    response = await post(client, "/identifiants-oublies", {"recherche": "10005170625"}, htmx=True)
    assert "Si un espace correspond" in response.text
    await drain()
    [message] = mails(mail_dir)
    assert message["To"] == "c.durand@exemple.fr"
    assert "dr.durand" in message.get_body(("plain",)).get_content()
    path = lien(message)
    nouveau = "Une toute nouvelle phrase de passe"
    response = await post(client, path, {"mot_de_passe": nouveau, "confirmation": nouveau}, htmx=True)
    assert "Votre mot de passe est modifié" in response.text
    assert (await login(client, mot_de_passe=nouveau)).status_code == 303
    assert (await login(client)).status_code == 422  # the old one no longer works
    again = await post(client, path, {"mot_de_passe": "encore une autre phrase", "confirmation":
                                      "encore une autre phrase"}, htmx=True)
    assert "n'est plus valable" in again.text
    assert (await client.get(path)).status_code == 410


async def test_forgotten_credentials_answer_never_reveals_an_account(client, mail_dir):
    response = await post(client, "/identifiants-oublies", {"recherche": "personne@exemple.fr"}, htmx=True)
    assert "Si un espace correspond" in response.text
    assert await drain() == []


async def test_reset_link_expires_after_an_hour(client, mail_dir):
    await medecin()
    await post(client, "/identifiants-oublies", {"recherche": "c.durand@exemple.fr"}, htmx=True)
    await drain()
    await Jeton.update({Jeton.expire_le: datetime.now(UTC) - timedelta(seconds=1)}, force=True)
    assert (await client.get(lien(mails(mail_dir)[0]))).status_code == 410
