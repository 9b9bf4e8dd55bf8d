"""Territoires: the map of départements and each département's page (public), and the back-office where
that council's gestionnaires (and the national role) edit "Venir exercer en …" with a preview and a history."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Redirect, Template

from web.annonces.france import carte, departements
from web.annonces.recherche import Criteres, compter_par_departement
from web.forms import Form
from web.security import Utilisateur, ordre_guard
from web.templating import rediriger, render
from web.territoires import rules

PAGE = "territoires/departement.html"
EDITION = "territoires/edition.html"
ENREGISTRE = "Les informations sont enregistrées : elles sont en ligne sur la page du département."


def _praticien(request: Request) -> bool:
    return bool(request.user and request.user.est_praticien)


async def _territoire(code: str) -> rules.Territoire:
    t = await rules.territoire(code.upper()[:3])
    if t is None:
        raise NotFoundException()
    return t


class TerritoiresController(Controller):
    path = "/territoires"
    opt = {"public": True}

    @get("")
    async def carte_de_france(self, request: Request) -> Template:
        comptes = await compter_par_departement(Criteres()) if _praticien(request) else None
        return render(request, "territoires/index.html", {
            "departements": await departements(comptes, lambda code: f"/territoires/{code}"), "carte": carte()})

    @get("/{code:str}")
    async def departement(self, request: Request, code: str) -> Template:
        t = await _territoire(code)
        nombre = (await compter_par_departement(Criteres())).get(t.code, 0) if _praticien(request) else None
        return render(request, PAGE, {
            "t": t, "contact": await rules.contact(t), "seances": await rules.prochaines_seances(t),
            "sections": await rules.sections(t.code), "libelles": rules.SECTIONS, "nombre": nombre,
            "peut_modifier": rules.peut_modifier(request.user, t.code)})


class GestionTerritoiresController(Controller):
    path = "/gestion/territoires"
    guards = [ordre_guard]

    @get("")
    async def liste(self, request: Request) -> Template | Redirect:
        user: Utilisateur = request.user
        if user.perimetre:
            return Redirect(f"/gestion/territoires/{user.perimetre}", status_code=303)
        return render(request, "territoires/gestion_liste.html", {
            "departements": await departements(None, lambda code: f"/gestion/territoires/{code}")})

    @get("/{code:str}")
    async def edition(self, request: Request, code: str, enregistre: bool = False) -> Template:
        t = await self._autoriser(request, code)
        actuelles = await rules.sections(t.code)
        return await _edition(request, t, actuelles, Form({s: actuelles[s]["texte"] for s in rules.SECTIONS}),
                              succes=ENREGISTRE if enregistre else None)

    @post("/{code:str}")
    async def enregistrer(self, request: Request, code: str) -> Template:
        t = await self._autoriser(request, code)
        form, versions = await _lire(request)
        actuelles = await rules.sections(t.code)
        if form.ok:
            try:
                await rules.enregistrer(request.user, t.code, form.values, versions)
                return rediriger(request, f"/gestion/territoires/{t.code}?enregistre=true")
            except rules.Conflit as conflit:
                form.error("conflit", f"La section « {conflit} » vient d'être modifiée par quelqu'un d'autre : "
                                      "votre texte est conservé ci-dessous, relisez la version en ligne avant "
                                      "d'enregistrer à nouveau.")
        return await _edition(request, t, actuelles, form, status_code=422, block="edition")

    @post("/{code:str}/apercu")
    async def apercu(self, request: Request, code: str) -> Template:
        t = await self._autoriser(request, code)
        form, _ = await _lire(request)
        actuelles = await rules.sections(t.code)
        return await _edition(request, t, actuelles, form, apercu=rules.apercu(actuelles, form.values),
                              block="apercu")

    async def _autoriser(self, request: Request, code: str) -> rules.Territoire:
        t = await _territoire(code)
        if not rules.peut_modifier(request.user, t.code):
            raise PermissionDeniedException("Ce département n'est pas dans votre périmètre.")
        return t


async def _lire(request: Request) -> tuple[Form, dict[str, int]]:
    """The typed sections (kept as typed, checked for length) and the versions they were typed on."""
    form = await Form.read(request, *rules.SECTIONS)
    form.errors.update(rules.erreurs(form.values))
    data = await request.form()
    versions = {s: int(v) if isinstance(v := data.get(f"version_{s}", ""), str) and v.isdigit() else -1
                for s in rules.SECTIONS}
    return form, versions


async def _edition(request: Request, t: rules.Territoire, actuelles: dict, form: Form, *, status_code: int = 200,
                   block: str | None = None, **extra) -> Template:
    return render(request, EDITION, {
        "t": t, "form": form, "actuelles": actuelles, "libelles": rules.SECTIONS, "max_texte": rules.MAX_TEXTE,
        "historique": await rules.historique(t.code), "apercu": None, "succes": None, **extra},
        block=block, status_code=status_code)
