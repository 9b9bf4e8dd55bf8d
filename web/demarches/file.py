"""The démarches queue (SPEC_DEMARCHES §1.6): the council queue of web.instruction configured for dossiers.

Tabs as démarches-simplifiées: "À traiter" (open, followed by nobody), "Suivis" (open, followed by me),
"Traités" (decided). The URL is the whole state (tab, filters, sort, page). Everything goes through the
perimeter rule and leaves the habilitation-bound types out (entraide), so another council's dossier is absent from
rows and counts. Those types have a queue of their own, the same code on a second `File` (`/gestion/entraide`),
which lists them to the national staff holding that habilitation only (web/perimetre.py `habilite`).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from functools import cache
from typing import Any

from piccolo.columns.combination import Where, WhereRaw
from piccolo.querystring import QueryString

from tables import horloge
from tables.comptes import Compte, Praticien
from tables.demarches import Dossier, DossierEvenement
from tables.sql import pli, plier
from web.demarches import delais, messagerie
from web.demarches.moteur import PARTAGE, STATUTS, TERMINAUX
from web.demarches.registre import TYPES, type_de
from web.forms import Form
from web.instruction import file as instruction
from web.instruction.file import Etat, File, Page
from web.perimetre import dans_perimetre, dans_perimetre_sql, habilite, peut_agir
from web.security import Utilisateur
from web.templating import date_fr

ONGLETS = {"a_traiter": "À traiter", "suivis": "Suivis", "traites": "Traités"}
PUBLICS = tuple(c for c, d in TYPES.items() if not d.habilitation)
VISIBLES = tuple(s for s in STATUTS if s != "brouillon")  # a draft is its applicant's business
NUMERO = re.compile(r"D-\d{4}-\d{6}")


def _valider(form: Form) -> None:
    """French errors of the typed filters; "42" finds D-2026-000042, an RPPS is read without its spaces."""
    if form["onglet"] not in ONGLETS:
        form.values["onglet"] = ""
    numero = form["numero"].upper()
    if numero and not (NUMERO.fullmatch(numero) or (numero.isdigit() and len(numero) <= 6)):
        form.error("numero", "Le numéro s'écrit D-2026-000042, ou ses derniers chiffres.")
    form.values["numero"] = numero
    qui = form["qui"]
    if qui.replace(" ", "").isdigit():
        form.values["qui"] = qui = qui.replace(" ", "")
        if len(qui) != 11:
            form.error("qui", "Le RPPS compte 11 chiffres.")
    if form["suivi"] and not (form["suivi"].isdigit() and len(form["suivi"]) < 10):
        form.values["suivi"] = ""
    instruction.valider_dates(form, "du", "au", "avant", entre=("du", "au"))


def _file(habilitation: str) -> File:
    """The queue of the public types ("/gestion/demarches"), or of one habilitation's ("/gestion/entraide")."""
    return File(
        chemin=f"/gestion/{habilitation or 'demarches'}",
        colonnes={"numero": "N°", "demarche": "Démarche", "demandeur": "Demandeur", "statut": "Statut",
                  "transmise": "Transmise le", "echeance": "Échéance", "maj": "Mise à jour"},
        tri_par_defaut=("echeance", "asc"), sens_initial={"maj": "desc", "transmise": "desc"},
        textes=("onglet", "numero", "qui", "du", "au", "avant", "suivi"),
        choix={"type": tuple(c for c, d in TYPES.items() if d.habilitation == habilitation), "statut": VISIBLES},
        valider=_valider, ordre=("onglet", "numero", "type", "statut", "qui", "du", "au", "avant", "suivi"),
        libelles={"type": "démarches", "statut": "statuts"}, panneau="dossier")


FILES = {h: _file(h) for h in dict.fromkeys(["", *(d.habilitation for d in TYPES.values() if d.habilitation)])}
FILE = FILES[""]


def lire(params: Any, habilitation: str = "") -> Etat:
    return instruction.lire(FILES[habilitation], params)


def _habilitation(f: Etat) -> str:
    return next(h for h, x in FILES.items() if x is f.file)


