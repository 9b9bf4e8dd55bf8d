"""The RPPS e-mail follow-up (SPEC_DEMARCHES §3.5): each état, the perimeter, "Relancer", the confirmation link
(one-time, POST only, expiring), "Saisir au guichet", and the link asked by the doctor himself."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta

import pytest

from tables import horloge
from tables.certification import EmailRpps
from tables.comptes import Jeton
from tables.coordonnees import Affectation, Coordonnee
from tables.messages import Message
from tests.support import creer_compte, creer_praticien, drain, lien, login, mails, medecin, post
from web.certification import rpps
from web.forms import email_normalise
from web.templating import date_fr

LISTE = "/gestion/certification/rpps"


async def adresse_rpps(pid: int, email: str) -> int:
    """The "rpps" usage of Mes coordonnées pointed at a row holding `email` (written as is, even invalid)."""
    c = (await Coordonnee.insert(Coordonnee(praticien=pid, email=email)).returning(Coordonnee.id))[0]["id"]
    await Affectation.insert(Affectation(praticien=pid, usage="rpps", email=c))
    return c


async def conseil(client, qui: str = "cd38") -> None:
    role, code = ("national", None) if qui == "cnom" else ("gestionnaire", qui.upper())
    await creer_compte(f"{qui}@demo.ordre.test", role=role, conseil=code)
    await login(client, f"{qui}@demo.ordre.test", url="/gestion/connexion")


@pytest.mark.parametrize("adresse, confirme, signale, attendu", [
    ("", "", "", "absente"), ("", "", "", "absente"), ("jean@exemple", "", "", "invalide"),
    ("jean dupont@exemple.fr", "jean dupont@exemple.fr", "", "invalide"), ("j@exemple.fr", "", "", "non_confirmee"),
    ("j@exemple.fr", "autre@exemple.fr", "", "non_confirmee"), ("j@exemple.fr", "j@exemple.fr", "", None),
    ("j@exemple.fr", "j@exemple.fr", "j@exemple.fr", "signalee"), ("j@exemple.fr", "", "ancienne@exemple.fr",
                                                                     "non_confirmee"),
])
def test_the_etat_of_an_address(adresse, confirme, signale, attendu):
    assert rpps.etat(adresse, confirme, signale) == attendu


def test_the_quick_syntax_check_says_what_email_validator_says():
    """The shortcut of `rpps._valide` never accepts an address the house's validation (web/forms.py) refuses."""
    rnd = random.Random(2026)
    for _ in range(20_000):
        local = "".join(rnd.choice("abXZ09_%+-.") for _ in range(rnd.randint(1, 70)))
        domaine = ".".join("".join(rnd.choice("aZ9-") for _ in range(rnd.randint(1, 6))) for _ in range(
            rnd.randint(1, 3)))
        adresse = f"{local}@{domaine}.{rnd.choice(['fr', 'com', 'test', 'local', 'x', 'c0m', 'museum', 'Fr'])}"
        assert rpps._valide(adresse) == (email_normalise(adresse) is not None), adresse


async def _cinq_medecins() -> dict[str, int]:
    ids = {"absente": await creer_praticien(rpps="10000000008", nom="ABSENT"),
           "invalide": await creer_praticien(rpps="10000000016", nom="INVALIDE"),
           "non_confirmee": await creer_praticien(rpps="10000000024", nom="NONCONF"),
           "signalee": await creer_praticien(rpps="10000000032", nom="SIGNALE"),
           "confirmee": await creer_praticien(rpps="10000000040", nom="CONFIRME")}
    await creer_praticien(rpps="10000000057", nom="INTERNE", qualite="interne")
    await adresse_rpps(ids["invalide"], "invalide@exemple")
    await adresse_rpps(ids["non_confirmee"], "nonconf@exemple.fr")
    await adresse_rpps(ids["signalee"], "signale@exemple.fr")
    await adresse_rpps(ids["confirmee"], "confirme@exemple.fr")
    await EmailRpps.insert(
        EmailRpps(praticien=ids["signalee"], confirme="signale@exemple.fr", signale="signale@exemple.fr",
                  signale_motif="Boîte aux lettres inexistante"),
        EmailRpps(praticien=ids["confirmee"], confirme="confirme@exemple.fr"),
        EmailRpps(praticien=ids["non_confirmee"], confirme="ancienne@exemple.fr"))
    return ids


def _ligne(page: str, rpps_: str) -> str:
    trouve = re.search(rf'<tr id="rpps-{rpps_}">.*?</tr>', page, re.S)
    return trouve.group(0) if trouve else ""


