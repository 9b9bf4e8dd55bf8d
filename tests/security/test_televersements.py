"""Issue 15 item 6 and issue 14 item 3: a rejected upload leaves nothing on disk. The upload folder's whole tree
is compared before and after each request: invalid form, too many files, every kind of hostile content."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfWriter

from config import settings
from tables.annonces import Annonce, AnnoncePhoto
from tables.fichiers import DepotFichier
from tests.security.test_pdf_actifs import HOSTILES, fabriquer
from tests.support import csrf, login
from tests.test_annonces_depot import FORMULAIRE, auteur_avec_contact
from tests.test_photos import jpeg, pdf, png, png_declare
from web.fichiers import verifier as verification


def arbre() -> dict[str, int]:
    """Every file under the upload folder (temporary ones included), with its size."""
    racine = Path(settings().upload_dir)
    return {str(p.relative_to(racine)): p.stat().st_size for p in racine.rglob("*") if p.is_file()} \
        if racine.exists() else {}


async def deposer(client, fichiers: list[tuple[str, bytes]], **champs):
    token = csrf(client)
    envois = [("photos", (nom, contenu, "application/octet-stream")) for nom, contenu in fichiers]
    return await client.post("/annonces/deposer", data={**FORMULAIRE, **champs, "_csrf_token": token}, files=envois,
                             headers={"hx-request": "true", "x-csrftoken": token})


@pytest.fixture
async def auteur(client):
    await auteur_avec_contact()
    await login(client)


def grande_image() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((1600, 1200), 80).convert("RGB").save(out, "PNG")  # ~5.7 Mo: rolls Litestar's spool to disk
    return out.getvalue()


async def test_five_valid_images_with_an_invalid_title_leave_nothing_on_disk(client, auteur):
    avant = arbre()
    image = grande_image()
    response = await deposer(client, [(f"cabinet-{i}.png", image) for i in range(5)], titre="t" * 151)
    assert response.status_code == 422 and "150 caractères au plus." in response.text
    assert arbre() == avant and await Annonce.count() == 0 and await AnnoncePhoto.count() == 0
    # they wait as rows for the corrected form: nothing to upload again
    assert await DepotFichier.count() == 5 and response.text.count("(déjà envoyé)") == 5
    jetons = [part.split('"')[0] for part in response.text.split('name="photos_en_attente" value="')[1:]]
    response = await deposer(client, [], photos_en_attente=jetons)
    assert response.status_code == 200 and await AnnoncePhoto.count() == 5 and await DepotFichier.count() == 0
    assert len(arbre()) == len(avant) + 5


async def test_sixty_files_in_one_request_write_nothing_and_none_is_read(client, auteur, monkeypatch):
    lus = []
    monkeypatch.setattr(verification.pdf, "verifier", lambda contenu: lus.append(contenu) or contenu)
    avant = arbre()
    response = await deposer(client, [(f"scan-{i}.pdf", pdf()) for i in range(60)])
    assert response.status_code == 422 and "5 photos au plus par annonce." in response.text
    assert "Remplaçant été 2027" in response.text  # what was typed is kept
    assert lus == [] and arbre() == avant
    assert await DepotFichier.count() == 0 and await AnnoncePhoto.count() == 0 and await Annonce.count() == 0


async def test_the_cap_counts_files_already_waiting(client, auteur):
    response = await deposer(client, [(f"c{i}.jpg", jpeg()) for i in range(3)], titre="")
    jetons = [part.split('"')[0] for part in response.text.split('name="photos_en_attente" value="')[1:]]
    avant = arbre()
    response = await deposer(client, [(f"d{i}.jpg", jpeg()) for i in range(3)], photos_en_attente=jetons)
    assert response.status_code == 422 and "5 photos au plus par annonce." in response.text
    assert arbre() == avant and await DepotFichier.count() == 3 and await Annonce.count() == 0


async def test_a_flood_of_form_parts_is_a_clean_400_writing_nothing(client, auteur):
    avant = arbre()
    response = await deposer(client, [("x.jpg", b"x")] * 300)
    assert response.status_code == 400 and "Traceback" not in response.text
    assert arbre() == avant and await DepotFichier.count() == 0


def _chiffre() -> bytes:
    w = PdfWriter()
    w.add_blank_page(100, 100)
    w.encrypt("secret")
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


HOSTILES_ENVOYES = {
    "pdf_html": ("scan.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n"),
    "pdf_chiffre": ("scan.pdf", _chiffre()),
    **{f"pdf {cas}": ("scan.pdf", fabriquer(modifier)) for cas, modifier in HOSTILES.items()},
    "png_tronque": ("photo.png", png()[:-12]),
    "jpeg_tronque": ("photo.jpg", jpeg()[: len(jpeg()) // 2]),
    "bombe": ("bombe.png", png_declare(20000, 20000)),
    "svg": ("dessin.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    "gif_renomme": ("anime.jpg", b"GIF89a" + bytes(64)),
    "trop_gros": ("gros.jpg", jpeg() + bytes(15 * 1024 * 1024)),
}


@pytest.mark.parametrize("cas", list(HOSTILES_ENVOYES))
async def test_hostile_content_of_each_kind_leaves_nothing_on_disk(client, auteur, cas):
    nom, contenu = HOSTILES_ENVOYES[cas]
    avant = arbre()
    response = await deposer(client, [(nom, contenu), ("cabinet.jpg", jpeg())])
    assert response.status_code == 422 and f"« {nom} »" in response.text
    assert "Remplaçant été 2027" in response.text and "Joindre cabinet.jpg (déjà envoyé)" in response.text
    assert arbre() == avant and await Annonce.count() == 0 and await AnnoncePhoto.count() == 0
    assert [r["nom_original"] for r in await DepotFichier.select(DepotFichier.nom_original)] == ["cabinet.jpg"]


async def test_a_staged_upload_is_bound_to_its_account_and_expires(client, auteur):
    from datetime import timedelta

    from tables import horloge
    from tests.support import creer_compte, creer_praticien

    response = await deposer(client, [("cabinet.jpg", jpeg())], titre="")
    jeton = response.text.split('name="photos_en_attente" value="')[1].split('"')[0]
    await creer_compte("dr.autre", praticien=await creer_praticien(rpps="10003000001", email="autre@exemple.fr"))
    await client.get("/deconnexion")
    await login(client, "dr.autre")
    avant = arbre()
    response = await deposer(client, [], photos_en_attente=[jeton], action="brouillon")
    assert response.status_code == 200 and await AnnoncePhoto.count() == 0 and arbre() == avant
    await client.get("/deconnexion")
    await login(client)
    await DepotFichier.update({DepotFichier.expire_le: horloge.maintenant() - timedelta(seconds=1)}).where(
        DepotFichier.jeton == jeton)
    response = await deposer(client, [], photos_en_attente=[jeton], action="brouillon")
    assert response.status_code == 200 and await AnnoncePhoto.count() == 0 and arbre() == avant


async def test_staged_rows_per_account_stay_bounded(client, auteur):
    for _ in range(4):  # a form re-sent with new files each time, never its tokens
        await deposer(client, [(f"c{i}.jpg", jpeg()) for i in range(5)], titre="")
    assert await DepotFichier.count() == 10  # the last form's five, and at most five others


async def test_spooled_parts_are_closed_after_reading(client, auteur, monkeypatch):
    """Litestar rolls a part over 1 Mo to an anonymous temporary file: it is closed once read, not left to GC."""
    from litestar.datastructures import UploadFile

    fermes = []
    fermer = UploadFile.close

    async def close(self):
        fermes.append(self.filename)
        await fermer(self)

    monkeypatch.setattr(UploadFile, "close", close)
    await deposer(client, [("grande.png", grande_image())], titre="")
    assert fermes.count("grande.png") >= 1
