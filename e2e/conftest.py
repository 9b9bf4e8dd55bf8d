"""End-to-end tests in a real browser (Playwright, Chromium) with an axe accessibility check at each step.

Without `--base-url`, the session starts its own MonEspace: a temporary folder, a fresh database (SQLite, or
a `<dbname>_e2e` sibling of the PostgreSQL database of DATABASE_URL), migrations, demo data, then uvicorn on a
free port; it is stopped at the end, failures included. With `--base-url https://…`, the tests drive that
instance instead, and the tests needing the e-mails it sends are skipped (see e2e/README.md).

Everything stays synchronous (Playwright's sync API, as pytest-playwright uses it): the root pyproject runs
pytest-asyncio in auto mode, which leaves plain `def` tests alone.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from e2e.console import console_propre  # noqa: F401  (the fixture `new_context`, registered here)
from e2e.etapes import VALIDATION
from e2e.validation import Validation

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync",
]
STARTUP_TIMEOUT = 60  # seconds, migrations and demo data included
EXPECT_TIMEOUT = 10_000  # ms, assertions and actions alike: generous for a slow CI machine, short on failure


# --------------------------------------------------------------------------- configuration


def pytest_configure(config: pytest.Config) -> None:
    """e2e-only settings (the root pyproject stays as it is)."""
    config.addinivalue_line("markers", "needs_mail: reads the e-mails of the app this session started")
    # Playwright's artefacts (--tracing, --video, --screenshot) go to e2e/test-results, not to the repo root.
    if getattr(config.option, "output", None) == "test-results":
        config.option.output = str(Path(__file__).parent / "test-results")
    expect.set_options(timeout=EXPECT_TIMEOUT)


def _external_url(config: pytest.Config) -> str | None:
    """The --base-url given (or the base_url ini value / PYTEST_BASE_URL), if any."""
    url = config.getoption("base_url", default=None)
    if not url:
        try:
            url = config.getini("base_url")
        except ValueError:
            url = None
    return url.rstrip("/") if url else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _external_url(config) is None:
        return
    skip = pytest.mark.skip(reason="needs the e-mails of the app under test: not available with --base-url")
    for item in items:
        if "needs_mail" in item.keywords:
            item.add_marker(skip)


# --------------------------------------------------------------------------- the app under test


@dataclass(frozen=True)
class App:
    url: str
    mail_dir: Path | None  # None: an external instance, whose e-mails we cannot read
    database_url: str | None = None  # None: an external instance, whose database is not ours


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres_e2e(url: str) -> str:
    """A fresh `<dbname>_e2e` database next to the one of `url` (dropped first if it exists)."""
    import asyncpg

    parts = urlsplit(url)
    dbname = parts.path.lstrip("/") or "postgres"
    target = f"{dbname}_e2e"
    quoted = '"' + target.replace('"', '""') + '"'

    async def recreate() -> None:
        try:
            conn = await asyncpg.connect(url)
        except asyncpg.InvalidCatalogNameError:  # that database does not exist (yet): use the maintenance one
            conn = await asyncpg.connect(urlunsplit(parts._replace(path="/postgres")))
        try:
            try:
                await conn.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
            except asyncpg.PostgresSyntaxError:  # PostgreSQL < 13
                await conn.execute(f"DROP DATABASE IF EXISTS {quoted}")
            await conn.execute(f"CREATE DATABASE {quoted}")
        finally:
            await conn.close()

    # In a thread of its own: Playwright's sync API already runs an event loop in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, recreate()).result()
    return urlunsplit(parts._replace(path="/" + target))


def _run(cmd: list[str], env: dict[str, str], log: Path) -> None:
    with log.open("ab") as out:
        done = subprocess.run(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=STARTUP_TIMEOUT)
    if done.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed (code {done.returncode}):\n{_tail(log)}")


def _tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _wait_ready(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"uvicorn stopped (code {proc.returncode}):\n{_tail(log)}")
        try:
            with urllib.request.urlopen(f"{url}/connexion", timeout=2) as resp:  # noqa: S310 (local URL)
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url}/connexion did not answer within {STARTUP_TIMEOUT} s:\n{_tail(log)}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@pytest.fixture(scope="session")
def app(pytestconfig: pytest.Config, request: pytest.FixtureRequest) -> Iterator[App]:
    """The MonEspace under test: the --base-url one, or one started here for the session."""
    external = _external_url(pytestconfig)
    if external:
        yield App(url=external, mail_dir=None)
        return

    tmp = Path(tempfile.mkdtemp(prefix="monespace-e2e-"))
    log = tmp / "serveur.log"
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "SMTP_URL", "PORT", "DATABASE_URL"}}
    source_db = os.environ.get("DATABASE_URL", "")
    if source_db.startswith(("postgresql://", "postgres://")):
        database_url = _postgres_e2e("postgresql://" + source_db.split("://", 1)[1])
    else:
        database_url = f"sqlite:///{tmp / 'e2e.sqlite3'}"
    env.update(
        DATABASE_URL=database_url, MAIL_DIR=str(tmp / "mail"), UPLOAD_DIR=str(tmp / "uploads"),
        SECRET_KEY="cle-e2e-" + "x" * 48, BASE_URL=url, DEMO="1", EMBEDDED_WORKER="1",
        PICCOLO_CONF="tables.piccolo_conf", PYTHONUNBUFFERED="1",
    )
    proc: subprocess.Popen | None = None
    try:
        _run([str(BIN / "piccolo"), "migrations", "forwards", "tables"], env, log)
        _run([sys.executable, "-m", "web.demo"], env, log)
        with log.open("ab") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "web.app:app", "--host", "127.0.0.1", "--port", str(port),
                 "--no-server-header"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            )
        _wait_ready(url, proc, log)
        yield App(url=url, mail_dir=tmp / "mail", database_url=database_url)
    finally:
        if proc is not None:
            _stop(proc)
        if request.session.testsfailed:
            print(f"\ne2e: server log and e-mails kept in {tmp} (database {database_url})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def _oublier_tentatives(database_url: str) -> None:
    """Empty tentative_connexion: every login of the suite comes from 127.0.0.1, one address that
    web/auth/rules.py admits 20 times per 15 minutes. The limits have their own tests (tests/)."""
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as conn:
            conn.execute("DELETE FROM tentative_connexion")
        return
    import asyncpg

    async def vider() -> None:
        conn = await asyncpg.connect(database_url)
        try:
            await conn.execute("DELETE FROM tentative_connexion")
        finally:
            await conn.close()

    with ThreadPoolExecutor(max_workers=1) as pool:  # Playwright's sync API runs an event loop in this thread
        pool.submit(asyncio.run, vider()).result()


@pytest.fixture(autouse=True)
def tentatives_oubliees(app: App) -> None:
    """Each test starts with no login attempt recorded (the started app only)."""
    if app.database_url:
        _oublier_tentatives(app.database_url)


@pytest.fixture(scope="session", autouse=True)
def html_valide(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """At the end of the session, every page check_a11y saw goes through the W3C Nu HTML Checker: no error."""
    validation = Validation(tmp_path_factory.mktemp("html"))
    VALIDATION.append(validation)
    yield
    VALIDATION.clear()
    erreurs = validation.erreurs()
    assert not erreurs, f"{len(erreurs)} erreur(s) HTML (W3C Nu HTML Checker) :\n" + "\n".join(erreurs)


@pytest.fixture(scope="session")
def base_url(app: App) -> str:
    """Overrides pytest-playwright's: every context opens relative URLs against the app under test."""
    return app.url


@pytest.fixture(scope="session")
def mail_dir(app: App) -> Path | None:
    """Where the app started here writes its .eml files; None against an external --base-url."""
    return app.mail_dir


# --------------------------------------------------------------------------- browser and pages


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium (`playwright install` cannot download browsers here); --headed etc. still apply."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def _telephone(new_context) -> Page:
    context: BrowserContext = new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                          has_touch=True, locale="fr-FR", timezone_id="Europe/Paris")
    context.set_default_timeout(EXPECT_TIMEOUT)
    return context.new_page()


@pytest.fixture
def phone(new_context) -> Page:
    """A phone-sized page (390×844, touch), in French."""
    return _telephone(new_context)


@pytest.fixture
def other_phone(new_context) -> Page:
    """A second doctor's phone, with its own cookies."""
    return _telephone(new_context)


@pytest.fixture
def desktop(new_context) -> Page:
    """A desktop-sized page (1280×800), in French."""
    context: BrowserContext = new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR",
                                          timezone_id="Europe/Paris")
    context.set_default_timeout(EXPECT_TIMEOUT)
    return context.new_page()
