"""What a request or a job hands to the broker, collected while it runs and sent once at its end.

Domain code only records, inside its own transaction: an outbox row (`notifier`), "an annonce was
published, saved searches should hear of it" (`alerter`). The edge — the web middleware
(web/relais.py) and the job wrapper (tasks/actors.py) — runs the work `dans()` a collection, then
sends it once, when every transaction in it has committed or rolled back. A rolled-back row is no
harm: the actor claims nothing. Outside a collection nothing is sent; the minute sweep relays it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")


@dataclass
class Collecte:
    notifications: list[int] = field(default_factory=list)
    alertes: bool = False

    def __bool__(self) -> bool:
        return bool(self.notifications) or self.alertes


_en_cours: ContextVar[Collecte | None] = ContextVar("relais", default=None)


def notifier(ids: Iterable[int | None]) -> None:
    """Queue outbox rows for the relay at the end of the request or job."""
    collecte = _en_cours.get()
    if collecte is not None:
        collecte.notifications.extend(i for i in ids if i and i not in collecte.notifications)


def alerter() -> None:
    """Saved searches "Dès la publication" hear of a new annonce at the end of the request or job, once."""
    collecte = _en_cours.get()
    if collecte is not None:
        collecte.alertes = True


async def dans(collecte: Collecte, travail: Awaitable[T]) -> T:
    """Run `travail` with what it records going to `collecte` (the caller sends it afterwards)."""
    jeton = _en_cours.set(collecte)
    try:
        return await travail
    finally:
        _en_cours.reset(jeton)
