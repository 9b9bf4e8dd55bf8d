"""Issue 14 item 9: what each optimisation that costs readability buys, measured alone, on this machine.

`python bench/lisibilite.py` (DATABASE_URL: a migrated PostgreSQL, e.g. the tests' one). Prints one
line per measure; medians of repeated runs. Not run by `make bench`: the numbers go beside the code.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _mediane_us(fn, n: int = 2000, tours: int = 7) -> float:
    mesures = []
    for _ in range(tours):
        debut = time.perf_counter()
        for _ in range(n):
            fn()
        mesures.append((time.perf_counter() - debut) / n * 1e6)
    return statistics.median(mesures)


def cartes() -> None:
    """20 cards as Trouver renders them (the bare baseline's template): Jinja's getattr, patched or not;
    badges as filters (Python f-strings) or as Jinja macros."""
    from jinja2 import Environment, FileSystemLoader

    from web.annonces.vocabulaire import CATEGORIES, TEMPORALITES
    from web.templating import FILTRES, QUALITES, getattr_dict_d_abord, template_directories

    rows = [{"id": 1000 + i, "categorie": "remplacement", "titre": f"Cherche remplaçant {i}",
             "publiee_le": datetime(2026, 11, 2, 9, tzinfo=UTC), "temporalite": "urgent" if i % 3 else "",
             "specialite": "Médecine générale", "qualite": "medecin", "lieux": ["Grenoble (38000)", "Isère (38)"]}
            for i in range(20)]
    cartes_tpl = "{{ annonces.cartes(resultats, categories, temporalites) }}"
    page = {"resultats": rows, "categories": CATEGORIES, "temporalites": TEMPORALITES}

    def env(patch: bool, macros: bool) -> Environment:
        e = Environment(loader=FileSystemLoader(template_directories()), autoescape=True, trim_blocks=True,
                        lstrip_blocks=True)
        e.filters.update(FILTRES)
        if patch:
            e.getattr = getattr_dict_d_abord(e.getattr)
        source = (ROOT / "components" / "annonces.html").read_text()
        if macros:  # the badges as Jinja macros, called from the card
            source = source.replace(
                '{{ a.temporalite|badge_temporalite(temporalites.get(a.temporalite, "")) }}',
                '{{ badge_temporalite(a.temporalite, temporalites.get(a.temporalite, "")) }}').replace(
                "{{ a.qualite|badge_auteur }}", "{{ badge_auteur(a.qualite) }}")
            source = """{% macro badge_temporalite(t, libelle) %}{% if t %}<span class="badge badge--{{ 'urgent' if
t == 'urgent' else 'dispo' }}">{{ libelle }}</span>{% endif %}{% endmacro %}
{% macro badge_auteur(q) %}<span class="badge badge--verifie">{{ qualites.get(q, "") }}</span>{% endmacro %}
""" + source
        e.globals["qualites"] = QUALITES
        e.globals["annonces"] = e.from_string(source).make_module()
        return e

    for patch, macros, nom in ((True, False, "as today (getattr patched, badges as filters)"),
                               (False, False, "getattr not patched"), (True, True, "badges as macros")):
        t = env(patch, macros).from_string(cartes_tpl)
        print(f"20 cards, {nom}: {_mediane_us(lambda t=t: t.render(page), 300):.0f} µs")


async def _base() -> None:
    """The user read with the session (one statement) against a query of its own; the lieux caches."""
    from tables import sql
    from tables.piccolo_conf import DB
    from web import security
    from web.lieux import rules

    await DB.start_connection_pool(min_size=1, max_size=2)
    await sql.ouvrir()
    try:
        compte = await sql.fetch("SELECT id FROM compte LIMIT 1")
        if compte:
            n, debut = 300, time.perf_counter()
            for _ in range(n):
                await security.charger_utilisateur(compte[0]["id"])
            print(f"the user's own query (what the session hand-off saves per request): "
                  f"{(time.perf_counter() - debut) / n * 1e6:.0f} µs")
        for q in ("gre", "saint", "38"):
            n, debut = 100, time.perf_counter()
            for _ in range(n):
                await rules._chercher(q, 10)
            sans = (time.perf_counter() - debut) / n * 1e6
            await rules.chercher(q, 10)
            debut = time.perf_counter()
            for _ in range(n):
                await rules.chercher(q, 10)
            avec = (time.perf_counter() - debut) / n * 1e6
            print(f"lieux suggestions {q!r}: {sans:.0f} µs from the database, {avec:.1f} µs from the cache")
        cles = ["commune:38185", "departement:38", "region:84"]
        n, debut = 100, time.perf_counter()
        for _ in range(n):
            await rules.lieux(cles)
        sans = (time.perf_counter() - debut) / n * 1e6
        await rules.lieux_memorises(cles)
        debut = time.perf_counter()
        for _ in range(n):
            await rules.lieux_memorises(cles)
        print(f"a search's 3 lieu keys: {sans:.0f} µs from the database, "
              f"{(time.perf_counter() - debut) / n * 1e6:.1f} µs from the cache")
    finally:
        await sql.fermer()
        await DB.close_connection_pool()


async def deux_segments(scope, receive, send) -> None:
    """A response written in two segments (headers, then body), as uvicorn writes the app's."""
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
    await send({"type": "http.response.body", "body": b"ok"})


def nodelay() -> None:
    """uvicorn --workers 2 without web/nodelay.py: one keep-alive connection, 200 requests, median."""
    import httpx

    for boucle in ("uvloop", "asyncio"):
        port = 8765
        serveur = subprocess.Popen([sys.executable, "-m", "uvicorn", "bench.lisibilite:deux_segments", "--port",
                                    str(port), "--workers", "2", "--loop", boucle, "--http", "httptools",
                                    "--log-level", "warning"], cwd=ROOT)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}") as c:
                for _ in range(100):
                    try:
                        c.get("/")
                        break
                    except httpx.TransportError:
                        time.sleep(0.1)
                durees = []
                for _ in range(200):
                    debut = time.perf_counter()
                    c.get("/")
                    durees.append((time.perf_counter() - debut) * 1000)
            print(f"--workers 2, --loop {boucle}, no patch: {statistics.median(durees):.2f} ms a request")
        finally:
            serveur.terminate()
            serveur.wait()


if __name__ == "__main__":
    cartes()
    asyncio.run(_base())
    nodelay()
