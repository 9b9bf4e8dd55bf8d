"""PDFs issued for a dossier (SPEC_DEMARCHES §1.9): récépissés de dépôt, attestations, each with a public code.

The PDF is not stored: its content (title, holder, lines) is, frozen at issue, and the file is rendered again
from it, byte for byte the same (web/documents/pdf.py). `valide` is what `/verifier/<code>` answers.
"""

from piccolo.columns import JSON, Boolean, ForeignKey, Integer, Timestamptz, Varchar
from piccolo.table import Table

from tables import horloge
from tables.demarches import Dossier


class DocumentEmis(Table, tablename="document_emis"):
    code = Varchar(length=14, unique=True)  # "K7QF-M2XD-9HTR": random, unguessable, read out on the phone
    dossier = ForeignKey(references=Dossier, index=True)
    genre = Varchar(length=20)  # recepisse | attestation
    titre = Varchar(length=200)
    titulaire = Varchar(length=200)
    emis_le = Timestamptz(default=horloge.Maintenant())
    valide = Boolean(default=True)
    version = Integer(default=1)  # the n-th document of this genre for the dossier
    contenu = JSON(default="{}")  # {"entete", "titre", "lignes"}: what the PDF prints
