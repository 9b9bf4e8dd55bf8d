"""Every kind of upload, declared once (the purge walks this list). A new kind is one more line here."""

from __future__ import annotations

from tables.annonces import AnnoncePhoto
from tables.certification import PreuveAction
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

# The justificatifs of a certification action (SPEC_DEMARCHES §3.3).
PREUVES_CERTIFICATION = Usage(nom="preuves_certification", formats=("pdf", "jpg", "png"),
                              references=PreuveAction.fichier, max_fichiers=5,
                              messages={"trop_de_fichiers": "{max_fichiers} justificatifs au plus par action."})

USAGES = (PHOTOS_ANNONCE, PIECES_DOSSIER, FICHIERS_MESSAGE, FICHIERS_NOTE, PREUVES_CERTIFICATION)
