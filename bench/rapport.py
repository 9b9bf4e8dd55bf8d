"""The report of make bench: the issue's goals, the table printed at the end and the one in bench/README.md."""

from __future__ import annotations

import os
import platform
from pathlib import Path

GOALS = [  # key, label, goal, comparison
    ("search_p95_ms", "search p95, 100k, PostgreSQL, 32 connections", 50, "<="),
    ("search_ratio_to_bare", "search median ÷ bare baseline median", 1.25, "<="),
    ("search_1m_p95_ms", "search p95, 1M", 100, "<="),
    ("sqlite_search_p95_ms", "search p95, SQLite default, 100k", 60, "<="),
    ("autocomplete_p99_ms", "lieu autocomplete p99", 10, "<="),
    ("dashboard_p95_ms", "moderation dashboard p95 (10k in perimeter)", 50, "<="),
    ("dossiers_p95_ms", "démarches queue p95 (10k in perimeter among 100k)", 50, "<="),
    ("dossiers_over_search_median", "démarches queue median ÷ search median", 1.0, "<="),
    ("certification_p95_ms", "certification « En retard » p95 (25k in perimeter)", 50, "<="),
    ("certification_over_search_median", "certification « En retard » median ÷ search median", 1.0, "<="),
    ("notifications_10k_s", "10,000 notifications Redis → worker → SMTP (s)", 60, "<="),
    ("first_load_kb", "first load of the search page, compressed (KB)", 60, "<="),
    ("rss_mb_per_worker", "resident memory per web worker (MB)", 150, "<="),
]


def tableau(resultats: dict) -> str:
    lignes = [f"{'measure':<52} {'goal':>10} {'result':>10}  met"]
    for cle, libelle, but, _ in GOALS:
        v = resultats.get(cle)
        ok = "—" if v is None else ("yes" if v <= but else "NO")
        lignes.append(f"{libelle:<52} {'≤ ' + str(but):>10} {'—' if v is None else v:>10}  {ok}")
    for page, s in (resultats.get("lighthouse") or {}).items():
        v = f"{s['performance']}/{s['accessibility']}/{s['best_practices']}"
        ok = "yes" if all(x == 100 for x in s.values()) else "NO"
        lignes.append(f"{'Lighthouse mobile ' + page + ' (perf/a11y/best)':<52} {'100/100/100':>10} {v:>10}  {ok}")
    return "\n".join(lignes)


def tableau_markdown(resultats: dict, details: dict) -> str:
    """The same table for bench/README.md, with the throughput and the one-connection service time."""
    extra = {"search_p95_ms": ("search", "search_one_connection"),
             "search_1m_p95_ms": ("search_1m", "search_1m_one_connection"),
             "sqlite_search_p95_ms": ("sqlite_search", "sqlite_search_one_connection"),
             "autocomplete_p99_ms": ("autocomplete", "autocomplete_one_connection"),
             "dashboard_p95_ms": ("dashboard", "dashboard_one_connection"),
             "dossiers_p95_ms": ("dossiers", "dossiers_one_connection"),
             "certification_p95_ms": ("certification", "certification_one_connection")}
    lignes = ["| measure | goal | result | met | throughput, errors | one connection p50 / p95 / p99 |",
              "|---|---|---|---|---|---|"]
    for cle, libelle, but, _ in GOALS:
        v = resultats.get(cle)
        ok = "—" if v is None else ("yes" if v <= but else "**no**")
        charge_, seul_ = extra.get(cle, (None, None))
        c, u = details.get(charge_ or "", {}), details.get(seul_ or "", {})
        debit = f"{c['rps']} req/s, {c['errors']} errors" if c else ""
        if (b := details.get({"search_p95_ms": "bare", "search_1m_p95_ms": "bare_1m"}.get(cle, ""))) and c:
            debit += f"; the bare baseline: p95 {b['p95_ms']} ms at {b['rps']} req/s"
        service = f"{u['p50_ms']} / {u['p95_ms']} / {u['p99_ms']} ms" if u else ""
        if cle == "search_ratio_to_bare" and details.get("bare"):
            b = details["bare"]
            debit = f"bare: {b['rps']} req/s, p50 {b['p50_ms']} ms, p95 {b['p95_ms']} ms"
            b = details.get("bare_one_connection")
            service = f"bare: {b['p50_ms']} / {b['p95_ms']} / {b['p99_ms']} ms" if b else ""
        lignes.append(f"| {libelle} | ≤ {but} | {'—' if v is None else v} | {ok} | {debit} | {service} |")
    for page, s in (resultats.get("lighthouse") or {}).items():
        v = f"{s['performance']} / {s['accessibility']} / {s['best_practices']}"
        ok = "yes" if all(x == 100 for x in s.values()) else "**no**"
        lignes.append(f"| Lighthouse mobile {page} (performance / accessibility / best practices) | 100 / 100 / 100 "
                      f"| {v} | {ok} | | |")
    return "\n".join(lignes) + "\n"


def machine() -> dict:
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "kernel": platform.release(),
            "cpu": next((ligne.split(":", 1)[1].strip() for ligne in Path("/proc/cpuinfo").read_text().splitlines()
                         if ligne.startswith("model name")), ""),
            "mem_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "loadavg_at_start": os.getloadavg()}

