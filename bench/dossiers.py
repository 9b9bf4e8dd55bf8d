"""The démarches of the bench (issue 16): 100,000 inscription dossiers, 10,000 of them in the council's
perimeter, in every state, with deadlines spread over six months; written in the server like the annonces."""

from __future__ import annotations

from collections.abc import Callable

import asyncpg

NB = 100_000
PART_PERIMETRE = 0.1
ETATS = ["en_construction", "en_instruction", "en_instruction", "a_completer", "accepte", "refuse", "sans_suite"]


async def generer(conn: asyncpg.Connection, perimetre: str, log: Callable[[str], None]) -> None:
    log(f"{NB} dossiers de démarches ({int(NB * PART_PERIMETRE)} dans le périmètre {perimetre})")
    compte = await conn.fetchval(
        "INSERT INTO compte (identifiant, mot_de_passe, role, actif) VALUES ('bench.demandeur', '!', 'interne', "
        "false) ON CONFLICT (identifiant) DO UPDATE SET actif = false RETURNING id")
    await conn.execute("""
        CREATE TEMP TABLE gen_dossier AS
        SELECT g, random() < $1 AS ici, ($2::text[])[1 + floor(random() * cardinality($2::text[]))::int] AS statut,
               random() AS r
        FROM generate_series(1, $3) g
    """, PART_PERIMETRE, ETATS, NB)
    # The applicant: a praticien of the perimeter for its dossiers, of elsewhere for the others (its département).
    await conn.execute("""
        CREATE TEMP TABLE w_praticien AS
        SELECT id, departement, departement = $1 AS ici, row_number() OVER (PARTITION BY departement = $1
               ORDER BY id) AS rang FROM praticien WHERE rpps LIKE '3%';
        CREATE INDEX ON w_praticien (ici, rang);
    """.replace("$1", f"'{perimetre}'"))  # noqa: S608 - our own constant
    await conn.execute("""
        INSERT INTO dossier (numero, type, compte, praticien, departement, statut, version, donnees, section,
                             cree_le, maj_le, transmise_le, decision_le, complet_le, delai_depart, echeance, motif)
        SELECT 'D-2024-' || lpad(x.g::text, 6, '0'), 'inscription', $1, p.id, p.departement, x.statut, 1, '{}', '',
               x.transmise - interval '2 days', x.transmise + interval '1 day', x.transmise,
               CASE WHEN x.statut IN ('accepte', 'refuse', 'sans_suite') THEN x.transmise + interval '40 days' END,
               x.complet, x.complet, x.complet + 91,
               CASE WHEN x.statut IN ('refuse', 'sans_suite') THEN 'Dossier du bench.' ELSE '' END
        FROM (SELECT d.g, d.ici, d.statut, now() - (d.r * interval '180 days') AS transmise,
                     CASE WHEN d.statut <> 'en_construction' THEN (now() - (d.r * interval '170 days'))::date
                     END AS complet,
                     1 + (d.g * 7919) % (SELECT count(*) FROM w_praticien w WHERE w.ici = d.ici) AS rang
              FROM gen_dossier d) x
        JOIN w_praticien p ON p.ici = x.ici AND p.rang = x.rang
        ORDER BY x.g
    """, compte)
    await conn.execute("""
        INSERT INTO numero_dossier (annee, dernier) VALUES (2024, $1)
        ON CONFLICT (annee) DO UPDATE SET dernier = GREATEST(numero_dossier.dernier, $1)
    """, NB)
    await conn.execute("""
        INSERT INTO dossier_evenement (dossier, acteur, acteur_libelle, action, de, vers, motif, le)
        SELECT id, NULL, 'Bench', 'transmettre', 'brouillon', 'en_construction', '', transmise_le
        FROM dossier WHERE numero LIKE 'D-2024-%' AND compte = $1
    """, compte)
    await conn.execute("DROP TABLE gen_dossier; DROP TABLE w_praticien; ANALYZE dossier; ANALYZE dossier_evenement")
