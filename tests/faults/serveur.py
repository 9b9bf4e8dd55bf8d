"""Start the app in a real uvicorn process on the test database, for the fault suites."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager

import httpx


def port_libre() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serveur(workers: int = 1, **env: str):
    port = port_libre()
    environ = {**os.environ, "EMBEDDED_WORKER": "0", "DB_POOL": "1", "BASE_URL": f"http://127.0.0.1:{port}", **env}
    environ.pop("REDIS_URL", None)
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "web.app:app", "--host", "127.0.0.1", "--port",
                             str(port), "--workers", str(workers), "--timeout-keep-alive", "5",
                             "--no-server-header"], env=environ,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        limite = time.monotonic() + 120  # a loaded machine can take long to import the app in each worker
        while time.monotonic() < limite:
            try:
                if httpx.get(f"{base}/sante", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield base, port
    finally:
        proc.terminate()
        proc.wait(timeout=10)
