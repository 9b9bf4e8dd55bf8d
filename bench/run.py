"""make bench: data, app, loads, bare baseline, Lighthouse, notifications → bench/results/latest.json.

Every step is bounded in time and goes only to 127.0.0.1. BENCH_SCALE=100k skips the 1M step.
See bench/README.md for the method. Nothing here asserts anything: numbers are written, not judged
(the table printed at the end compares them with the goals of the issue).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import datagen, queries  # noqa: E402
from bench.outils import (  # noqa: E402
    BENCH,
    CHAUFFE,
    CONNEXIONS,
    DATA,
    DUREE,
    GESTIONNAIRE,
    LH_PAGES,
    MEDECIN,
    REDIS_URL,
    RESULTS,
    SCALE,
    SESSIONS,
    SEUL,
    VENV,
    app_pg,
    app_sqlite,
    bare,
    cartes,
    charge,
    ecrire_chemins,
    env_app,
    log,
    port_libre,
    rss_mb,
    sessions,
    seul,
    verifier,
)
from bench.phare import lighthouse, lighthouse_pret, premier_chargement  # noqa: E402
from bench.rapport import GOALS, machine, tableau, tableau_markdown  # noqa: E402

# For the optimisation work only: BENCH_STEPS=pg,sqlite,notifications,1m and BENCH_PARTS=search,autocomplete,
# dashboard,dossiers,certification,lighthouse run a subset, written to bench/results/partial.json (latest.json
# is a full run's).
STEPS = set(filter(None, os.environ.get("BENCH_STEPS", "").split(",")))
PARTS = set(filter(None, os.environ.get("BENCH_PARTS", "").split(",")))


def voulu(nom: str, choix: set[str]) -> bool:
    return not choix or nom in choix

# ---------------------------------------------------------------- steps


def etape_pg_100k(url_pg: str, details: dict, resultats: dict) -> None:
    recherches = queries.recherches(url_pg)
    f_recherche = ecrire_chemins("recherches", recherches)
    f_auto = ecrire_chemins("autocompletions", queries.autocompletions(url_pg))
    with app_pg(url_pg, "app-pg-100k") as app:
        log(f"app prête sur {app.url} (2 workers, PostgreSQL 100k, Redis)")
        docteur = sessions(app.url, *MEDECIN, SESSIONS)
        conseil = sessions(app.url, *GESTIONNAIRE, SESSIONS, gestion=True)
        verifier(app.url, docteur[0], recherches[:5], "annonce")
        if voulu("search", PARTS):
            recherche_et_reference(app, url_pg, recherches, f_recherche, docteur, details, resultats)
        if voulu("autocomplete", PARTS):
            verifier(app.url, docteur[0], ["/lieux?q=gre&pour=lieux"], "Grenoble")
            details["autocomplete"] = charge("autocomplétion", app.url, f_auto, docteur)
            resultats["autocomplete_p99_ms"] = details["autocomplete"]["p99_ms"]
            if SEUL:
                details["autocomplete_one_connection"] = seul("autocomplétion", app.url, f_auto, docteur)
        if voulu("dashboard", PARTS):
            tableau_de_bord(app, conseil, details, resultats)
        if voulu("dossiers", PARTS):
            file_demarches(app, conseil, details, resultats)
        if voulu("certification", PARTS):
            certification_en_retard(app, conseil, details, resultats)
        if voulu("lighthouse", PARTS):
            pages_lighthouse(app, recherches, docteur, conseil, details, resultats)
        workers = app.workers()
        details["rss_mb_by_worker"] = rss_mb(workers)
        resultats["rss_mb_per_worker"] = max(details["rss_mb_by_worker"], default=None)
        log(f"mémoire résidente des workers : {details['rss_mb_by_worker']} MB")


def recherche_et_reference(app, url_pg, recherches, f_recherche, docteur, details, resultats) -> None:
    """The search under load, then the bare baseline under the same load, after checking that both find
    the same totals and the same cards in the same order."""
    with bare(url_pg) as b:
        ecarts = []
        with httpx.Client(timeout=30) as c:
            for chemin in recherches[:25]:
                ours = cartes(c.get(app.url + chemin, headers={"Cookie": docteur[0]}).text)
                theirs = cartes(c.get(b.url + chemin).text)
                if ours != theirs:
                    ecarts.append({"path": chemin, "app": ours, "bare": theirs})
        details["bare_consistency"] = {"checked": 25, "mismatches": ecarts}
        if ecarts:
            log(f"ATTENTION : l'app et la référence nue diffèrent sur {len(ecarts)} recherches (details.json)")
        # Interleaved (app, bare, app, bare), half the duration each, so that a change in the machine's
        # load (it is shared) weighs on both alike; the rounds are combined by their mean.
        tours: dict[str, list[dict]] = {"search": [], "bare": []}
        for tour in range(2):
            tours["search"].append(charge(f"recherche (app) {tour + 1}/2", app.url, f_recherche, docteur,
                                          duree=max(1, DUREE // 2), chauffe=CHAUFFE if tour == 0 else 0))
            tours["bare"].append(charge(f"recherche (référence nue) {tour + 1}/2", b.url, f_recherche,
                                        duree=max(1, DUREE // 2), chauffe=CHAUFFE if tour == 0 else 0))
        for cle, runs in tours.items():
            details[cle] = {k: round(statistics.fmean(r[k] for r in runs), 2) for k in runs[0]
                            if isinstance(runs[0][k], float | int) and not k.startswith("errors_")}
            details[cle]["errors"] = sum(r["errors"] for r in runs)
            details[cle]["rounds"] = runs
        if SEUL:
            details["search_one_connection"] = seul("recherche (app)", app.url, f_recherche, docteur)
            details["bare_one_connection"] = seul("recherche (référence nue)", b.url, f_recherche)
    resultats["search_p95_ms"] = details["search"]["p95_ms"]
    resultats["search_ratio_to_bare"] = round(details["search"]["p50_ms"] / details["bare"]["p50_ms"], 2)


def tableau_de_bord(app, conseil, details, resultats) -> None:
    tableau = ["/gestion", "/gestion?statut=en_attente", "/gestion?page=2", "/gestion?categorie=remplacement",
               "/gestion?tri=titre&sens=asc", "/gestion?statut=publiee&page=5", "/gestion?tri=par&sens=asc",
               "/gestion?statut=refusee&statut=depubliee"]
    verifier(app.url, conseil[0], tableau, "Tableau de bord")
    f_tableau = ecrire_chemins("tableau", tableau)
    details["dashboard"] = charge("tableau de bord", app.url, f_tableau, conseil)
    resultats["dashboard_p95_ms"] = details["dashboard"]["p95_ms"]
    if SEUL:
        details["dashboard_one_connection"] = seul("tableau de bord", app.url, f_tableau, conseil)


def file_demarches(app, conseil, details, resultats) -> None:
    """The démarches queue of the Isère council: 10,000 dossiers in its perimeter among 100,000."""
    file = ["/gestion/demarches", "/gestion/demarches?onglet=traites", "/gestion/demarches?page=3",
            "/gestion/demarches?statut=en_instruction", "/gestion/demarches?tri=demandeur&sens=asc",
            "/gestion/demarches?onglet=traites&page=20", "/gestion/demarches?tri=maj&sens=desc",
            "/gestion/demarches?avant=2026-12-31&statut=a_completer"]
    verifier(app.url, conseil[0], file, "Démarches")
    details["dossiers"] = charge("file des démarches", app.url, ecrire_chemins("dossiers", file), conseil)
    resultats["dossiers_p95_ms"] = details["dossiers"]["p95_ms"]
    if details.get("search"):
        resultats["dossiers_over_search_median"] = round(details["dossiers"]["p50_ms"]
                                                         / details["search"]["p50_ms"], 2)


def certification_en_retard(app, conseil, details, resultats) -> None:
    """The Isère council's "En retard" list: 25,000 carnets in its perimeter among 100,000."""
    liste = ["/gestion/certification", "/gestion/certification?page=2", "/gestion/certification?specialite=SM54",
             "/gestion/certification?vide=3", "/gestion/certification?tri=rpps&sens=asc",
             "/gestion/certification?tri=alerte&sens=desc", "/gestion/certification?page=40",
             "/gestion/certification?vide=1&specialite=SM54"]
    verifier(app.url, conseil[0], liste, "En retard")
    details["certification"] = charge("certification en retard", app.url, ecrire_chemins("certification", liste),
                                      conseil)
    resultats["certification_p95_ms"] = details["certification"]["p95_ms"]
    if details.get("search"):
        resultats["certification_over_search_median"] = round(details["certification"]["p50_ms"]
                                                              / details["search"]["p50_ms"], 2)