def filtres_actifs(f: Etat) -> bool:
    """Whether the filters box opens: any filter but the tab."""
    return any(f.choix.values()) or any(f.form[n] for n in FILE.textes if n != "onglet") or not f.form.ok


def _portee(user: Utilisateur, habilitation: str) -> tuple[str, list]:
    """SQL and values of the rows a queue may hold: the perimeter's, or all those of a habilitation its
    holders instruct (nobody else's)."""
    if habilitation:
        return ("1 = 1" if habilite(user, habilitation) else "1 = 0"), []
    return dans_perimetre_sql(user, "dossier.departement")


def visibles(user: Utilisateur, habilitation: str = "") -> Where:
    """The rows of a queue: its types, not drafts, within its reach (`_portee`)."""
    sql, args = _portee(user, habilitation)
    portee = dans_perimetre(user, Dossier.departement) if not habilitation else WhereRaw(sql, *args)
    return portee & Dossier.type.is_in(list(FILES[habilitation].choix["type"])) & Dossier.statut.is_in(
        list(VISIBLES))


async def accessible(user: Utilisateur, d: dict, lecture: bool = False) -> bool:
    """Whether `user` may open dossier `d` on the back-office side: a public type within the perimeter; a
    habilitation's type for its holders, and — to read only — for the dossier's council once the commission
    informed it with the applicant's consent (its Historique holds PARTAGE)."""
    habilitation = type_de(d["type"]).habilitation
    if d["statut"] not in VISIBLES:
        return False
    if not habilitation:  # a transfer's council of origin keeps reading what it handed on
        return peut_agir(user, d["departement"]) or (lecture and d.get("origine") is not None
                                                     and user.role == "gestionnaire" and peut_agir(user, d["origine"]))
    if habilite(user, habilitation):
        return True
    return lecture and user.role == "gestionnaire" and peut_agir(user, d["departement"]) and \
        await DossierEvenement.exists().where((DossierEvenement.dossier == d["id"])
                                              & (DossierEvenement.action == PARTAGE))


def _onglet(onglet: str, user: Utilisateur) -> Where:
    if onglet == "traites":
        return Dossier.statut.is_in(list(TERMINAUX))
    encours = Dossier.statut.not_in(list(TERMINAUX))
    return encours & (Dossier.suivi_par == user.id if onglet == "suivis" else Dossier.suivi_par.is_null())


def _filtres(f: Etat) -> list:
    v = f.valides()
    conds = []
    if "numero" in v:
        conds.append(Dossier.numero == v["numero"] if v["numero"].startswith("D-")
                     else Dossier.numero.like(f"%-{int(v['numero']):06d}"))
    if f.choix["type"]:
        conds.append(Dossier.type.is_in(f.choix["type"]))
    if f.choix["statut"]:
        conds.append(Dossier.statut.is_in(f.choix["statut"]))
    if "qui" in v:
        qui = v["qui"]
        conds.append(Dossier.praticien.rpps == qui if qui.isdigit() else Dossier.praticien.is_in(_nommes(qui)))
    if "du" in v:
        conds.append(Dossier.transmise_le >= instruction.debut(date.fromisoformat(v["du"])))
    if "au" in v:
        conds.append(Dossier.transmise_le < instruction.debut(date.fromisoformat(v["au"]) + timedelta(days=1)))
    if "avant" in v:
        conds.append(Dossier.echeance <= date.fromisoformat(v["avant"]))
    if "suivi" in v:
        conds.append(Dossier.suivi_par == int(v["suivi"]))
    return conds


def _nommes(texte: str):
    """The applicants whose name or first name holds `texte`, accents and case aside ("helene" finds Hélène)."""
    motif = f"%{plier(texte).replace('%', '').replace('_', '')}%"
    return Praticien.select(Praticien.id).where(WhereRaw(
        f"{pli('praticien.nom')} LIKE {{}} OR {pli('praticien.prenom')} LIKE {{}}", motif, motif))


def _francais(colonne) -> tuple:
    return QueryString(pli(colonne._meta.get_full_name(with_alias=False))), colonne


