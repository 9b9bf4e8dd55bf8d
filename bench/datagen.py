"""Bench data: N published annonces (plus ~15 % in every other status) on PostgreSQL, copied to SQLite.

PostgreSQL: the app's own migrations create the schema, `web.demo` creates the demo accounts (the
doctor the load logs in as, the gestionnaire of the Isère council), then a handful of INSERT … SELECT
over generate_series write everything else in the server, in a few seconds per 100k annonces.

Realism: annonce lieux are communes drawn by population (Paris, Lyon and Marseille also by
arrondissement), some départements, régions and "Toute la France"; 1–3 lieux and 1–3 périodes per
annonce; every catégorie and côté; specialties weighted towards general practice; authors spread by
département population, 10 % of the annonces in Isère (the perimeter of the dashboard measure).

SQLite: the same rows, read from the PostgreSQL database and written with executemany in one
transaction into a file migrated by the same migrations (dates go through Piccolo's own adapters).

Cached: a database is kept with a marker in bench/data/ naming the generator version and size; it is
rebuilt only when either changes. `piccolo migrations forwards` runs every time (new indexes apply).
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # also run as a script

from bench import generation  # noqa: E402

DATA = ROOT / "bench" / "data"
VENV = ROOT / ".venv" / "bin"
PG_ADMIN = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
VERSION = 6  # bump to regenerate cached data (5: the démarches' dossiers, 6: the certification's carnets)
SQLITE_VERSION = 2  # the SQLite copy: no ANALYZE, as the embedded default never runs one
TAILLES = {"100k": 100_000, "1m": 1_000_000}


_T0 = time.monotonic()


def log(msg: str) -> None:
    print(f"[datagen {time.monotonic() - _T0:6.1f}s] {msg}", flush=True)


async def connecter(dsn: str, limite_s: float = 90) -> asyncpg.Connection:
    """A connection, waiting (up to limite_s) while PostgreSQL restarts: the machine's server is shared."""
    debut = time.monotonic()
    while True:
        try:
            return await asyncpg.connect(dsn)
        except (OSError, asyncpg.CannotConnectNowError, asyncpg.TooManyConnectionsError):
            if time.monotonic() - debut > limite_s:
                raise
            await asyncio.sleep(1)


def pg_url(nom: str) -> str:
    return f"{PG_ADMIN}/{nom}"


def marqueur(nom: str) -> Path:
    return DATA / f"{nom}.ok"


def _version(nom: str) -> int:
    return SQLITE_VERSION * 1000 + VERSION if nom.endswith("_sqlite") else VERSION


def a_jour(nom: str, n: int) -> bool:
    try:
        m = json.loads(marqueur(nom).read_text())
    except (OSError, ValueError):
        return False
    return m.get("version") == _version(nom) and m.get("n") == n


def ecrire_marqueur(nom: str, n: int, secondes: float) -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    marqueur(nom).write_text(json.dumps({"version": _version(nom), "n": n, "seconds": round(secondes, 1)}))


