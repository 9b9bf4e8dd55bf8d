"""Folded place names compared byte by byte on PostgreSQL too, so that prefix search uses the b-tree.

The lieux autocomplete asks for `nom_normalise >= 'saint e' AND nom_normalise < 'saint f'`. SQLite
compares with BINARY already. On PostgreSQL, under a linguistic collation (fr_FR.UTF-8, en_US.UTF-8)
glibc ignores spaces at the first level, so "sainte marie" would fall inside that range; the
column is therefore moved to COLLATE "C", which also rebuilds its existing index in that order.
A later migration that changes these columns' type must keep COLLATE "C" (a test checks it).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-22T07:55:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "nom_normalise en collation C (recherche de lieux par prefixe)"

COLONNES = (("region", 80), ("departement", 80), ("commune", 100))


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tables", description=DESCRIPTION)

    async def collation_c():
        from tables.referentiel import Commune

        if Commune._meta.db.engine_type != "postgres":
            return
        for table, longueur in COLONNES:
            await Commune.raw(
                f'ALTER TABLE {table} ALTER COLUMN nom_normalise TYPE VARCHAR({longueur}) COLLATE "C"'
            )

    manager.add_raw(collation_c)
    return manager
