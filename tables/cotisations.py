"""Cotisations (SPEC_DEMARCHES §4 "Cotisations", a service, not a démarche): the year's call set by national
staff, one row per médecin and year, the payments the council records, the graduated reminders.

Amounts are integer cents. `regle` is the sum of the payments, written in the payment's transaction, so that
the council list and the reminder job over hundreds of thousands of rows read a status without summing.
"""

from piccolo.columns import Date, ForeignKey, Integer, OnDelete, Timestamptz, Varchar
from piccolo.table import Table

from tables import horloge
from tables.comptes import Compte, Praticien
from tables.referentiel import Departement


class AppelCotisation(Table, tablename="appel_cotisation"):
    """The year's call: amount and due date; `emis_le` once the 01/01 job created the médecins' rows."""

    annee = Integer(unique=True)
    montant = Integer()  # cents
    echeance = Date()
    emis_le = Date(null=True, default=None)


class Cotisation(Table, tablename="cotisation"):
    """One médecin's cotisation of one year (unique per praticien and year: index of m0072)."""

    praticien = ForeignKey(references=Praticien, index=True, on_delete=OnDelete.cascade)
    departement = ForeignKey(references=Departement, index=True)  # the perimeter, as the praticien's
    annee = Integer(index=True)
    montant = Integer()  # cents, as called
    echeance = Date()
    regle = Integer(default=0)  # cents paid so far
    payee_le = Date(null=True, default=None)  # the payment that made `regle` reach `montant`
    avise_le = Date(null=True, default=None)  # the call's e-mail recorded
    recouvrement_le = Date(null=True, default=None)  # "Transmise au recouvrement"


class Reglement(Table, tablename="reglement_cotisation"):
    cotisation = ForeignKey(references=Cotisation, index=True, on_delete=OnDelete.cascade)
    le = Date()
    montant = Integer()  # cents
    mode = Varchar(length=12)  # virement | cheque | prelevement
    reference = Varchar(length=60, default="")
    par = ForeignKey(references=Compte, null=True, on_delete=OnDelete.set_null)
    enregistre_le = Timestamptz(default=horloge.Maintenant())


class RelanceCotisation(Table, tablename="relance_cotisation"):
    """A reminder sent: unique per (cotisation, rang) (index of m0072), so a job run twice sends it once."""

    cotisation = ForeignKey(references=Cotisation, index=True, on_delete=OnDelete.cascade)
    rang = Integer()  # 1, 2, 3
    le = Date()
