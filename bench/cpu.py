"""CPU time per search, app vs bare baseline: `python bench/cpu.py [seconds] [connections]`.

A tool for the optimisation work, not part of make bench. Latencies on a shared 2-core machine move by
±30 % from run to run; the CPU each request costs (read from /proc: the web workers, PostgreSQL's
backends) moves by a few percent, so it shows what a change to the app is worth.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import datagen, queries  # noqa: E402
from bench.outils import MEDECIN, SESSIONS, app_pg, bare, ecrire_chemins, sessions, wrk  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def cpu_s(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            champs = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(champs[11]) + int(champs[12])  # utime + stime
    return total / TICK


def postgres() -> list[int]:
    return [int(p.parent.name) for p in Path("/proc").glob("[0-9]*/cmdline")
            if p.read_bytes().startswith(b"postgres")]


def mesurer(nom: str, serveur, chemins: Path, cookies: list[str] | None, duree: int, connexions: int) -> None:
    wrk(serveur.url, chemins, cookies, duree=3, connexions=connexions)
    workers, pg = serveur.workers(), postgres()
    avant = cpu_s(workers), cpu_s(pg)
    r = wrk(serveur.url, chemins, cookies, duree=duree, connexions=connexions)
    apres = cpu_s(workers), cpu_s(pg)
    n = r["requests"]
    web, base = (apres[0] - avant[0]) * 1000 / n, (apres[1] - avant[1]) * 1000 / n
    print(f"{nom:5} {r['rps']:7.1f} req/s  p50 {r['p50_ms']:6.2f} ms  CPU/request: web {web:.2f} ms, "
          f"PostgreSQL {base:.2f} ms, total {web + base:.2f} ms", flush=True)


def main() -> None:
    duree = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    connexions = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    url = datagen.pg_url("bench_100k")
    chemins = ecrire_chemins("recherches", queries.recherches(url))
    with app_pg(url, "app-cpu") as app:
        mesurer("app", app, chemins, sessions(app.url, *MEDECIN, SESSIONS), duree, connexions)
    with bare(url) as b:
        mesurer("bare", b, chemins, None, duree, connexions)


if __name__ == "__main__":
    main()
