"""Save a search from Trouver, manage one's saved searches in Mon espace, unsubscribe in one click."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Response, Template

from web.alertes import rules
from web.forms import Form
from web.security import praticien_guard
from web.templating import rediriger, render


class RecherchesController(Controller):
    path = "/espace/recherches"
    guards = [praticien_guard]

    @get("")
    async def liste(self, request: Request, ok: str = "") -> Template:
        return render(request, "alertes/recherches.html", {
            "recherches": await rules.mes_recherches(request.user.id), "frequences": rules.FREQUENCES,
            "ok": {"ajout": "La recherche est enregistrée : vous serez alerté des nouvelles annonces.",
                   "modif": "La recherche est modifiée.", "suppr": "La recherche est supprimée."}.get(ok)})

    @post("")
    async def enregistrer(self, request: Request) -> Template | Response:
        form = await Form.read(request, "nom", "requete", "frequence")
        form.required("nom")
        if len(form["nom"]) > 100:
            form.error("nom", "100 caractères au plus.")
        if not form.ok:
            return render(request, "alertes/enregistrer.html", {"form": form, "frequences": rules.FREQUENCES},
                          block="enregistrer", status_code=422)
        await rules.enregistrer(request.user.id, form["nom"], form["requete"], form["frequence"])
        return rediriger(request, "/espace/recherches?ok=ajout")

    @post("/{recherche_id:int}")
    async def modifier(self, request: Request, recherche_id: int) -> Response:
        form = await Form.read(request, "nom", "frequence", "actif")
        if not form["nom"] or not await rules.modifier(request.user.id, recherche_id, form["nom"][:100],
                                                       form["frequence"], form["actif"] == "on"):
            raise NotFoundException()
        return rediriger(request, "/espace/recherches?ok=modif")

    @post("/{recherche_id:int}/supprimer")
    async def supprimer(self, request: Request, recherche_id: int) -> Response:
        if not await rules.supprimer(request.user.id, recherche_id):
            raise NotFoundException()
        return rediriger(request, "/espace/recherches?ok=suppr")


class DesabonnementController(Controller):
    """The link of every alert e-mail: works without logging in, the token is the proof."""

    path = "/alertes/desabonner"
    opt = {"public": True}

    @get("/{jeton:str}")
    async def desabonner(self, request: Request, jeton: str) -> Template:
        recherche = await rules.desabonner(jeton)
        return render(request, "alertes/desabonne.html", {"recherche": recherche},
                      status_code=200 if recherche else 404)
