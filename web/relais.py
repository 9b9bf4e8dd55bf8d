"""The web half of the notification edge: what a request recorded goes to the broker once, after it.

The handler's transactions are over when the app returns (the response is sent by then), so each
outbox row it wrote is relayed once, committed; see tasks/relais.py.
"""

from __future__ import annotations

import asyncio

from litestar.types import ASGIApp, Receive, Scope, Send

from tasks import relais
from tasks.actors import relayer_collecte


def relais_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        collecte = relais.Collecte()
        try:
            await relais.dans(collecte, app(scope, receive, send))
        finally:
            if collecte:  # off the event loop: a broker that is down must not stall other requests
                await asyncio.to_thread(relayer_collecte, collecte)

    return middleware
