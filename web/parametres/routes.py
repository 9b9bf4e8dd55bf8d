"""Paramètres: per kind of notification, whether it also goes by e-mail (the inbox always gets it)."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.response import Response, Template

from tables.messages import Preference
from web.forms import valeurs
from web.parametres.donnees import mes_donnees
from web.security import praticien_guard
from web.templating import rediriger, render

NATURES = {
    "annonce_transmise": "Annonce transmise au conseil départemental",
    "annonce_publiee": "Annonce publiée",
    "annonce_refusee": "Annonce refusée",
    "annonce_fin_proche": "Fin de publication proche (7 jours avant)",
    "annonce_depubliee": "Annonce dépubliée",
}


async def preferences(compte_id: int) -> dict[str, bool]:
    rows = await Preference.select().where(Preference.compte == compte_id)
    choix = {r["nature"]: r["email"] for r in rows}
    return {nature: choix.get(nature, True) for nature in NATURES}


class ParametresController(Controller):
    path = "/espace/parametres"
    guards = [praticien_guard]

    @get("")
    async def page(self, request: Request, ok: bool = False) -> Template:
        return render(request, "parametres/page.html", {
            "natures": NATURES, "choix": await preferences(request.user.id), "ok": ok})

    @post("")
    async def enregistrer(self, request: Request) -> Response:
        coches = set(valeurs(await request.form(), "email", len(NATURES), "choix"))
        async with Preference._meta.db.transaction():
            await Preference.delete().where(Preference.compte == request.user.id)
            await Preference.insert(*[Preference(compte=request.user.id, nature=n, email=n in coches)
                                      for n in NATURES])
        return rediriger(request, "/espace/parametres?ok=true")

    @get("/mes-donnees")
    async def telecharger(self, request: Request) -> Response:
        """Télécharger mes données: a JSON attachment of everything held on the user."""
        return Response(content=await mes_donnees(request.user), media_type="application/json", headers={
            "Content-Disposition": 'attachment; filename="monespace-mes-donnees.json"',
            "Cache-Control": "no-store"})
