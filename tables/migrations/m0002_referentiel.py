"""Load the reference data (geography, councils, specialties) right after the schema."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-22T07:50:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "donnees de reference"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tables", description=DESCRIPTION)

    async def charger():
        from tables.reference.load import charger_referentiel

        await charger_referentiel()

    manager.add_raw(charger)
    return manager
