"""Photos of annonces: checked by content (not the name nor the first bytes), stored under random names
outside static/, served as inert attachments. Blocking calls: run them in a thread from async handlers."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from urllib.parse import quote

from litestar.exceptions import NotFoundException
from litestar.response import File
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from config import settings

log = logging.getLogger("monespace.photos")

MAX_PHOTOS = 5
MAX_OCTETS = 15 * 1024 * 1024
MAX_PIXELS = 50_000_000  # the 50 Mpx mode of phones (8160 × 6120) passes; beyond, decoding costs too much memory
EXTENSIONS = ("jpg", "jpeg", "png", "pdf")
TYPES = {"jpg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}
_FORMATS_PILLOW = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png"}  # MPO: a JPEG with extra frames (phones)
_DANS_LES_DONNEES = {0x00, 0xFF, *range(0xD0, 0xD8)}  # after 0xFF in JPEG scan data: stuffing, fill, RSTn
_NOM_STOCKE = re.compile(r"[A-Za-z0-9_-]{16,64}\.(?:jpg|png|pdf)")
# What a browser would take for HTML in the bytes it sniffs, or after the end of a PDF.
_BALISES = re.compile(rb"<\s*/?\s*(?:!doctype|html|head|body|script|iframe|svg|object|embed|style|meta)\b"
                      rb"|javascript:", re.IGNORECASE)
_ACTIONS_ACTIVES = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/ResetForm", "/Rendition"}

ECHEC_ENREGISTREMENT = "Le fichier n'a pas pu être enregistré. Réessayez plus tard."


class PhotoRefusee(Exception):
    """A file the user must replace; `str()` is the French message shown next to the field."""


@dataclass(frozen=True)
class PhotoVerifiee:
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


def _extension(nom: str) -> str:
    return nom.rpartition(".")[2].lower() if "." in nom else ""


def verifier(nom: str, contenu: bytes) -> PhotoVerifiee:
    """The photo ready to store, or PhotoRefusee: empty, too big, not JPG/PNG/PDF by name then by content."""
    nom = nettoyer_nom(nom)
    if not contenu:
        raise PhotoRefusee(f"« {nom} » est vide.")
    if len(contenu) > MAX_OCTETS:
        raise PhotoRefusee(f"« {nom} » dépasse 15 Mo.")
    extension = _extension(nom)
    if extension not in EXTENSIONS:
        raise PhotoRefusee(f"« {nom} » : seuls les formats JPG, PNG et PDF sont acceptés.")
    contenu, extension = (_verifier_pdf if extension == "pdf" else _verifier_image)(nom, bytes(contenu))
    return PhotoVerifiee(contenu=contenu, type_mime=TYPES[extension], extension=extension,
                         nom_original=nom, taille=len(contenu))


def _verifier_image(nom: str, contenu: bytes) -> tuple[bytes, str]:
    """A genuine JPEG or PNG whatever its extension among jpg/jpeg/png, decoded to the last pixel."""
    illisible = PhotoRefusee(f"« {nom} » est une image illisible ou tronquée.")
    fin = _fin_jpeg(contenu) if contenu[:2] == b"\xff\xd8" else _fin_png(contenu)
    try:
        with Image.open(BytesIO(contenu), formats=["JPEG", "PNG"]) as image:
            format_reel = image.format
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError(f"{image.size}")
            image.verify()  # PNG: every chunk's CRC
        with Image.open(BytesIO(contenu[:fin]), formats=["JPEG", "PNG"]) as image:
            if format_reel in ("JPEG", "MPO"):  # every byte is still decoded, in 1/64 of the memory
                image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()  # ImageFile.LOAD_TRUNCATED_IMAGES stays False: a short file raises
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoRefusee(f"« {nom} » a des dimensions trop grandes.") from exc
    except Image.UnidentifiedImageError as exc:
        raise PhotoRefusee(f"« {nom} » n'est pas une image JPG ou PNG valide.") from exc
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError, struct.error… on bad data
        raise illisible from exc
    if fin is None:  # e.g. a progressive JPEG cut short, which Pillow decodes without complaint
        raise illisible
    if format_reel not in _FORMATS_PILLOW:
        raise PhotoRefusee(f"« {nom} » n'est pas une image JPG ou PNG valide.")
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


def _verifier_pdf(nom: str, contenu: bytes) -> tuple[bytes, str]:
    """Parsed by pypdf in strict mode, at least one page, not encrypted, no active content, no HTML polyglot."""
    invalide = PhotoRefusee(f"« {nom} » n'est pas un PDF valide.")
    fin = contenu.rfind(b"%%EOF")
    if not re.match(rb"%PDF-[12]\.\d", contenu) or fin < 0:  # nothing may come before the header
        raise invalide
    fin += 5
    fin += 2 if contenu[fin:fin + 2] == b"\r\n" else 1 if contenu[fin:fin + 1] in (b"\r", b"\n") else 0
    if _BALISES.search(contenu[:1024]) or _BALISES.search(contenu[fin:]):
        raise invalide  # "%PDF-" then HTML: a browser ignoring the type could render it
    contenu = contenu[:fin]
    try:
        lecteur = PdfReader(BytesIO(contenu), strict=True)
        if lecteur.is_encrypted:
            raise PhotoRefusee(f"« {nom} » est protégé par un mot de passe : enregistrez-le sans protection.")
        if len(lecteur.pages) == 0:
            raise PhotoRefusee(f"« {nom} » ne contient aucune page.")
        actif = _pdf_actif(lecteur)
    except PhotoRefusee:
        raise
    except Exception as exc:  # pypdf raises PdfReadError, but also KeyError, ValueError… on crafted files
        raise invalide from exc
    if actif:
        raise PhotoRefusee(f"« {nom} » contient du code ou des fichiers joints : ce PDF n'est pas accepté.")
    return contenu, "pdf"


def _action_active(action: object) -> bool:
    action = action.get_object() if hasattr(action, "get_object") else action
    return isinstance(action, DictionaryObject) and action.get("/S") in _ACTIONS_ACTIVES


def _pdf_actif(lecteur: PdfReader) -> bool:
    """JavaScript, launch or form actions, or embedded files: what a PDF reader could run or open."""
    catalogue = lecteur.trailer["/Root"].get_object()
    noms = catalogue.get("/Names")
    noms = noms.get_object() if noms is not None else {}
    if "/JavaScript" in noms or "/EmbeddedFiles" in noms or "/AA" in catalogue:
        return True
    if _action_active(catalogue.get("/OpenAction")):
        return True
    for page in lecteur.pages:
        if "/AA" in page:
            return True
        annotations = page.get("/Annots")
        for annotation in annotations.get_object() if annotations is not None else []:
            annotation = annotation.get_object()
            if "/AA" in annotation or _action_active(annotation.get("/A")) \
                    or annotation.get("/Subtype") == "/FileAttachment":
                return True
    return False


def _dossier(dossier: Path | None) -> Path:
    return dossier if dossier is not None else settings().upload_dir / "annonces"


def stocker(photo: PhotoVerifiee, dossier: Path | None = None) -> str:
    """Write atomically under a random name (temp file, fsync, rename); the stored name is returned."""
    dossier = _dossier(dossier)
    nom = f"{secrets.token_urlsafe(24)}.{photo.extension}"
    temporaire = dossier / f".{secrets.token_urlsafe(12)}.tmp"
    try:
        dossier.mkdir(parents=True, exist_ok=True, mode=0o700)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        with os.fdopen(os.open(temporaire, flags, 0o600), "wb") as fichier:
            fichier.write(photo.contenu)
            fichier.flush()
            os.fsync(fichier.fileno())
        os.replace(temporaire, dossier / nom)
    except OSError as exc:
        log.warning("photo non enregistree dans %s : %s", dossier, exc)
        with contextlib.suppress(OSError):
            temporaire.unlink(missing_ok=True)
        raise PhotoRefusee(ECHEC_ENREGISTREMENT) from exc
    with contextlib.suppress(OSError):  # so that the rename itself survives a power cut
        _fsync_dossier(dossier)
    return nom


def _fsync_dossier(dossier: Path) -> None:
    descripteur = os.open(dossier, os.O_RDONLY)
    try:
        os.fsync(descripteur)
    finally:
        os.close(descripteur)


def chemin(nom_stocke: str, dossier: Path | None = None) -> Path | None:
    """The stored file of this name, or None: unknown shape, outside the folder (links too) or missing."""
    if not isinstance(nom_stocke, str) or not _NOM_STOCKE.fullmatch(nom_stocke):
        return None
    base = _dossier(dossier).resolve()
    fichier = (base / nom_stocke).resolve()
    if fichier.parent != base or not fichier.is_file():
        return None
    return fichier


def supprimer(nom_stocke: str, dossier: Path | None = None) -> None:
    if (fichier := chemin(nom_stocke, dossier)) is not None:
        fichier.unlink(missing_ok=True)


def nom_telechargement(nom_original: str, extension: str) -> str:
    """The sanitised original name, its extension made to match the real format."""
    nom = nettoyer_nom(nom_original)
    attendues = ("jpg", "jpeg") if extension == "jpg" else (extension,)
    if _extension(nom) not in attendues:
        base = nom.rpartition(".")[0] if _extension(nom) in EXTENSIONS else nom
        nom = f"{base[:115] or 'photo'}.{extension}"
    return nom


def content_disposition(disposition: str, nom: str) -> str:
    """RFC 6266/5987: an ASCII fallback plus the UTF-8 name, percent-encoded."""
    ascii_ = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode()
    ascii_ = re.sub(r"[^A-Za-z0-9._ -]", "_", ascii_).strip(" .") or "photo"
    return f"{disposition}; filename=\"{ascii_}\"; filename*=UTF-8''{quote(nom, safe='')}"


def reponse_fichier(nom_stocke: str, nom_original: str, type_mime: str, *, inline: bool = False,
                    dossier: Path | None = None) -> File:
    """The file, inert in the browser: nosniff, sandbox CSP; images `inline` on request, PDFs always attached.

    The caller checks who may see it (logged-in users); an unknown name is a 404.
    """
    fichier = chemin(nom_stocke, dossier)
    if fichier is None:
        raise NotFoundException("Ce fichier n'existe pas ou plus.")
    extension = fichier.suffix[1:]
    media_type = TYPES[extension] if type_mime == TYPES[extension] else "application/octet-stream"
    disposition = "inline" if inline and media_type.startswith("image/") else "attachment"
    return File(path=fichier, media_type=media_type, content_disposition_type=disposition, headers={
        "Content-Disposition": content_disposition(disposition, nom_telechargement(nom_original, extension)),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, max-age=3600",
        "Cross-Origin-Resource-Policy": "same-origin",
    })
