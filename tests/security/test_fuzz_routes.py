"""The route fuzzer (issue 15): every route of the app's route table, as every actor of the authorisation matrix,
with random and hostile path parameters, query strings and form bodies (a valid CSRF token, so that the
handlers themselves are reached), through the in-process test client only.

Never a 500, never a Python trace in the body, always an expected content type. The draw is fixed (a seeded
random.Random) and bounded, so a failure is replayed by running the test again; the failing request is printed.
"""

from __future__ import annotations

import random
import re
from urllib.parse import quote, urlencode

from tests.security.matrice import ACTEURS
from tests.security.test_autorisations import _connecter, _monde, _routes

GRAINE = 15
TIRAGES = 2  # requests per route and actor
HOSTILES = ["", " ", "0", "-1", "1e3", "2147483648", "99999999999999999999", "\x00", "abc\x00def", "\r\nX-Y: z",
            "\u202e", "🩺", "é" * 300, "x" * 5000, "' OR 1=1 --", "%00", "%2F%2F", "../../etc/passwd",
            "<script>alert(1)</script>", "{{7*7}}", "//evil.example", "/\\evil.example", "javascript:alert(1)",
            "2027-02-30", "9999-99-99", "2027-01-01", "commune:38563", "departement:38", "france", "remplacement",
            "offre", "publiee", "on", "true", "[]", "{}", "null", "a:b:c", "1:0", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\ufeff", "\x7f"]
CHAMPS = ["categorie", "cote", "specialite", "lieux", "lieux_saisie", "du", "au", "page", "q", "pour", "code_postal",
          "noms", "modifier", "ok", "confirmer", "version", "onglet", "tri", "sens", "statut", "mes", "numero", "rpps",
          "next", "apercu", "renvoyee", "n", "retour", "suite", "identifiant", "mot_de_passe", "confirmation", "nom",
          "prenom", "date_naissance", "email", "mobile", "telephone", "voie", "commune", "usage", "motif",
          "commentaire", "titre", "description", "conditions", "temporalite", "fin_publication", "message", "choix",
          "lot", "action", "periode_debut", "periode_fin", "photos_gardees", "photos_en_attente", "requete",
          "frequence", "actif", "recherche", "repondre_a", "_csrf_token", "\x00", "é", "a[b]"]
# "_csrf_token" hostile too: a non-ASCII token was a 500 inside Litestar's CSRF middleware; web/csrf.py answers 403.
CHEMIN = ["0", "-1", "99999999999999999999", "2147483648", "inconnu", "%00", "..%2F..%2Fetc", "%C3%A9" * 50,
          "%3Cscript%3E", "x" * 300, "ecarte", "refuse", "depublier", "supprimer", "pourvoir", "republier",
          "cotisations", "app.css"]
TYPES = ("text/html", "text/plain", "text/csv", "application/json", "text/css", "text/javascript",
         "application/javascript", "image/", "application/pdf", "application/octet-stream")
TRACE = re.compile(r"Traceback \(most recent call last\)|File \"/|\bline \d+, in \w+")


def _valeur(rnd: random.Random) -> str:
    return rnd.choice(HOSTILES) if rnd.random() < 0.8 else "".join(rnd.choice("aé0:/%&=?#\\<>\"' ")
                                                                     for _ in range(rnd.randint(1, 12)))


def _paires(rnd: random.Random) -> list[tuple[str, str]]:
    paires = [(rnd.choice(CHAMPS), _valeur(rnd)) for _ in range(rnd.randint(0, 8))]
    if rnd.random() < 0.1:  # one list repeated past any cap
        paires += [(rnd.choice(["lieux", "du", "au", "lot", "statut", "email"]), rnd.choice(HOSTILES[:30]))] * 60
    while len(urlencode(paires)) > 20_000:  # what a browser or a proxy lets through in a URL
        paires.pop(0)
    return paires


def _chemin(route: str, monde: dict, rnd: random.Random) -> str:
    """The route's path with each parameter a real id of the world or a hostile value."""
    vrais = [str(monde[k]) for k in ("pub", "att", "cid", "cid2", "mid", "rid", "sid", "nid", "photo")]

    def remplacer(trouve: re.Match) -> str:
        return rnd.choice(vrais + CHEMIN) if rnd.random() < 0.9 else quote(_valeur(rnd), safe="")

    return re.sub(r"\{[^}]+\}", remplacer, route)


async def test_no_route_answers_a_500_or_a_trace_to_anyone(client):
    rnd = random.Random(GRAINE)
    monde = await _monde()
    await client.get("/connexion")
    jeton = client.cookies.get("monespace_csrf")
    envoyees, echecs = 0, []
    for methode, route in sorted(_routes()):
        for acteur in ACTEURS:
            await _connecter(client, monde, acteur)
            for _ in range(TIRAGES):
                url = _chemin(route, monde, rnd)
                paires = _paires(rnd)
                headers = {"hx-request": "true"} if rnd.random() < 0.3 else {}
                if methode == "GET":
                    response = await client.get(f"{url}?{urlencode(paires)}" if paires else url, headers=headers,
                                                follow_redirects=False)
                else:
                    response = await client.post(url, content=urlencode([*paires, ("_csrf_token", jeton)]),
                                                 headers={**headers, "content-type":
                                                          "application/x-www-form-urlencoded"},
                                                 follow_redirects=False)
                envoyees += 1
                type_ = response.headers.get("content-type", "")
                if response.status_code >= 500 or TRACE.search(response.text) or (
                        response.content and not type_.startswith(TYPES)):
                    echecs.append((methode, url[:200], paires[:10], acteur, response.status_code, type_))
    assert echecs == []
    assert envoyees == len(_routes()) * len(ACTEURS) * TIRAGES
