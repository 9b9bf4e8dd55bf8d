"""A change of the Ordre e-mail waits for the link sent to the new address (issue 15 item 3)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import Boolean, ForeignKey, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-02T05:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "changements de l'e-mail de l'Ordre en attente de confirmation"


def _table(nom: str) -> type[Table]:
    return type(nom.title(), (Table,), {"id": Serial(null=False, primary_key=True, unique=False, index=False,
                                                    index_method=IndexMethod.btree, choices=None,
                                                    db_column_name="id", secret=False)}, tablename=nom)


Praticien, Compte, Coordonnee = _table("praticien"), _table("compte"), _table("coordonnee")


def _params(**params) -> dict:
    return {"null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False, **params}


def _fk(references: type[Table], on_delete: OnDelete = OnDelete.cascade, **params) -> dict:
    return _params(references=references, on_delete=on_delete, on_update=OnUpdate.cascade, target_column=None,
                   null=True, **params)


COLONNES = [
    ("praticien", ForeignKey, _fk(Praticien, index=True)),
    ("compte", ForeignKey, _fk(Compte)),
    ("coordonnee", ForeignKey, _fk(Coordonnee, on_delete=OnDelete.set_null)),
    ("modification", Boolean, _params(default=False)),
    ("ancien", Varchar, _params(length=254, default="")),
    ("nouveau", Varchar, _params(length=254, default="")),
    ("statut", Varchar, _params(length=12, default="en_attente")),
    ("demande_le", Timestamptz, _params(default=TimestamptzNow())),
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tables", description=DESCRIPTION)
    manager.add_table(class_name="ChangementEmail", tablename="changement_email", schema=None, columns=None)
    for nom, classe, params in COLONNES:
        manager.add_column(table_class_name="ChangementEmail", tablename="changement_email", column_name=nom,
                           db_column_name=nom, column_class_name=classe.__name__, column_class=classe,
                           params=params, schema=None)
    return manager
