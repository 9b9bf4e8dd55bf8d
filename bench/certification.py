"""The certification périodique of the bench (issue 20): carnets for 25,000 médecins of the council's perimeter
and 75,000 elsewhere, every one on the transitional period 2023–2031, with varied counts per bloc and a few
exempt; written in the server like the dossiers. The bench's praticiens (rpps '3…') are too few for that:
médecins of the certification only (rpps '4…', authors of nothing) make up the rest."""

from __future__ import annotations

from collections.abc import Callable

import asyncpg

ICI, AILLEURS = 25_000, 75_000


async def generer(conn: asyncpg.Connection, perimetre: str, log: Callable[[str], None]) -> None:
    log(f"{ICI + AILLEURS} carnets de certification ({ICI} dans le périmètre {perimetre})")
    ici, ailleurs = await conn.fetchrow(
        "SELECT count(*) FILTER (WHERE departement = $1), count(*) FILTER (WHERE departement <> $1) "
        "FROM praticien WHERE rpps LIKE '3%' AND qualite = 'medecin'", perimetre)
    # The missing médecins: names, specialties and (elsewhere) départements of the bench's praticiens, each
    # picked by rank (arrays indexed row by row are detoasted row by row: minutes).
    await conn.execute("""
        CREATE TEMP TABLE w_modele AS
        SELECT row_number() OVER (ORDER BY id) AS rang, nom, prenom, departement, coalesce(specialite, 'SM54') AS spe
        FROM praticien WHERE rpps LIKE '3%' AND departement <> $1;
        CREATE UNIQUE INDEX ON w_modele (rang); ANALYZE w_modele;
    """.replace("$1", f"'{perimetre}'"))  # noqa: S608 - our own constant
    await conn.execute("""
        INSERT INTO praticien (rpps, nom, prenom, date_naissance, qualite, departement, specialite)
        SELECT '4' || lpad(x.g::text, 10, '0'), a.nom, b.prenom,
               (date '1955-01-01' + floor(random() * 15000)::int)::text, 'medecin',
               CASE WHEN x.g <= $2::int THEN $1::varchar ELSE c.departement END, d.spe
        FROM (SELECT g::bigint AS g, (SELECT count(*) FROM w_modele) AS n
              FROM generate_series(1, $2::int + $3::int) g) x
        JOIN w_modele a ON a.rang = 1 + (x.g * 7919) % x.n JOIN w_modele b ON b.rang = 1 + (x.g * 104729) % x.n
        JOIN w_modele c ON c.rang = 1 + (x.g * 31) % x.n JOIN w_modele d ON d.rang = 1 + (x.g * 613) % x.n
        ORDER BY x.g
    """, perimetre, max(0, ICI - ici), max(0, AILLEURS - ailleurs))
    await conn.execute("DROP TABLE w_modele; ANALYZE praticien")
    # Counts 0–4 per bloc, low ones likelier (about half the perimeter "En retard" in December 2026); 3 %
    # exempt from bloc 3, 1 % asking; a fifth already alerted this year.
    await conn.execute("""
        INSERT INTO carnet (praticien, departement, debut, fin, controle_avant, exoneration, b1, b2, b3, b4,
                            derniere_alerte)
        SELECT p.id, p.departement, date '2023-01-01', date '2031-12-31', date '2032-06-30',
               CASE WHEN r < 0.03 THEN 'confirmee' WHEN r < 0.04 THEN 'demandee' ELSE '' END,
               floor(random() ^ 1.5 * 5)::int, floor(random() ^ 1.5 * 5)::int, floor(random() ^ 2 * 5)::int,
               floor(random() ^ 2 * 5)::int,
               CASE WHEN random() < 0.2 THEN date '2026-01-01' + floor(random() * 330)::int END
        FROM (SELECT id, departement, random() AS r FROM praticien
              WHERE (rpps LIKE '3%' OR rpps LIKE '4%') AND qualite = 'medecin') p
        WHERE NOT EXISTS (SELECT 1 FROM carnet c WHERE c.praticien = p.id)
        ORDER BY p.id
    """)
    await conn.execute("ANALYZE carnet")
