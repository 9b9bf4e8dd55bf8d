"""The moderation dashboard (SPEC §4): a council queue (web.instruction) configured for annonces, and its query.

The URL is the whole state (filters, sort, page), so a link, a reload or the back button shows the
same table. A page is one statement whatever the number of annonces: its rows (the author's name by a
join), each carrying the counts (the table's, "À traiter", the open reports). The counts are read from
`annonce_effectif`, which the database keeps by triggers (m0015), unless a text filter (numéro, RPPS,
dates) asks for the rows to be counted; the rows come from the perimeter indexes (m0010, m0014).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any

from piccolo.columns import Column
from piccolo.querystring import QueryString

from tables.annonces import Annonce
from tables.sql import pli
from web.annonces import statuts
from web.annonces.vocabulaire import CATEGORIES
from web.forms import Form
from web.instruction import file as instruction
from web.instruction.file import Etat, File, Page
from web.perimetre import dans_perimetre, dans_perimetre_sql
from web.security import Utilisateur
from web.signalements import rules as signalements

VISIBLES = ("en_attente", "publiee", "depubliee", "refusee")  # drafts are the author's business


def _valider(form: Form) -> None:
    """The typed filters' French errors; the RPPS without its spaces, the dates in order."""
    if form["numero"] and not (form["numero"].isdigit() and len(form["numero"]) < 10):
        form.error("numero", "Le numéro d'annonce s'écrit en chiffres.")
    rpps = form["rpps"].replace(" ", "")
    if rpps and not (rpps.isdigit() and len(rpps) == 11):
        form.error("rpps", "Le RPPS compte 11 chiffres.")
    form.values["rpps"] = rpps
    instruction.valider_dates(form, "du", "au", entre=("du", "au"))


# The moderation queue: "Mes annonces" is the perimeter; unticked, all of France (read-only outside).
FILE = File(
    chemin="/gestion", colonnes={"numero": "N°", "titre": "Titre", "statut": "Statut", "categorie": "Catégorie",
                                 "par": "Par", "maj": "Mise à jour"},
    tri_par_defaut=("maj", "desc"), sens_initial={"numero": "desc", "maj": "desc"},  # newest first for numbers, dates
    textes=("numero", "rpps", "du", "au"), choix={"statut": VISIBLES, "categorie": tuple(CATEGORIES)},
    cases={"mes": True}, valider=_valider, ordre=("numero", "statut", "rpps", "categorie", "du", "au"),
    libelles={"statut": "statuts", "categorie": "catégories", "mes": "valeurs de « Mes annonces »"}, panneau="annonce")
COLONNES, PAR_PAGE = FILE.colonnes, FILE.par_page



def _francais(colonne: Column) -> tuple[QueryString, Column]:
    """Sorted as French reads: on the folded text (« Collaboration à Échirolles » before « Collaboration en »),
    then as typed."""
    return QueryString(pli(colonne._meta.get_full_name(with_alias=False))), colonne


@cache
def ordres() -> dict[str, tuple]:
    """The order-by of each sort, built once (each `Annonce.auteur.nom` builds a joined column anew: 8 % of a
    dashboard page's CPU), when the database is known. Statuts and catégories sort on their codes, in the order
    of their French labels."""
    return {tri: (*colonnes, Annonce.id) for tri, colonnes in (
        ("numero", ()), ("titre", _francais(Annonce.titre)), ("statut", (Annonce.statut,)),
        ("categorie", (Annonce.categorie,)),
        ("par", (*_francais(Annonce.auteur.nom), *_francais(Annonce.auteur.prenom))), ("maj", (Annonce.maj_le,)))}
LIGNE = (Annonce.id, Annonce.titre, Annonce.statut, Annonce.categorie, Annonce.maj_le, Annonce.version,
         Annonce.departement, Annonce.auteur.nom.as_alias("nom"), Annonce.auteur.prenom.as_alias("prenom"))
# Every annonce has an author: an inner join.
AVEC_AUTEUR = Annonce.auteur.nom.is_not_null()


def lire(params: Any) -> Etat:
    return instruction.lire(FILE, params)


def _conditions(user: Utilisateur, f: Etat) -> list:
    valide = f.valides()
    conds = [Annonce.supprimee_le.is_null(), Annonce.statut.is_in(f.choix["statut"] or list(VISIBLES))]
    if f.cases["mes"]:
        conds.append(dans_perimetre(user, Annonce.departement))
    if "numero" in valide:
        conds.append(Annonce.id == int(valide["numero"]))
    if "rpps" in valide:
        conds.append(Annonce.auteur.rpps == valide["rpps"])
    if f.choix["categorie"]:
        conds.append(Annonce.categorie.is_in(f.choix["categorie"]))
    if "du" in valide:
        conds.append(Annonce.maj_le >= instruction.debut(date.fromisoformat(valide["du"])))
    if "au" in valide:
        conds.append(Annonce.maj_le < instruction.debut(date.fromisoformat(valide["au"]) + timedelta(days=1)))
    return conds


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


COMPTES = ("total", "a_traiter", "signalements")


def _comptes(user: Utilisateur, f: Etat, conds: list) -> list[QueryString]:
    """The table's count, "À traiter" and the open reports. Without a text filter the table's count comes from
    annonce_effectif; with one (numéro, RPPS, dates), the matching rows are counted."""
    total = Annonce.count().where(*conds).querystrings[0] if f.valides() else _effectif(
        user, f.choix["statut"] or list(VISIBLES), f.choix["categorie"], f.cases["mes"])
    return [total, _effectif(user, ["en_attente"], []), signalements.ouverts(user).querystrings[0]]


async def _lignes(user: Utilisateur, f: Etat, conds: list, comptes: list[QueryString]) -> list[dict]:
    """A page of the table, each row carrying the counts (computed once by the database): one round trip."""
    nombres = (QueryString("({})", q, alias=nom) for nom, q in zip(COMPTES, comptes, strict=True))
    query = Annonce.select(*LIGNE, *nombres).where(*conds, AVEC_AUTEUR)
    for colonne in ordres()[f.tri]:
        query = query.order_by(colonne, ascending=f.sens == "asc")
    lignes = await query.limit(PAR_PAGE).offset((f.page - 1) * PAR_PAGE)
    for ligne in lignes:
        ligne["selectionnable"] = "accepter" in statuts.actions(ligne, user)
    return lignes


async def page(user: Utilisateur, f: Etat) -> Page:
    """The page asked and its counts in one statement; the counts alone when it is empty, and the last page
    when the one asked is past it (an old link)."""
    conds = _conditions(user, f)
    comptes = _comptes(user, f, conds)
    lignes = await _lignes(user, f, conds, comptes)
    comptes_lus = [lignes[0][n] for n in COMPTES] if lignes else await instruction.compter(Annonce, *comptes)
    total, attente, ouverts = comptes_lus
    pages = instruction.pages(total, PAR_PAGE)
    if not lignes and f.page > pages:
        f.page = pages
        lignes = await _lignes(user, f, conds, comptes) if total else []
    return Page(lignes=lignes, total=total, a_traiter=attente, pages=pages, comptes={"signalements": ouverts})
