"""Indexes found by `make bench` (bench/README.md): the search, the dashboard count, the lieux autocomplete.

- annonce_recherche: the annonces online, by catégorie, holding what the search filters on, so that the
  set of matches is read from the index alone (the search reads `statut = 'publiee' AND supprimee_le IS
  NULL`, the predicate of this partial index).
- annonce_perimetre_vivantes: a council's annonces not deleted, by status; counted from the index alone.
- annonce_perimetre_titre: the same, by title: the dashboard sorted by title reads 20 rows, not the council's all.
- commune_prefixe: the autocomplete's prefix range on the folded name, with what it sorts and shows.

PostgreSQL keeps the extra columns as INCLUDE; SQLite has no INCLUDE, so they go in the key there.
A separate migration, like m0005: raw steps only.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-22T09:05:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "index de la recherche, du tableau de bord et de l'autocomplétion (make bench)"

EN_LIGNE = "WHERE statut = 'publiee' AND supprimee_le IS NULL"
POSTGRES = (
    f"CREATE INDEX IF NOT EXISTS annonce_recherche ON annonce (categorie, fin_publication) "
    f"INCLUDE (id, publiee_le, cote, specialite) {EN_LIGNE}",
    "CREATE INDEX IF NOT EXISTS annonce_perimetre_vivantes ON annonce (departement, statut, maj_le) "
    "WHERE supprimee_le IS NULL",
    "CREATE INDEX IF NOT EXISTS annonce_perimetre_titre ON annonce (departement, titre, id) WHERE supprimee_le IS NULL",
    "CREATE INDEX IF NOT EXISTS commune_prefixe ON commune (nom_normalise) "
    "INCLUDE (population, code, nom, parent, departement)",
)
SQLITE = (
    f"CREATE INDEX IF NOT EXISTS annonce_recherche ON annonce (categorie, fin_publication, id, publiee_le, cote, "
    f"specialite) {EN_LIGNE}",
    "CREATE INDEX IF NOT EXISTS annonce_perimetre_vivantes ON annonce (departement, statut, maj_le) "
    "WHERE supprimee_le IS NULL",
    "CREATE INDEX IF NOT EXISTS annonce_perimetre_titre ON annonce (departement, titre, id) WHERE supprimee_le IS NULL",
    "CREATE INDEX IF NOT EXISTS commune_prefixe ON commune (nom_normalise, population, code, nom, parent, departement)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tables", description=DESCRIPTION)

    async def creer():
        from tables.annonces import Annonce

        postgres = Annonce._meta.db.engine_type == "postgres"
        for sql in POSTGRES if postgres else SQLITE:
            await Annonce.raw(sql)
        if postgres:  # planner statistics for the new indexes (SQLite keeps its defaults: no sqlite_stat1)
            await Annonce.raw("ANALYZE annonce")
            await Annonce.raw("ANALYZE commune")

    manager.add_raw(creer)
    return manager
