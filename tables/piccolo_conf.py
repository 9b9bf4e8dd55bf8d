"""Piccolo configuration: PostgreSQL when DATABASE_URL says so, else the embedded SQLite file."""

from piccolo.conf.apps import AppRegistry
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine

from config import settings
from tables.sql import ConnexionSQLite

_settings = settings()

if _settings.sqlite_path is not None:
    _settings.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    DB = SQLiteEngine(path=str(_settings.sqlite_path), timeout=30, factory=ConnexionSQLite)
else:
    # No JIT: its compilation costs 100–300 ms whenever an estimate crosses jit_above_cost, far more than
    # any of the app's short queries takes to run (seen on the lieux autocomplete, bench/README.md).
    DB = PostgresEngine(config={"dsn": _settings.database_url, "server_settings": {"jit": "off"}})

APP_REGISTRY = AppRegistry(apps=["tables.piccolo_app"])
