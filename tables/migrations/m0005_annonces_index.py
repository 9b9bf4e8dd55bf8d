"""Composite indexes for the annonce search and the dashboards (Piccolo declares single columns only).

A separate migration, because a migration's raw steps run before its tables are created.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-22T08:01:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "index composites des annonces"

INDEX = (
    # lieu containment: each branch of the overlap test is an equality on a prefix of one of these
    "CREATE INDEX IF NOT EXISTS annonce_lieu_region_dep ON annonce_lieu (region, departement, annonce)",
    "CREATE INDEX IF NOT EXISTS annonce_lieu_dep_commune ON annonce_lieu (departement, commune, annonce)",
    "CREATE INDEX IF NOT EXISTS annonce_periode_recherche ON annonce_periode (annonce, debut, fin)",
    # published and not past their end, newest first
    "CREATE INDEX IF NOT EXISTS annonce_en_ligne ON annonce (statut, publiee_le, fin_publication)",
    # dashboards: a perimeter's annonces by last update
    "CREATE INDEX IF NOT EXISTS annonce_perimetre ON annonce (departement, statut, maj_le)",
    "CREATE INDEX IF NOT EXISTS annonce_auteur_statut ON annonce (auteur, statut)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tables", description=DESCRIPTION)

    async def creer():
        from tables.annonces import Annonce

        for sql in INDEX:
            await Annonce.raw(sql)

    manager.add_raw(creer)
    return manager
