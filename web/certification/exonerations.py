"""The exemptions to confirm (SPEC_DEMARCHES §3.3, R. 4022-6): a doctor says he has no direct patient care;
a gestionnaire of his perimeter confirms it (bloc 3 exempt, "sur 6": `periode.requis` reads the carnet) or
refuses it. A decided request is not decided again: the UPDATE is conditional on "demandee", so two
gestionnaires at once give one decision.
"""

from __future__ import annotations

from typing import Any

from tables import horloge
from tables.certification import Carnet
from web.certification import retard
from web.instruction import file as instruction
from web.instruction.file import Etat, File, Page
from web.perimetre import dans_perimetre
from web.security import Utilisateur

DECISIONS = {"confirmer": "confirmee", "refuser": "refusee"}  # from "demandee" only
FAITES = {"confirmee": "Exonération confirmée pour {qui} : bloc 3 exonéré, programme sur 6 actions.",
          "refusee": "Exonération refusée pour {qui} : les 4 blocs restent requis."}
DEJA = "Cette demande d'exonération vient d'être traitée par un autre gestionnaire."

FILE = File(chemin="/gestion/certification/exonerations", colonnes={"nom": "Nom"}, tri_par_defaut=("nom", "asc"))


class Refus(Exception):
    """The French reason the decision was not recorded."""


def lire(params: Any) -> Etat:
    return instruction.lire(FILE, params)


def _demandees(user: Utilisateur):
    return dans_perimetre(user, Carnet.departement) & (Carnet.exoneration == "demandee")


async def page(user: Utilisateur, f: Etat) -> Page:
    """The requests of the perimeter, oldest first."""
    total = await Carnet.count().where(_demandees(user))
    pages = instruction.pages(total, FILE.par_page)
    f.page = min(f.page, pages)
    lignes = await Carnet.select(*retard.LIGNE, Carnet.exoneration_le).where(_demandees(user)).order_by(
        Carnet.exoneration_le, Carnet.id).limit(FILE.par_page).offset((f.page - 1) * FILE.par_page)
    return Page(lignes=lignes, total=total, a_traiter=total, pages=pages)


async def decider(user: Utilisateur, carnet_id: int, decision: str) -> str:
    """Confirm or refuse; returns the sentence to show. Outside the perimeter → LookupError (a 404)."""
    carnet = await Carnet.select(*retard.LIGNE).where(
        dans_perimetre(user, Carnet.departement) & (Carnet.id == carnet_id)).first()
    if carnet is None:
        raise LookupError(carnet_id)
    if decision not in DECISIONS:
        raise Refus("Choisissez de confirmer ou de refuser l'exonération.")
    vers = DECISIONS[decision]
    fait = await Carnet.update({Carnet.exoneration: vers, Carnet.exoneration_le: horloge.maintenant()}).where(
        (Carnet.id == carnet_id) & (Carnet.exoneration == "demandee")).returning(Carnet.id)
    if not fait:
        raise Refus(DEJA)
    return FAITES[vers].format(qui=f"{carnet['prenom']} {carnet['nom']}")
