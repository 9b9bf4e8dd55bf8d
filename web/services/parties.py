"""Dossiers concerning a doctor who is not their applicant (SPEC_DEMARCHES §4.8 Decision: a co-contracting
doctor named by RPPS reads the contract): listed in his Mon compte, read-only, without the thread, the notes or
the council's letter — those stay between the applicant and the council."""

from __future__ import annotations

from litestar import Controller, Request, get
from litestar.exceptions import NotFoundException
from litestar.response import Template

from tables.demarches import Dossier
from tables.services import DossierPartie
from web.demarches.courriels import nom_conseil
from web.demarches.moteur import objet
from web.demarches.registre import TYPES, type_de
from web.security import praticien_guard
from web.templating import render


def _concernant(rpps: str):
    return Dossier.id.is_in(DossierPartie.select(DossierPartie.dossier).where(DossierPartie.rpps == rpps)) & (
        Dossier.statut != "brouillon") & Dossier.type.is_in(list(TYPES))


async def me_concernant(rpps: str) -> list[dict]:
    if not rpps:
        return []
    rows = await Dossier.select(Dossier.numero, Dossier.type, Dossier.statut, Dossier.donnees,
                                Dossier.praticien.prenom.as_alias("prenom"), Dossier.praticien.nom.as_alias("nom")
                                ).where(_concernant(rpps)).order_by(Dossier.cree_le, ascending=False)
    return [{**r, "demarche": type_de(r["type"]).libelle,
             "libelle_statut": type_de(r["type"]).libelle_statut(r["statut"], objet(r["donnees"]))} for r in rows]


class ConcernantController(Controller):
    path = "/demarches/concernant"
    guards = [praticien_guard]

    @get("/{numero:str}")
    async def dossier_me_concernant(self, request: Request, numero: str) -> Template:
        d = await Dossier.select(*Dossier.all_columns(), Dossier.praticien.prenom.as_alias("prenom"),
                                 Dossier.praticien.nom.as_alias("nom")).where(
            (Dossier.numero == numero) & _concernant(request.user.rpps)).first() if request.user.rpps else None
        if d is None:
            raise NotFoundException()
        demarche, valeurs = type_de(d["type"]), objet(d["donnees"])
        return render(request, "services/concernant.html", {
            "d": d, "demarche": demarche, "valeurs": valeurs, "conseil": await nom_conseil(d["departement"]),
            "statut": demarche.libelle_statut(d["statut"], valeurs)})