def migrer(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "PICCOLO_CONF": "tables.piccolo_conf"}
    env.pop("REDIS_URL", None)
    subprocess.run([str(VENV / "piccolo"), "migrations", "forwards", "tables"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, timeout=600)


def demo(database_url: str) -> None:
    """The demo accounts (and their ~300 annonces): the logins the load uses."""
    env = {**os.environ, "DATABASE_URL": database_url, "DEMO": "1", "PICCOLO_CONF": "tables.piccolo_conf"}
    env.pop("REDIS_URL", None)
    subprocess.run([str(VENV / "python"), "-m", "web.demo"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, timeout=600)


async def _generer_pg(dsn: str, n: int) -> None:
    conn = await connecter(dsn)
    try:
        await generation.generer(conn, n, log)
    finally:
        await conn.close()


async def _admin(sql: str) -> None:
    conn = await connecter(pg_url("postgres"))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _vacuum(dsn: str) -> None:
    conn = await connecter(dsn)
    try:
        await conn.execute("VACUUM (ANALYZE)")
    finally:
        await conn.close()


async def _etat_stable(dsn: str) -> None:
    """The bench doctor already answered the first-visit question of Annonces (the steady state)."""
    conn = await connecter(dsn)
    try:
        await conn.execute("UPDATE compte SET choix_contact_annonces = 'refuse' WHERE identifiant = 'demo.medecin' "
                           "AND choix_contact_annonces IN ('', 'refuser')")
    finally:
        await conn.close()


def preparer_pg(taille: str) -> str:
    """The database bench_<taille>, generated if missing or stale, migrated to the latest schema."""
    nom, n = f"bench_{taille}", TAILLES[taille]
    url = pg_url(nom)
    if not a_jour(nom, n):
        debut = time.monotonic()
        log(f"génération de {nom} ({n} annonces publiées)")
        asyncio.run(_admin(f"DROP DATABASE IF EXISTS {nom} WITH (FORCE)"))
        asyncio.run(_admin(f"CREATE DATABASE {nom}"))
        migrer(url)
        demo(url)
        asyncio.run(_generer_pg(url, n))
        asyncio.run(_etat_stable(url))
        migrer(url)
        asyncio.run(_vacuum(url))
        ecrire_marqueur(nom, n, time.monotonic() - debut)
        log(f"{nom} prête en {time.monotonic() - debut:.0f} s")
    else:
        migrer(url)  # later migrations (indexes) apply to the cached data
        asyncio.run(_vacuum(url))
    return url


async def _lire_pg(dsn: str, tables: list[str]) -> dict[str, tuple[list[str], list[tuple]]]:
    conn = await connecter(dsn)
    try:
        lu = {}
        for table in tables:
            records = await conn.fetch(f"SELECT * FROM {table} ORDER BY 1")  # noqa: S608 - our own table names
            lu[table] = (list(records[0].keys()) if records else [], [tuple(r) for r in records])
        return lu
    finally:
        await conn.close()


def preparer_sqlite(taille: str = "100k") -> str:
    """bench/data/bench_<taille>.sqlite3: the PostgreSQL rows of every non-reference table, same ids."""
    nom, n = f"bench_{taille}_sqlite", TAILLES[taille]
    fichier = DATA / f"bench_{taille}.sqlite3"
    url = f"sqlite:///{fichier}"
    if a_jour(nom, n) and fichier.exists():
        migrer(url)
        return url
    debut = time.monotonic()
    pg = preparer_pg(taille)
    log(f"copie vers {fichier.name}")
    for f in DATA.glob(f"bench_{taille}.sqlite3*"):
        f.unlink()
    migrer(url)
    import piccolo.engine.sqlite  # noqa: F401 - registers the adapters Piccolo writes dates with

    db = sqlite3.connect(fichier)
    tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                       "'sqlite_%' AND name <> 'migration'")
              if db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0  # noqa: S608
              and t not in ("cle", "annonce_effectif")]  # the counts: the triggers keep them as the annonces arrive
    lu = asyncio.run(_lire_pg(pg, tables))
    db.execute("PRAGMA foreign_keys = OFF")
    with db:
        for table, (colonnes, lignes) in lu.items():
            if not lignes:
                continue
            cibles = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
            garder = [i for i, c in enumerate(colonnes) if c in cibles]
            noms = ", ".join(colonnes[i] for i in garder)
            marques = ", ".join("?" for _ in garder)
            db.executemany(f"INSERT INTO {table} ({noms}) VALUES ({marques})",  # noqa: S608
                           ([ligne[i] for i in garder] for ligne in lignes))
    db.close()
    ecrire_marqueur(nom, n, time.monotonic() - debut)
    log(f"{fichier.name} prête en {time.monotonic() - debut:.0f} s")
    return url


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["100k"]:
        if arg.endswith("-sqlite"):
            print(preparer_sqlite(arg.removesuffix("-sqlite")))
        else:
            print(preparer_pg(arg))
