"""The bench's annonces, written by PostgreSQL itself (INSERT … SELECT over generate_series): see
bench/README.md, Method, for what they look like. Called by datagen.py on a fresh database."""

from __future__ import annotations

import random
from collections.abc import Callable

import asyncpg

from bench import certification, dossiers
from web.annonces.recherche import REMPLIR  # the app's own statement
from web.demo_annonces import MOIS, TITRES  # the same titles as the demo data

PERIMETRE = "38"  # the demo gestionnaire's council (cd38@demo.ordre.test)


def _textes() -> tuple[list[str], list[str], list[str]]:
    from faker import Faker

    fake = Faker("fr_FR")
    fake.seed_instance(7)
    noms = sorted({fake.last_name().upper() for _ in range(600)})
    prenoms = sorted({fake.first_name() for _ in range(600)})
    descriptions = [fake.paragraph(nb_sentences=random.Random(i).randint(3, 7)) for i in range(64)]
    return noms, prenoms, descriptions


async def generer(conn: asyncpg.Connection, n: int, log: Callable[[str], None]) -> None:
    """n published annonces (and the others), their lieux, périodes, events and search rows."""
    await conn.execute("SET synchronous_commit = off; SET work_mem = '256MB'; ANALYZE; SELECT setseed(0.2026)")
    noms, prenoms, descriptions = _textes()
    total = round(n / 0.85)  # n published, the rest in the other statuses
    nb_praticiens = max(2_000, n // 8)
    titres = list(TITRES.items())

    log("poids des communes, départements, régions")
    await conn.execute("""
        CREATE TEMP TABLE w_commune AS
        SELECT c.code, c.nom, c.parent, c.departement, d.region,
               (SELECT min(cp.code_postal) FROM code_postal cp WHERE cp.commune = c.code) AS cp,
               (sum(c.population::bigint) OVER (ORDER BY c.code))::bigint AS cum
        FROM commune c JOIN departement d ON d.code = c.departement WHERE c.population > 0;
        CREATE INDEX ON w_commune (cum);
        CREATE TEMP TABLE w_dep AS
        SELECT d.code, d.nom, d.region, (sum(sum(c.population::bigint)) OVER (ORDER BY d.code))::bigint AS cum
        FROM departement d JOIN commune c ON c.departement = d.code AND c.parent IS NULL
        GROUP BY d.code, d.nom, d.region;
        CREATE INDEX ON w_dep (cum);
        CREATE TEMP TABLE w_region AS
        SELECT r.code, r.nom, (sum(sum(c.population::bigint)) OVER (ORDER BY r.code))::bigint AS cum
        FROM region r JOIN departement d ON d.region = r.code
             JOIN commune c ON c.departement = d.code AND c.parent IS NULL
        GROUP BY r.code, r.nom;
        CREATE INDEX ON w_region (cum);
        ANALYZE w_commune; ANALYZE w_dep; ANALYZE w_region;
    """)

    log(f"{nb_praticiens} praticiens")
    p38 = nb_praticiens // 10
    await conn.execute("""
        INSERT INTO praticien (rpps, nom, prenom, date_naissance, qualite, departement, specialite)
        SELECT '3' || lpad(g::text, 10, '0'),
               ($1::text[])[1 + floor(random() * cardinality($1::text[]))::int],
               ($2::text[])[1 + floor(random() * cardinality($2::text[]))::int],
               (date '1955-01-01' + floor(random() * 15000)::int)::text,
               CASE WHEN r < 0.8 THEN 'medecin' WHEN r < 0.9 THEN 'interne' ELSE 'docteur_junior' END,
               CASE WHEN g <= $3 THEN $5::varchar
                    ELSE (SELECT code FROM w_dep WHERE cum > x.rd AND code <> $5::varchar ORDER BY cum LIMIT 1) END,
               (ARRAY(SELECT code FROM specialite ORDER BY code))[1 + floor(random() * 44)::int]
        FROM (SELECT g, random() AS r,
                     floor(random() * (SELECT max(cum) FROM w_dep))::bigint AS rd
              FROM generate_series(1, $4) g) x
        ORDER BY g
    """, noms, prenoms, p38, nb_praticiens, PERIMETRE)
    premier = await conn.fetchval("SELECT min(id) FROM praticien WHERE rpps LIKE '3%'")

    log(f"{total} annonces ({n} publiées)")
    base = await conn.fetchval("SELECT coalesce(max(id), 0) FROM annonce")
    # One row of random draws per annonce; statuses by a random permutation so ids interleave.
    await conn.execute(f"""
        CREATE TEMP TABLE gen AS
        SELECT g, {base} + g AS id,
               CASE WHEN rang <= $1 THEN 'publiee'
                    WHEN s < 0.34 THEN 'en_attente' WHEN s < 0.54 THEN 'brouillon'
                    WHEN s < 0.80 THEN 'depubliee' ELSE 'refusee' END AS statut,
               CASE WHEN random() < $1::float / 10 / $4 THEN {premier} + floor(random() * $2)::int
                    ELSE {premier} + $2 + floor(random() * ($3 - $2))::int END AS auteur,
               floor(random() * 12)::int AS combo,
               CASE WHEN random() < 0.3 THEN 'SM54' WHEN random() < 0.04 THEN NULL
                    ELSE (ARRAY(SELECT code FROM specialite ORDER BY code))[1 + floor(random() * 44)::int]
                    END AS specialite,
               now() - random() * interval '120 days' AS publiee_le,
               floor(random() * 64)::int AS descr,
               (ARRAY['', '', 'urgent', 'disponible'])[1 + floor(random() * 4)::int] AS temporalite,
               random() AS r1, random() AS r2
        FROM (SELECT g, row_number() OVER (ORDER BY random() * 2) AS rang, random() AS s
              FROM generate_series(1, $4) g) x
    """, n, p38, nb_praticiens, total)  # noqa: S608 - two integers of ours
    await conn.execute("""
        INSERT INTO annonce (id, auteur, compte, departement, categorie, cote, specialite, titre, description,
                             conditions, temporalite, fin_publication, statut, cree_le, maj_le, transmise_le,
                             publiee_le, supprimee_le, refus, motif_refus, empreinte_acceptee, version)
        SELECT g.id, g.auteur, NULL, p.departement, ($1::text[])[g.combo + 1], ($2::text[])[g.combo + 1],
               g.specialite,
               replace(replace(($3::text[])[g.combo + 1], '{spe}',
                               lower(coalesce(s.libelle, 'toutes spécialités'))),
                       '{mois}', ($4::text[])[1 + floor(g.r1 * 12)::int]),
               ($5::text[])[g.descr + 1],
               CASE WHEN g.r2 < 0.3 THEN 'Rétrocession 70 %, logement possible.' ELSE '' END,
               g.temporalite,
               CASE WHEN g.statut = 'publiee' THEN current_date + 1 + floor(g.r2 * 150)::int
                    ELSE (g.publiee_le + interval '60 days')::date END,
               g.statut,
               g.publiee_le - interval '3 days', g.publiee_le + CASE WHEN g.statut = 'publiee' THEN interval '0'
                    ELSE interval '2 days' END,
               CASE WHEN g.statut = 'brouillon' THEN NULL ELSE g.publiee_le - interval '1 day' END,
               CASE WHEN g.statut IN ('publiee', 'depubliee') THEN g.publiee_le END,
               CASE WHEN g.statut <> 'publiee' AND g.r1 < 0.05 THEN g.publiee_le + interval '5 days' END,
               CASE WHEN g.statut = 'refusee' THEN 1 ELSE 0 END,
               CASE WHEN g.statut = 'refusee' THEN 'Votre annonce ne respecte pas les règles de publication.'
                    ELSE '' END,
               '', 1 + floor(g.r1 * 3)::int
        FROM gen g JOIN praticien p ON p.id = g.auteur LEFT JOIN specialite s ON s.code = g.specialite
        ORDER BY g.id
    """, [c for (c, _), _ in titres], [o for (_, o), _ in titres], [t for _, t in titres], list(MOIS),
        descriptions)
    await conn.execute("SELECT setval('annonce_id_seq', (SELECT max(id) FROM annonce))")

    log("lieux (1 à 3 par annonce)")
    await conn.execute("""
        CREATE TEMP TABLE tirage AS
        SELECT g.id AS annonce, k, random() AS genre,
               floor(random() * (SELECT max(cum) FROM w_commune))::bigint AS rc,
               floor(random() * (SELECT max(cum) FROM w_dep))::bigint AS rd,
               floor(random() * (SELECT max(cum) FROM w_region))::bigint AS rr
        FROM gen g CROSS JOIN LATERAL generate_series(1, CASE WHEN g.r2 < 0.6 THEN 1
                                                               WHEN g.r2 < 0.85 THEN 2 ELSE 3 END) k
    """)
    await conn.execute("""
        INSERT INTO annonce_lieu (annonce, cle, libelle, region, departement, commune, arrondissement)
        SELECT t.annonce, 'commune:' || c.code, c.nom || coalesce(' (' || c.cp || ')', ''), c.region,
               c.departement, coalesce(c.parent, c.code), CASE WHEN c.parent IS NOT NULL THEN c.code END
        FROM tirage t CROSS JOIN LATERAL (SELECT * FROM w_commune w WHERE w.cum > t.rc ORDER BY w.cum LIMIT 1) c
        WHERE t.genre < 0.85
        UNION ALL
        SELECT t.annonce, 'departement:' || d.code, d.nom || ' (' || d.code || ')', d.region, d.code, NULL, NULL
        FROM tirage t CROSS JOIN LATERAL (SELECT * FROM w_dep w WHERE w.cum > t.rd ORDER BY w.cum LIMIT 1) d
        WHERE t.genre >= 0.85 AND t.genre < 0.93
        UNION ALL
        SELECT t.annonce, 'region:' || r.code, r.nom, r.code, NULL, NULL, NULL
        FROM tirage t CROSS JOIN LATERAL (SELECT * FROM w_region w WHERE w.cum > t.rr ORDER BY w.cum LIMIT 1) r
        WHERE t.genre >= 0.93 AND t.genre < 0.98
        UNION ALL
        SELECT t.annonce, 'france', 'Toute la France', NULL, NULL, NULL, NULL
        FROM tirage t WHERE t.genre >= 0.98
        ORDER BY 1, 2
    """)
    # A lieu picked twice for the same annonce is kept once, as the form would.
    await conn.execute("""
        DELETE FROM annonce_lieu a USING annonce_lieu b
        WHERE a.annonce = b.annonce AND a.cle = b.cle AND a.id > b.id AND a.annonce > $1
    """, base)

    log("périodes (1 à 3 par annonce)")
    await conn.execute("""
        INSERT INTO annonce_periode (annonce, debut, fin)
        SELECT annonce, debut, CASE WHEN random() < 0.3 THEN NULL ELSE debut + 7 + floor(random() * 113)::int END
        FROM (SELECT g.id AS annonce, k, current_date - 30 + floor(random() * 270)::int AS debut
              FROM gen g CROSS JOIN LATERAL generate_series(1, CASE WHEN g.r1 < 0.6 THEN 1
                                                                     WHEN g.r1 < 0.88 THEN 2 ELSE 3 END) k) x
        ORDER BY annonce, k
    """)

    log("événements")
    await conn.execute("""
        INSERT INTO annonce_evenement (annonce, acteur, acteur_libelle, le, action, de, vers, motif)
        SELECT a.id, NULL::integer, 'Bench', a.transmise_le, 'transmettre', 'brouillon', 'en_attente', ''
        FROM annonce a WHERE a.id > $1 AND a.transmise_le IS NOT NULL
        UNION ALL
        SELECT a.id, NULL, 'Conseil', a.publiee_le, 'accepter', 'en_attente', 'publiee', ''
        FROM annonce a WHERE a.id > $1 AND a.publiee_le IS NOT NULL
        UNION ALL
        SELECT a.id, NULL, 'Conseil', a.maj_le, 'refuser', 'en_attente', 'refusee', a.motif_refus
        FROM annonce a WHERE a.id > $1 AND a.statut = 'refusee'
        UNION ALL
        SELECT a.id, NULL, 'Bench', a.maj_le, 'depublier', 'publiee', 'depubliee', ''
        FROM annonce a WHERE a.id > $1 AND a.statut = 'depubliee'
        ORDER BY 4
    """, base)

    log("table de recherche (une ligne par lieu × période des annonces en ligne)")
    await conn.execute(f"{REMPLIR} AND a.id > $1", base)
    await dossiers.generer(conn, PERIMETRE, log)
    await certification.generer(conn, PERIMETRE, log)