def pages_lighthouse(app, recherches, docteur, conseil, details, resultats) -> None:
    detail_id = cartes(httpx.get(app.url + recherches[0], headers={"Cookie": docteur[0]}).text)[1][0]
    pages = {"home": ("/espace", docteur[0]), "search": (recherches[0], docteur[0]),
             "detail": (f"/annonces/{detail_id}", docteur[0]), "deposer": ("/annonces/deposer", docteur[0]),
             "dashboard": ("/gestion", conseil[0])}
    lh = {}
    for nom in LH_PAGES:
        chemin, cookie = pages[nom]
        try:
            lh[nom] = lighthouse(nom, app.url + chemin, cookie)
        except (RuntimeError, OSError, ValueError, KeyError) as exc:
            log(f"lighthouse {nom} en échec : {exc}")
            lh[nom] = {"performance": 0, "accessibility": 0, "best_practices": 0, "_error": str(exc)}
    details["lighthouse"] = lh
    resultats["lighthouse"] = {k: {m: v[m] for m in ("performance", "accessibility", "best_practices")}
                               for k, v in lh.items()}
    if (DATA / "lh-search.json").exists():
        details["first_load"] = premier_chargement(DATA / "lh-search.json")
        resultats["first_load_kb"] = details["first_load"]["kb"]
        if details["first_load"]["third_party"]:
            log(f"ATTENTION : requêtes tierces {details['first_load']['third_party']}")


