"""The Dramatiq broker, set before any actor is declared (actors bind at import).

Redis when REDIS_URL is set; otherwise a stub broker drained by an in-process worker.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine
from typing import Any, TypeVar

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker

from web.config import settings

T = TypeVar("T")


def _make_broker() -> dramatiq.Broker:
    url = settings().redis_url
    broker = RedisBroker(url=url) if url else StubBroker()
    broker.emit_after("process_boot")
    dramatiq.set_broker(broker)
    return broker


broker = _make_broker()

# When the worker runs inside the web process, actors run their database work on the web
# server's event loop, so that they share its connection pool instead of opening their own.
_app_loop: asyncio.AbstractEventLoop | None = None


def attach_loop(loop: asyncio.AbstractEventLoop | None) -> None:
    global _app_loop
    _app_loop = loop


def run_async(coro: Coroutine[Any, Any, T], timeout: float = 120) -> T:
    """Run a coroutine from an actor thread: on the web loop when embedded, else in a fresh loop."""
    if _app_loop is not None and _app_loop.is_running():
        future = asyncio.run_coroutine_threadsafe(coro, _app_loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise
    return asyncio.run(coro)
