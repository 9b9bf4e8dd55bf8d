"""Every kind of upload, declared once (the purge walks this list). A new kind is one more line here."""

from __future__ import annotations

from tables.annonces import AnnoncePhoto
from tables.pieces import DossierMessage, DossierNote, DossierPiece
from web.fichiers.verifier import Usage

PHOTOS_ANNONCE = Usage(nom="annonces", formats=("jpg", "png", "pdf"), references=AnnoncePhoto.fichier,
                       messages={"trop_de_fichiers": "{max_fichiers} photos au plus par annonce."})

# A dossier's documents, the thread's attachments and the notes' files (SPEC_DEMARCHES §1.2, §1.5).
PIECES_DOSSIER = Usage(nom="pieces", formats=("pdf", "jpg", "png"), references=DossierPiece.fichier, max_fichiers=10,
                       messages={"trop_de_fichiers": "{max_fichiers} fichiers au plus par document."})
FICHIERS_MESSAGE = Usage(nom="messages_dossier", formats=("pdf", "jpg", "png"), references=DossierMessage.fichier,
                         max_fichiers=1)
FICHIERS_NOTE = Usage(nom="notes_dossier", formats=("pdf", "jpg", "png"), references=DossierNote.fichier,
                      max_fichiers=1)

USAGES = (PHOTOS_ANNONCE, PIECES_DOSSIER, FICHIERS_MESSAGE, FICHIERS_NOTE)
