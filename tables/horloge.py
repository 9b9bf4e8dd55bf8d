"""The one clock: every date that decides something (deadlines, expiry, J-7, retention, reports) reads it.

`aujourdhui()` is the calendar day in Europe/Paris (a deadline falls on a French day, not a UTC one);
`maintenant()` is the instant, UTC-aware, as stored. `decaler()` moves both for the demo clock and tests.
Security clocks (sessions, rate limits, tokens, the Date header of e-mails) keep the real time: a demo
clock must not expire a session or lift a lockout.

SQL never reads its own clock to decide (no CURRENT_DATE, now(), date('now') in app queries): the date is
a bound parameter from here, and the ORM fills `default=horloge.Maintenant()` columns from `maintenant()`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from piccolo.columns.defaults.timestamptz import TimestamptzNow

PARIS = ZoneInfo("Europe/Paris")
_decalage = timedelta(0)


def maintenant() -> datetime:
    return datetime.now(UTC) + _decalage


def aujourdhui() -> date:
    return maintenant().astimezone(PARIS).date()


def decaler(decalage: timedelta) -> None:
    """Move "now" by `decalage` from the real clock (timedelta(0) puts it back)."""
    global _decalage
    _decalage = decalage


def decalage() -> timedelta:
    return _decalage


class Maintenant(TimestamptzNow):
    """A column default read from this clock when the ORM inserts a row (the DDL default stays the
    database's now(), for rows written by raw SQL)."""

    def python(self) -> datetime:
        return maintenant()
