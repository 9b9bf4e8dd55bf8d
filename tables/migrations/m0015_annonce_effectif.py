"""How many annonces each (département, statut, catégorie) holds, kept by the database itself.

The dashboard shows its total ("1 - 20 sur 9 649") and "À traiter" on every page: counted from the index,
10,000 annonces of a perimeter took 1.2 ms of PostgreSQL per page, all of France 10 ms. Triggers on
`annonce` keep `annonce_effectif` exact whatever writes the annonce (the app, a cascade, a script): an
insert or a delete moves one count, a change of département, statut, catégorie or deletion mark moves
two. Deleted annonces (`supprimee_le`) are not counted. Raw steps only, like m0005 and m0010.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-01T16:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "effectifs des annonces par département, statut et catégorie (tableau de bord)"

TABLE = (
    "CREATE TABLE IF NOT EXISTS annonce_effectif (departement VARCHAR(3) NOT NULL, statut VARCHAR(12) NOT NULL, "
    "categorie VARCHAR(20) NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (departement, statut, categorie))"
)
PLUS = ("INSERT INTO annonce_effectif (departement, statut, categorie, n) "
        "SELECT NEW.departement, NEW.statut, NEW.categorie, 1 WHERE NEW.supprimee_le IS NULL "
        "ON CONFLICT (departement, statut, categorie) DO UPDATE SET n = annonce_effectif.n + 1")
MOINS = ("UPDATE annonce_effectif SET n = n - 1 WHERE OLD.supprimee_le IS NULL AND departement = OLD.departement "
         "AND statut = OLD.statut AND categorie = OLD.categorie")
COLONNES = "departement, statut, categorie, supprimee_le"
CHANGE = ("OLD.departement <> NEW.departement OR OLD.statut <> NEW.statut OR OLD.categorie <> NEW.categorie "
          "OR (OLD.supprimee_le IS NULL) <> (NEW.supprimee_le IS NULL)")
POSTGRES = (
    TABLE,
    f"""CREATE OR REPLACE FUNCTION annonce_effectif_suivre() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN {MOINS}; END IF;
      IF TG_OP <> 'DELETE' THEN {PLUS}; END IF;
      RETURN NULL;
    END $$""",
    "DROP TRIGGER IF EXISTS annonce_effectif_ajout_retrait ON annonce",
    "CREATE TRIGGER annonce_effectif_ajout_retrait AFTER INSERT OR DELETE ON annonce "
    "FOR EACH ROW EXECUTE FUNCTION annonce_effectif_suivre()",
    "DROP TRIGGER IF EXISTS annonce_effectif_change ON annonce",
    f"CREATE TRIGGER annonce_effectif_change AFTER UPDATE OF {COLONNES} ON annonce "
    f"FOR EACH ROW WHEN ({CHANGE}) EXECUTE FUNCTION annonce_effectif_suivre()",
)
SQLITE = (
    TABLE,
    f"CREATE TRIGGER IF NOT EXISTS annonce_effectif_ajout AFTER INSERT ON annonce BEGIN {PLUS}; END",
    f"CREATE TRIGGER IF NOT EXISTS annonce_effectif_retrait AFTER DELETE ON annonce BEGIN {MOINS}; END",
    f"CREATE TRIGGER IF NOT EXISTS annonce_effectif_change AFTER UPDATE OF {COLONNES} ON annonce "
    f"WHEN {CHANGE} BEGIN {MOINS}; {PLUS}; END",
)
REMPLIR = ("INSERT INTO annonce_effectif (departement, statut, categorie, n) SELECT departement, statut, categorie, "
           "COUNT(*) FROM annonce WHERE supprimee_le IS NULL GROUP BY departement, statut, categorie")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tables", description=DESCRIPTION)

    async def creer():
        from tables.annonces import Annonce

        async with Annonce._meta.db.transaction():
            for sql in POSTGRES if Annonce._meta.db.engine_type == "postgres" else SQLITE:
                await Annonce.raw(sql)
            await Annonce.raw("DELETE FROM annonce_effectif")
            await Annonce.raw(REMPLIR)

    manager.add_raw(creer)
    return manager
