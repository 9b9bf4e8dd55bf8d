from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import ForeignKey, Varchar
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table


class Departement(Table, tablename="departement", schema=None):
    code = Varchar(
        length=3,
        default="",
        null=False,
        primary_key=True,
        unique=False,
        index=False,
        index_method=IndexMethod.btree,
        choices=None,
        db_column_name=None,
        secret=False,
    )


ID = "2026-12-06T21:30:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "démarches : le conseil d'origine d'un dossier transféré (lecture seule)"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="tables", description=DESCRIPTION
    )

    manager.add_column(
        table_class_name="Dossier",
        tablename="dossier",
        column_name="origine",
        db_column_name="origine",
        column_class_name="ForeignKey",
        column_class=ForeignKey,
        params={
            "references": Departement,
            "on_delete": OnDelete.cascade,
            "on_update": OnUpdate.cascade,
            "target_column": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    return manager
