"""Save a search from Trouver, manage one's saved searches in Mon espace, unsubscribe in one click."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Response, Template

from web.alertes import forms, rules
from web.forms import Form
from web.security import praticien_guard
from web.templating import rediriger, render

OK = {"ajout": "La recherche est enregistrée : vous serez alerté des nouvelles annonces.",
      "modif": "La recherche est modifiée.", "suppr": "La recherche est supprimée."}


async def _liste(request: Request, *, ok: str | None = None, form: Form | None = None, en_erreur: int | None = None,
                 status_code: int = 200) -> Template:
    """The list; after a refused change, the search being changed shows what was typed and why it was refused."""
    recherches = await rules.mes_recherches(request.user.id)
    if form is not None and not any(r["id"] == en_erreur for r in recherches):
        raise NotFoundException()
    return render(request, "alertes/recherches.html", {
        "recherches": recherches, "frequences": rules.FREQUENCES, "ok": ok, "form": form, "en_erreur": en_erreur},
        status_code=status_code)


class RecherchesController(Controller):
    path = "/espace/recherches"
    guards = [praticien_guard]

    @get("")
    async def liste(self, request: Request, ok: str = "") -> Template:
        return await _liste(request, ok=OK.get(ok))

    @post("")
    async def enregistrer(self, request: Request) -> Template | Response:
        form = await forms.lire(request, "requete", "frequence")
        await forms.verifier_requete(form)
        if not form.ok:
            return render(request, "alertes/enregistrer.html", {"form": form, "frequences": rules.FREQUENCES},
                          block="enregistrer", status_code=422)
        await rules.enregistrer(request.user.id, form["nom"], form["requete"], form["frequence"])
        return rediriger(request, "/espace/recherches?ok=ajout")

    @post("/{recherche_id:int}")
    async def modifier(self, request: Request, recherche_id: int) -> Response:
        form = await forms.lire(request, "frequence", "actif")
        if not form.ok:
            return await _liste(request, form=form, en_erreur=recherche_id, status_code=422)
        if not await rules.modifier(request.user.id, recherche_id, form["nom"], form["frequence"],
                                    form["actif"] == "on"):
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
