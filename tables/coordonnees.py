"""Coordonnées de correspondance of a praticien and their affectation per usage (SPEC §2)."""

from piccolo.columns import Boolean, ForeignKey, OnDelete, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from tables.comptes import Compte, Praticien
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


class ChangementEmail(Table, tablename="changement_email"):
    """A change of the Ordre e-mail waiting for the link sent to the new address (issue 15 item 3).

    `modification`: the Ordre row's own e-mail is edited; otherwise the Ordre usage moves to `coordonnee`.
    Its links are rows of `jeton` (usages "email_ordre" to the new address, "pas_moi" to the old one).
    """

    praticien = ForeignKey(references=Praticien, index=True)
    compte = ForeignKey(references=Compte)
    coordonnee = ForeignKey(references=Coordonnee, null=True, on_delete=OnDelete.set_null)
    modification = Boolean(default=False)
    ancien = Varchar(length=254)
    nouveau = Varchar(length=254)
    statut = Varchar(length=12, default="en_attente")  # en_attente | confirme | annule | remplace
    demande_le = Timestamptz(default=TimestamptzNow())
