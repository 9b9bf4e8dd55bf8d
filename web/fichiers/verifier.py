"""Content checks of an upload, by what the bytes are (not the name nor the first bytes), with the limits and
French messages of its usage. Blocking (decoding): run `verifier` in a thread from async handlers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from io import BytesIO
from typing import Any

from PIL import Image

from web.fichiers import pdf

MO = 1024 * 1024
TYPES = {"jpg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}
_ALIAS = {"jpeg": "jpg"}
_FORMATS_PILLOW = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png"}  # MPO: a JPEG with extra frames (phones)
_DANS_LES_DONNEES = {0x00, 0xFF, *range(0xD0, 0xD8)}  # after 0xFF in JPEG scan data: stuffing, fill, RSTn

MESSAGES = {
    "vide": "« {nom} » est vide.",
    "trop_gros": "« {nom} » dépasse {max_mo} Mo.",
    "format": "« {nom} » : seuls les formats {formats} sont acceptés.",
    "image_invalide": "« {nom} » n'est pas une image JPG ou PNG valide.",
    "image_tronquee": "« {nom} » est une image illisible ou tronquée.",
    "dimensions": "« {nom} » a des dimensions trop grandes.",
    "pdf_invalide": "« {nom} » n'est pas un PDF valide.",
    "pdf_chiffre": "« {nom} » est protégé par un mot de passe : enregistrez-le sans protection.",
    "pdf_vide": "« {nom} » ne contient aucune page.",
    "pdf_actif": "« {nom} » contient du code ou des fichiers joints : ce PDF n'est pas accepté.",
    "trop_de_fichiers": "{max_fichiers} fichiers au plus.",
    "echec_enregistrement": "Le fichier n'a pas pu être enregistré. Réessayez plus tard.",
}


class FichierRefuse(Exception):
    """A file the user must replace (or send again); `str()` is the French message shown next to the field."""


@dataclass(frozen=True)
class Usage:
    """One kind of upload, declared once: what it accepts, how many, how big, and what it says when it refuses.

    `nom` is also the store's folder and the staged rows' usage; `references` is the column naming the files
    in use (any other file of the folder is an orphan for the purge).
    """

    nom: str
    formats: tuple[str, ...]  # among "jpg", "png", "pdf"
    references: Any
    max_octets: int = 15 * MO
    max_fichiers: int = 5
    max_pixels: int = 50_000_000  # the 50 Mpx mode of phones (8160 × 6120) passes; beyond, decoding costs too much
    attente: timedelta = timedelta(hours=24)  # how long a staged upload waits for its form to become valid
    messages: Mapping[str, str] = field(default_factory=dict)  # overrides of MESSAGES

    def message(self, cle: str, nom: str = "") -> str:
        libelles = [f.upper() for f in self.formats]
        formats = ", ".join(libelles[:-1]) + " et " + libelles[-1] if len(libelles) > 1 else libelles[0]
        return {**MESSAGES, **self.messages}[cle].format(nom=nom, formats=formats, max_mo=self.max_octets // MO,
                                                        max_fichiers=self.max_fichiers)

    def refus(self, cle: str, nom: str = "") -> FichierRefuse:
        return FichierRefuse(self.message(cle, nom))


@dataclass(frozen=True)
class FichierVerifie:
    contenu: bytes  # what is stored: trailing bytes after the image or PDF end are cut off
    type_mime: str
    extension: str  # the real format: "jpg", "png" or "pdf"
    nom_original: str  # for display and download only, never in a path
    taille: int


def nettoyer_nom(nom: str) -> str:
    """A display name: basename, no control or bidi characters, no `..`, at most 120 characters."""
    nom = unicodedata.normalize("NFC", nom if isinstance(nom, str) else "")
    nom = re.split(r"[/\\]", nom)[-1]
    nom = "".join(c for c in nom if unicodedata.category(c)[0] != "C")  # Cc, Cf (bidi), Cs, Co, Cn
    nom = re.sub(r"\.{2,}", ".", nom).strip(" .")
    if len(nom) > 120:
        base, point, ext = nom.rpartition(".")
        nom = (base[:119 - len(ext)].rstrip(" .") + point + ext) if point and len(ext) <= 5 else nom[:120]
    return nom or "photo"


def extension(nom: str) -> str:
    return nom.rpartition(".")[2].lower() if "." in nom else ""


def verifier(usage: Usage, nom: str, contenu: bytes) -> FichierVerifie:
    """The file ready to store, or FichierRefuse: empty, too big, not an accepted format by name then content."""
    nom = nettoyer_nom(nom)
    if not contenu:
        raise usage.refus("vide", nom)
    if len(contenu) > usage.max_octets:
        raise usage.refus("trop_gros", nom)
    if _ALIAS.get(extension(nom), extension(nom)) not in usage.formats:
        raise usage.refus("format", nom)
    if extension(nom) == "pdf":
        try:
            contenu, format_reel = pdf.verifier(bytes(contenu)), "pdf"
        except pdf.PdfRefuse as exc:
            raise usage.refus(exc.args[0], nom) from exc
    else:
        contenu, format_reel = _verifier_image(usage, nom, bytes(contenu))
    if format_reel not in usage.formats:  # e.g. a PNG named .jpg where only JPG is accepted
        raise usage.refus("format", nom)
    return FichierVerifie(contenu=contenu, type_mime=TYPES[format_reel], extension=format_reel,
                          nom_original=nom, taille=len(contenu))


def _verifier_image(usage: Usage, nom: str, contenu: bytes) -> tuple[bytes, str]:
    """A genuine JPEG or PNG whatever its extension among jpg/jpeg/png, decoded to the last pixel."""
    fin = _fin_jpeg(contenu) if contenu[:2] == b"\xff\xd8" else _fin_png(contenu)
    try:
        with Image.open(BytesIO(contenu), formats=["JPEG", "PNG"]) as image:
            format_reel = image.format
            if image.width * image.height > usage.max_pixels:
                raise Image.DecompressionBombError(f"{image.size}")
            image.verify()  # PNG: every chunk's CRC
        with Image.open(BytesIO(contenu[:fin]), formats=["JPEG", "PNG"]) as image:
            if format_reel in ("JPEG", "MPO"):  # every byte is still decoded, in 1/64 of the memory
                image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()  # ImageFile.LOAD_TRUNCATED_IMAGES stays False: a short file raises
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise usage.refus("dimensions", nom) from exc
    except Image.UnidentifiedImageError as exc:
        raise usage.refus("image_invalide", nom) from exc
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError, struct.error… on bad data
        raise usage.refus("image_tronquee", nom) from exc
    if fin is None:  # e.g. a progressive JPEG cut short, which Pillow decodes without complaint
        raise usage.refus("image_tronquee", nom)
    if format_reel not in _FORMATS_PILLOW:
        raise usage.refus("image_invalide", nom)
    return contenu[:fin], _FORMATS_PILLOW[format_reel]


def _fin_jpeg(data: bytes) -> int | None:
    """Offset just after the EOI marker of the main image (segments are walked, not searched), or None."""
    i, n = 2, len(data)
    while i < n:
        if data[i] != 0xFF:
            return None
        while i < n and data[i] == 0xFF:  # fill bytes
            i += 1
        if i >= n:
            return None
        marqueur, i = data[i], i + 1
        if marqueur == 0xD9:
            return i
        if 0xD0 <= marqueur <= 0xD7 or marqueur == 0x01:  # markers without a length
            continue
        longueur = int.from_bytes(data[i:i + 2], "big")
        if longueur < 2 or i + longueur > n:
            return None
        i += longueur
        if marqueur == 0xDA:  # entropy-coded data up to the next marker other than a stuffed 00 or a RSTn
            while True:
                i = data.find(b"\xff", i)
                if i < 0 or i + 1 >= n:
                    return None
                if data[i + 1] not in _DANS_LES_DONNEES:
                    break
                i += 1
    return None


def _fin_png(data: bytes) -> int | None:
    """Offset just after the IEND chunk, or None when a chunk runs past the end."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    i, n = 8, len(data)
    while i + 12 <= n:
        longueur, type_ = int.from_bytes(data[i:i + 4], "big"), data[i + 4:i + 8]
        i += 12 + longueur
        if i > n:
            return None
        if type_ == b"IEND":
            return i
    return None
