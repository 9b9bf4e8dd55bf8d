"""Trouver une annonce (SPEC §3.2): one SQL query for a page of cards and the count, one for their lieux.

Lieux overlap when one contains the other. Every annonce lieu stores its whole hierarchy, so for a
searched lieu the overlap is a short OR of equalities on indexed columns; périodes overlap when each
starts before the other ends (no end = "À partir du").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from litestar.datastructures import MultiDict

from tables.annonces import Annonce, AnnonceLieu
from web.annonces.vocabulaire import CATEGORIES, COTES_RECHERCHE, OPPOSE
from web.lieux.rules import Lieu, resoudre_saisie

PAR_PAGE = 20
NIVEAUX = ("region", "departement", "commune", "arrondissement")
PUBLIEE = "a.statut = 'publiee' AND a.supprimee_le IS NULL AND a.fin_publication >= {}"


@dataclass
class Criteres:
    categories: list[str] = field(default_factory=list)
    cote: str | None = None  # the searcher's side; results are on the other one
    specialite: str | None = None
    lieux: list[Lieu] = field(default_factory=list)
    periodes: list[tuple[date, date | None]] = field(default_factory=list)
    page: int = 1
    publiees_depuis: datetime | None = None  # saved-search alerts: only what is new


def _lieu_sql(lieu: Lieu, args: list) -> str:
    """The annonce lieux overlapping `lieu` (not France): those containing it, and those inside it."""
    branches = ["l.region IS NULL"]  # Toute la France contains everything
    valeurs = [getattr(lieu, niveau) for niveau in NIVEAUX]
    profondeur = sum(1 for v in valeurs if v)
    for i in range(profondeur):
        if i + 1 < profondeur:  # a broader lieu: equal at this level, nothing finer
            branches.append(f"(l.{NIVEAUX[i]} = {{}} AND l.{NIVEAUX[i + 1]} IS NULL)")
        else:  # the searched level itself: equal here, whatever is finer (inside it)
            branches.append(f"l.{NIVEAUX[i]} = {{}}")
        args.append(valeurs[i])
    return "(" + " OR ".join(branches) + ")"


def _where(c: Criteres, aujourdhui: date) -> tuple[str, list]:
    sql, args = [PUBLIEE], [aujourdhui]
    if c.categories:
        sql.append(f"a.categorie IN ({', '.join('{}' for _ in c.categories)})")
        args.extend(c.categories)
    if c.cote in OPPOSE:
        sql.append("a.cote = {}")
        args.append(OPPOSE[c.cote])
    if c.specialite:
        sql.append("a.specialite = {}")
        args.append(c.specialite)
    if c.publiees_depuis:
        sql.append("a.publiee_le >= {}")
        args.append(c.publiees_depuis)
    # Toute la France among the searched lieux overlaps every annonce: no lieu filter at all.
    lieux = [] if any(lieu.type == "france" for lieu in c.lieux) else [_lieu_sql(lieu, args) for lieu in c.lieux]
    if lieux:
        sql.append(f"a.id IN (SELECT l.annonce FROM annonce_lieu l WHERE {' OR '.join(lieux)})")
    if c.periodes:
        overlaps = []
        for debut, fin in c.periodes:
            if fin is None:
                overlaps.append("(p.fin IS NULL OR p.fin >= {})")
                args.append(debut)
            else:
                overlaps.append("(p.debut <= {} AND (p.fin IS NULL OR p.fin >= {}))")
                args.extend([fin, debut])
        # Correlated: each candidate is checked on the (annonce, debut, fin) index (SQLite would list all périodes).
        sql.append(f"EXISTS (SELECT 1 FROM annonce_periode p WHERE p.annonce = a.id AND ({' OR '.join(overlaps)}))")
    return " AND ".join(sql), args


async def chercher(c: Criteres, aujourdhui: date | None = None) -> tuple[list[dict], int]:
    """A page of cards (newest first) and the total count."""
    where, args = _where(c, aujourdhui or date.today())
    offset = (max(c.page, 1) - 1) * PAR_PAGE
    # The matches are found once, for the count and for the page (a second search ordered by date
    # would walk the whole date index when matches are rare); the page rows carry the total.
    rows = await Annonce.raw(
        f"WITH trouvees AS (SELECT a.id, a.publiee_le FROM annonce a WHERE {where}), "
        "page AS (SELECT id, publiee_le FROM trouvees ORDER BY publiee_le DESC, id DESC LIMIT {} OFFSET {}) "
        "SELECT (SELECT COUNT(*) FROM trouvees) AS total, a.id, a.categorie, a.cote, a.titre, a.temporalite, "
        "a.publiee_le, s.libelle AS specialite, p.qualite FROM page JOIN annonce a ON a.id = page.id "
        "LEFT JOIN specialite s ON s.code = a.specialite JOIN praticien p ON p.id = a.auteur "
        "ORDER BY page.publiee_le DESC, page.id DESC", *args, PAR_PAGE, offset)
    if not rows:  # nothing found, or a page past the last one
        if not offset:
            return [], 0
        return [], (await Annonce.raw(f"SELECT COUNT(*) AS n FROM annonce a WHERE {where}", *args))[0]["n"]
    total = rows[0]["total"]
    for row in rows:
        del row["total"]
    await joindre_lieux(rows)
    return rows, total


async def ids_correspondants(c: Criteres, aujourdhui: date | None = None) -> list[int]:
    """Every matching id (tests compare it with a brute-force oracle)."""
    where, args = _where(c, aujourdhui or date.today())
    return sorted(r["id"] for r in await Annonce.raw(f"SELECT a.id FROM annonce a WHERE {where}", *args))


async def joindre_lieux(rows: list[dict]) -> None:
    """Add each row's lieux labels, in one query for the whole page."""
    if not rows:
        return
    lieux = await AnnonceLieu.select(AnnonceLieu.annonce, AnnonceLieu.libelle).where(
        AnnonceLieu.annonce.is_in([r["id"] for r in rows])).order_by(AnnonceLieu.id)
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
            d = date.fromisoformat(debut) if debut else date.today()
            f = date.fromisoformat(fin) if fin else None
        except ValueError:
            continue
        if debut or fin:
            dates.append((min(d, f), max(d, f)) if f and f < d else (d, f))
    return dates[:10], lignes[:10]


