"""Profile one web worker under a load (py-spy): `python bench/profil.py [recherches|autocompletions|tableau] [N]`.

A tool for the optimisation work, not part of make bench: needs py-spy (pip install --target bench/data/tools py-spy).
Prints the heaviest functions (inclusive and self time) of one worker during a wrk load.
"""

from __future__ import annotations

import collections
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import datagen  # noqa: E402
from bench.outils import DATA, GESTIONNAIRE, MEDECIN, SESSIONS, app_pg, sessions, wrk  # noqa: E402

PYSPY = DATA / "tools" / "bin" / "py-spy"
NATIF = ["--native"] if os.environ.get("PROFIL_NATIF") else []  # C and Cython frames too


def main() -> None:
    charge = sys.argv[1] if len(sys.argv) > 1 else "recherches"
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    url = datagen.pg_url("bench_100k")
    with app_pg(url, "app-profil") as app:
        gestion = charge == "tableau"
        cookies = sessions(app.url, *(GESTIONNAIRE if gestion else MEDECIN), SESSIONS, gestion=gestion)
        wrk(app.url, DATA / f"{charge}.txt", cookies, duree=3)
        pid = app.workers()[0]
        sortie = DATA / "profil.txt"
        spy = threading.Thread(target=subprocess.run, args=([str(PYSPY), "record", "-p", str(pid), "-d", "12", "-r",
                                                            "200", "-f", "raw", "-o", str(sortie), *NATIF],),
                               kwargs={"capture_output": True})
        spy.start()
        time.sleep(0.5)
        r = wrk(app.url, DATA / f"{charge}.txt", cookies, duree=12)
        spy.join()
        print(f"p50 {r['p50_ms']} ms p95 {r['p95_ms']} ms {r['rps']} req/s")
    inclusif, propre, n = collections.Counter(), collections.Counter(), 0
    for ligne in sortie.read_text().splitlines():
        pile, _, compte = ligne.rpartition(" ")
        compte = int(compte)
        if "asyncio_run" not in pile and "uvloop" not in pile:  # the event loop's thread only
            continue
        n += compte
        cadres = pile.split(";")
        propre[cadres[-1]] += compte
        vus = set()
        for c in cadres:
            nom = c.split(" (")[0] + " (" + c.split(" (")[-1].split(":")[0].split("site-packages/")[-1]
            if nom not in vus:
                vus.add(nom)
                inclusif[nom] += compte
    print(f"{n} samples")
    for k, v in inclusif.most_common(top):
        print(f"{100 * v / n:5.1f}% {k}")
    print("--- self")
    for k, v in propre.most_common(25):
        print(f"{100 * v / n:5.1f}% {k[-110:]}")


if __name__ == "__main__":
    main()
