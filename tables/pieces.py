"""A dossier's documents, its message thread and its internal notes (SPEC_DEMARCHES §1.2, §1.5).

Files live in the one store (web/fichiers) under random names; these rows name them. Notes are the council's
alone: no applicant page, e-mail or PDF reads this table.
"""

from piccolo.columns import Boolean, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table

from tables import horloge
from tables.comptes import Compte
from tables.demarches import Dossier


class DossierPiece(Table, tablename="dossier_piece"):
    """One file of one item (`piece` = the type's Piece.cle); an item may hold several."""

    dossier = ForeignKey(references=Dossier, index=True)
    piece = Varchar(length=40)
    fichier = Varchar(length=60, unique=True)
    nom_original = Varchar(length=150)
    type_mime = Varchar(length=40)
    taille = Integer()
    statut = Varchar(length=20, default="depose")  # depose, verifie, a_corriger, authentifie, remplace
    raison = Varchar(length=60, default="")  # why "À corriger" ("Illisible", …)
    texte = Text(default="")
    depose_le = Timestamptz(default=horloge.Maintenant())
    verifie_par = ForeignKey(references=Compte, null=True)
    verifie_le = Timestamptz(null=True, default=None)


class DossierMessage(Table, tablename="dossier_message"):
    """The thread applicant ↔ instructing council; `lu_le` is when the other side read it."""

    dossier = ForeignKey(references=Dossier, index=True)
    auteur = ForeignKey(references=Compte)
    du_conseil = Boolean(default=False)
    texte = Text(default="")
    fichier = Varchar(length=60, default="", index=True)  # "" without attachment
    nom_original = Varchar(length=150, default="")
    type_mime = Varchar(length=40, default="")
    le = Timestamptz(default=horloge.Maintenant())
    attente = Boolean(default=False)  # staff ticked "En attente de réponse"
    lu_le = Timestamptz(null=True, default=None)


class DossierNote(Table, tablename="dossier_note"):
    """A note interne, or the "Rapport du conseiller rapporteur" (R.4112-2) the gestionnaire uploads."""

    dossier = ForeignKey(references=Dossier, index=True)
    auteur = ForeignKey(references=Compte)
    auteur_libelle = Varchar(length=200)
    genre = Varchar(length=20, default="note")  # note, rapport
    texte = Text(default="")
    fichier = Varchar(length=60, default="", index=True)
    nom_original = Varchar(length=150, default="")
    type_mime = Varchar(length=40, default="")
    le = Timestamptz(default=horloge.Maintenant())


async def authentifiees(dossier_id: int, cles: tuple[str, ...]) -> bool:
    """Whether each item of `cles` has an "Authentifié" file ("Prononcer l'inscription", §2.6). Here, beside its
    table, so that the type that needs it reads it without importing the engine that holds the type."""
    rows = await DossierPiece.select(DossierPiece.piece).where(
        (DossierPiece.dossier == dossier_id) & (DossierPiece.statut == "authentifie"))
    return set(cles) <= {r["piece"] for r in rows}
