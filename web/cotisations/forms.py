"""The two forms of the cotisations: "Enregistrer un règlement" (gestionnaire) and the year's call (national).
Errors in French beside the field; what was typed is kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from web.cotisations import rules
from web.forms import Form
from web.instruction.file import jour

REGLEMENT = ("le", "montant", "mode", "reference")
APPEL = ("annee", "montant", "echeance")
LIBELLES = {"le": "Date du règlement", "montant": "Montant", "mode": "Mode de règlement", "reference": "Référence",
            "annee": "Année", "echeance": "Échéance"}


@dataclass
class Reglement:
    le: date
    montant: int
    mode: str
    reference: str


def _montant(form: Form) -> int | None:
    montant = rules.lire_euros(form["montant"])
    if form["montant"] and (montant is None or montant <= 0):
        form.error("montant", "Saisissez un montant en euros, par exemple 335,00.")
    return montant


def reglement(form: Form, reste: int, aujourdhui: date) -> Reglement | None:
    form.libelles = LIBELLES
    form.required("le", "montant", "mode")
    le = jour(form["le"])
    if form["le"] and le is None:
        form.error("le", "Saisissez une date au format jj/mm/aaaa.")
    elif le and le > aujourdhui:
        form.error("le", "Un règlement ne peut pas être daté d'un jour à venir.")
    montant = _montant(form)
    if montant and montant > reste:
        form.error("montant", f"Le montant dépasse le reste à payer ({rules.euros(reste)}).")
    if form["mode"] and form["mode"] not in rules.MODES:
        form.error("mode", "Choisissez virement, chèque ou prélèvement.")
    if len(form["reference"]) > 60:
        form.error("reference", "60 caractères au plus.")
    if form.errors:
        return None
    return Reglement(le=le, montant=montant, mode=form["mode"], reference=form["reference"])


def appel(form: Form) -> tuple[int, int, date] | None:
    form.libelles = LIBELLES
    form.required(*APPEL)
    annee = int(form["annee"]) if form["annee"].isdigit() and len(form["annee"]) == 4 else None
    if form["annee"] and annee is None:
        form.error("annee", "Saisissez une année sur quatre chiffres, par exemple 2027.")
    montant = _montant(form)
    echeance = jour(form["echeance"])
    if form["echeance"] and echeance is None:
        form.error("echeance", "Saisissez une date au format jj/mm/aaaa.")
    elif echeance and annee and echeance.year != annee:
        form.error("echeance", f"L'échéance doit tomber en {annee}.")
    if form.errors:
        return None
    return annee, montant, echeance
