"""Services administratifs (SPEC_DEMARCHES §4): what a decided démarche leaves behind it.

A qualification "Enregistré au dossier" (§4.10) belongs to the praticien's dossier ordinal; a co-contracting
doctor named by RPPS in a communicated contract reads it (§4.8); an annonce closed "Poste pourvu" remembers
with whom, so that both may communicate the contract it led to.
"""

from piccolo.columns import Date, ForeignKey, Timestamptz, Varchar
from piccolo.table import Table

from tables import horloge
from tables.annonces import Annonce
from tables.comptes import Praticien
from tables.demarches import Dossier


class Qualification(Table, tablename="qualification"):
    praticien = ForeignKey(references=Praticien, index=True)
    dossier = ForeignKey(references=Dossier, null=True)
    nature = Varchar(length=40)
    intitule = Varchar(length=300)
    etablissement = Varchar(length=300, default="")
    obtenue_le = Date(null=True, default=None)
    enregistree_le = Date(null=True, default=None)


class DossierPartie(Table, tablename="dossier_partie"):
    """A doctor other than the applicant who may read the dossier (a co-contractant), by RPPS."""

    dossier = ForeignKey(references=Dossier, index=True)
    rpps = Varchar(length=11, index=True)


class AnnoncePourvue(Table, tablename="annonce_pourvue"):
    annonce = ForeignKey(references=Annonce, unique=True)
    rpps = Varchar(length=11, default="", index=True)  # the doctor it was filled with, when the author says
    le = Timestamptz(default=horloge.Maintenant())
