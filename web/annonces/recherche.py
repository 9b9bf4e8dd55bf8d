"""Trouver une annonce (SPEC §3.2): one SQL statement for a page of cards, their lieux and the count.

Lieux overlap when one contains the other. Every annonce lieu stores its whole hierarchy, so for a
searched lieu the overlap is a few equalities on indexed columns; périodes overlap when each starts
before the other ends (no end = "À partir du"). The search reads annonce_trouvable, one row per lieu ×
période of each annonce online, kept by `indexer`: the matches come from its indexes alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from litestar.datastructures import MultiDict

from tables import horloge
from tables.annonces import Annonce
from tables.sql import fetch
from web.annonces.vocabulaire import CATEGORIES, COTES_RECHERCHE, OPPOSE
from web.forms import valeurs
from web.lieux.rules import Lieu, resoudre_saisie

PAR_PAGE = 20
MAX_LIEUX = 20  # searched, and on one annonce
MAX_PERIODES = 10
NIVEAUX = ("region", "departement", "commune", "arrondissement")
REMPLIR = (  # an annonce's rows: one per lieu × période, if it is online (the same statement as m0013)
    "INSERT INTO annonce_trouvable (annonce, publiee_le, fin_publication, categorie, cote, specialite, region, "
    "departement, commune, arrondissement, debut, fin) "
    "SELECT a.id, a.publiee_le, a.fin_publication, a.categorie, a.cote, a.specialite, l.region, l.departement, "
    "l.commune, l.arrondissement, p.debut, p.fin FROM annonce a JOIN annonce_lieu l ON l.annonce = a.id "
    "JOIN annonce_periode p ON p.annonce = a.id WHERE a.statut = 'publiee' AND a.supprimee_le IS NULL"
)


@dataclass
class Criteres:
    categories: list[str] = field(default_factory=list)
    cote: str | None = None  # the searcher's side; results are on the other one
    specialite: str | None = None
    lieux: list[Lieu] = field(default_factory=list)
    periodes: list[tuple[date, date | None]] = field(default_factory=list)
    page: int = 1
    publiees_depuis: datetime | None = None  # saved-search alerts: only what is new


def _branches(c: Criteres) -> list[tuple[str, list]]:
    """The lieu conditions, one per way an annonce lieu can overlap a searched one: Toute la France, each
    broader level with nothing finer, and the searched level whatever is finer. Ancestors are repeated
    (every lieu stores its whole hierarchy) so that each branch is the prefix of one index, catégorie
    next. [] = no lieu filter."""
    if not c.lieux or any(lieu.type == "france" for lieu in c.lieux):
        return []
    branches = {("t.region IS NULL AND t.departement IS NULL", ())}
    for lieu in c.lieux:
        valeurs = [v for v in (getattr(lieu, niveau) for niveau in NIVEAUX) if v]
        for i in range(len(valeurs)):
            # A searched région or département: the (région, département) index; finer: (département, commune).
            haut = 0 if i == 0 or (i == 1 and len(valeurs) == 2) else 1
            conds = [f"t.{NIVEAUX[j]} = {{}}" for j in range(haut, i + 1)]
            if i + 1 < len(valeurs):  # a broader lieu: nothing finer
                conds.append(f"t.{NIVEAUX[i + 1]} IS NULL")
            branches.add((" AND ".join(conds), tuple(valeurs[haut: i + 1])))
    return [(sql, list(args)) for sql, args in sorted(branches)]


def _filtres(c: Criteres, aujourdhui: date) -> tuple[str, list]:
    """Everything but the lieux, on one row (one lieu × one période) of annonce_trouvable."""
    sql, args = ["t.fin_publication >= {}"], [aujourdhui]
    if c.categories:
        sql.append(f"t.categorie IN ({', '.join('{}' for _ in c.categories)})")
        args.extend(c.categories)
    if c.cote in OPPOSE:
        sql.append("t.cote = {}")
        args.append(OPPOSE[c.cote])
    if c.specialite:
        sql.append("t.specialite = {}")
        args.append(c.specialite)
    if c.publiees_depuis:
        sql.append("t.publiee_le >= {}")
        args.append(c.publiees_depuis)
    if c.periodes:
        overlaps = []
        for debut, fin in c.periodes:
            if fin is None:
                overlaps.append("(t.fin IS NULL OR t.fin >= {})")
                args.append(debut)
            else:
                overlaps.append("(t.debut <= {} AND (t.fin IS NULL OR t.fin >= {}))")
                args.extend([fin, debut])
        sql.append(f"({' OR '.join(overlaps)})")
    return " AND ".join(sql), args


def _lignes(c: Criteres, aujourdhui: date) -> tuple[str, list]:
    """The matching rows (annonce, publiee_le), an annonce once per row that matches: one index scan
    per branch, put together."""
    filtres, args_filtres = _filtres(c, aujourdhui)
    parts, args = [], []
    for branche, args_branche in _branches(c) or [("", [])]:
        parts.append("SELECT t.annonce, t.publiee_le FROM annonce_trouvable t WHERE "
                     + (f"{branche} AND " if branche else "") + filtres)
        args.extend([*args_branche, *args_filtres])
    return " UNION ALL ".join(parts), args


# A card's lieux, in the order they were entered, read by the page's own statement (no second query).
_LIEUX_CARTE = {
    "postgres": "ARRAY(SELECT l.libelle FROM annonce_lieu l WHERE l.annonce = a.id ORDER BY l.id)",
    "sqlite": "(SELECT group_concat(libelle, char(31)) FROM "
              "(SELECT l.libelle FROM annonce_lieu l WHERE l.annonce = a.id ORDER BY l.id))",
}


def _liste(lieux: list[str] | str | None) -> list[str]:
    """PostgreSQL gives the array; SQLite a string joined by the unit separator."""
    return lieux.split("\x1f") if isinstance(lieux, str) else list(lieux or [])


def _page(c: Criteres, aujourdhui: date, moteur: str) -> tuple[str, list]:
    """The statement of a page of cards: the matches found once, counted, the page's rows carrying the
    total (also run by bench/bare.py, the baseline)."""
    lignes, args = _lignes(c, aujourdhui)
    return (
        f"WITH lignes AS ({lignes}), trouvees AS (SELECT DISTINCT annonce AS id, publiee_le FROM lignes), "
        "page AS (SELECT id, publiee_le FROM trouvees ORDER BY publiee_le DESC, id DESC LIMIT {} OFFSET {}) "
        "SELECT (SELECT COUNT(*) FROM trouvees) AS total, a.id, a.categorie, a.cote, a.titre, a.temporalite, "
        f"a.publiee_le, s.libelle AS specialite, p.qualite, {_LIEUX_CARTE[moteur]} AS lieux "
        "FROM page JOIN annonce a ON a.id = page.id "
        "LEFT JOIN specialite s ON s.code = a.specialite JOIN praticien p ON p.id = a.auteur "
        "ORDER BY page.publiee_le DESC, page.id DESC", [*args, PAR_PAGE, (max(c.page, 1) - 1) * PAR_PAGE])


async def chercher(c: Criteres, aujourdhui: date | None = None) -> tuple[list[dict], int]:
    """A page of cards (newest first) and the total count."""
    aujourdhui = aujourdhui or horloge.aujourdhui()
    texte, args = _page(c, aujourdhui, Annonce._meta.db.engine_type)
    rows = await fetch(texte, *args)
    if not rows:  # nothing found, or a page past the last one
        return [], await _compter(c, aujourdhui) if c.page > 1 else 0
    for row in rows:
        row["lieux"] = _liste(row["lieux"])
    return rows, rows[0]["total"]


async def _compter(c: Criteres, aujourdhui: date) -> int:
    lignes, args = _lignes(c, aujourdhui)
    return (await fetch(f"SELECT COUNT(DISTINCT annonce) AS n FROM ({lignes}) m", *args))[0]["n"]


async def ids_correspondants(c: Criteres, aujourdhui: date | None = None) -> list[int]:
    """Every matching id (saved-search alerts; tests compare it with a brute-force oracle)."""
    lignes, args = _lignes(c, aujourdhui or horloge.aujourdhui())
    return sorted(r["annonce"] for r in await fetch(f"SELECT DISTINCT annonce FROM ({lignes}) m", *args))


async def indexer(ids: list[int]) -> None:
    """Rewrite these annonces' rows of annonce_trouvable from the annonces themselves: none unless online.
    Called in the transaction of every change (status, content, fin de publication)."""
    if not ids:
        return
    marques = ", ".join("{}" for _ in ids)
    await fetch(f"DELETE FROM annonce_trouvable WHERE annonce IN ({marques})", *ids)
    await fetch(f"{REMPLIR} AND a.id IN ({marques})", *ids)


async def joindre_lieux(rows: list[dict]) -> None:
    """Add each row's lieux labels, in one query for the whole list (Gérer mes annonces, read with the ORM;
    Trouver's cards get theirs from the page's own statement, `_LIEUX_CARTE`)."""
    if not rows:
        return
    ids = [r["id"] for r in rows]
    lieux = await fetch(f"SELECT annonce, libelle FROM annonce_lieu WHERE annonce IN ({', '.join('{}' for _ in ids)}) "
                        "ORDER BY id", *ids)
    par_annonce: dict[int, list[str]] = {}
    for lieu in lieux:
        par_annonce.setdefault(lieu["annonce"], []).append(lieu["libelle"])
    for row in rows:
        row["lieux"] = par_annonce.get(row["id"], [])


def _dates(debuts: list[str], fins: list[str]) -> tuple[list[tuple[date, date | None]], list[tuple[str, str]]]:
    """Searched périodes (reversed ones are swapped), and the rows as typed."""
    dates, lignes = [], []
    for debut, fin in zip(debuts, [*fins, *[""] * len(debuts)], strict=False):
        lignes.append((debut, fin))
        try:
            d = date.fromisoformat(debut) if debut else horloge.aujourdhui()
            f = date.fromisoformat(fin) if fin else None
        except ValueError:
            continue
        if debut or fin:
            dates.append((min(d, f), max(d, f)) if f and f < d else (d, f))
    return dates, lignes


async def criteres_depuis(q) -> tuple[Criteres, list[Lieu], str | None, list[tuple[str, str]]]:
    """The criteria of a Trouver query string (also what a saved search stores): one parser for both."""
    q = MultiDict([(k, v.replace("\x00", "")[:200]) for k, v in q.multi_items()])
    choisis, erreur = await resoudre_saisie(valeurs(q, "lieux", MAX_LIEUX, "lieux"), q.get("lieux_saisie", ""))
    dates, lignes = _dates(valeurs(q, "du", MAX_PERIODES, "périodes"), valeurs(q, "au", MAX_PERIODES, "périodes"))
    page = int(p) if (p := q.get("page", "1")).isdigit() and 0 < int(p) < 100_000 else 1
    criteres = Criteres(
        categories=[c for c in valeurs(q, "categorie", len(CATEGORIES), "catégories") if c in CATEGORIES],
        cote=q.get("cote") if q.get("cote") in COTES_RECHERCHE else None,
        specialite=q.get("specialite") or None, lieux=choisis, periodes=dates, page=page)
    return criteres, choisis, erreur, lignes


async def compter_par_departement(c: Criteres, aujourdhui: date | None = None) -> dict[str, int]:
    """Matching annonces per département (the map), lieux filter aside: an annonce counts in every
    département its lieux overlap (one placed in a région counts in each of its départements)."""
    filtres, args = _filtres(c, aujourdhui or horloge.aujourdhui())
    rows = await fetch(
        "SELECT d.code, COUNT(DISTINCT t.annonce) AS n FROM departement d JOIN annonce_trouvable t ON ("
        "t.region IS NULL OR (t.region = d.region AND t.departement IS NULL) OR t.departement = d.code) "
        f"WHERE {filtres} GROUP BY d.code", *args)
    return {r["code"]: r["n"] for r in rows}