async def test_each_etat_is_listed_and_the_good_address_is_not(client):
    await _cinq_medecins()
    await conseil(client)
    page = (await client.get(LISTE)).text
    assert "Absente" in _ligne(page, "10000000008") and "Invalide" in _ligne(page, "10000000016")
    assert "Non confirmée" in _ligne(page, "10000000024")
    signalee = _ligne(page, "10000000032")
    assert "Signalée par l&#39;ANS" in signalee and "Boîte aux lettres inexistante" in signalee
    assert not _ligne(page, "10000000040") and not _ligne(page, "10000000057")  # confirmed; an interne
    assert "Absente (1)" in page and "Tous les états (4)" in page
    filtre = await client.get(f"{LISTE}?etat=absente", headers={"hx-request": "true", "hx-target": "tableau"})
    assert "<html" not in filtre.text and 'id="tableau"' in filtre.text
    assert _ligne(filtre.text, "10000000008") and not _ligne(filtre.text, "10000000024")
    assert _ligne((await client.get(f"{LISTE}?etat=inconnu")).text, "10000000024")  # a wrong état: all


async def test_the_list_pages_by_twenty(client):
    for n in range(23):
        await creer_praticien(rpps=f"1{n:09d}".ljust(10, "0")[:10] + "0", nom=f"NOM{n:02d}")
    await conseil(client)
    page = (await client.get(LISTE)).text
    assert "1 - 20 sur 23" in page and "NOM19" in page and "NOM20" not in page
    suite = (await client.get(f"{LISTE}?page=2")).text
    assert "21 - 23 sur 23" in suite and "NOM20" in suite and "NOM19" not in suite


async def test_another_council_neither_sees_nor_acts_on_an_isere_doctor(client):
    await creer_praticien()  # DURAND, Isère
    await conseil(client, "cd69")
    assert "DURAND" not in (await client.get(LISTE)).text
    assert (await post(client, f"{LISTE}/10005170625/relancer")).status_code == 404
    response = await post(client, f"{LISTE}/10005170625/guichet", {"email": "c.durand@exemple.fr"})
    assert response.status_code == 404
    assert (await post(client, f"{LISTE}/10005170625/guichet", {"email": "faux"})).status_code == 404
    assert await Affectation.count().where(Affectation.usage == "rpps") == 0
    assert await EmailRpps.count() == 0


async def test_relancer_mails_the_ordre_email_and_copies_it_into_message(client, mail_dir):
    pid = await medecin()  # Ordre e-mail c.durand@exemple.fr, no RPPS e-mail
    await conseil(client)
    response = await post(client, f"{LISTE}/10005170625/relancer", {"retour": "etat=absente"})
    assert response.status_code == 303 and response.headers["location"] == f"{LISTE}?etat=absente&ok=relance"
    await drain()
    (message,) = mails(mail_dir)
    assert message["To"] == "c.durand@exemple.fr"
    assert message["Subject"] == "Ordre des médecins - Votre adresse e-mail RPPS est à compléter"
    texte = message.get_body(("plain",)).get_content()
    assert "Seule celle du RPPS est transmissible à l'ANS." in texte
    assert "Aucune adresse e-mail RPPS n'est renseignée pour vous." in texte and "/certification/rpps/" not in texte
    copie = await Message.select().first()
    assert copie["sujet"] == message["Subject"] and copie["lien"] == "/espace/coordonnees"
    row = await EmailRpps.select().where(EmailRpps.praticien == pid).first()
    assert row["relance_le"] is not None and row["confirme"] == ""
    page = await client.get(f"{LISTE}?etat=absente&ok=relance")
    assert "La relance est envoyée" in page.text
    assert date_fr(horloge.aujourdhui()) in _ligne(page.text, "10005170625")  # "Dernière relance"


async def test_relancer_an_address_to_confirm_carries_a_one_time_link(client, mail_dir):
    pid = await medecin()
    ordre = (await Affectation.select().where(Affectation.usage == "ordre").first())["email"]
    await Affectation.insert(Affectation(praticien=pid, usage="rpps", email=ordre))  # the same row as the Ordre one
    await conseil(client)
    assert (await post(client, f"{LISTE}/10005170625/relancer", htmx=True)).status_code == 200
    await drain()
    (message,) = mails(mail_dir)
    assert "Votre adresse e-mail RPPS (c.durand@exemple.fr) n'est pas encore confirmée." in message.get_body(
        ("plain",)).get_content()
    chemin = lien(message)
    assert chemin.startswith("/certification/rpps/confirmer/")
    client.cookies.clear()
    page = await client.get(chemin)
    assert page.status_code == 200 and "Confirmer mon adresse e-mail RPPS" in page.text
    assert "c.durand@exemple.fr" in page.text and 'method="post"' in page.text
    await client.get(chemin)  # a GET (a mail scanner) confirms nothing
    assert (await EmailRpps.select().first())["confirme"] == ""
    confirme = await post(client, chemin)
    assert confirme.status_code == 200 and "est confirmée" in confirme.text
    row = await EmailRpps.select().first()
    assert row["confirme"] == "c.durand@exemple.fr" and row["confirme_le"] is not None
    assert (await post(client, chemin)).status_code == 410  # once
    assert (await client.get(chemin)).status_code == 410


