"""The period of certification and its pace (SPEC_DEMARCHES §3.1, §3.4): one set of functions for the
doctor's dashboard, the council's lists, the alerts and the controls.

Pace (a Decision of the spec): `requis` = 8 (6 when bloc 3 is exempt), `f` = the share of the period gone,
`attendu` = ceil(f × requis). "En avance" at attendu + 1 declared actions or more, "Dans les temps" at
attendu, else "En retard"; "En retard" too when a required bloc is still empty at half the period.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from tables import horloge
from tables.certification import Carnet
from tables.comptes import Praticien

DEBUT_TRANSITOIRE = date(2023, 1, 1)  # "Les actions DPC/Qualité réalisées depuis le 01/01/2023 …"
FIN_TRANSITOIRE = date(2031, 12, 31)  # 9 years for those on the Tableau on 01/01/2023
PAR_BLOC = 2  # "au moins 2 actions dans chacun des 4 blocs"
BLOCS = {1: "Améliorer les connaissances et les compétences.",
         2: "Renforcer la qualité des pratiques et des soins.",
         3: "Améliorer la relation avec les patients.",
         4: "Mieux prendre en compte la santé du médecin."}
EXONERATION = "Exonéré — médecin sans activité de soins directe auprès des patients (R. 4022-6)"
RYTHMES = ("En avance", "Dans les temps", "En retard")


def _ans_plus(jour: date, ans: int) -> date:
    try:
        return jour.replace(year=jour.year + ans)
    except ValueError:  # 29 February
        return jour.replace(year=jour.year + ans, day=28)


def _mois_plus(jour: date, mois: int) -> date:
    annee, m = divmod(jour.month - 1 + mois, 12)
    return date(jour.year + annee, m + 1, min(jour.day, 30 if m + 1 != 2 else 28))


def periode(inscrit_le: date | None) -> tuple[date, date]:
    """On the Tableau before 01/01/2023 (or date unknown): 01/01/2023–31/12/2031. Later: 6 years from the
    inscription (a Decision: the decree's computation was not re-read)."""
    if inscrit_le is None or inscrit_le < DEBUT_TRANSITOIRE:
        return DEBUT_TRANSITOIRE, FIN_TRANSITOIRE
    return inscrit_le, _ans_plus(inscrit_le, 6) - timedelta(days=1)


def controle_avant(fin: date) -> date:
    """"Vérification dans les 6 mois à compter de l'échéance": 31/12/2031 → 30/06/2032."""
    return _mois_plus(fin + timedelta(days=1), 6) - timedelta(days=1)


def exonere(carnet: dict) -> bool:
    return carnet["exoneration"] == "confirmee"


def blocs_requis(carnet: dict) -> tuple[int, ...]:
    return (1, 2, 4) if exonere(carnet) else (1, 2, 3, 4)


def comptes(carnet: dict) -> dict[int, int]:
    """Declared actions per bloc, from the carnet's kept counts."""
    return {b: carnet[f"b{b}"] for b in BLOCS}


def validees(carnet: dict) -> int:
    """What counts toward the programme: at most 2 per required bloc ("5 actions sur 8")."""
    return sum(min(carnet[f"b{b}"], PAR_BLOC) for b in blocs_requis(carnet))


def requis(carnet: dict) -> int:
    return PAR_BLOC * len(blocs_requis(carnet))


@dataclass(frozen=True)
class Rythme:
    statut: str  # one of RYTHMES
    validees: int
    requis: int
    attendu: int
    complet_vers: date | None  # "À ce rythme, votre programme sera complet vers 03/2030"


def rythme(carnet: dict, jour: date | None = None) -> Rythme:
    jour = jour or horloge.aujourdhui()
    debut, fin = carnet["debut"], carnet["fin"]
    duree = (fin - debut).days + 1
    f = min(max((jour - debut).days / duree, 0.0), 1.0)
    n, total = validees(carnet), requis(carnet)
    attendu = math.ceil(f * total)
    vide = any(carnet[f"b{b}"] == 0 for b in blocs_requis(carnet))
    if n >= attendu + 1 and not (vide and f >= 0.5):
        statut = "En avance"
    elif n >= attendu and not (vide and f >= 0.5):
        statut = "Dans les temps"
    else:
        statut = "En retard"
    complet_vers = None
    if 0 < n < total and jour > debut:
        complet_vers = debut + timedelta(days=(jour - debut).days * total / n)
    return Rythme(statut, n, total, attendu, complet_vers)


REGLE_RYTHME = ("Le rythme compare vos actions validées à celles attendues à ce jour : la part de la période "
                "écoulée multipliée par le nombre d'actions requises, arrondie au supérieur. En retard aussi si un "
                "bloc est encore vide à mi-période.")


async def ouvrir(praticien_id: int) -> dict:
    """The praticien's current carnet, opened on first need."""
    row = await Carnet.select().where(Carnet.praticien == praticien_id).order_by(
        Carnet.debut, ascending=False).first()
    if row:
        return row
    p = await Praticien.select(Praticien.departement, Praticien.inscrit_le).where(
        Praticien.id == praticien_id).first()
    debut, fin = periode(p["inscrit_le"])
    await Carnet.insert(Carnet(praticien=praticien_id, departement=p["departement"], debut=debut, fin=fin,
                               controle_avant=controle_avant(fin)))
    return await Carnet.select().where(Carnet.praticien == praticien_id).order_by(
        Carnet.debut, ascending=False).first()


_OUVRIR_TOUS = (
    "INSERT INTO carnet (praticien, departement, debut, fin, controle_avant, exoneration, b1, b2, b3, b4) "
    "SELECT p.id, p.departement, {}, {}, {}, '', 0, 0, 0, 0 FROM praticien p WHERE p.qualite = 'medecin' "
    "AND (p.inscrit_le IS NULL OR p.inscrit_le < {}) "
    "AND NOT EXISTS (SELECT 1 FROM carnet c WHERE c.praticien = p.id)")


async def ouvrir_tous() -> None:
    """Every médecin of the Tableau before 2023 gets his carnet in one statement (the council lists read
    carnets: a doctor who never opened his dashboard is "En retard" too); later ones through `ouvrir`."""
    await Carnet.raw(_OUVRIR_TOUS, DEBUT_TRANSITOIRE, FIN_TRANSITOIRE, controle_avant(FIN_TRANSITOIRE),
                  DEBUT_TRANSITOIRE)
    for p in await Praticien.select(Praticien.id).where(
            (Praticien.qualite == "medecin") & (Praticien.inscrit_le >= DEBUT_TRANSITOIRE)):
        await ouvrir(p["id"])
