"""Files as an applicant sends them (a real JPG, a real PDF, a fake one) and the upload of one item."""

from __future__ import annotations

import io

from PIL import Image
from reportlab.pdfgen import canvas

from tests.support import csrf

FAUX_PDF = b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n%%EOF\n"


def jpg(couleur: str = "navy") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), couleur).save(buffer, "JPEG")
    return buffer.getvalue()


def pdf(texte: str = "Attestation") -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, texte)
    page.save()
    return buffer.getvalue()


async def envoyer(client, url: str, fichiers: list[tuple[str, bytes]], champ: str = "fichiers", **data):
    """A multipart POST as the browser sends it (CSRF token in the form)."""
    if not csrf(client):
        await client.get("/connexion")
    return await client.post(url, data={"_csrf_token": csrf(client), **data}, follow_redirects=False,
                             files=[(champ, (nom, contenu)) for nom, contenu in fichiers])


async def deposer(client, numero: str, cle: str, nom: str, contenu: bytes, retour: str = "section"):
    return await envoyer(client, f"/demarches/{numero}/documents/{cle}", [(nom, contenu)], retour=retour)
