"""Coordonnées de correspondance of a praticien and their affectation per usage (SPEC §2)."""

from piccolo.columns import ForeignKey, OnDelete, Varchar
from piccolo.table import Table

from tables.comptes import Praticien
from tables.referentiel import Commune

USAGES = ("ordre", "rpps", "domicile", "annonces")
CHAMPS = ("adresse", "email", "mobile", "fixe")


class Coordonnee(Table, tablename="coordonnee"):
    """One row of "Mes coordonnées": any of an address, an e-mail, a mobile, a landline."""

    praticien = ForeignKey(references=Praticien, index=True)
    voie = Varchar(length=200, default="")
    code_postal = Varchar(length=5, default="")
    commune = ForeignKey(references=Commune, null=True)
    email = Varchar(length=254, default="")
    mobile = Varchar(length=20, default="")
    fixe = Varchar(length=20, default="")


class Affectation(Table, tablename="affectation"):
    """For one usage, which row's adresse, e-mail, mobile and fixe apply (or none)."""

    praticien = ForeignKey(references=Praticien, index=True)
    usage = Varchar(length=10)
    adresse = ForeignKey(references=Coordonnee, null=True, on_delete=OnDelete.set_null)
    email = ForeignKey(references=Coordonnee, null=True, on_delete=OnDelete.set_null)
    mobile = ForeignKey(references=Coordonnee, null=True, on_delete=OnDelete.set_null)
    fixe = ForeignKey(references=Coordonnee, null=True, on_delete=OnDelete.set_null)
