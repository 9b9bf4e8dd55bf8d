"""The Tableau's e-mail of each praticien, and the requests to create one's space (issue 15 item 3).

An account is created only from the address the Ordre already holds (`praticien.email`), or, where it
holds none, after the council has checked the identity (`demande_espace`).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import ForeignKey, Serial, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-02T05:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "e-mail du Tableau, demandes de création d'espace"


def _table(nom: str) -> type[Table]:
    return type(nom.title(), (Table,), {"id": Serial(null=False, primary_key=True, unique=False, index=False,
                                                    index_method=IndexMethod.btree, choices=None,
                                                    db_column_name="id", secret=False)}, tablename=nom)


Praticien, Compte = _table("praticien"), _table("compte")


def _params(**params) -> dict:
    return {"null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False, **params}


def _fk(references: type[Table], **params) -> dict:
    return _params(references=references, on_delete=OnDelete.cascade, on_update=OnUpdate.cascade,
                   target_column=None, **params)


COLONNES = [
    ("praticien", ForeignKey, _fk(Praticien, null=True, index=True)),
    ("email", Varchar, _params(length=254, default="")),
    ("statut", Varchar, _params(length=20, default="", index=True)),
    ("demande_le", Timestamptz, _params(default=TimestamptzNow())),
    ("decide_le", Timestamptz, _params(default=None, null=True)),
    ("decide_par", ForeignKey, _fk(Compte, null=True)),
    ("motif", Text, _params(default="")),
    ("empreinte", Varchar, _params(length=64, default=None, null=True, unique=True)),
    ("expire_le", Timestamptz, _params(default=None, null=True)),
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tables", description=DESCRIPTION)
    manager.add_column(table_class_name="Praticien", tablename="praticien", column_name="email",
                       db_column_name="email", column_class_name="Varchar", column_class=Varchar,
                       params=_params(length=254, default=""), schema=None)
    manager.add_table(class_name="DemandeEspace", tablename="demande_espace", schema=None, columns=None)
    for nom, classe, params in COLONNES:
        manager.add_column(table_class_name="DemandeEspace", tablename="demande_espace", column_name=nom,
                           db_column_name=nom, column_class_name=classe.__name__, column_class=classe,
                           params=params, schema=None)
    return manager
