"""Argon2 never runs on the event loop, two at once per process, so a burst of logins stalls nothing else
(issue 15, item 2)."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tests.faults.serveur import serveur
from web.auth import rules

RACINE = Path(__file__).resolve().parents[2]


class _Espion:
    """Wraps the hasher: how many verifications at once, and whether the loop turned during each."""

    def __init__(self, vrai, tours: list[int]) -> None:
        self.vrai, self.tours, self.pendant = vrai, tours, []
        self.en_cours = self.au_plus = 0
        self.verrou = threading.Lock()

    def verify(self, empreinte: str, mot_de_passe: str) -> bool:
        with self.verrou:
            self.en_cours += 1
            self.au_plus = max(self.au_plus, self.en_cours)
        avant = self.tours[0]
        try:
            time.sleep(0.02)  # long enough for the loop to turn, were it free
            return self.vrai.verify(empreinte, mot_de_passe)
        finally:
            self.pendant.append(self.tours[0] - avant)
            with self.verrou:
                self.en_cours -= 1

    def __getattr__(self, nom: str):
        return getattr(self.vrai, nom)


async def test_the_event_loop_keeps_turning_while_passwords_are_checked(monkeypatch):
    tours = [0]
    espion = _Espion(rules.HASHER, tours)
    monkeypatch.setattr(rules, "HASHER", espion)
    fini = False

    async def horloge():
        while not fini:
            tours[0] += 1
            await asyncio.sleep(0)

    tache = asyncio.create_task(horloge())
    try:
        await asyncio.gather(*(rules.authentifier(f"inconnu{n}", "mauvais mot de passe", f"10.0.0.{n}", "praticien")
                               for n in range(8)))
    finally:
        fini = True
        await tache
    assert len(espion.pendant) == 8
    assert min(espion.pendant) > 0  # other coroutines ran during every verification
    assert espion.au_plus <= 2


def test_no_handler_hashes_on_the_event_loop():
    """Only web/auth/rules.py touches the hasher, and its handlers' helpers are the *_async ones."""
    appels = re.compile(r"\bHASHER\.(hash|verify)\(|(?<![\w.])(rules\.)?hacher\(")
    fautifs = [str(p.relative_to(RACINE)) for p in (RACINE / "web").rglob("*.py")
               if p.name != "rules.py" or p.parent.name != "auth"
               if appels.search(p.read_text())]
    assert fautifs == []


async def test_sante_answers_during_a_burst_of_failed_logins():
    with serveur(workers=1) as (base, _):
        def echouer(n: int) -> int:
            with httpx.Client(base_url=base, timeout=60) as c:
                token = re.search(r'name="_csrf_token" value="([^"]+)"', c.get("/connexion").text).group(1)
                return c.post("/connexion", data={"identifiant": f"inconnu{n}", "mot_de_passe": "mauvais",
                                                  "_csrf_token": token}).status_code

        with ThreadPoolExecutor(16) as pool:
            rafale = [pool.submit(echouer, n) for n in range(16)]
            time.sleep(0.3)  # the burst is under way
            debut = time.perf_counter()
            sante = httpx.get(f"{base}/sante", timeout=60)
            duree = time.perf_counter() - debut
            encore = sum(not f.done() for f in rafale)
            codes = [f.result() for f in rafale]
    print(f"\n/sante pendant 16 connexions échouées : {duree * 1000:.0f} ms ({encore} encore en cours)")
    assert sante.status_code == 200 and sante.text == "ok"
    assert codes == [422] * 16