@cache
def ordres() -> dict[str, tuple]:
    """The order-by of each sort (built once the database is known); a dossier without a deadline comes last
    whichever the direction."""
    return {tri: tuple(colonnes) + (Dossier.id,) for tri, colonnes in (
        ("numero", (Dossier.numero,)), ("demarche", (Dossier.type,)), ("statut", (Dossier.statut,)),
        ("demandeur", (*_francais(Dossier.praticien.nom), *_francais(Dossier.praticien.prenom))),
        ("transmise", (Dossier.transmise_le,)), ("echeance", (Dossier.echeance,)), ("maj", (Dossier.maj_le,)))}


LIGNE = (Dossier.id, Dossier.numero, Dossier.type, Dossier.statut, Dossier.version, Dossier.transmise_le,
         Dossier.echeance, Dossier.reponse_avant, Dossier.maj_le, Dossier.suivi_par,
         Dossier.praticien.nom.as_alias("nom"), Dossier.praticien.prenom.as_alias("prenom"),
         Dossier.praticien.rpps.as_alias("rpps"))


async def _badges(lignes: list[dict], aujourdhui: date) -> None:
    """Each row's badges: the deadline's, "Sans réponse" past the due date, "Compléments reçus" until a
    council acts again (the row's last event is the applicant's answer), "Nouveau message" (the applicant's,
    unread), "En attente de réponse" (the council's question, unanswered)."""
    derniers: dict[int, str] = {}
    ids = [r["id"] for r in lignes]
    nouveaux, attente = await messagerie.nouveaux_messages(ids), await messagerie.en_attente(ids)
    propres: dict[int, list[str]] = {}
    for cle in {r["type"] for r in lignes}:  # the types' own badges ("Communiqué hors délai")
        if hook := type_de(cle).badges_file:
            propres.update(await hook([r["id"] for r in lignes if r["type"] == cle]))
    if lignes:
        for e in await DossierEvenement.select(DossierEvenement.dossier, DossierEvenement.action).where(
                DossierEvenement.dossier.is_in([r["id"] for r in lignes])).order_by(DossierEvenement.id):
            derniers[e["dossier"]] = e["action"]
    for r in lignes:
        urgent = type_de(r["type"]).urgent and r["statut"] not in TERMINAUX
        badges = ["Urgent"] * urgent + [delais.badge(delais.Etat(echeance=r["echeance"]), aujourdhui,
                                                     type_de(r["type"]).delai)]
        if r["statut"] == "a_completer" and r["reponse_avant"] and r["reponse_avant"] < aujourdhui:
            badges.append("Sans réponse")
        if derniers.get(r["id"]) == "transmettre_complements":
            badges.append("Compléments reçus")
        if r["id"] in nouveaux:
            badges.append("Nouveau message")
        if r["id"] in attente:
            badges.append("En attente de réponse")
        r["badges"] = [b for b in badges + propres.get(r["id"], []) if b]
        r["selectionnable"] = r["statut"] not in TERMINAUX
        r["demarche"] = type_de(r["type"]).libelle
        r["libelle_statut"] = type_de(r["type"]).libelle_statut(r["statut"])


def _conditions(user: Utilisateur, f: Etat) -> list:
    return [visibles(user, _habilitation(f)), _onglet(f.form["onglet"] or "a_traiter", user), *_filtres(f)]


def _trier(query, f: Etat):
    if f.tri == "echeance":  # a dossier without a deadline last whichever the direction, in the index's order
        sens = f.sens.upper()  # Piccolo writes the direction after the last column (the id)
        return query.order_by(QueryString(f"dossier.echeance {sens} NULLS LAST, dossier.id"), ascending=f.sens == "asc")
    for colonne in ordres()[f.tri]:
        query = query.order_by(colonne, ascending=f.sens == "asc")
    return query


