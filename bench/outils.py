"""What every bench step uses: settings, the app and baseline processes, wrk, sessions, memory.

Split from run.py (the orchestrator); bench/profil.py uses it too.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH = ROOT / "bench"
DATA = BENCH / "data"
RESULTS = BENCH / "results"
VENV = ROOT / ".venv" / "bin"
LIGHTHOUSE = BENCH / "lighthouse"
LUA = BENCH / "wrk" / "varie.lua"
SCALE = os.environ.get("BENCH_SCALE", "1m").lower()
DUREE = int(os.environ.get("BENCH_DURATION", "20"))  # seconds of each measured load
CHAUFFE = int(os.environ.get("BENCH_WARMUP", "5"))  # seconds of warm-up before it
CONNEXIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
SESSIONS = int(os.environ.get("BENCH_SESSIONS", "8"))  # logged-in sessions the load spreads over
SEUL = int(os.environ.get("BENCH_SINGLE", "8"))  # seconds of the one-connection runs (service time), 0: none
LH_RUNS = int(os.environ.get("BENCH_LH_RUNS", "3"))  # Lighthouse runs per page; the median one is kept
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
SECRET_KEY = "bench-" + "k" * 58
MEDECIN = ("demo.medecin", "Demo-medecin-2026!")
GESTIONNAIRE = ("cd38@demo.ordre.test", "Demo-gestion-2026!")
LH_PAGES = ("home", "search", "detail", "deposer", "dashboard")

def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def port_libre(prefere: int) -> int:
    for port in (prefere, 0):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("aucun port libre")


# ---------------------------------------------------------------- processes


class Serveur:
    """A server process in its own session, stopped by its own process group id (never by name)."""

    def __init__(self, nom: str, cmd: list[str], env: dict[str, str], port: int, sante: str) -> None:
        self.nom, self.port, self.sante = nom, port, sante
        self.journal = DATA / f"{nom}.log"
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self.journal.open("wb"),
                                     stderr=subprocess.STDOUT, start_new_session=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def attendre(self, limite: float = 90) -> None:
        debut = time.monotonic()
        while time.monotonic() - debut < limite:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.nom} s'est arrêté:\n{self.journal.read_text()[-3000:]}")
            try:
                if httpx.get(self.url + self.sante, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.nom} ne répond pas après {limite} s:\n{self.journal.read_text()[-3000:]}")

    def workers(self) -> list[int]:
        """The uvicorn worker processes (children of the master), or the process itself when alone."""
        enfants = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                champs = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(champs[1]) == self.proc.pid:
                enfants.append(int(stat.parent.name))
        cmd = lambda pid: Path(f"/proc/{pid}/cmdline").read_bytes()  # noqa: E731
        pythons = [p for p in enfants if b"multiprocessing" in cmd(p) or b"uvicorn" in cmd(p) or b"spawn" in cmd(p)]
        return [p for p in pythons if b"resource_tracker" not in cmd(p)] or [self.proc.pid]

    def arreter(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)


@contextmanager
def serveur(*args, **kwargs):
    s = Serveur(*args, **kwargs)
    try:
        s.attendre()
        yield s
    finally:
        s.arreter()


def env_app(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "SMTP_URL", "DEMO", "BASE_URL")}
    env.update(DATABASE_URL=database_url, SECRET_KEY=SECRET_KEY, PICCOLO_CONF="tables.piccolo_conf",
               MAIL_DIR=str(DATA / "mail"), UPLOAD_DIR=str(DATA / "uploads"), PYTHONUNBUFFERED="1", **extra)
    return env


def app_pg(database_url: str, nom: str):
    """As deployed (`make web`): uvicorn, 2 workers, PostgreSQL, Redis, its own SECRET_KEY."""
    port = port_libre(8100)
    return serveur(nom, [str(VENV / "uvicorn"), "web.app:app", "--host", "127.0.0.1", "--port", str(port),
                         "--workers", "2", "--proxy-headers"],
                   env_app(database_url, REDIS_URL=REDIS_URL), port, "/sante")


def app_sqlite(database_url: str):
    """The embedded default (`make run` without DATABASE_URL nor REDIS_URL): one process, worker inside."""
    port = port_libre(8102)
    return serveur("app-sqlite", [str(VENV / "uvicorn"), "web.app:app", "--host", "127.0.0.1", "--port", str(port),
                                  "--proxy-headers"], env_app(database_url), port, "/sante")


def bare(database_url: str):
    port = port_libre(8101)
    env = env_app(database_url)
    return serveur("bare", [str(VENV / "uvicorn"), "bench.bare:app", "--host", "127.0.0.1", "--port", str(port),
                            "--workers", "2", "--no-access-log"], env, port, "/annonces")


# ---------------------------------------------------------------- HTTP helpers


def connecter(base: str, identifiant: str, mot_de_passe: str, gestion: bool = False) -> str:
    """Log in through the real form (CSRF included); returns the Cookie header of the session."""
    chemin = "/gestion/connexion" if gestion else "/connexion"
    with httpx.Client(base_url=base, timeout=30) as c:
        page = c.get(chemin)
        jeton = re.search(r'name="_csrf_token" value="([^"]+)"', page.text)
        r = c.post(chemin, data={"identifiant": identifiant, "mot_de_passe": mot_de_passe,
                                 "_csrf_token": jeton[1] if jeton else ""})
        if r.status_code != 303 or "monespace_session" not in c.cookies:
            raise RuntimeError(f"connexion de {identifiant} impossible ({r.status_code})")
        return "; ".join(f"{k}={v}" for k, v in c.cookies.items())


def sessions(base: str, identifiant: str, mot_de_passe: str, nombre: int, gestion: bool = False) -> list[str]:
    return [connecter(base, identifiant, mot_de_passe, gestion) for _ in range(nombre)]


def cartes(html: str) -> tuple[int | None, list[int]]:
    total = re.search(r'<h2 id="titre-resultats">(\d+) annonce', html)
    return (int(total[1]) if total else None), [int(i) for i in re.findall(r'id="annonce-(\d+)-titre"', html)]


def verifier(base: str, cookie: str | None, chemins: list[str], attendu: str | None = None) -> None:
    """Every path answers 200 (and contains `attendu`) before it is loaded."""
    with httpx.Client(base_url=base, timeout=30, headers={"Cookie": cookie} if cookie else {}) as c:
        for chemin in chemins:
            r = c.get(chemin)
            if r.status_code != 200 or (attendu and attendu not in r.text):
                raise RuntimeError(f"{base}{chemin}: {r.status_code}, réponse inattendue:\n{r.text[:500]}")


def wrk(base: str, chemins: Path, cookies: list[str] | None = None, duree: int = DUREE,
        connexions: int = CONNEXIONS, entetes: str = "") -> dict:
    env = {**os.environ, "BENCH_PATHS": str(chemins), "BENCH_COOKIES": "", "BENCH_HEADERS": entetes}
    if cookies:
        fichier = DATA / f"cookies-{abs(hash(tuple(cookies)))}.txt"
        fichier.write_text("\n".join(cookies) + "\n")
        env["BENCH_COOKIES"] = str(fichier)
    cmd = ["wrk", f"-t{min(2, connexions)}", f"-c{connexions}", f"-d{duree}s", "--timeout", "10s", "-s", str(LUA), base]
    sortie = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=duree + 60).stdout
    ligne = next((ligne for ligne in sortie.splitlines() if ligne.startswith("BENCH_JSON ")), None)
    if ligne is None:
        raise RuntimeError(f"wrk sans résultat:\n{sortie}")
    r = json.loads(ligne.removeprefix("BENCH_JSON "))
    r["rps"] = round(r["requests"] / (r["duration_us"] / 1e6), 1)
    r["errors"] = sum(v for k, v in r.items() if k.startswith("errors_"))
    for k in ("p50", "p90", "p95", "p99", "max"):
        r[f"{k}_ms"] = round(r.pop(f"{k}_us") / 1000, 2)
    r["mean_ms"] = round(r.pop("mean_us") / 1000, 2)
    return r


def charge(nom: str, base: str, chemins: Path, cookies: list[str] | None = None, entetes: str = "",
           duree: int = DUREE, chauffe: int = CHAUFFE) -> dict:
    charge_machine = round(os.getloadavg()[0], 2)  # other processes on the machine (shared by other work)
    if chauffe:
        wrk(base, chemins, cookies, duree=chauffe, entetes=entetes)
    r = wrk(base, chemins, cookies, duree=duree, entetes=entetes)
    r["loadavg_1min_before"] = charge_machine
    log(f"{nom}: p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, p99 {r['p99_ms']} ms, {r['rps']} req/s, "
        f"{r['errors']} erreurs")
    return r


def seul(nom: str, base: str, chemins: Path, cookies: list[str] | None = None) -> dict:
    """The same requests one at a time (one connection): the service time, without any queueing."""
    r = wrk(base, chemins, cookies, duree=SEUL, connexions=1)
    log(f"{nom}, une connexion : p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, p99 {r['p99_ms']} ms")
    return r


def ecrire_chemins(nom: str, chemins: list[str]) -> Path:
    f = DATA / f"{nom}.txt"
    f.write_text("\n".join(chemins) + "\n")
    return f


def rss_mb(pids: list[int]) -> list[float]:
    valeurs = []
    for pid in pids:
        try:
            ligne = next(ligne for ligne in Path(f"/proc/{pid}/status").read_text().splitlines()
                         if ligne.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
        valeurs.append(round(int(ligne.split()[1]) * 1024 / 1e6, 1))
    return valeurs


