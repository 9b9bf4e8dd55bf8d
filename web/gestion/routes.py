"""The council back-office (SPEC §4): entry point for gestionnaires and the national role."""

from __future__ import annotations

from litestar import Controller, Request, get
from litestar.response import Template

from tables.comptes import Praticien
from tables.referentiel import Conseil
from web.gestion.perimetre import dans_perimetre
from web.security import ordre_guard
from web.templating import render


class GestionController(Controller):
    path = "/gestion"
    guards = [ordre_guard]

    @get("")
    async def tableau_de_bord(self, request: Request) -> Template:
        user = request.user
        conseil = await Conseil.select(Conseil.nom).where(Conseil.code == user.conseil).first() if user.conseil \
            else None
        return render(request, "gestion/tableau_de_bord.html", {
            "conseil": conseil["nom"] if conseil else "Conseil national de l'Ordre des médecins",
            "inscrits": await Praticien.count().where(dans_perimetre(user, Praticien.departement.code)),
        })
