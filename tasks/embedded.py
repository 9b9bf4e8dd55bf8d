"""The embedded default: the Dramatiq worker and the scheduler run inside the web process."""

from __future__ import annotations

import asyncio

from dramatiq import Worker

from tasks import scheduler
from tasks.broker import attach_loop, broker


class Embedded:
    def __init__(self) -> None:
        self.worker: Worker | None = None
        self.scheduler = None

    def start(self) -> None:
        attach_loop(asyncio.get_running_loop())
        self.worker = Worker(broker, worker_threads=2, worker_timeout=200)
        self.worker.start()
        self.scheduler = scheduler.background()
        self.scheduler.start()

    def stop(self) -> None:
        if self.scheduler:
            self.scheduler.shutdown(wait=False)
        if self.worker:
            self.worker.stop(timeout=5_000)
        attach_loop(None)
