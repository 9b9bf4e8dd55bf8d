"""Territoires (SPEC_DEMARCHES §5) and the one inbox: the council's contact, its séances plénières, the
sections a Département provides and their history, and each inbox message's thread key and e-mail copy.

Columns added through the manager, so that Piccolo's snapshot knows them; the composite indexes are in m0046
(a migration's raw steps run before its other steps).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import Boolean, Date, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-02T07:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "territoires : contact du conseil, séances, sections du Département, historique ; fils de Message"


class Conseil(Table, tablename="conseil", schema=None):
    code = Varchar(length=5, primary_key=True)


class Departement(Table, tablename="departement", schema=None):
    code = Varchar(length=3, primary_key=True)


class Compte(Table, tablename="compte", schema=None):
    id = Serial(primary_key=True)


class Notification(Table, tablename="notification", schema=None):
    id = Serial(primary_key=True)


def _colonne(manager: MigrationManager, table: str, nom: str, classe: type, **params) -> None:
    if classe is ForeignKey:
        params = {"on_delete": OnDelete.cascade, "on_update": OnUpdate.cascade, "target_column": None, **params}
    manager.add_column(
        table_class_name=table.title().replace("_", ""), tablename=table, column_name=nom, db_column_name=nom,
        column_class_name=classe.__name__, column_class=classe, schema=None,
        params={"null": False, "primary_key": False, "unique": False, "index": False,
                "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False,
                **params})


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tables", description=DESCRIPTION)
    manager.add_table(class_name="ConseilContact", tablename="conseil_contact", schema=None, columns=None)
    _colonne(manager, "conseil_contact", "conseil", ForeignKey, references=Conseil, null=True, unique=True)
    for nom in ("adresse", "horaires"):
        _colonne(manager, "conseil_contact", nom, Text, default="")
    _colonne(manager, "conseil_contact", "telephone", Varchar, length=30, default="")
    _colonne(manager, "conseil_contact", "email", Varchar, length=254, default="")
    _colonne(manager, "conseil_contact", "demonstration", Boolean, default=False)

    manager.add_table(class_name="Seance", tablename="seance", schema=None, columns=None)
    _colonne(manager, "seance", "conseil", ForeignKey, references=Conseil, null=True, index=True)
    _colonne(manager, "seance", "date", Date, default=None, null=True)
    _colonne(manager, "seance", "lieu", Varchar, length=200, default="")

    manager.add_table(class_name="TerritoireSection", tablename="territoire_section", schema=None, columns=None)
    _colonne(manager, "territoire_section", "departement", ForeignKey, references=Departement, null=True,
             index=True)
    _colonne(manager, "territoire_section", "section", Varchar, length=30, default="")
    _colonne(manager, "territoire_section", "texte", Text, default="")
    _colonne(manager, "territoire_section", "mis_a_jour_le", Date, default=None, null=True)
    _colonne(manager, "territoire_section", "demonstration", Boolean, default=False)
    _colonne(manager, "territoire_section", "version", Integer, default=0)

    manager.add_table(class_name="TerritoireModification", tablename="territoire_modification", schema=None,
                      columns=None)
    _colonne(manager, "territoire_modification", "departement", ForeignKey, references=Departement, null=True,
             index=True)
    _colonne(manager, "territoire_modification", "section", Varchar, length=30, default="")
    for nom in ("avant", "apres"):
        _colonne(manager, "territoire_modification", nom, Text, default="")
    _colonne(manager, "territoire_modification", "par", ForeignKey, references=Compte, null=True,
             on_delete=OnDelete.set_null)
    _colonne(manager, "territoire_modification", "par_libelle", Varchar, length=254, default="")
    _colonne(manager, "territoire_modification", "le", Timestamptz, default=TimestamptzNow())

    _colonne(manager, "message", "sujet_type", Varchar, length=20, default="")
    _colonne(manager, "message", "sujet_id", Integer, default=None, null=True)
    _colonne(manager, "message", "copie_de", ForeignKey, references=Notification, null=True, default=None,
             on_delete=OnDelete.set_null)
    return manager
