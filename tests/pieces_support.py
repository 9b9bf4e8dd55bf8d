"""Files as an applicant sends them (a real JPG, a real PDF, a fake one) and the upload of one item."""

from __future__ import annotations

import io

from PIL import Image
from reportlab.pdfgen import canvas

from tables.comptes import Compte
from tables.demarches import Dossier
from tests.support import creer_compte, csrf, login, medecin, post
from web.demarches import rules, statuts
from web.demarches.registre import type_de
from web.security import Utilisateur

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


async def envoyer(client, url: str, fichiers: list[tuple[str, bytes]], champ: str = "fichiers", htmx: bool = False,
                  **data):
    """A multipart POST as the browser sends it (CSRF token in the form; htmx says so in a header)."""
    if not csrf(client):
        await client.get("/connexion")
    return await client.post(url, data={"_csrf_token": csrf(client), **data}, follow_redirects=False,
                             files=[(champ, (nom, contenu)) for nom, contenu in fichiers],
                             headers={"hx-request": "true"} if htmx else {})


async def deposer(client, numero: str, cle: str, nom: str, contenu: bytes, retour: str = "section"):
    return await envoyer(client, f"/demarches/{numero}/deposer/{cle}", [(nom, contenu)], retour=retour)


async def transmis(departement: str = "38") -> dict:
    """Alice LEROY's inscription, transmitted to `departement`; the councils' accounts (cd38, cd69, cnom)."""
    pid = await medecin("alice.leroy", qualite="interne", rpps="10009876540", nom="LEROY", prenom="Alice",
                        email="alice.leroy@exemple.fr")
    c = await Compte.select().where(Compte.praticien == pid).first()
    user = Utilisateur(id=c["id"], role="interne", identifiant=c["identifiant"], cree_le=c["cree_le"], praticien=pid)
    d = await rules.commencer(user, type_de("inscription"), {"docteur_junior": "oui"})
    await Dossier.update({Dossier.departement: departement}).where(Dossier.id == d["id"])
    await statuts.appliquer(d["id"], "transmettre", user)
    for identifiant, conseil, role in (("cd38@t.fr", "CD38", "gestionnaire"), ("cd69@t.fr", "CD69", "gestionnaire"),
                                       ("cnom@t.fr", None, "national")):
        await creer_compte(identifiant, role=role, conseil=conseil)
    return await Dossier.select().where(Dossier.id == d["id"]).first()


async def en_tant_que(client, identifiant: str) -> None:
    """Log out whoever was logged in, then log `identifiant` in (staff through their own page)."""
    await post(client, "/deconnexion", {})
    await login(client, identifiant, url="/gestion/connexion" if "@" in identifiant else "/connexion")
