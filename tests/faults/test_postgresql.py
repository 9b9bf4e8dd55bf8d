"""PostgreSQL restarted under the app: a French 503 with an error id meanwhile, then recovery by itself
within 10 s. It restarts the machine's server, so it runs only where asked (FAULTS_PG_RESTART=1, in CI)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from config import settings
from tests.faults.serveur import serveur

pytestmark = pytest.mark.skipif(
    os.environ.get("FAULTS_PG_RESTART") != "1" or settings().sqlite_path is not None
    or shutil.which("pg_ctlcluster") is None, reason="needs FAULTS_PG_RESTART=1 and the local PostgreSQL")


def _cluster() -> list[str]:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    return [shutil.which("pg_ctlcluster"), "--skip-systemctl-redirect", version, "main"]


def test_the_app_answers_503_then_recovers_by_itself():
    with serveur() as (base, _):
        assert httpx.get(f"{base}/sante", timeout=5).status_code == 200
        subprocess.run([*_cluster(), "stop", "-m", "fast"], check=True)
        try:
            response = httpx.get(f"{base}/sante", timeout=10)
            assert response.status_code == 503
            assert "Service momentanément indisponible" in response.text and "identifiant de l" in response.text
        finally:
            subprocess.run([*_cluster(), "start"], check=True)
        deadline = time.monotonic() + 10
        statuts = []
        while time.monotonic() < deadline:
            statuts.append(httpx.get(f"{base}/sante", timeout=5).status_code)
            if statuts[-1] == 200:
                break
            time.sleep(0.5)
        assert statuts[-1] == 200, statuts
