"""RGPD: "Télécharger mes données", and the retention job for annonces and their photos."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from tables import horloge
from tables.annonces import Annonce, AnnonceEvenement, AnnoncePhoto
from tests.annonces_support import creer_annonce
from tests.support import login, medecin
from web.annonces.echeances import purger
from web.fichiers import stockage
from web.fichiers.usages import PHOTOS_ANNONCE
from web.fichiers.verifier import verifier


async def test_download_my_data_holds_everything_but_secrets(client):
    pid = await medecin()
    await creer_annonce(pid, titre="Mon annonce")
    await login(client)
    response = await client.get("/espace/parametres/mes-donnees")
    assert response.headers["content-disposition"].startswith("attachment")
    data = json.loads(response.text)
    assert data["compte"][0]["identifiant"] == "dr.durand" and "mot_de_passe" not in data["compte"][0]
    assert data["annonces"][0]["titre"] == "Mon annonce"
    assert data["coordonnees"][0]["email"] == "c.durand@exemple.fr"
    assert data["inscription_au_tableau"][0]["rpps"] == "10005170625"
    assert "$argon2" not in response.text


async def test_retention_deletes_annonces_and_photos_12_months_after_their_end():
    pid = await medecin()
    vieille = await creer_annonce(pid, statut="depubliee", fin=horloge.aujourdhui() - timedelta(days=400))
    recente = await creer_annonce(pid, statut="depubliee", fin=horloge.aujourdhui() - timedelta(days=30))
    supprimee = await creer_annonce(pid, statut="publiee")
    await Annonce.update({Annonce.supprimee_le: datetime.now(UTC) - timedelta(days=400)}).where(
        Annonce.id == supprimee)
    nom = stockage.stocker(PHOTOS_ANNONCE, verifier(PHOTOS_ANNONCE, "a.pdf", _pdf()))
    await AnnoncePhoto.insert(AnnoncePhoto(annonce=vieille, fichier=nom, nom_original="a.pdf",
                                           type_mime="application/pdf", taille=10))
    await AnnonceEvenement.insert(AnnonceEvenement(annonce=vieille, acteur_libelle="x", action="creer"))
    assert await purger() == 2
    assert [r["id"] for r in await Annonce.select(Annonce.id)] == [recente]
    assert stockage.chemin(PHOTOS_ANNONCE, nom) is None and await AnnonceEvenement.count() == 0
    assert await purger() == 0


def _pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
