"""One asyncpg pool per event loop, for the suite on PostgreSQL.

The tests run on the session's loop and each test client runs the app on a loop of its own (Litestar's blocking
portal), so the engine cannot hold one pool: without any, every query opened a connection (6 ms idle, 30 ms on a
loaded machine — most of the suite's time on PostgreSQL). This stands in for `PostgresEngine.pool` and hands each
loop its own pool. A client's loop is closed when the client is: its pool's sockets are closed when the next pool
is made (a closed loop can no longer run the polite close).
"""

from __future__ import annotations

import asyncio

import asyncpg


class _Acquisition:
    """What `pool.acquire()` returns: awaited (Piccolo's transactions) or used as `async with`."""

    def __init__(self, pools: PoolsParBoucle) -> None:
        self.pools = pools
        self.connexion = None

    def __await__(self):
        return self.pools.acquerir().__await__()

    async def __aenter__(self):
        self.connexion = await self.pools.acquerir()
        return self.connexion

    async def __aexit__(self, *exc) -> None:
        await self.pools.release(self.connexion)


class PoolsParBoucle:
    def __init__(self, config: dict) -> None:
        self.config = config
        self.pools: dict[asyncio.AbstractEventLoop, asyncio.Task] = {}

    async def _pool(self) -> asyncpg.Pool:
        boucle = asyncio.get_running_loop()
        tache = self.pools.get(boucle)
        if tache is None:  # a task, so that two first queries at once share one pool
            self._oublier_fermees()
            tache = self.pools[boucle] = boucle.create_task(self._creer())
        return await tache

    async def _creer(self) -> asyncpg.Pool:
        return await asyncpg.create_pool(**self.config, min_size=0, max_size=12)  # 0: no task left to refill it

    async def acquerir(self):
        return await (await self._pool()).acquire()

    def acquire(self) -> _Acquisition:
        return _Acquisition(self)

    async def release(self, connexion) -> None:
        await (await self._pool()).release(connexion)

    async def fetch(self, *args):
        return await (await self._pool()).fetch(*args)

    def _oublier_fermees(self) -> None:
        for boucle in [b for b in self.pools if b.is_closed()]:
            tache = self.pools.pop(boucle)
            if tache.done() and not tache.cancelled() and tache.exception() is None:
                for connexion in tache.result()._holders:
                    if connexion._con is not None and (sock := getattr(connexion._con._transport, "_sock", None)):
                        sock.close()
