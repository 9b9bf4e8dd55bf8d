"""The "Horloge de démonstration" (SPEC_DEMARCHES §6): national staff move "today" in the demo only.

The offset lives in the database (tables/horloge.py `HorlogeDemo`) so that the web, the worker and the
scheduler read the same day; each request and job refreshes it (at most every 2 s) before it runs. Outside
the demo nothing is read and the clock is the real one.
"""

from __future__ import annotations

from collections.abc import Coroutine
from datetime import UTC, date, datetime, timedelta
from typing import Any

from litestar.types import ASGIApp, Receive, Scope, Send

from config import settings
from tables import horloge
from web.demarches.delais import ajouter_mois

REFUS = ("L'horloge de démonstration n'existe que dans la démonstration (installation par défaut, sans "
         "DATABASE_URL, ou avec DEMO=1) : ici, la date est toujours la date réelle.")


def permise() -> bool:
    return settings().demo


async def suivre() -> None:
    if permise():
        await horloge.rafraichir()


async def avec_horloge(job: Coroutine[Any, Any, Any]) -> Any:
    """A job's coroutine, run on the day the demo clock says."""
    await suivre()
    return await job


def horloge_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await suivre()
        await app(scope, receive, send)

    return middleware


def _reel() -> datetime:
    """Now in Paris without the demo offset (with the tests' own, if any)."""
    return (datetime.now(UTC) + horloge.decalage()).astimezone(horloge.PARIS)


async def regler(action: str, cible: date | None = None) -> None:
    """"date" (to `cible`), "jour" (+1 day), "mois" (+1 month), "reel" (back to the real date)."""
    if not permise():
        raise PermissionError(REFUS)
    jour = horloge.aujourdhui()
    reel = _reel()
    nouveau = {"date": cible, "jour": jour + timedelta(days=1), "mois": ajouter_mois(jour, 1),
               "reel": reel.date()}[action]
    # The same wall time on that day in Paris, whose UTC offset may differ (a December evening moved to April
    # is an hour later in UTC): whole days would land at 00:40 the next day.
    cible_paris = datetime.combine(nouveau, reel.time(), horloge.PARIS)
    await horloge.regler_demo(cible_paris.astimezone(UTC) - reel.astimezone(UTC))
