"""Rate limits that hold under parallel requests and across worker processes.

A check then a write lets a burst of parallel requests all pass the check. Here each decision is taken
inside `verrou()`, a transaction holding a lock the database keeps for every process (PostgreSQL: an
advisory lock per key, held until the transaction ends; SQLite: BEGIN IMMEDIATE, the database's write
lock), on counts that include the attempt being decided.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from piccolo.engine.sqlite import TransactionType

from tables.comptes import TentativeConnexion
from tables.sql import fetch

FENETRE = timedelta(minutes=15)


def _now() -> datetime:
    """Real time: a demo clock must not lift a lockout (tables/horloge.py)."""
    return datetime.now(UTC)


@asynccontextmanager
async def verrou(*cles: str) -> AsyncIterator[None]:
    """A transaction that holds the lock of each key (in a fixed order: no deadlock; "" is none) until it ends."""
    db = TentativeConnexion._meta.db
    if db.engine_type == "postgres":
        async with db.transaction():
            for cle in sorted(set(cles) - {""}):
                await fetch("SELECT pg_advisory_xact_lock(hashtext({}))", cle)
            yield
    else:
        async with db.transaction(transaction_type=TransactionType.immediate):
            yield


async def compter(cle: str, fenetre: timedelta = FENETRE) -> int:
    return await TentativeConnexion.count().where(
        (TentativeConnexion.cle == cle) & (TentativeConnexion.le > _now() - fenetre))


async def derniere(cle: str, fenetre: timedelta = FENETRE) -> datetime | None:
    row = await TentativeConnexion.select(TentativeConnexion.le).where(
        (TentativeConnexion.cle == cle) & (TentativeConnexion.le > _now() - fenetre)
    ).order_by(TentativeConnexion.le, ascending=False).first()
    return row["le"] if row else None


async def noter(*cles: str) -> None:
    now = _now()
    await TentativeConnexion.insert(*(TentativeConnexion(cle=cle, le=now) for cle in cles))


async def oublier(*cles: str) -> None:
    await TentativeConnexion.delete().where(TentativeConnexion.cle.is_in(list(cles)))


async def depasse(cle: str, maximum: int, fenetre: timedelta = FENETRE) -> bool:
    """Record one attempt on `cle`, then say whether the count that includes it is over `maximum`.
    Call it inside `verrou(cle)`."""
    await noter(cle)
    return await compter(cle, fenetre) > maximum


async def purger() -> int:
    """Rows older than any window (a scheduled job)."""
    gone = await TentativeConnexion.delete().where(TentativeConnexion.le < _now() - timedelta(days=1)
                                                   ).returning(TentativeConnexion.id)
    return len(gone)
