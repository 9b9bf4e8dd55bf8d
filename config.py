"""Settings read once from the environment (SPEC §10): the embedded default needs none of them."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent
VAR = ROOT / "var"


@dataclass(frozen=True)
class Settings:
    database_url: str
    redis_url: str | None
    smtp_url: str | None
    upload_dir: Path
    mail_dir: Path
    secret_key: str
    base_url: str
    demo: bool

    @property
    def embedded(self) -> bool:
        """SQLite and no Redis: one process runs web, worker and scheduler."""
        return self.redis_url is None

    @property
    def sqlite_path(self) -> Path | None:
        if self.database_url.startswith("sqlite:///"):
            return Path(self.database_url.removeprefix("sqlite:///"))
        return None

    @property
    def https(self) -> bool:
        return self.base_url.startswith("https://")

    @property
    def allowed_hosts(self) -> list[str]:
        host = urlsplit(self.base_url).hostname or "127.0.0.1"
        extra = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
        return sorted({host, "127.0.0.1", "localhost", "::1", "testserver.local", *extra})


def _secret_key() -> str:
    """SECRET_KEY, or a key kept in var/ so that the embedded default survives restarts."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR / "secret_key"
    if not path.exists():
        VAR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


@lru_cache
def settings() -> Settings:
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR / 'monespace.sqlite3'}"
    if database_url.startswith("postgres://"):
        database_url = "postgresql://" + database_url.removeprefix("postgres://")
    port = os.environ.get("PORT", "8000")
    return Settings(
        database_url=database_url,
        redis_url=os.environ.get("REDIS_URL") or None,
        smtp_url=os.environ.get("SMTP_URL") or None,
        upload_dir=Path(os.environ.get("UPLOAD_DIR") or VAR / "uploads"),
        mail_dir=Path(os.environ.get("MAIL_DIR") or VAR / "mail"),
        secret_key=_secret_key(),
        base_url=(os.environ.get("BASE_URL") or f"http://127.0.0.1:{port}").rstrip("/"),
        demo=os.environ.get("DEMO", "1" if "DATABASE_URL" not in os.environ else "0") == "1",
    )


def president_cdom(departement: str | None) -> str:
    """The name printed under "Le Président du Conseil départemental" on an attestation (SPEC_DEMARCHES §2.8):
    PRESIDENTS_CDOM="38=Dr Anne MARTIN;69=…"; the demo's invented name when unset; "" (title alone) otherwise."""
    noms = dict(p.split("=", 1) for p in os.environ.get("PRESIDENTS_CDOM", "").split(";") if "=" in p)
    return noms.get(departement or "", "Dr Claude EXEMPLE (démonstration)" if settings().demo and not noms else "")