def etape_sqlite(url_sqlite: str, details: dict, resultats: dict) -> None:
    f_recherche = DATA / "recherches.txt"
    with app_sqlite(url_sqlite) as app:
        log(f"app SQLite (défaut embarqué, un processus) prête sur {app.url}")
        docteur = sessions(app.url, *MEDECIN, SESSIONS)
        verifier(app.url, docteur[0], f_recherche.read_text().splitlines()[:3], "annonce")
        details["sqlite_search"] = charge("recherche (SQLite)", app.url, f_recherche, docteur)
        resultats["sqlite_search_p95_ms"] = details["sqlite_search"]["p95_ms"]
        if SEUL:
            details["sqlite_search_one_connection"] = seul("recherche (SQLite)", app.url, f_recherche, docteur)


def etape_notifications(url_pg: str, details: dict, resultats: dict) -> None:
    env = env_app(url_pg, REDIS_URL=REDIS_URL, BENCH_SMTP_PORT=str(port_libre(8125)))
    sortie = subprocess.run([str(VENV / "python"), str(BENCH / "notifications.py")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=400)
    ligne = next((ligne for ligne in sortie.stdout.splitlines() if ligne.startswith("BENCH_JSON ")), None)
    if ligne is None:
        raise RuntimeError(f"notifications sans résultat:\n{sortie.stdout[-2000:]}\n{sortie.stderr[-3000:]}")
    details["notifications"] = json.loads(ligne.removeprefix("BENCH_JSON "))
    resultats["notifications_10k_s"] = details["notifications"]["seconds"]
    log(f"notifications : {details['notifications']}")


def etape_1m(details: dict, resultats: dict) -> None:
    url = datagen.preparer_pg("1m")
    f_recherche = ecrire_chemins("recherches-1m", queries.recherches(url))
    with app_pg(url, "app-pg-1m") as app:
        log(f"app prête sur {app.url} (2 workers, PostgreSQL 1M)")
        docteur = sessions(app.url, *MEDECIN, SESSIONS)
        verifier(app.url, docteur[0], f_recherche.read_text().splitlines()[:3], "annonce")
        details["search_1m"] = charge("recherche 1M (app)", app.url, f_recherche, docteur)
        resultats["search_1m_p95_ms"] = details["search_1m"]["p95_ms"]
        if SEUL:
            details["search_1m_one_connection"] = seul("recherche 1M (app)", app.url, f_recherche, docteur)
    with bare(url) as b:  # the bare limit at 1M too (details only: the keys have no 1M ratio)
        details["bare_1m"] = charge("recherche 1M (référence nue)", b.url, f_recherche)


def main() -> int:
    debut = time.monotonic()
    DATA.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    for outil in ("wrk", "node", "npm", "psql"):
        if shutil.which(outil) is None:
            print(f"{outil} manque : apt-get install -y wrk nodejs npm postgresql-client", file=sys.stderr)
            return 2
    resultats: dict = {cle: None for cle, *_ in GOALS}
    resultats["lighthouse"] = {}
    details: dict = {"started": datetime.now(UTC).isoformat(timespec="seconds"), "scale": SCALE,
                     "machine": machine(), "load": {"tool": "wrk 4.1 (Debian)", "connections": CONNEXIONS,
                                                    "threads": 2, "duration_s": DUREE, "warmup_s": CHAUFFE,
                                                    "sessions": SESSIONS}, "steps_s": {}}
    lighthouse_pret()

    def etape(nom: str, fn, *args) -> None:
        t = time.monotonic()
        log(f"— {nom}")
        try:
            fn(*args, details, resultats)
        except Exception as exc:  # noqa: BLE001 - a failed step is reported, the others still run
            log(f"ÉTAPE EN ÉCHEC {nom}: {exc}")
            details.setdefault("failures", {})[nom] = str(exc)[-2000:]
        details["steps_s"][nom] = round(time.monotonic() - t, 1)

    async def postgres_pret() -> None:  # the server is shared: someone may be restarting it
        await (await datagen.connecter(datagen.pg_url("postgres"), limite_s=120)).close()

    asyncio.run(postgres_pret())
    t = time.monotonic()
    url_pg = datagen.preparer_pg("100k")
    url_sqlite = datagen.preparer_sqlite("100k")
    details["steps_s"]["data"] = round(time.monotonic() - t, 1)
    if voulu("pg", STEPS):
        etape("postgresql-100k", etape_pg_100k, url_pg)
    if voulu("sqlite", STEPS):
        etape("sqlite-100k", etape_sqlite, url_sqlite)
    if voulu("notifications", STEPS):
        etape("notifications", etape_notifications, url_pg)
    if SCALE != "100k" and voulu("1m", STEPS):
        etape("postgresql-1m", etape_1m)
    details["total_s"] = round(time.monotonic() - debut, 1)
    details["machine"]["loadavg_at_end"] = os.getloadavg()

    nom = "partial" if STEPS or PARTS else "latest"
    (RESULTS / f"{nom}.json").write_text(json.dumps(resultats, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / f"{'partial-' if nom == 'partial' else ''}details.json").write_text(
        json.dumps(details, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / f"{'partial-' if nom == 'partial' else ''}table.md").write_text(tableau_markdown(resultats, details))
    print()
    print(tableau(resultats))
    print(f"\nbench/results/{nom}.json written ({details['total_s']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

