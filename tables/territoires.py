"""Territoires (SPEC_DEMARCHES §5): a council's contact and séances plénières, and what a Département says to doctors.

`Seance` is the council's calendar, shown on the territory page now and read by the démarche engine later
(an inscription is put on the agenda of one séance, §2.6).
"""

from piccolo.columns import Boolean, Date, ForeignKey, Integer, OnDelete, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from tables.comptes import Compte
from tables.referentiel import Conseil, Departement


class ConseilContact(Table, tablename="conseil_contact"):
    """How to reach a conseil départemental: kept beside the read-only referential, one row per council.

    `demonstration` marks the demo's invented values (embedded default only), shown as such.
    """

    conseil = ForeignKey(references=Conseil, unique=True)
    adresse = Text(default="")
    telephone = Varchar(length=30, default="")
    email = Varchar(length=254, default="")
    horaires = Text(default="")
    demonstration = Boolean(default=False)


class Seance(Table, tablename="seance"):
    """One séance plénière of a conseil départemental."""

    conseil = ForeignKey(references=Conseil, index=True)
    date = Date(null=True, default=None)
    lieu = Varchar(length=200, default="")


class TerritoireSection(Table, tablename="territoire_section"):
    """One section of "Venir exercer en …", as the Département provided it: plain text with links.

    One row per (département, section), unique; `version` makes two editors' saves conflict instead of one
    silently losing the other's text. `demonstration` marks the demo's invented content until someone edits it.
    """

    departement = ForeignKey(references=Departement, index=True)
    section = Varchar(length=30)
    texte = Text(default="")
    mis_a_jour_le = Date(null=True, default=None)
    demonstration = Boolean(default=False)
    version = Integer(default=0)


class TerritoireModification(Table, tablename="territoire_modification"):
    """The history of a section: who changed it, when, from what to what (kept, never edited)."""

    departement = ForeignKey(references=Departement, index=True)
    section = Varchar(length=30)
    avant = Text(default="")
    apres = Text(default="")
    par = ForeignKey(references=Compte, null=True, on_delete=OnDelete.set_null)
    par_libelle = Varchar(length=254, default="")
    le = Timestamptz(default=TimestamptzNow())
