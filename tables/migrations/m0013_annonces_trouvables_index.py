"""The search table's indexes, and its rows for the annonces already online (bench/README.md).

Every branch of a search (Toute la France, the searched lieu's région, département, commune, the lieu
itself) is an equality prefix of one of two indexes, catégorie next, and the index holds everything else
the search filters on and returns, so a search reads indexes only. PostgreSQL keeps the extra columns as
INCLUDE; SQLite has no INCLUDE, so they go in the key there. Raw steps only, like m0005 and m0010.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-22T11:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "index de la table de recherche, et ses lignes pour les annonces en ligne"

TENUES = "annonce, publiee_le, fin_publication, debut, fin, cote, specialite"
INDEX = (("annonce_trouvable_region", "region, categorie, departement", TENUES),
         ("annonce_trouvable_commune", "departement, commune, categorie", f"{TENUES}, arrondissement"))
REMPLIR = (
    "INSERT INTO annonce_trouvable (annonce, publiee_le, fin_publication, categorie, cote, specialite, region, "
    "departement, commune, arrondissement, debut, fin) "
    "SELECT a.id, a.publiee_le, a.fin_publication, a.categorie, a.cote, a.specialite, l.region, l.departement, "
    "l.commune, l.arrondissement, p.debut, p.fin FROM annonce a JOIN annonce_lieu l ON l.annonce = a.id "
    "JOIN annonce_periode p ON p.annonce = a.id "
    "WHERE a.statut = 'publiee' AND a.supprimee_le IS NULL "
    "AND NOT EXISTS (SELECT 1 FROM annonce_trouvable t WHERE t.annonce = a.id)"
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tables", description=DESCRIPTION)

    async def creer():
        from tables.annonces import Annonce

        postgres = Annonce._meta.db.engine_type == "postgres"
        await Annonce.raw(REMPLIR)
        for nom, cle, tenues in INDEX:
            colonnes = f"({cle}) INCLUDE ({tenues})" if postgres else f"({cle}, {tenues})"
            await Annonce.raw(f"CREATE INDEX IF NOT EXISTS {nom} ON annonce_trouvable {colonnes}")
        if postgres:
            await Annonce.raw("ANALYZE annonce_trouvable")

    manager.add_raw(creer)
    return manager