async def criteres_depuis(q) -> tuple[Criteres, list[Lieu], str | None, list[tuple[str, str]]]:
    """The criteria of a Trouver query string (also what a saved search stores): one parser for both."""
    q = MultiDict([(k, v.replace("\x00", "")[:200]) for k, v in q.multi_items()])
    choisis, erreur = await resoudre_saisie(q.getall("lieux", [])[:20], q.get("lieux_saisie", ""))
    dates, lignes = _dates(q.getall("du", []), q.getall("au", []))
    page = int(p) if (p := q.get("page", "1")).isdigit() and 0 < int(p) < 100_000 else 1
    criteres = Criteres(
        categories=[c for c in q.getall("categorie", []) if c in CATEGORIES],
        cote=q.get("cote") if q.get("cote") in COTES_RECHERCHE else None,
        specialite=q.get("specialite") or None, lieux=choisis, periodes=dates, page=page)
    return criteres, choisis, erreur, lignes


async def compter_par_departement(c: Criteres, aujourdhui: date | None = None) -> dict[str, int]:
    """Matching annonces per département (the map), lieux filter aside: an annonce counts in every
    département its lieux overlap (one placed in a région counts in each of its départements)."""
    where, args = _where(replace(c, lieux=[]), aujourdhui or date.today())
    rows = await Annonce.raw(
        "SELECT d.code, COUNT(DISTINCT a.id) AS n FROM departement d JOIN annonce_lieu l ON ("
        "l.region IS NULL OR (l.region = d.region AND l.departement IS NULL) OR l.departement = d.code) "
        f"JOIN annonce a ON a.id = l.annonce WHERE {where} GROUP BY d.code", *args)
    return {r["code"]: r["n"] for r in rows}
