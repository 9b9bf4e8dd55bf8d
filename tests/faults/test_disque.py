"""Upload folder full or read-only: a clean French error, no partial file, nothing else typed lost."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

from PIL import Image

from config import settings
from tables.annonces import Annonce, AnnoncePhoto
from tests.support import login
from tests.test_annonces_depot import FORMULAIRE, auteur_avec_contact


async def test_disk_full_during_an_upload(client, monkeypatch):
    await auteur_avec_contact()
    await login(client)
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "navy").save(buffer, "PNG")

    def plein(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    dossier = Path(settings().upload_dir) / "annonces"
    avant = set(dossier.iterdir()) if dossier.exists() else set()
    monkeypatch.setattr(os, "replace", plein)
    token = client.cookies.get("monespace_csrf")
    response = await client.post("/annonces/deposer", data={**FORMULAIRE, "_csrf_token": token},
                                 files=[("photos", ("cabinet.png", buffer.getvalue(), "image/png"))],
                                 headers={"hx-request": "true", "x-csrftoken": token})
    assert response.status_code == 422
    assert "n&#39;a pas pu être enregistré" in response.text and "Remplaçant été 2027" in response.text
    assert await Annonce.count() == 0 and await AnnoncePhoto.count() == 0
    assert (set(dossier.iterdir()) if dossier.exists() else set()) == avant
