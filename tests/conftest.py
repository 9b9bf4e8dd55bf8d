"""Integration tests run on a real database: a fresh SQLite file, or the PostgreSQL of DATABASE_URL.

The environment is set before anything of the app is imported (settings are read once).
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="monespace-tests-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_TMP / 'test.sqlite3'}")
os.environ["MAIL_DIR"] = str(_TMP / "mail")
os.environ["UPLOAD_DIR"] = str(_TMP / "uploads")
os.environ["SECRET_KEY"] = "cle-de-test-" + "x" * 40
os.environ["DB_POOL"] = "0"  # the test client and the tests share one loop-less engine
os.environ["EMBEDDED_WORKER"] = "0"  # tests drain the outbox themselves, deterministically
os.environ.pop("SMTP_URL", None)
os.environ["DEMO"] = "0"

import pytest  # noqa: E402

import web.demarches.registre  # noqa: E402,F401 (the démarche types, registered before any test reads them)
from tests.pools import PoolsParBoucle  # noqa: E402
from tests.support import reset_database, truncate_user_tables  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def database() -> Iterator[None]:
    asyncio.run(reset_database())
    from tables.piccolo_conf import DB

    if DB.engine_type != "postgres":
        yield
        return
    DB.pool = PoolsParBoucle(DB.config)  # see tests/pools.py
    yield
    DB.pool = None


@pytest.fixture(autouse=True)
async def clean_tables() -> None:
    await truncate_user_tables()
    for old in Path(os.environ["MAIL_DIR"]).glob("*.eml"):
        old.unlink()
    yield


@pytest.fixture
async def client():
    from litestar.testing import AsyncTestClient

    from web.app import create_app

    async with AsyncTestClient(app=create_app(), base_url="http://testserver.local") as c:
        yield c


@pytest.fixture
def mail_dir() -> Path:
    return Path(os.environ["MAIL_DIR"])
