"""One alert per (saved search, annonce), enforced by the database so that the job stays idempotent."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-22T08:24:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "alerte unique"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tables", description=DESCRIPTION)

    async def creer():
        from tables.alertes import AlerteRecherche

        await AlerteRecherche.raw(
            "CREATE UNIQUE INDEX IF NOT EXISTS alerte_recherche_unique ON alerte_recherche (recherche, annonce)")

    manager.add_raw(creer)
    return manager
