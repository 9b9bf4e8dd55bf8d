"""Limits hold under real parallel requests against two uvicorn worker processes (issue 15, item 1): each
attempt is recorded and decided under a lock the database holds for every process (web/limites.py)."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx

from tables.alertes import MessageContact
from tables.messages import Notification
from tests.annonces_support import creer_annonce
from tests.faults.serveur import serveur
from tests.support import MOT_DE_PASSE, medecin


def _client(base: str) -> tuple[httpx.Client, str]:
    """A fresh browser: its own cookies, a CSRF token from the login page."""
    c = httpx.Client(base_url=base, timeout=60)
    page = c.get("/connexion")
    return c, re.search(r'name="_csrf_token" value="([^"]+)"', page.text).group(1)


def _ensemble(requetes: list) -> list[httpx.Response]:
    """Every request released at the same instant, each from its own thread."""
    depart = threading.Barrier(len(requetes))

    def lancer(requete):
        depart.wait()
        return requete()

    with ThreadPoolExecutor(len(requetes)) as pool:
        return list(pool.map(lancer, requetes))


async def test_24_wrong_passwords_and_the_right_one_at_once_get_at_most_5_guesses():
    """Arrival order is the race's: the right password may be among the first five admitted (a login the
    limit allows anyway) or come after them. Refused, it leaves at most five passwords checked; let in, it
    resets the account's counter as any login does, so at most four wrong ones before it and five after."""
    await medecin()
    with serveur(workers=2) as (base, _):
        clients = [_client(base) for _ in range(25)]
        mots = ["mauvais mot de passe"] * 12 + [MOT_DE_PASSE] + ["mauvais mot de passe"] * 12
        reponses = _ensemble([
            lambda c=c, t=t, m=m: c.post("/connexion", data={"identifiant": "dr.durand", "mot_de_passe": m,
                                                               "_csrf_token": t})
            for (c, t), m in zip(clients, mots, strict=True)])
        for c, _ in clients:
            c.close()
    faux = reponses[:12] + reponses[13:]
    assert [r.status_code for r in faux] == [422] * 24
    verifies = sum("Identifiant ou mot de passe incorrect." in r.text for r in faux)
    print(f"\n25 tentatives simultanées : {verifies} mauvais mots de passe vérifiés, le bon : "
          f"{reponses[12].status_code}")
    if reponses[12].status_code == 303:
        assert verifies <= 9
    else:
        assert reponses[12].status_code == 422 and "Trop de tentatives" in reponses[12].text
        assert verifies <= 5


async def test_12_parallel_contact_messages_against_5_an_hour_send_exactly_5():
    auteur = await medecin("dr.auteur", rpps="10101473782", email="auteur@exemple.fr")
    await medecin()
    numero = await creer_annonce(auteur, titre="Cherche remplaçant")
    with serveur(workers=2) as (base, _):
        c, token = _client(base)
        connexion = c.post("/connexion", data={"identifiant": "dr.durand", "mot_de_passe": MOT_DE_PASSE,
                                               "_csrf_token": token})
        assert connexion.status_code == 303
        cookies, token = dict(c.cookies), c.cookies["monespace_csrf"]
        c.close()

        def envoyer() -> httpx.Response:
            with httpx.Client(base_url=base, timeout=60, cookies=cookies) as navigateur:
                return navigateur.post(f"/annonces/{numero}/contacter", headers={"hx-request": "true",
                                       "x-csrftoken": token},
                                       data={"message": "Bonjour, je suis disponible.",
                                             "repondre_a": "c.durand@exemple.fr"})

        reponses = _ensemble([envoyer] * 12)
    assert sum("Votre message est transmis" in r.text for r in reponses) == 5
    assert sum("beaucoup de messages" in r.text for r in reponses) == 7
    assert await MessageContact.count() == 5
    assert await Notification.count() == 5