async def test_a_link_expires_and_dies_when_the_address_changes(client, mail_dir):
    pid = await medecin()
    await adresse_rpps(pid, "rpps.durand@exemple.fr")
    await conseil(client)
    await post(client, f"{LISTE}/10005170625/relancer")
    await drain()
    liens = {m["To"]: m for m in mails(mail_dir)}
    assert "Un lien de confirmation vient d'être envoyé à cette adresse" in liens["c.durand@exemple.fr"].get_body(
        ("plain",)).get_content()
    lien_rpps = liens["rpps.durand@exemple.fr"]
    assert lien_rpps["Subject"] == "Ordre des médecins - Confirmez votre adresse e-mail RPPS"
    chemin = lien(lien_rpps)
    await Jeton.update({Jeton.expire_le: datetime.now(UTC) - timedelta(seconds=1)}).where(Jeton.usage == "email_rpps")
    assert (await client.get(chemin)).status_code == 410 and (await post(client, chemin)).status_code == 410
    await Jeton.update({Jeton.expire_le: datetime.now(UTC) + timedelta(days=1)}).where(Jeton.usage == "email_rpps")
    await Coordonnee.update({Coordonnee.email: "nouvelle@exemple.fr"}).where(
        Coordonnee.email == "rpps.durand@exemple.fr")
    assert (await post(client, chemin)).status_code == 410
    assert (await EmailRpps.select().first())["confirme"] == ""


async def test_saisir_au_guichet_confirms_the_address_at_once(client):
    pid = await medecin()
    await conseil(client)
    faux = await post(client, f"{LISTE}/10005170625/guichet", {"email": "louis@exemple", "retour": ""}, htmx=True)
    assert faux.status_code == 422 and "Saisissez une adresse e-mail valide" in faux.text
    assert 'value="louis@exemple"' in faux.text and 'aria-invalid="true"' in faux.text
    vide = await post(client, f"{LISTE}/10005170625/guichet", {"email": ""}, htmx=True)
    assert "Saisissez l&#39;adresse e-mail RPPS du médecin." in vide.text
    response = await post(client, f"{LISTE}/10005170625/guichet", {"email": "Louis.Guichet@Exemple.fr",
                                                                    "retour": "etat=absente"}, htmx=True)
    assert response.status_code == 200 and "L&#39;adresse e-mail RPPS est enregistrée et confirmée." in response.text
    assert not _ligne(response.text, "10005170625")
    s = await rpps.suivi(pid)
    assert s["adresse"] == "Louis.Guichet@exemple.fr" and s["confirme"] == s["adresse"] and s["etat"] is None
    again = await post(client, f"{LISTE}/10005170625/guichet", {"email": "c.durand@exemple.fr"})
    assert again.status_code == 303  # the Ordre row's e-mail is reused, not copied
    assert await Coordonnee.count().where(Coordonnee.email == "c.durand@exemple.fr") == 1
    assert (await rpps.suivi(pid))["adresse"] == "c.durand@exemple.fr"
    ordre = await Affectation.select().where(Affectation.usage == "ordre").first()
    assert ordre["email"] is not None  # the Ordre usage untouched


async def test_relancer_needs_an_ordre_email_and_something_to_do(client):
    pid = await creer_praticien(email=None)
    await conseil(client)
    response = await post(client, f"{LISTE}/10005170625/relancer", htmx=True)
    assert response.status_code == 422 and "pas d&#39;e-mail de l&#39;Ordre" in response.text
    await adresse_rpps(pid, "ok@exemple.fr")
    await EmailRpps.insert(EmailRpps(praticien=pid, confirme="ok@exemple.fr"))
    assert (await post(client, f"{LISTE}/10005170625/relancer", htmx=True)).status_code == 422


async def test_the_doctor_asks_for_the_link_himself(client, mail_dir):
    pid = await medecin()
    await login(client)
    refus = await post(client, "/espace/certification/rpps/confirmer")
    assert refus.status_code == 422 and "Mes coordonnées" in refus.text
    await adresse_rpps(pid, "rpps.durand@exemple.fr")
    response = await post(client, "/espace/certification/rpps/confirmer")
    assert response.status_code == 200 and "rpps.durand@exemple.fr" in response.text
    await drain()
    (message,) = mails(mail_dir)
    assert message["To"] == "rpps.durand@exemple.fr"
    assert (await post(client, lien(message))).status_code == 200
    assert (await rpps.suivi(pid))["etat"] is None
    deja = await post(client, "/espace/certification/rpps/confirmer")
    assert deja.status_code == 422 and "déjà confirmée" in deja.text
