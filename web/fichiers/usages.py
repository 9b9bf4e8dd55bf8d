"""Every kind of upload, declared once (the purge walks this list). A new kind is one more line here."""

from __future__ import annotations

from tables.annonces import AnnoncePhoto
from web.fichiers.verifier import Usage

PHOTOS_ANNONCE = Usage(nom="annonces", formats=("jpg", "png", "pdf"), references=AnnoncePhoto.fichier,
                       messages={"trop_de_fichiers": "{max_fichiers} photos au plus par annonce."})

USAGES = (PHOTOS_ANNONCE,)
