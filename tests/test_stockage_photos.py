"""Annonce photos once accepted: stored under a random name, atomically, inside their folder only, and served
back inert (attachment, or inline for images on request, never a PDF)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from litestar import Litestar, get
from litestar.testing import TestClient

from tests.test_photos import chemin, jpeg, pdf, png, stocker, supprimer, verifier
from web.fichiers import stockage
from web.fichiers.usages import PHOTOS_ANNONCE
from web.fichiers.verifier import FichierRefuse as PhotoRefusee


def test_stocker_sous_un_nom_aleatoire(tmp_path):
    photo = verifier("../Mon cabinet.jpg", jpeg())
    dossier = tmp_path / "annonces"
    noms = {stocker(photo, dossier), stocker(photo, dossier)}
    assert len(noms) == 2
    for nom in noms:
        assert nom.endswith(".jpg") and "cabinet" not in nom.lower() and len(nom) == 36
        fichier = chemin(nom, dossier)
        assert fichier == (dossier / nom).resolve() and fichier.read_bytes() == photo.contenu
        assert fichier.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in dossier.iterdir()) == sorted(noms)  # no temp file left
    supprimer(noms.pop(), dossier)
    supprimer("inexistant_inexistant_0000.jpg", dossier)
    assert len(list(dossier.iterdir())) == 1


def test_stocker_dans_le_dossier_par_defaut():
    from config import settings

    nom = stocker(verifier("plan.pdf", pdf()))
    assert (settings().upload_dir / "annonces" / nom).is_file()
    assert chemin(nom) is not None
    supprimer(nom)
    assert chemin(nom) is None


@pytest.mark.parametrize("cible", ["replace", "fsync"])
def test_stocker_disque_plein_ne_laisse_rien(tmp_path, monkeypatch, cible):
    def plein(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, cible, plein)  # root ignores chmod 0o500: simulate the failure instead
    with pytest.raises(PhotoRefusee) as exc:
        stocker(verifier("a.png", png()), tmp_path)
    assert str(exc.value) == "Le fichier n'a pas pu être enregistré. Réessayez plus tard."
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("nom", [
    "../secret.jpg", "..%2Fsecret.jpg", "a/b.jpg", "/etc/passwd", "x" * 32 + ".jpg\n", "x" * 32 + ".svg",
    "x" * 32 + ".JPG", "court.jpg", "", None, "x" * 32 + ".jpeg",
])
def test_chemin_refuse_les_noms_douteux(tmp_path, nom):
    (tmp_path / "x").mkdir()
    (tmp_path / "secret.jpg").write_bytes(jpeg())
    assert chemin(nom, tmp_path / "x") is None


def test_chemin_refuse_un_lien_vers_l_exterieur(tmp_path):
    dossier = tmp_path / "annonces"
    dossier.mkdir()
    (tmp_path / "secret.jpg").write_bytes(jpeg())
    (dossier / ("L" * 32 + ".jpg")).symlink_to(tmp_path / "secret.jpg")
    assert chemin("L" * 32 + ".jpg", dossier) is None
    assert chemin("M" * 32 + ".jpg", dossier) is None  # missing


def servir(dossier: Path, chemin_url: str, nom_original: str, type_mime: str, inline: bool = False):
    @get("/photo/{nom:str}", sync_to_thread=False)
    def photo(nom: str) -> object:
        return stockage.reponse(PHOTOS_ANNONCE, nom, nom_original, type_mime, inline=inline, personnel=False,
                                dossier=dossier)

    with TestClient(app=Litestar(route_handlers=[photo])) as client:
        return client.get(chemin_url)


def test_reponse_en_piece_jointe_inerte(tmp_path):
    contenu = jpeg()
    nom = stocker(verifier("x.jpg", contenu), tmp_path)
    reponse = servir(tmp_path, f"/photo/{nom}", "Échographie «été» \"x\".png", "image/jpeg")
    assert reponse.status_code == 200 and reponse.content == contenu
    assert reponse.headers["content-type"] == "image/jpeg"
    assert reponse.headers["x-content-type-options"] == "nosniff"
    assert reponse.headers["content-security-policy"] == "default-src 'none'; sandbox"
    assert reponse.headers["cache-control"] == "private, max-age=3600"
    assert reponse.headers.get_list("content-disposition") == [
        "attachment; filename=\"Echographie ete _x_.jpg\"; "
        "filename*=UTF-8''%C3%89chographie%20%C2%AB%C3%A9t%C3%A9%C2%BB%20%22x%22.jpg"]


def test_images_en_ligne_sur_demande_mais_jamais_les_pdf(tmp_path):
    image = stocker(verifier("a.png", png()), tmp_path)
    document = stocker(verifier("b.pdf", pdf()), tmp_path)
    assert servir(tmp_path, f"/photo/{image}", "a.png", "image/png", inline=True) \
        .headers["content-disposition"].startswith("inline; ")
    reponse = servir(tmp_path, f"/photo/{document}", "b.pdf", "application/pdf", inline=True)
    assert reponse.headers["content-disposition"] == "attachment; filename=\"b.pdf\"; filename*=UTF-8''b.pdf"
    assert reponse.headers["content-type"] == "application/pdf"
    # a type that does not match the stored format is not trusted
    autre = servir(tmp_path, f"/photo/{image}", "a.png", "text/html", inline=True)
    assert autre.headers["content-type"] == "application/octet-stream"
    assert autre.headers["content-disposition"].startswith("attachment; ")


def test_reponse_404_pour_un_nom_inconnu_ou_douteux(tmp_path):
    assert servir(tmp_path, "/photo/" + "A" * 32 + ".jpg", "a.jpg", "image/jpeg").status_code == 404
    assert servir(tmp_path, "/photo/..%2F..%2Fetc%2Fpasswd", "a.jpg", "image/jpeg").status_code == 404
