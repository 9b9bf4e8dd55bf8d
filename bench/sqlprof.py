"""Time the app's search function alone (web.annonces.recherche.chercher, SQL + Piccolo, no HTTP), one at a time.

A tool for the index work, not part of make bench: `python bench/sqlprof.py [100k|1m] [N]`.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from datetime import date
from urllib.parse import parse_qs, urlsplit

TAILLE = sys.argv[1] if len(sys.argv) > 1 else "100k"
NOMBRE = int(sys.argv[2]) if len(sys.argv) > 2 else 300
os.environ.setdefault("DATABASE_URL", f"postgresql://postgres@127.0.0.1:5432/bench_{TAILLE}")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.queries import recherches  # noqa: E402


async def main(chemins: list[str]) -> None:
    from tables.piccolo_conf import DB
    from web.annonces.recherche import Criteres, chercher
    from web.lieux.rules import lieux as resoudre

    if DB.engine_type == "postgres":
        reglages = dict(r.split("=") for r in os.environ.get("PG_SETTINGS", "").split(",") if r)  # a=b,c=d
        await DB.start_connection_pool(**({"server_settings": reglages} if reglages else {}))
    durees, totaux = [], []
    for chemin in chemins:
        p = parse_qs(urlsplit(chemin).query, keep_blank_values=True)
        choisis = await resoudre(p["lieux"])
        du = date.fromisoformat(p["du"][0])
        au = date.fromisoformat(p["au"][0]) if p["au"][0] else None
        c = Criteres(categories=p["categorie"], lieux=choisis, periodes=[(du, au)],
                     page=int(p.get("page", ["1"])[0]))
        t = time.perf_counter()
        _, total = await chercher(c)
        durees.append((time.perf_counter() - t, chemin, total))
        totaux.append(total)
    v = sorted(d for d, _, _ in durees)
    print(f"chercher(): median {statistics.median(v) * 1000:.2f} ms  p95 {v[int(len(v) * .95)] * 1000:.2f} ms  "
          f"max {v[-1] * 1000:.2f} ms  (totals: median {statistics.median(totaux)}, max {max(totaux)})")
    for d, chemin, total in sorted(durees, reverse=True)[:3]:
        print(f"  slowest {d * 1000:.1f} ms, {total} found: {chemin}")


asyncio.run(main(recherches(os.environ.get("BENCH_QUERIES_DSN", os.environ["DATABASE_URL"]), NOMBRE)))
