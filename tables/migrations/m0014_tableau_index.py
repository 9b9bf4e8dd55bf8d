"""Indexes of the moderation dashboard found by `make bench` (bench/README.md), like m0010: raw steps only.

- praticien_nom: the table sorted by author ("Par") walks the authors by name and stops at 20 rows
  (it sorted every annonce of the perimeter: 19 ms for 10,000, 0.8 ms now);
- annonce_auteur_vivantes: each author's annonces in the perimeter, for that walk;
- annonce_perimetre_maj: the table in its default order (last update first) reads its 20 rows in order,
  statut and catégorie checked in the index (it walked every annonce of France by date: 1.7–5 ms, 0.3 now);
- annonce_perimetre_categorie: a catégorie filter is counted from the index alone (it read every annonce
  of the perimeter from the table: 6.8 ms, 0.2 ms now).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-01T16:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "index du tableau de bord (ordre par défaut, tri par auteur, filtre par catégorie)"

INDEX = (
    "CREATE INDEX IF NOT EXISTS praticien_nom ON praticien (nom, prenom, id)",
    "CREATE INDEX IF NOT EXISTS annonce_auteur_vivantes ON annonce (auteur, departement, statut) "
    "WHERE supprimee_le IS NULL",
    "CREATE INDEX IF NOT EXISTS annonce_perimetre_maj ON annonce (departement, maj_le, statut, categorie) "
    "WHERE supprimee_le IS NULL",
    "CREATE INDEX IF NOT EXISTS annonce_perimetre_categorie ON annonce (departement, categorie, statut) "
    "WHERE supprimee_le IS NULL",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tables", description=DESCRIPTION)

    async def creer():
        from tables.annonces import Annonce

        for sql in INDEX:
            await Annonce.raw(sql)
        if Annonce._meta.db.engine_type == "postgres":
            await Annonce.raw("ANALYZE annonce")
            await Annonce.raw("ANALYZE praticien")

    manager.add_raw(creer)
    return manager
