"""The council's list of cotisations (SPEC_DEMARCHES §4): filters année, statut, RPPS ou nom in the URL, paged
as the démarche queue (web/instruction/file.py), and the same selection as CSV.

Everything is filtered, counted and paged in SQL over the perimeter (web/perimetre.py); the CSV goes out by
batches of LOT_CSV rows in id order, so a national export of every médecin never sits in memory at once.
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

from piccolo.querystring import QueryString

from tables import horloge
from tables.cotisations import Cotisation
from tables.sql import pli
from web.cotisations import rules
from web.demarches.file import _nommes as nommes
from web.forms import Form
from web.instruction import file as instruction
from web.instruction.file import Etat, File, Page
from web.perimetre import dans_perimetre
from web.security import Utilisateur
from web.templating import date_fr

LOT_CSV = 5000
ENTETE = ["rpps", "nom", "prenom", "departement", "annee", "montant", "regle", "statut", "payee_le"]


def _valider(form: Form) -> None:
    """A wrong filter is dropped (a URL typed by hand), never an error page."""
    if not (form["annee"].isdigit() and len(form["annee"]) == 4):
        form.values["annee"] = ""
    if form["statut"] not in rules.STATUTS:
        form.values["statut"] = ""


FILE = File(chemin="/gestion/cotisations", colonnes={"nom": "Nom", "rpps": "RPPS", "annee": "Année"},
            tri_par_defaut=("nom", "asc"), sens_initial={"annee": "desc"}, textes=("annee", "statut", "q"),
            valider=_valider)


def lire(params: Any) -> Etat:
    return instruction.lire(FILE, params)


def conditions(user: Utilisateur, f: Etat, jour: date) -> list:
    conds = [dans_perimetre(user, Cotisation.departement)]
    v = f.valides()
    if "annee" in v:
        conds.append(Cotisation.annee == int(v["annee"]))
    if "statut" in v:
        conds.append(rules.condition(v["statut"], jour))
    if q := v.get("q"):
        conds.append(Cotisation.praticien.rpps.like(f"{q}%") if q.isdigit()
                     else Cotisation.praticien.is_in(nommes(q)))  # name or first name, accents and case aside
    return conds


def _ordre(f: Etat) -> tuple:
    if f.tri == "rpps":
        return Cotisation.praticien.rpps, Cotisation.id
    if f.tri == "annee":
        return Cotisation.annee, Cotisation.id
    nom, prenom = (QueryString(pli(c._meta.get_full_name(with_alias=False)))
                   for c in (Cotisation.praticien.nom, Cotisation.praticien.prenom))
    return nom, prenom, Cotisation.annee, Cotisation.id


async def page(user: Utilisateur, f: Etat) -> Page:
    jour = horloge.aujourdhui()
    conds = conditions(user, f, jour)
    total = await Cotisation.count().where(*conds)
    pages = instruction.pages(total, FILE.par_page)
    f.page = min(f.page, pages)
    query = Cotisation.select(*rules.LIGNE).where(*conds)
    for colonne in _ordre(f):
        query = query.order_by(colonne, ascending=f.sens == "asc")
    lignes = await query.limit(FILE.par_page).offset((f.page - 1) * FILE.par_page)
    return Page(lignes=[rules.enrichir(c, jour) for c in lignes], total=total, a_traiter=total, pages=pages)


def _centimes(cents: int) -> str:
    return rules.euros(cents).removesuffix(" €").replace(" ", "")


async def csv_lignes(user: Utilisateur, f: Etat) -> AsyncIterator[str]:
    """The filtered selection, header first, `;`-separated (as a French spreadsheet opens it)."""
    jour, apres = horloge.aujourdhui(), 0
    conds = conditions(user, f, jour)
    sortie = io.StringIO()
    ecrire = csv.writer(sortie, delimiter=";", lineterminator="\n")
    ecrire.writerow(ENTETE)
    while True:
        lot = await Cotisation.select(*rules.LIGNE).where(*conds, Cotisation.id > apres).order_by(
            Cotisation.id).limit(LOT_CSV)
        for c in lot:
            e = rules.enrichir(c, jour)
            ecrire.writerow([c["rpps"], c["nom"], c["prenom"], c["departement"], c["annee"], _centimes(c["montant"]),
                             _centimes(c["regle"]), rules.STATUTS[e["statut"]], date_fr(c["payee_le"])])
        yield sortie.getvalue()
        sortie.seek(0)
        sortie.truncate()
        if len(lot) < LOT_CSV:
            return
        apres = lot[-1]["id"]
