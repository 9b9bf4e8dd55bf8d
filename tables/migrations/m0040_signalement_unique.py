"""One report per doctor per annonce, enforced by the database (issue 15, item 13): duplicates made before are
folded into the first one, then a unique index on (annonce, auteur)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-02T06:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "un signalement par praticien et par annonce"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tables", description=DESCRIPTION)

    async def creer():
        from tables.alertes import Signalement

        async with Signalement._meta.db.transaction():
            await Signalement.raw("DELETE FROM signalement WHERE id NOT IN "
                                  "(SELECT MIN(id) FROM signalement GROUP BY annonce, auteur)")
            await Signalement.raw(
                "CREATE UNIQUE INDEX IF NOT EXISTS signalement_unique ON signalement (annonce, auteur)")

    manager.add_raw(creer)
    return manager
