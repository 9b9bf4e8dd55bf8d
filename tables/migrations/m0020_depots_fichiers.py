"""Staged uploads as rows that expire (web/fichiers/depots.py), replacing the never-expiring signed tokens.

Raw steps for both engines, like m0015; column types are Piccolo's own so its SQLite converters apply.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-02T02:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "dépôts de fichiers en attente de leur formulaire"

COLONNES = ("jeton VARCHAR(40) NOT NULL UNIQUE, "
            "compte INTEGER REFERENCES compte (id) ON DELETE CASCADE ON UPDATE CASCADE, "
            "usage VARCHAR(30) NOT NULL, nom_original VARCHAR(150) NOT NULL, type_mime VARCHAR(40) NOT NULL, "
            "extension VARCHAR(5) NOT NULL, taille INTEGER NOT NULL, contenu {binaire} NOT NULL, "
            "cree_le TIMESTAMPTZ NOT NULL, expire_le TIMESTAMPTZ NOT NULL")
POSTGRES = f"CREATE TABLE IF NOT EXISTS depot_fichier (id SERIAL PRIMARY KEY, {COLONNES.format(binaire='BYTEA')})"
SQLITE = f"CREATE TABLE IF NOT EXISTS depot_fichier (id INTEGER PRIMARY KEY, {COLONNES.format(binaire='BLOB')})"
INDEX = ("CREATE INDEX IF NOT EXISTS depot_fichier_compte ON depot_fichier (compte)",
         "CREATE INDEX IF NOT EXISTS depot_fichier_expire_le ON depot_fichier (expire_le)")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tables", description=DESCRIPTION)

    async def creer():
        from tables.comptes import Compte

        async with Compte._meta.db.transaction():
            await Compte.raw(POSTGRES if Compte._meta.db.engine_type == "postgres" else SQLITE)
            for sql in INDEX:
                await Compte.raw(sql)

    manager.add_raw(creer)
    return manager
