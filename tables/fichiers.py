"""Uploads waiting for their form (web/fichiers/depots.py): checked, kept here and not on disk, until they expire."""

from __future__ import annotations

from piccolo.columns import Bytea, ForeignKey, Integer, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from tables.comptes import Compte


class DepotFichier(Table, tablename="depot_fichier"):
    """A checked upload of a form that was not valid yet; `jeton` travels in the form, bound to `compte`."""

    jeton = Varchar(length=40, unique=True)
    compte = ForeignKey(references=Compte, on_delete=OnDelete.cascade, index=True)
    usage = Varchar(length=30)
    nom_original = Varchar(length=150)
    type_mime = Varchar(length=40)
    extension = Varchar(length=5)
    taille = Integer()
    contenu = Bytea()
    cree_le = Timestamptz(default=TimestamptzNow())
    expire_le = Timestamptz(index=True)
