"""The clock of a dossier (SPEC_DEMARCHES §1.4), as pure functions on dates.

Semantics of démarches-simplifiées' SVA/SVR calculator: a request for complements with the reason
"incomplet" resets the clock (the whole delay restarts the day after the answer; a clock that starts at
"dossier complet" waits for a new complete date), any other reason pauses it (the days left resume the day
after the answer). The state is kept on the dossier so that queues sort by deadline in SQL.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

from web.templating import date_fr


@dataclass(frozen=True)
class Delai:
    """A type's delay: `mois` or `jours`, from "transmission" or "complet", "legal" or "indicatif"."""

    mois: int = 0
    jours: int = 0
    depart: str = "transmission"
    nature: str = "indicatif"
    silence: str | None = None  # "rejet_implicite": silence at the deadline is a decision (L.4112-4)
    prolongation_mois: int | None = None  # "Prolonger à 6 mois" (L.4112-3)
    attente: str = ""  # the applicant's line until the council declares the dossier complete (else the inscription's)
    texte: str = ""  # the type's own wording of the deadline: "Observations au plus tard le {date}."


@dataclass(frozen=True)
class Etat:
    depart: date | None = None
    echeance: date | None = None
    suspendu_le: date | None = None
    jours_restants: int | None = None
    prolonge: bool = False


def etat_de(dossier: dict) -> Etat:
    """The clock as kept on a dossier row."""
    return Etat(depart=dossier.get("delai_depart"), echeance=dossier.get("echeance"),
                suspendu_le=dossier.get("suspendu_le"), jours_restants=dossier.get("jours_restants"),
                prolonge=bool(dossier.get("prolonge")))


def ajouter_mois(jour: date, mois: int) -> date:
    """12/05 + 3 months = 12/08; 31/01 + 1 month = 28/02 (or 29/02)."""
    m = jour.month - 1 + mois
    annee, mois_ = jour.year + m // 12, m % 12 + 1
    return date(annee, mois_, min(jour.day, calendar.monthrange(annee, mois_)[1]))


def _duree(delai: Delai, depart: date, prolonge: bool) -> date:
    if prolonge and delai.prolongation_mois:
        return ajouter_mois(depart, delai.prolongation_mois)
    return ajouter_mois(depart, delai.mois) + timedelta(days=delai.jours)


def demarrer(delai: Delai, le: date) -> Etat:
    return Etat(depart=le, echeance=_duree(delai, le, False))


def suspendre(etat: Etat, le: date) -> Etat:
    """Complements asked (any reason but "incomplet"): the days left are kept, the deadline waits."""
    if etat.echeance is None or etat.suspendu_le is not None:
        return etat
    return replace(etat, echeance=None, suspendu_le=le, jours_restants=max((etat.echeance - le).days, 0))


def reprendre(etat: Etat, le: date) -> Etat:
    """Complements received on `le`: the days left run again from the day after."""
    if etat.suspendu_le is None:
        return etat
    return replace(etat, echeance=le + timedelta(days=1 + (etat.jours_restants or 0)), suspendu_le=None,
                   jours_restants=None)


def reinitialiser(delai: Delai, le: date) -> Etat:
    """Reason "incomplet": the whole delay again from the day after the answer, or, for a clock that
    starts at "dossier complet", nothing until the council declares it complete again."""
    if delai.depart == "complet":
        return Etat()
    return demarrer(delai, le + timedelta(days=1))


def prolonger(delai: Delai, etat: Etat) -> Etat:
    if etat.depart is None or not delai.prolongation_mois:
        return etat
    prolonge = replace(etat, prolonge=True)
    if etat.suspendu_le is not None:  # the extra months are added to what was left
        ajout = (_duree(delai, etat.depart, True) - _duree(delai, etat.depart, False)).days
        return replace(prolonge, jours_restants=(etat.jours_restants or 0) + ajout)
    return replace(prolonge, echeance=_duree(delai, etat.depart, True))


def rejet_implicite(delai: Delai, etat: Etat, aujourdhui: date) -> date | None:
    """The day an implicit rejection is acquired, once the deadline has passed in silence."""
    if delai.silence != "rejet_implicite" or etat.echeance is None or aujourdhui <= etat.echeance:
        return None
    return etat.echeance


def appel_avant(notification: date) -> date:
    """Appeal within thirty days of the notification (R.4112-4): 14/01/2027 → 13/02/2027."""
    return notification + timedelta(days=30)


def ligne(delai: Delai | None, etat: Etat) -> str:
    """The clock as the applicant reads it, always as dates."""
    if delai is None:
        return ""
    if etat.suspendu_le is not None:
        return (f"Délai suspendu depuis le {date_fr(etat.suspendu_le)} : il reprendra à réception de vos "
                f"compléments ({etat.jours_restants} jours restants).")
    if etat.echeance is None:
        if delai.depart == "complet":
            return delai.attente or ("Le délai légal de 3 mois court à compter de la réception de votre dossier "
                                     "complet, diplômes ou attestations de réussite compris.")
        return ""
    if delai.texte:
        return delai.texte.format(date=date_fr(etat.echeance))
    if delai.nature == "legal":
        return f"Décision au plus tard le {date_fr(etat.echeance)}."
    duree = f"{delai.jours} jours" if delai.jours else f"{delai.mois} mois"
    return f"Réponse habituelle sous {duree}, soit vers le {date_fr(etat.echeance)}."


def badge(etat: Etat, aujourdhui: date, delai: Delai | None = None) -> str:
    """Staff badges: "Échéance dans 15 jours", "Échéance dépassée"; where silence is a rejection, from J-30
    (§2.6: flagged at J-30 and J-15) "Rejet implicite dans 30 jours"."""
    if etat.echeance is None:
        return ""
    reste = (etat.echeance - aujourdhui).days
    if reste < 0:
        return "Échéance dépassée"
    if delai is not None and delai.silence == "rejet_implicite" and reste <= 30:
        return f"Rejet implicite dans {reste} jours"
    return f"Échéance dans {reste} jours" if reste <= 15 else ""
