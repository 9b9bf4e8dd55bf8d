"""10,000 notifications drained Redis → Dramatiq worker → SMTP: `python bench/notifications.py` (env set by run.py).

An aiosmtpd sink counts what it receives; the worker is the deployed one (`make worker`: one process,
four threads) with SMTP_URL pointing at the sink. The rows are written as the outbox writes them (bulk
SQL), then relayed to Redis by the app's own `actors.relayer`; the clock runs from the first relay to
the last row marked sent. The rows are deleted afterwards. Prints one JSON line.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import asyncpg
import redis
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NOMBRE = int(os.environ.get("BENCH_NOTIFICATIONS", "10000"))
LIMITE_S = float(os.environ.get("BENCH_NOTIFICATIONS_TIMEOUT", "240"))
DELETE = "DELETE FROM notification WHERE message_id LIKE '<bench.%'"
HTML = ("<!doctype html><html lang=\"fr\"><body><p>Bonjour Docteur,</p><p>Votre annonce n° {n} « Cherche remplaçant "
        "en médecine générale – juillet » est publiée : elle est visible en ligne dès maintenant.</p>"
        + "<p>Ordre des médecins – MonEspace. Ceci est un message automatique, merci de ne pas y répondre.</p>" * 6
        + "</body></html>")


class Puits:
    def __init__(self) -> None:
        self.recus = 0
        self.verrou = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's name
        with self.verrou:
            self.recus += 1
        return "250 OK"


async def _inserer(dsn: str) -> list[int]:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(DELETE)
        rows = await conn.fetch("""
            INSERT INTO notification (compte, nature, destinataire, sujet, texte, html, message_id, cree_le,
                                      reserve_le, envoye_le, echec_le, essais, erreur)
            SELECT NULL, 'annonce_publiee', 'medecin' || g || '@exemple.fr',
                   'Ordre des médecins - Votre annonce n° ' || g || ' est publiée',
                   repeat('Votre annonce est publiée : elle est visible en ligne dès maintenant. ', 12),
                   replace($2, '{n}', g::text), '<bench.' || g || '@monespace.ordre.test>', now(),
                   NULL, NULL, NULL, 0, ''
            FROM generate_series(1, $1) g ORDER BY g RETURNING id
        """, NOMBRE, HTML)
        return [r["id"] for r in rows]
    finally:
        await conn.close()


async def _envoyees(dsn: str) -> tuple[int, int]:
    conn = await asyncpg.connect(dsn)
    try:
        row = await conn.fetchrow(
            "SELECT count(*) FILTER (WHERE envoye_le IS NOT NULL) AS ok, count(*) FILTER (WHERE echec_le IS NOT NULL) "
            "AS ko FROM notification WHERE message_id LIKE '<bench.%'")
        return row["ok"], row["ko"]
    finally:
        await conn.close()


async def _nettoyer(dsn: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(DELETE)
    finally:
        await conn.close()


def main() -> dict:
    dsn = os.environ["DATABASE_URL"]
    port = int(os.environ.get("BENCH_SMTP_PORT", "8125"))
    os.environ["SMTP_URL"] = f"smtp://127.0.0.1:{port}"
    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()  # the bench's own Redis database
    puits = Puits()
    smtp = Controller(puits, hostname="127.0.0.1", port=port)
    smtp.start()
    journal = open(ROOT / "bench" / "data" / "worker.log", "w")  # noqa: SIM115
    fils = os.environ.get("BENCH_WORKER_THREADS", "4")  # 4: `make worker`
    worker = subprocess.Popen([str(ROOT / ".venv" / "bin" / "dramatiq"), "tasks.actors", "--processes", "1",
                               "--threads", fils], cwd=ROOT, env=os.environ.copy(), stdout=journal,
                              stderr=subprocess.STDOUT, start_new_session=True)
    try:
        debut = time.monotonic()
        while "ready for action" not in (ROOT / "bench" / "data" / "worker.log").read_text():
            if time.monotonic() - debut > 60 or worker.poll() is not None:
                raise RuntimeError("le worker Dramatiq n'a pas démarré (bench/data/worker.log)")
            time.sleep(0.2)
        ids = asyncio.run(_inserer(dsn))
        from tasks.actors import relayer

        debut = time.monotonic()
        relayer(ids)
        relais = time.monotonic() - debut
        envoyees = echecs = 0
        arret = None
        while time.monotonic() - debut < LIMITE_S:
            envoyees, echecs = asyncio.run(_envoyees(dsn))
            if envoyees + echecs >= NOMBRE:
                break
            if worker.poll() is not None:  # stopped by someone else: say so rather than wait
                arret = f"worker stopped (code {worker.returncode}) after {time.monotonic() - debut:.1f} s"
                break
            time.sleep(0.25)
        duree = time.monotonic() - debut
        termine = envoyees + echecs >= NOMBRE
        return {"notifications": NOMBRE, "seconds": round(duree, 2) if termine else None,
                "relay_seconds": round(relais, 2), "sent": envoyees, "failed": echecs,
                "smtp_received": puits.recus, "timeout_s": None if termine or arret else LIMITE_S,
                "error": arret}
    finally:
        worker.terminate()
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            worker.kill()
        smtp.stop()
        asyncio.run(_nettoyer(dsn))
        redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()


if __name__ == "__main__":
    print("BENCH_JSON " + json.dumps(main()), flush=True)
