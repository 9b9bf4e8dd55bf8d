"""The moderation dashboard (SPEC §4): filters read from the URL, and the three queries of a page.

The URL is the whole state (filters, sort, page), so a link, a reload or the back button shows the
same table. A page is one statement whatever the number of annonces: its rows (the author's name by a
join), each carrying the counts (the table's, "À traiter", the open reports). The counts are read from
`annonce_effectif`, which the database keeps by triggers (m0015), unless a text filter (numéro, RPPS,
dates) asks for the rows to be counted; the rows come from the perimeter indexes (m0010, m0014).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from piccolo.querystring import QueryString

from tables.annonces import Annonce
from web.annonces.vocabulaire import CATEGORIES
from web.forms import Form
from web.gestion.perimetre import dans_perimetre, dans_perimetre_sql, peut_moderer
from web.security import Utilisateur
from web.signalements import rules as signalements
from web.templating import PARIS

PAR_PAGE = 20
VISIBLES = ("en_attente", "publiee", "depubliee", "refusee")  # drafts are the author's business
COLONNES = {"numero": "N°", "titre": "Titre", "statut": "Statut", "categorie": "Catégorie", "par": "Par",
            "maj": "Mise à jour"}
# First click on a column: newest first for numbers and dates, A to Z for words.
SENS_INITIAL = {"numero": "desc", "maj": "desc"}
TRI_PAR_DEFAUT = ("maj", "desc")


# Built once: each `Annonce.auteur.nom` builds a joined column anew (8 % of a dashboard page's CPU).
ORDRES = {tri: (*colonnes, Annonce.id) for tri, colonnes in (
    ("numero", ()), ("titre", (Annonce.titre,)), ("statut", (Annonce.statut,)), ("categorie", (Annonce.categorie,)),
    ("par", (Annonce.auteur.nom, Annonce.auteur.prenom)), ("maj", (Annonce.maj_le,)))}
LIGNE = (Annonce.id, Annonce.titre, Annonce.statut, Annonce.categorie, Annonce.maj_le, Annonce.version,
         Annonce.departement, Annonce.auteur.nom.as_alias("nom"), Annonce.auteur.prenom.as_alias("prenom"))
# Every annonce has an author: an inner join, so that sorted by author the database walks the authors by name
# (praticien_nom) instead of sorting them all.
AVEC_AUTEUR = Annonce.auteur.nom.is_not_null()


@dataclass
class Filtres:
    """What the table shows; `form` keeps the text fields as typed, with their French errors."""

    form: Form = field(default_factory=lambda: Form({}))
    statuts: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    mes: bool = True  # "Mes annonces": the perimeter; unticked, all of France (read-only outside)
    tri: str = TRI_PAR_DEFAUT[0]
    sens: str = TRI_PAR_DEFAUT[1]
    page: int = 1

    def parametres(self, **changes: Any) -> list[tuple[str, str]]:
        """The canonical query: only what differs from the defaults, in a stable order."""
        v = {"numero": self.form["numero"], "rpps": self.form["rpps"], "du": self.form["du"],
             "au": self.form["au"], "tri": self.tri, "sens": self.sens, "page": self.page, **changes}
        params = [("numero", v["numero"])] + [("statut", s) for s in self.statuts] + [("rpps", v["rpps"])]
        params += [("categorie", c) for c in self.categories] + [("du", v["du"]), ("au", v["au"])]
        params += [("mes", "0")] if not self.mes else []
        if (v["tri"], v["sens"]) != TRI_PAR_DEFAUT:
            params += [("tri", v["tri"]), ("sens", v["sens"])]
        params += [("page", str(v["page"]))] if v["page"] > 1 else []
        return [(k, val) for k, val in params if val]

    def url(self, **changes: Any) -> str:
        query = urlencode(self.parametres(**changes))
        return f"/gestion?{query}" if query else "/gestion"

    def url_tri(self, colonne: str) -> str:
        """Sort by `colonne`; a second click on the sorted column reverses it."""
        if colonne == self.tri:
            sens = "asc" if self.sens == "desc" else "desc"
        else:
            sens = SENS_INITIAL.get(colonne, "asc")
        return self.url(tri=colonne, sens=sens, page=1)

    def aria_sort(self, colonne: str) -> str | None:
        return ("ascending" if self.sens == "asc" else "descending") if colonne == self.tri else None

    @property
    def actifs(self) -> bool:
        return bool(self.statuts or self.categories or not self.mes or any(
            self.form[n] for n in ("numero", "rpps", "du", "au")))


def lire(params: Any) -> Filtres:
    """Filtres from a query (a MultiDict); wrong values are reported and left out of the query."""
    texte = {n: (params.get(n) or "").strip()[:20] for n in ("numero", "rpps", "du", "au")}
    form = Form(texte)
    if texte["numero"] and not (texte["numero"].isdigit() and len(texte["numero"]) < 10):
        form.error("numero", "Le numéro d'annonce s'écrit en chiffres.")
    rpps = texte["rpps"].replace(" ", "")
    if rpps and not (rpps.isdigit() and len(rpps) == 11):
        form.error("rpps", "Le RPPS compte 11 chiffres.")
    form.values["rpps"] = rpps
    for nom in ("du", "au"):
        if texte[nom] and _jour(texte[nom]) is None:
            form.error(nom, "Saisissez une date au format jj/mm/aaaa.")
    du, au = _jour(form["du"]), _jour(form["au"])
    if du and au and du > au:
        form.values.update(du=au.isoformat(), au=du.isoformat())
    tri = params.get("tri") if params.get("tri") in COLONNES else TRI_PAR_DEFAUT[0]
    sens = params.get("sens") if params.get("sens") in ("asc", "desc") else TRI_PAR_DEFAUT[1]
    page = params.get("page") or "1"
    mes = form.liste(params, "mes", 2, "valeurs de « Mes annonces »")
    return Filtres(
        form=form, statuts=[s for s in VISIBLES if s in form.liste(params, "statut", len(VISIBLES), "statuts")],
        categories=[c for c in CATEGORIES if c in form.liste(params, "categorie", len(CATEGORIES), "catégories")],
        mes=mes[-1] != "0" if mes else True, tri=tri, sens=sens,  # hidden "0" then the checkbox's "1"
        page=int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1)


def _jour(texte: str) -> date | None:
    try:
        return date.fromisoformat(texte) if texte else None
    except ValueError:
        return None


def _debut(jour: date) -> datetime:
    """Midnight in Paris, in UTC (SQLite compares timestamps as text)."""
    return datetime.combine(jour, time(0), PARIS).astimezone(UTC)


def _valides(f: Filtres) -> dict[str, str]:
    """The text filters typed and valid (a wrong one is reported and left out)."""
    return {n: f.form[n] for n in ("numero", "rpps", "du", "au") if f.form[n] and n not in f.form.errors}


def _conditions(user: Utilisateur, f: Filtres) -> list:
    valide = _valides(f)
    conds = [Annonce.supprimee_le.is_null(), Annonce.statut.is_in(f.statuts or list(VISIBLES))]
    if f.mes:
        conds.append(dans_perimetre(user, Annonce.departement))
    if "numero" in valide:
        conds.append(Annonce.id == int(valide["numero"]))
    if "rpps" in valide:
        conds.append(Annonce.auteur.rpps == valide["rpps"])
    if f.categories:
        conds.append(Annonce.categorie.is_in(f.categories))
    if "du" in valide:
        conds.append(Annonce.maj_le >= _debut(date.fromisoformat(valide["du"])))
    if "au" in valide:
        conds.append(Annonce.maj_le < _debut(date.fromisoformat(valide["au"]) + timedelta(days=1)))
    return conds


@dataclass
class Page:
    lignes: list[dict]
    total: int
    a_traiter: int
    pages: int
    signalements: int = 0  # open reports in the perimeter, shown beside "À traiter"

    @property
    def numeros(self) -> list[int]:
        return [ligne["id"] for ligne in self.lignes]


def _effectif(user: Utilisateur, statuts: list[str], categories: list[str], mes: bool = True) -> QueryString:
    """How many annonces of these statuts (and catégories) the perimeter holds (all of France when "Mes annonces"
    is unticked), read from annonce_effectif, which the database keeps (m0015): a few rows, not an annonce each."""
    sql, args = dans_perimetre_sql(user, "departement") if mes else ("1 = 1", [])
    sql += f" AND statut IN ({', '.join('{}' for _ in statuts)})"
    args += statuts
    if categories:
        sql += f" AND categorie IN ({', '.join('{}' for _ in categories)})"
        args += categories
    return QueryString(f"SELECT COALESCE(SUM(n), 0) FROM annonce_effectif WHERE {sql}", *args)


async def _compter(*requetes: QueryString) -> list[int]:
    """Several counts in one statement (one round trip, not one each)."""
    sql = "SELECT " + ", ".join(f"({{}}) AS n{i}" for i in range(len(requetes)))
    row = (await Annonce.raw(sql, *requetes))[0]
    return [row[f"n{i}"] for i in range(len(requetes))]


COMPTES = ("total", "a_traiter", "signalements")


def _comptes(user: Utilisateur, f: Filtres, conds: list) -> list[QueryString]:
    """The table's count, "À traiter" and the open reports. Without a text filter the table's count comes from
    annonce_effectif; with one (numéro, RPPS, dates), the matching rows are counted."""
    total = Annonce.count().where(*conds).querystrings[0] if _valides(f) else _effectif(
        user, f.statuts or list(VISIBLES), f.categories, f.mes)
    return [total, _effectif(user, ["en_attente"], []), signalements.ouverts(user).querystrings[0]]


async def _lignes(user: Utilisateur, f: Filtres, conds: list, comptes: list[QueryString]) -> list[dict]:
    """A page of the table, each row carrying the counts (computed once by the database): one round trip."""
    nombres = (QueryString("({})", q, alias=nom) for nom, q in zip(COMPTES, comptes, strict=True))
    query = Annonce.select(*LIGNE, *nombres).where(*conds, AVEC_AUTEUR)
    for colonne in ORDRES[f.tri]:
        query = query.order_by(colonne, ascending=f.sens == "asc")
    lignes = await query.limit(PAR_PAGE).offset((f.page - 1) * PAR_PAGE)
    for ligne in lignes:
        ligne["selectionnable"] = ligne["statut"] == "en_attente" and peut_moderer(user, ligne["departement"])
    return lignes


async def page(user: Utilisateur, f: Filtres) -> Page:
    """The page asked and its counts in one statement; the counts alone when it is empty, and the last page
    when the one asked is past it (an old link)."""
    conds = _conditions(user, f)
    comptes = _comptes(user, f, conds)
    lignes = await _lignes(user, f, conds, comptes)
    total, attente, ouverts = [lignes[0][n] for n in COMPTES] if lignes else await _compter(*comptes)
    pages = max(1, -(-total // PAR_PAGE))
    if not lignes and f.page > pages:
        f.page = pages
        lignes = await _lignes(user, f, conds, comptes) if total else []
    return Page(lignes=lignes, total=total, a_traiter=attente, pages=pages, signalements=ouverts)


def fenetre(page: int, pages: int, largeur: int = 5) -> list[int]:
    """The page numbers shown around the current one."""
    debut = max(1, min(page - largeur // 2, pages - largeur + 1))
    return list(range(debut, min(pages, debut + largeur - 1) + 1))

