"""The démarches queue (SPEC_DEMARCHES §1.6): the council queue of web.instruction configured for dossiers.

Tabs as démarches-simplifiées: "À traiter" (open, followed by nobody), "Suivis" (open, followed by me),
"Traités" (decided). The URL is the whole state (tab, filters, sort, page). Everything goes through the
perimeter rule and leaves confidential types out, so another council's dossier is absent from rows and counts.
"""

from __future__ import annotations

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
from web.demarches import delais
from web.demarches.moteur import STATUTS, TERMINAUX
from web.demarches.registre import TYPES, type_de
from web.forms import Form
from web.instruction import file as instruction
from web.instruction.file import Etat, File, Page
from web.perimetre import dans_perimetre
from web.security import Utilisateur

ONGLETS = {"a_traiter": "À traiter", "suivis": "Suivis", "traites": "Traités"}
PUBLICS = tuple(c for c, d in TYPES.items() if not d.confidentiel)
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


FILE = File(
    chemin="/gestion/demarches",
    colonnes={"numero": "N°", "demarche": "Démarche", "demandeur": "Demandeur", "statut": "Statut",
              "transmise": "Transmise le", "echeance": "Échéance", "maj": "Mise à jour"},
    tri_par_defaut=("echeance", "asc"), sens_initial={"maj": "desc", "transmise": "desc"},
    textes=("onglet", "numero", "qui", "du", "au", "avant", "suivi"),
    choix={"type": PUBLICS, "statut": VISIBLES}, valider=_valider,
    ordre=("onglet", "numero", "type", "statut", "qui", "du", "au", "avant", "suivi"),
    libelles={"type": "démarches", "statut": "statuts"}, panneau="dossier")


def lire(params: Any) -> Etat:
    return instruction.lire(FILE, params)


def filtres_actifs(f: Etat) -> bool:
    """Whether the filters box opens: any filter but the tab."""
    return any(f.choix.values()) or any(f.form[n] for n in FILE.textes if n != "onglet") or not f.form.ok


def visibles(user: Utilisateur) -> Where:
    return dans_perimetre(user, Dossier.departement) & Dossier.type.is_in(list(PUBLICS)) & Dossier.statut.is_in(
        list(VISIBLES))


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


SANS_ECHEANCE = QueryString("dossier.echeance IS NULL")
LIGNE = (Dossier.id, Dossier.numero, Dossier.type, Dossier.statut, Dossier.version, Dossier.transmise_le,
         Dossier.echeance, Dossier.reponse_avant, Dossier.maj_le, Dossier.suivi_par,
         Dossier.praticien.nom.as_alias("nom"), Dossier.praticien.prenom.as_alias("prenom"),
         Dossier.praticien.rpps.as_alias("rpps"))


async def _badges(lignes: list[dict], aujourdhui: date) -> None:
    """Each row's badges: the deadline's, "Sans réponse" past the due date, "Compléments reçus" until a
    council acts again (the row's last event is the applicant's answer)."""
    derniers: dict[int, str] = {}
    if lignes:
        for e in await DossierEvenement.select(DossierEvenement.dossier, DossierEvenement.action).where(
                DossierEvenement.dossier.is_in([r["id"] for r in lignes])).order_by(DossierEvenement.id):
            derniers[e["dossier"]] = e["action"]
    for r in lignes:
        badges = [delais.badge(delais.Etat(echeance=r["echeance"]), aujourdhui, type_de(r["type"]).delai)]
        if r["statut"] == "a_completer" and r["reponse_avant"] and r["reponse_avant"] < aujourdhui:
            badges.append("Sans réponse")
        if derniers.get(r["id"]) == "transmettre_complements":
            badges.append("Compléments reçus")
        r["badges"] = [b for b in badges if b]
        r["selectionnable"] = r["statut"] not in TERMINAUX
        r["demarche"] = type_de(r["type"]).libelle
        r["libelle_statut"] = type_de(r["type"]).libelle_statut(r["statut"])


async def page(user: Utilisateur, f: Etat) -> Page:
    """The tab's page of rows, its count and the three tabs' counts (one statement for the counts)."""
    onglet = f.form["onglet"] or "a_traiter"
    conds = [visibles(user), _onglet(onglet, user), *_filtres(f)]
    requetes = [Dossier.count().where(*conds).querystrings[0],
                *(Dossier.count().where(visibles(user), _onglet(o, user)).querystrings[0] for o in ONGLETS)]
    total, *comptes = await instruction.compter(Dossier, *requetes)
    pages = instruction.pages(total, FILE.par_page)
    f.page = min(f.page, pages)
    query = Dossier.select(*LIGNE).where(*conds)
    if f.tri == "echeance":
        query = query.order_by(SANS_ECHEANCE)
    for colonne in ordres()[f.tri]:
        query = query.order_by(colonne, ascending=f.sens == "asc")
    lignes = await query.limit(FILE.par_page).offset((f.page - 1) * FILE.par_page)
    await _badges(lignes, horloge.aujourdhui())
    return Page(lignes=lignes, total=total, a_traiter=comptes[0], pages=pages,
                comptes=dict(zip(ONGLETS, comptes, strict=True)))


async def collegues(user: Utilisateur) -> list[dict]:
    """Whom a dossier can be given to ("Affecter à…"): the staff of my council, or the national staff."""
    if user.role == "gestionnaire":
        meme = (Compte.role == "gestionnaire") & (Compte.conseil.departement == user.departement)
    else:
        meme = Compte.role == "national"
    return await Compte.select(Compte.id, Compte.identifiant).where(meme & (Compte.actif == True)  # noqa: E712
                                                                    ).order_by(Compte.identifiant)
