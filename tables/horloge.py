"""The one clock: every date that decides something (deadlines, expiry, J-7, retention, reports) reads it.

`aujourdhui()` is the calendar day in Europe/Paris (a deadline falls on a French day, not a UTC one);
`maintenant()` is the instant, UTC-aware, as stored. `decaler()` moves both in this process (tests); the demo
clock is an offset stored in the database, so that web, worker and scheduler all move (`regler_demo`).
Security clocks (sessions, rate limits, tokens, the Date header of e-mails) keep the real time: a demo
clock must not expire a session or lift a lockout.

SQL never reads its own clock to decide (no CURRENT_DATE, now(), date('now') in app queries): the date is
a bound parameter from here, and the ORM fills `default=horloge.Maintenant()` columns from `maintenant()`.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from piccolo.columns import Integer, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

PARIS = ZoneInfo("Europe/Paris")
FRAICHEUR = 2.0  # seconds a process trusts the demo offset it last read
_decalage = timedelta(0)
_demo = timedelta(0)
_lu_a = float("-inf")


class HorlogeDemo(Table, tablename="horloge_demo"):
    """The "Horloge de démonstration" (SPEC_DEMARCHES §6): one row, shared by the web, worker and scheduler
    processes (an offset in memory would move only the process that set it)."""

    cle = Varchar(length=10, primary_key=True)  # "demo"
    secondes = Integer(default=0)


def maintenant() -> datetime:
    return datetime.now(UTC) + _decalage + _demo


def aujourdhui() -> date:
    return maintenant().astimezone(PARIS).date()


def decaler(decalage: timedelta) -> None:
    """Move "now" by `decalage` from the real clock (timedelta(0) puts it back)."""
    global _decalage
    _decalage = decalage


def decalage() -> timedelta:
    return _decalage


def decalage_demo() -> timedelta:
    return _demo


async def rafraichir(force: bool = False) -> None:
    """Read the demo offset again if the last read is older than FRAICHEUR seconds: one indexed row per
    process every 2 s at most. Called by each request and job when the demo is on (web/horloge/rules.py)."""
    global _demo, _lu_a
    if not force and time.monotonic() - _lu_a < FRAICHEUR:
        return
    row = await HorlogeDemo.select(HorlogeDemo.secondes).where(HorlogeDemo.cle == "demo").first()
    _demo, _lu_a = timedelta(seconds=row["secondes"] if row else 0), time.monotonic()


async def regler_demo(decalage: timedelta) -> None:
    """Store the demo offset for every process (timedelta(0): back to the real date)."""
    secondes = int(decalage.total_seconds())
    if await HorlogeDemo.exists().where(HorlogeDemo.cle == "demo"):
        await HorlogeDemo.update({HorlogeDemo.secondes: secondes}).where(HorlogeDemo.cle == "demo")
    else:
        await HorlogeDemo.insert(HorlogeDemo(cle="demo", secondes=secondes))
    await rafraichir(force=True)


class Maintenant(TimestamptzNow):
    """A column default read from this clock when the ORM inserts a row (the DDL default stays the
    database's now(), for rows written by raw SQL)."""

    def python(self) -> datetime:
        return maintenant()
