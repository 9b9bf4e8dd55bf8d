"""The end-of-period controls (SPEC_DEMARCHES §3.5): the job opening one control dossier per ended period, and the
council's "Contrôles à réaliser".

Each carnet whose period has ended gets its dossier once: `Carnet.controle` is set in the transaction that creates
the dossier, on the condition that it is still empty, so a second run (or two at once) opens nothing more. The
list reads carnets, the perimeter rule on their département, soonest deadline first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tables import horloge
from tables.certification import Carnet
from tables.comptes import Compte
from web.certification.controle import periode_texte
from web.demarches.registre import type_de
from web.demarches.rules import ouvrir_par_le_systeme
from web.perimetre import dans_perimetre
from web.security import Utilisateur

TYPE = "controle_certification"
LOT = 200  # carnets per pass of the job
PAR_PAGE = 50


class _DejaOuvert(Exception):
    """Another run opened this carnet's control first: this transaction gives its dossier number back."""


async def ouvrir_controles(jour: date | None = None) -> int:
    """For each carnet whose period ended before `jour` and has no control yet, its control dossier (in
    instruction, the doctor's account as applicant, the carnet's council): how many were opened."""
    jour = jour or horloge.aujourdhui()
    ouverts = 0
    # Each pass reads carnets still without a control: those just opened (here or by another run) drop out.
    while lot := await Carnet.select(Carnet.id, Carnet.praticien, Carnet.departement, Carnet.debut, Carnet.fin,
                                     Carnet.controle_avant).where(
            (Carnet.fin < jour) & Carnet.controle.is_null()).order_by(Carnet.id).limit(LOT):
        for carnet in lot:
            ouverts += await _ouvrir(carnet)
    return ouverts


async def _ouvrir(carnet: dict) -> int:
    compte = await Compte.select(Compte.id).where(Compte.praticien == carnet["praticien"]).first()
    try:
        async with Carnet._meta.db.transaction():
            d = await ouvrir_par_le_systeme(
                type_de(TYPE), compte=compte["id"] if compte else None, praticien=carnet["praticien"],
                departement=carnet["departement"], echeance=carnet["controle_avant"],
                motif=f"Période de certification {periode_texte(carnet)} terminée")
            if not await Carnet.update({Carnet.controle: d["id"]}).where(
                    (Carnet.id == carnet["id"]) & Carnet.controle.is_null()).returning(Carnet.id):
                raise _DejaOuvert
    except _DejaOuvert:
        return 0
    return 1


@dataclass(frozen=True)
class Page:
    lignes: list[dict]
    total: int
    page: int
    pages: int


async def a_realiser(user: Utilisateur, page: int = 1, jour: date | None = None) -> Page:
    """Ended periods whose control is not closed, in the user's perimeter: Nom, RPPS, Période, "Contrôle au plus
    tard le", the dossier's number and status; soonest deadline first."""
    jour = jour or horloge.aujourdhui()
    condition = (Carnet.fin < jour) & Carnet.clos_le.is_null() & dans_perimetre(user, Carnet.departement)
    total = await Carnet.count().where(condition)
    pages = max(1, -(-total // PAR_PAGE))
    page = min(max(page, 1), pages)
    rows = await Carnet.select(
        Carnet.id, Carnet.debut, Carnet.fin, Carnet.controle_avant, Carnet.praticien.nom, Carnet.praticien.prenom,
        Carnet.praticien.rpps, Carnet.controle.numero, Carnet.controle.statut).where(condition).order_by(
        Carnet.controle_avant).order_by(Carnet.id).limit(PAR_PAGE).offset((page - 1) * PAR_PAGE)
    demarche = type_de(TYPE)
    lignes = [{**r, "periode": periode_texte(r), "statut": demarche.libelle_statut(r["controle.statut"])
               if r["controle.statut"] else "Contrôle à ouvrir"} for r in rows]
    return Page(lignes, total, page, pages)
