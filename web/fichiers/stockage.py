"""The final store: files under random names outside static/, one folder per usage, served inert.

Only `depots.enregistrer` writes here, once the form is valid. Blocking calls: run them in a thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from litestar.exceptions import NotFoundException
from litestar.response import File

from config import settings
from web.fichiers.verifier import TYPES, FichierVerifie, Usage, extension, nettoyer_nom

log = logging.getLogger("monespace.fichiers")

_NOM_STOCKE = re.compile(r"[A-Za-z0-9_-]{16,64}\.(?:jpg|png|pdf)")
_TEMPORAIRE = re.compile(r"\.[A-Za-z0-9_-]{16}\.tmp")
PERSONNEL = "private, no-store"  # a draft's photo, a pièce justificative: never kept by any cache
PARTAGE = "private, max-age=3600"  # what every logged-in doctor may see (a published annonce's photo)


def dossier_de(usage: Usage, dossier: Path | None = None) -> Path:
    return dossier if dossier is not None else settings().upload_dir / usage.nom


def stocker(usage: Usage, fichier: FichierVerifie, dossier: Path | None = None) -> str:
    """Write atomically under a random name (temp file, fsync, rename); the stored name is returned."""
    dossier = dossier_de(usage, dossier)
    nom = f"{secrets.token_urlsafe(24)}.{fichier.extension}"
    temporaire = dossier / f".{secrets.token_urlsafe(12)}.tmp"
    try:
        dossier.mkdir(parents=True, exist_ok=True, mode=0o700)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        with os.fdopen(os.open(temporaire, flags, 0o600), "wb") as sortie:
            sortie.write(fichier.contenu)
            sortie.flush()
            os.fsync(sortie.fileno())
        os.replace(temporaire, dossier / nom)
    except OSError as exc:
        log.warning("fichier non enregistre dans %s : %s", dossier, exc)
        with contextlib.suppress(OSError):
            temporaire.unlink(missing_ok=True)
        raise usage.refus("echec_enregistrement") from exc
    with contextlib.suppress(OSError):  # so that the rename itself survives a power cut
        _fsync_dossier(dossier)
    return nom


def _fsync_dossier(dossier: Path) -> None:
    descripteur = os.open(dossier, os.O_RDONLY)
    try:
        os.fsync(descripteur)
    finally:
        os.close(descripteur)


def chemin(usage: Usage, nom_stocke: str, dossier: Path | None = None) -> Path | None:
    """The stored file of this name, or None: unknown shape, outside the folder (links too) or missing."""
    if not isinstance(nom_stocke, str) or not _NOM_STOCKE.fullmatch(nom_stocke):
        return None
    base = dossier_de(usage, dossier).resolve()
    fichier = (base / nom_stocke).resolve()
    if fichier.parent != base or not fichier.is_file():
        return None
    return fichier


def supprimer(usage: Usage, nom_stocke: str, dossier: Path | None = None) -> None:
    if (fichier := chemin(usage, nom_stocke, dossier)) is not None:
        fichier.unlink(missing_ok=True)


def candidats_orphelins(usage: Usage, avant: float, dossier: Path | None = None) -> Iterator[Path]:
    """Stored files and left-over temp files last modified before `avant` (a timestamp): the purge's candidates.

    The margin protects a file written by a request whose transaction has not committed yet.
    """
    base = dossier_de(usage, dossier)
    if not base.is_dir():
        return
    for entree in os.scandir(base):
        if (_NOM_STOCKE.fullmatch(entree.name) or _TEMPORAIRE.fullmatch(entree.name)) \
                and entree.is_file(follow_symlinks=False) and entree.stat(follow_symlinks=False).st_mtime < avant:
            yield Path(entree.path)


def nom_telechargement(nom_original: str, extension_reelle: str) -> str:
    """The sanitised original name, its extension made to match the real format."""
    nom = nettoyer_nom(nom_original)
    attendues = ("jpg", "jpeg") if extension_reelle == "jpg" else (extension_reelle,)
    if extension(nom) not in attendues:
        base = nom.rpartition(".")[0] if extension(nom) in (*TYPES, "jpeg") else nom
        nom = f"{base[:115] or 'photo'}.{extension_reelle}"
    return nom


def content_disposition(disposition: str, nom: str) -> str:
    """RFC 6266/5987: an ASCII fallback plus the UTF-8 name, percent-encoded."""
    ascii_ = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode()
    ascii_ = re.sub(r"[^A-Za-z0-9._ -]", "_", ascii_).strip(" .") or "photo"
    return f"{disposition}; filename=\"{ascii_}\"; filename*=UTF-8''{quote(nom, safe='')}"


def reponse(usage: Usage, nom_stocke: str, nom_original: str, type_mime: str, *, inline: bool = False,
            personnel: bool = True, dossier: Path | None = None) -> File:
    """The file, inert in the browser: nosniff, sandbox CSP; images `inline` on request, PDFs always attached.

    `personnel` (the default) forbids any cache to keep it. The caller checks who may see it; unknown is a 404.
    """
    fichier = chemin(usage, nom_stocke, dossier)
    if fichier is None:
        raise NotFoundException("Ce fichier n'existe pas ou plus.")
    reelle = fichier.suffix[1:]
    media_type = TYPES[reelle] if type_mime == TYPES[reelle] else "application/octet-stream"
    disposition = "inline" if inline and media_type.startswith("image/") else "attachment"
    return File(path=fichier, media_type=media_type, content_disposition_type=disposition, headers={
        "Content-Disposition": content_disposition(disposition, nom_telechargement(nom_original, reelle)),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": PERSONNEL if personnel else PARTAGE,
        "Cross-Origin-Resource-Policy": "same-origin",
    })
