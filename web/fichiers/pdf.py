"""PDF checks: strict parse, not encrypted, at least one page, no HTML polyglot, and nothing a PDF reader could
run or open. Files reach council staff's readers, so every object reachable from the trailer is walked —
catalogue, pages, annotations, name trees, outlines, forms, and each action's `/Next` (one or an array) —
not only the keys where actions usually sit; indirect references are followed once (cycles end)."""

from __future__ import annotations

import re
from io import BytesIO

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# What a browser would take for HTML in the bytes it sniffs, or after the end of a PDF.
_BALISES = re.compile(rb"<\s*/?\s*(?:!doctype|html|head|body|script|iframe|svg|object|embed|style|meta)\b"
                      rb"|javascript:", re.IGNORECASE)
_ACTIONS_ACTIVES = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/ResetForm", "/Rendition",
                    "/GoToE", "/GoToR", "/Movie", "/Sound", "/RichMediaExecute"}
_CLES_ACTIVES = {"/JS", "/AA", "/JavaScript", "/EmbeddedFiles", "/EF", "/XFA", "/RichMediaContent"}
_ANNOTATIONS_ACTIVES = {"/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/Screen"}
_SCHEMAS_ACTIFS = re.compile(r"(?:javascript|vbscript|data|file):", re.IGNORECASE)
_INVISIBLES = re.compile(r"[\x00-\x20\x7f]")  # readers skip them: "java\tscript:" is still a script
MAX_OBJETS = 500_000  # a 15 Mo PDF holds far fewer; beyond, the walk itself would be the attack


class PdfRefuse(Exception):
    """`args[0]` is the key of the French message (verifier.MESSAGES) the usage shows."""


def verifier(contenu: bytes) -> bytes:
    """The PDF up to its last `%%EOF`, or PdfRefuse("pdf_invalide" | "pdf_chiffre" | "pdf_vide" | "pdf_actif")."""
    fin = contenu.rfind(b"%%EOF")
    if not re.match(rb"%PDF-[12]\.\d", contenu) or fin < 0:  # nothing may come before the header
        raise PdfRefuse("pdf_invalide")
    fin += 5
    fin += 2 if contenu[fin:fin + 2] == b"\r\n" else 1 if contenu[fin:fin + 1] in (b"\r", b"\n") else 0
    if _BALISES.search(contenu[:1024]) or _BALISES.search(contenu[fin:]):
        raise PdfRefuse("pdf_invalide")  # "%PDF-" then HTML: a browser ignoring the type could render it
    contenu = contenu[:fin]
    try:
        lecteur = PdfReader(BytesIO(contenu), strict=True)
        if lecteur.is_encrypted:
            raise PdfRefuse("pdf_chiffre")
        if len(lecteur.pages) == 0:
            raise PdfRefuse("pdf_vide")
        actif = contenu_actif(lecteur)
    except PdfRefuse:
        raise
    except Exception as exc:  # pypdf raises PdfReadError, but also KeyError, ValueError, RecursionError…
        raise PdfRefuse("pdf_invalide") from exc
    if actif:
        raise PdfRefuse("pdf_actif")
    return contenu


def contenu_actif(lecteur: PdfReader) -> bool:
    """JavaScript, launch, form or media actions, `javascript:` links, embedded files: anywhere in the file.

    Iterative (a deep `/Next` chain cannot exhaust the stack); each indirect object is visited once.
    """
    vus: set[tuple[int, int]] = set()
    pile: list[object] = [lecteur.trailer]
    visites = 0
    while pile:
        objet = pile.pop()
        if isinstance(objet, IndirectObject):
            cle = (objet.idnum, objet.generation)
            if cle in vus:
                continue
            vus.add(cle)
            objet = objet.get_object()
        visites += 1
        if visites > MAX_OBJETS:
            raise ValueError("trop d'objets")
        if isinstance(objet, DictionaryObject):
            if _dictionnaire_actif(objet):
                return True
            pile.extend(dict.values(objet))  # raw values: references stay references (cycle check above)
        elif isinstance(objet, ArrayObject):
            pile.extend(list.__iter__(objet))
    return False


def _valeur(objet: DictionaryObject, cle: str) -> object:
    valeur = dict.get(objet, cle)
    return valeur.get_object() if isinstance(valeur, IndirectObject) else valeur


def _dictionnaire_actif(objet: DictionaryObject) -> bool:
    if _CLES_ACTIVES.intersection(objet.keys()):
        return True
    if _valeur(objet, "/S") in _ACTIONS_ACTIVES or _valeur(objet, "/Subtype") in _ANNOTATIONS_ACTIVES:
        return True
    uri = _valeur(objet, "/URI")
    if isinstance(uri, bytes):
        uri = uri.decode("latin-1")
    return isinstance(uri, str) and bool(_SCHEMAS_ACTIFS.match(_INVISIBLES.sub("", uri)))