async def _onglets(user: Utilisateur, habilitation: str) -> dict[str, int]:
    """The three tabs' counts in one pass over the perimeter's index (dossier_perimetre_onglets, m0066)."""
    perimetre, args = _portee(user, habilitation)
    types = FILES[habilitation].choix["type"]
    t, p, v = (", ".join("{}" for _ in x) for x in (TERMINAUX, types, VISIBLES))
    sql = (f"SELECT COUNT(*) FILTER (WHERE statut NOT IN ({t}) AND suivi_par IS NULL) AS a_traiter, "
           f"COUNT(*) FILTER (WHERE statut NOT IN ({t}) AND suivi_par = {{}}) AS suivis, "
           f"COUNT(*) FILTER (WHERE statut IN ({t})) AS traites FROM dossier "
           f"WHERE {perimetre} AND type IN ({p}) AND statut IN ({v})")
    row = (await Dossier.raw(sql, *TERMINAUX, *TERMINAUX, user.id, *TERMINAUX, *args, *types, *VISIBLES))[0]
    return {o: int(row[o] or 0) for o in ONGLETS}


async def page(user: Utilisateur, f: Etat) -> Page:
    """The tab's page of rows, its count and the three tabs' counts (one statement for the counts)."""
    conds = _conditions(user, f)
    comptes = await _onglets(user, _habilitation(f))
    total = await Dossier.count().where(*conds) if _filtres(f) else comptes[f.form["onglet"] or "a_traiter"]
    pages = instruction.pages(total, FILE.par_page)
    f.page = min(f.page, pages)
    lignes = await _trier(Dossier.select(*LIGNE).where(*conds), f).limit(FILE.par_page).offset(
        (f.page - 1) * FILE.par_page)
    await _badges(lignes, horloge.aujourdhui())
    seul = type_de(f.choix["type"][0]) if len(f.choix["type"]) == 1 else None
    if seul and seul.valeurs_file:  # filtered on one type: its own columns (§2.7)
        propres = await seul.valeurs_file(lignes)
        for r in lignes:
            r["propres"] = propres.get(r["id"], {})
    return Page(lignes=lignes, total=total, a_traiter=comptes["a_traiter"], pages=pages, comptes=comptes)


def colonnes_propres(f: Etat) -> tuple[tuple[str, str], ...]:
    """The type's own columns when the queue is filtered on that one type."""
    return type_de(f.choix["type"][0]).colonnes_file if len(f.choix["type"]) == 1 else ()


EXPORT_MAX = 10_000
EN_TETE = ("N°", "Démarche", "Nom", "Prénom", "RPPS", "Statut", "Transmise le", "Échéance", "Mise à jour")


async def export(user: Utilisateur, f: Etat) -> str:
    """The table as filtered and sorted, all its pages (10,000 rows at most), as CSV for a spreadsheet (";",
    UTF-8 with its BOM). What it holds is the table's columns: never a field, a document or a note."""
    lignes = await _trier(Dossier.select(*LIGNE).where(*_conditions(user, f)), f).limit(EXPORT_MAX)
    sortie = io.StringIO()
    ecrire = csv.writer(sortie, delimiter=";")
    ecrire.writerow(EN_TETE)
    for r in lignes:
        demarche = type_de(r["type"])
        ecrire.writerow([r["numero"], demarche.libelle, r["nom"] or "", r["prenom"] or "", r["rpps"] or "",
                         demarche.libelle_statut(r["statut"]), date_fr(r["transmise_le"]), date_fr(r["echeance"]),
                         date_fr(r["maj_le"])])
    return "\ufeff" + sortie.getvalue()


async def collegues(user: Utilisateur, habilitation: str = "") -> list[dict]:
    """Whom a dossier can be given to ("Affecter à…"): the staff of my council, or the national staff (those
    holding the dossier's habilitation, if it has one)."""
    if user.role == "gestionnaire":
        meme = (Compte.role == "gestionnaire") & (Compte.conseil.departement == user.departement)
    else:
        meme = Compte.role == "national"
    if habilitation:
        meme &= Compte.habilitations.like(f"%{habilitation}%")
    return await Compte.select(Compte.id, Compte.identifiant).where(meme & (Compte.actif == True)  # noqa: E712
                                                                    ).order_by(Compte.identifiant)
