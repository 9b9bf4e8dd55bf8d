"""Hand-written SQL on the hot paths (every request's session and user, the search), run without the ORM.

Piccolo's `Table.raw` rebuilds and recompiles a QueryString on every call: on a search page that cost
about as much CPU as the queries themselves (bench/README.md). Here a statement's text is compiled once
per process; on PostgreSQL it goes straight to asyncpg (whose prepared-statement cache then knows it),
inside the current Piccolo transaction when there is one. SQLite keeps Piccolo's adapters, on one kept
connection while the app runs.
Placeholders are `{}`, as in `Table.raw`; values are always bound, never formatted in.
"""

from __future__ import annotations

import asyncio
import sqlite3
from functools import cache, lru_cache
from typing import Any

from piccolo.engine.base import Engine
from piccolo.engine.finder import engine_finder
from piccolo.querystring import QueryString


@lru_cache(maxsize=4096)  # a search's text varies with its shape (lieux, catégories, périodes): bounded
def dollars(sql: str) -> str:
    """"a = {} AND b = {}" → "a = $1 AND b = $2"."""
    morceaux = sql.split("{}")
    return "".join(m + (f"${i}" if i < len(morceaux) else "") for i, m in enumerate(morceaux, 1))


# French letters with diacritics and the ligatures, folded as tables/reference/texte.normaliser folds them.
_ACCENTS = {**dict.fromkeys("àâäáãåÀÂÄÁÃÅ", "a"), **dict.fromkeys("çÇ", "c"), **dict.fromkeys("éèêëÉÈÊË", "e"),
            **dict.fromkeys("îïíìÎÏÍÌ", "i"), **dict.fromkeys("ôöóòõÔÖÓÒÕ", "o"), **dict.fromkeys("ùûüúÙÛÜÚ", "u"),
            **dict.fromkeys("ÿýŸÝ", "y"), **dict.fromkeys("ñÑ", "n")}
_LIGATURES = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"}
_TABLE = str.maketrans({**_ACCENTS, **_LIGATURES})


def plier(texte: str | None) -> str | None:
    """The folded text `pli` sorts on: accents and ligatures folded, lowercased (SQLite's `pli()` function)."""
    return None if texte is None else texte.translate(_TABLE).lower()


def pli(expression: str) -> str:
    """SQL for `expression`'s text folded as `plier` folds it, an order-by key where « à Échirolles » comes before
    « en » (neither database has a French collation both agree on): translate() on PostgreSQL, on SQLite the
    `pli()` function each connection is given (`ConnexionSQLite` below: nested replace() calls overflow its parser)."""
    if _moteur().engine_type != "postgres":
        return f"pli({expression})"
    sql = f"translate({expression}, '{''.join(_ACCENTS)}', '{''.join(_ACCENTS.values())}')"
    for ligature, lettres in _LIGATURES.items():
        sql = f"replace({sql}, '{ligature}', '{lettres}')"
    return f"lower({sql})"


class ConnexionSQLite(sqlite3.Connection):
    """Every connection to the embedded database knows `pli()`: piccolo_conf gives this class as sqlite3's
    `factory` (Piccolo opens connections in more than one place)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.create_function("pli", 1, plier, deterministic=True)


@cache
def _moteur() -> Engine:
    """piccolo_conf's engine, looked up once (engine_finder imports and inspects the module each time)."""
    moteur = engine_finder()
    if moteur is None:
        raise RuntimeError("piccolo_conf sans moteur")
    return moteur


# The embedded default's kept SQLite connection, by event loop: Piccolo opens a connection (and its
# thread) for every query outside a transaction. Opened and closed with the app (web/app.py).
_sqlite: dict[int, Any] = {}


async def ouvrir() -> None:
    moteur = _moteur()
    if moteur.engine_type == "sqlite":
        _sqlite[id(asyncio.get_running_loop())] = await moteur.get_connection()


async def fermer() -> None:
    connexion = _sqlite.pop(id(asyncio.get_running_loop()), None)
    if connexion is not None:
        await connexion.close()


async def fetch(sql: str, *args: Any) -> list[dict[str, Any]]:
    """The rows of one statement, as dicts."""
    moteur = _moteur()
    if moteur.engine_type != "postgres":
        connexion = _sqlite.get(id(asyncio.get_running_loop()))
        if connexion is None or moteur.current_transaction.get() is not None:
            return await moteur.run_querystring(QueryString(sql, *args))
        texte, valeurs = QueryString(sql, *args).compile_string(engine_type="sqlite")
        async with connexion.execute(texte, valeurs) as curseur:
            return await curseur.fetchall()
    texte = dollars(sql)
    transaction = moteur.current_transaction.get()
    if transaction is not None:
        return [dict(r) for r in await transaction.connection.fetch(texte, *args)]
    if moteur.pool is None:  # scripts and tests that open no pool
        return [dict(r) for r in await moteur.run_querystring(QueryString(sql, *args))]
    return [dict(r) for r in await moteur.pool.fetch(texte, *args)]
