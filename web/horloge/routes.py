"""The demo clock's page, in the national back-office (embedded default only; elsewhere it says why not)."""

from __future__ import annotations

from datetime import date

from litestar import Controller, Request, get, post
from litestar.response import Response, Template

from tables import horloge
from web.horloge import rules
from web.security import role_guard
from web.templating import rediriger, render

PAGE = "horloge/horloge.html"


def _contexte(**extra) -> dict:
    return {"permise": rules.permise(), "refus": rules.REFUS, "aujourdhui": horloge.aujourdhui(),
            "decale": bool(horloge.decalage_demo()), **extra}


class HorlogeController(Controller):
    path = "/gestion/horloge"
    guards = [role_guard("national")]

    @get("")
    async def horloge_de_demonstration(self, request: Request) -> Template:
        return render(request, PAGE, _contexte())

    @post("")
    async def regler_horloge(self, request: Request) -> Response | Template:
        if not rules.permise():
            return render(request, PAGE, _contexte(), status_code=409)
        data = await request.form()
        action = str(data.get("action", ""))
        cible = None
        if action == "date":
            try:
                cible = date.fromisoformat(str(data.get("date", "")))
            except ValueError:
                return render(request, PAGE, _contexte(erreur="Indiquez une date valide, au format jj/mm/aaaa.",
                                                       saisie=str(data.get("date", ""))[:10]), status_code=422)
        elif action not in ("jour", "mois", "reel"):
            return render(request, PAGE, _contexte(), status_code=422)
        await rules.regler(action, cible)
        return rediriger(request, "/gestion/horloge")
