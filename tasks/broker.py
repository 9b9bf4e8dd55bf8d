"""The Dramatiq broker, set before any actor is declared (actors bind at import).

Redis when REDIS_URL is set; otherwise a stub broker drained by an in-process worker.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker

from config import settings

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


# A worker process of its own (`make worker`) runs every actor on one loop, in a thread, with a connection
# pool (not with the tests' DB_POOL=0, nor on SQLite): a fresh loop and fresh connections per message cost
# more than the message itself.
_own_loop: asyncio.AbstractEventLoop | None = None
_own_lock = threading.Lock()


def _worker_loop() -> asyncio.AbstractEventLoop:
    global _own_loop
    with _own_lock:
        if _own_loop is None:
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="actors-loop", daemon=True).start()
            if settings().sqlite_path is None and os.environ.get("DB_POOL", "1") == "1":
                from tables.piccolo_conf import DB

                asyncio.run_coroutine_threadsafe(DB.start_connection_pool(min_size=1, max_size=8), loop).result(60)
            _own_loop = loop
        return _own_loop


def run_async(coro: Coroutine[Any, Any, T], timeout: float = 120) -> T:
    """Run a coroutine from an actor thread: on the web loop when embedded, else on the worker's own loop."""
    loop = _app_loop if _app_loop is not None and _app_loop.is_running() else _worker_loop()
    future = asyncio.run_coroutine_threadsafe(coro, loop)
    try:
        return future.result(timeout)
    except concurrent.futures.TimeoutError:
        future.cancel()
        raise
