"""The file store: usages as data, the scheduled purge of expired staged uploads and orphans, personal files
never cached."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest

from tables import horloge
from tables.annonces import AnnoncePhoto
from tables.fichiers import DepotFichier
from tasks import actors
from tasks.scheduler import JOBS
from tests.annonces_support import creer_annonce
from tests.support import creer_compte, creer_praticien, login, medecin
from tests.test_photos import jpeg, pdf, png
from web.fichiers import depots, stockage
from web.fichiers.usages import PHOTOS_ANNONCE, USAGES
from web.fichiers.verifier import FichierRefuse, Usage, verifier

PIECES = Usage(nom="pieces", formats=("pdf",), references=AnnoncePhoto.fichier, max_octets=1024 * 1024,
               max_fichiers=2, messages={"format": "« {nom} » : joignez un PDF ({formats}).",
                                         "trop_de_fichiers": "{max_fichiers} pièces au plus."})


def test_limits_and_messages_are_the_usages_own():
    with pytest.raises(FichierRefuse, match=r"^« scan.jpg » : joignez un PDF \(PDF\).$"):
        verifier(PIECES, "scan.jpg", jpeg())
    with pytest.raises(FichierRefuse, match=r"^« scan.pdf » dépasse 1 Mo.$"):
        verifier(PIECES, "scan.pdf", pdf() + bytes(1024 * 1024))
    with pytest.raises(FichierRefuse, match=r"^« renomme.pdf » n'est pas un PDF valide.$"):
        verifier(PIECES, "renomme.pdf", png())
    assert PIECES.message("trop_de_fichiers") == "2 pièces au plus."
    assert PHOTOS_ANNONCE.message("trop_de_fichiers") == "5 photos au plus par annonce."
    assert PHOTOS_ANNONCE.message("format", "x.gif") == "« x.gif » : seuls les formats JPG, PNG et PDF sont acceptés."


def test_the_purge_is_scheduled():
    assert (actors.purger_fichiers, {"trigger": "cron", "minute": 40}) in JOBS


async def _depot(compte: int, jeton: str, expire_dans: timedelta) -> None:
    await DepotFichier.insert(DepotFichier(
        jeton=jeton, compte=compte, usage="annonces", nom_original="a.jpg", type_mime="image/jpeg", extension="jpg",
        taille=3, contenu=b"abc", expire_le=horloge.maintenant() + expire_dans))


def _vieillir(chemin, heures: float = 2) -> None:
    instant = time.time() - heures * 3600
    os.utime(chemin, (instant, instant))


async def test_purge_removes_expired_staged_uploads_and_orphans_and_keeps_live_ones():
    pid = await creer_praticien()
    compte = await creer_compte(praticien=pid)
    await _depot(compte, "expire", timedelta(minutes=-1))
    await _depot(compte, "vivant", timedelta(hours=23))
    annonce = await creer_annonce(pid)
    reference = stockage.stocker(PHOTOS_ANNONCE, verifier(PHOTOS_ANNONCE, "a.jpg", jpeg()))
    await AnnoncePhoto.insert(AnnoncePhoto(annonce=annonce, fichier=reference, nom_original="a.jpg",
                                           type_mime="image/jpeg", taille=1))
    orphelin = stockage.stocker(PHOTOS_ANNONCE, verifier(PHOTOS_ANNONCE, "b.jpg", jpeg()))
    recent = stockage.stocker(PHOTOS_ANNONCE, verifier(PHOTOS_ANNONCE, "c.jpg", jpeg()))  # its commit may be coming
    dossier = stockage.dossier_de(PHOTOS_ANNONCE)
    temporaire = dossier / ".AAAAAAAAAAAAAAAA.tmp"  # a write killed before its rename
    temporaire.write_bytes(b"x")
    etranger = dossier / "LISEZMOI.txt"  # not the store's: never touched
    etranger.write_bytes(b"x")
    for chemin in (dossier / reference, dossier / orphelin, temporaire, etranger):
        _vieillir(chemin)

    assert await depots.purger(USAGES) == {"depots": 1, "orphelins": 2}
    assert [r["jeton"] for r in await DepotFichier.select(DepotFichier.jeton)] == ["vivant"]
    assert stockage.chemin(PHOTOS_ANNONCE, reference) is not None
    assert stockage.chemin(PHOTOS_ANNONCE, recent) is not None
    assert stockage.chemin(PHOTOS_ANNONCE, orphelin) is None and not temporaire.exists() and etranger.exists()
    etranger.unlink()
    stockage.supprimer(PHOTOS_ANNONCE, recent)


async def test_the_purge_actor_runs_the_purge(monkeypatch):
    appels = []

    async def purger(usages):
        appels.append(usages)

    monkeypatch.setattr(depots, "purger", purger)
    actors.purger_fichiers.fn()
    assert appels == [USAGES]


async def _photo_de(statut: str) -> tuple[int, str]:
    pid = await medecin()
    annonce = await creer_annonce(pid, statut=statut)
    nom = stockage.stocker(PHOTOS_ANNONCE, verifier(PHOTOS_ANNONCE, "cabinet.jpg", jpeg()))
    await AnnoncePhoto.insert(AnnoncePhoto(annonce=annonce, fichier=nom, nom_original="cabinet.jpg",
                                           type_mime="image/jpeg", taille=1))
    return annonce, nom


async def test_a_drafts_photo_is_personal_no_cache_keeps_it(client):
    _, nom = await _photo_de("brouillon")
    await login(client)
    for url in (f"/annonces/photos/{nom}", f"/annonces/photos/{nom}?apercu=true"):
        response = await client.get(url)
        assert response.status_code == 200 and response.content[:2] == b"\xff\xd8"
        assert response.headers["cache-control"] == "private, no-store"
        assert response.headers["x-content-type-options"] == "nosniff"


async def test_a_published_annonces_photo_may_stay_in_the_browsers_cache(client):
    _, nom = await _photo_de("publiee")
    await login(client)
    response = await client.get(f"/annonces/photos/{nom}?apercu=true")
    assert response.status_code == 200 and response.headers["cache-control"] == "private, max-age=3600"
    assert response.headers["content-disposition"].startswith("inline; ")
    assert response.headers["x-content-type-options"] == "nosniff"
