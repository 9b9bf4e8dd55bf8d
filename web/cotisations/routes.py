"""Cotisations routes (SPEC_DEMARCHES §4): the doctor's page and PDFs; the council's list, CSV, payment form;
national's call and "Transmettre au recouvrement". Parse → authorise (perimeter in the rules) → rule → render.
Another doctor's cotisation, or one outside the perimeter, answers the French 404."""

from __future__ import annotations

from litestar import Controller, Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Stream, Template

from tables import horloge
from web.cotisations import documents, forms, liste, rules
from web.forms import Form
from web.instruction import file as queue
from web.security import ordre_guard, praticien_guard, role_guard
from web.templating import render

ESPACE = "cotisations/espace.html"
LISTE = "cotisations/liste.html"
FICHE = "cotisations/fiche.html"
APPEL = "cotisations/appel.html"
BADGES = {"a_payer": "attente", "payee": "publiee", "en_retard": "refusee", "recouvrement": "refusee"}


def _pdf(contenu: bytes, nom: str) -> Response:
    return Response(contenu, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{nom}"', "Cache-Control": "private"})


class EspaceCotisationsController(Controller):
    path = "/espace/cotisations"
    guards = [praticien_guard]

    @get("")
    async def mes_cotisations(self, request: Request) -> Template:
        return render(request, ESPACE, {"cotisations": await rules.mes_cotisations(request.user.praticien),
                                        "badges": BADGES})

    @get("/{cotisation_id:int}/appel")
    async def appel(self, request: Request, cotisation_id: int) -> Response:
        c = await rules.la_mienne(request.user.praticien, cotisation_id)
        if c is None:
            raise NotFoundException()
        return _pdf(await documents.appel(c), f"appel-cotisation-{c['annee']}.pdf")

    @get("/{cotisation_id:int}/recu")
    async def recu(self, request: Request, cotisation_id: int) -> Response:
        """Only once fully paid: before, there is nothing to receipt (404)."""
        c = await rules.la_mienne(request.user.praticien, cotisation_id)
        if c is None or c["regle"] < c["montant"]:
            raise NotFoundException()
        return _pdf(await documents.recu(c), f"recu-cotisation-{c['annee']}.pdf")


async def _fiche(request: Request, c: dict, form: Form | None = None, *, status_code: int = 200,
                 **extra) -> Template:
    form = form or Form({"le": horloge.aujourdhui().isoformat(), "mode": "virement"})
    return render(request, FICHE, {"c": c, "form": form, "modes": rules.MODES, "badges": BADGES, "euros": rules.euros,
                                   **extra},
                  block="contenu" if request.headers.get("hx-request") else None, status_code=status_code)


async def _du_perimetre(request: Request, cotisation_id: int) -> dict:
    try:
        return await rules.du_perimetre(request.user, cotisation_id)
    except LookupError:
        raise NotFoundException() from None


async def _appels(request: Request, form: Form | None = None, *, status_code: int = 200, **extra) -> Template:
    return render(request, APPEL, {"appels": await rules.appels(), "form": form or Form({}), "euros": rules.euros,
                                   **extra}, status_code=status_code)


class CotisationsGestionController(Controller):
    path = "/gestion/cotisations"
    guards = [ordre_guard]

    @get("")
    async def liste(self, request: Request) -> Template:
        """The whole page, or for htmx the table (#tableau) or the filters and table (#contenu)."""
        f = liste.lire(request.query_params)
        p = await liste.page(request.user, f)
        bloc = "tableau" if request.headers.get("hx-target") == "tableau" else "contenu"
        return render(request, LISTE, {
            "f": f, "p": p, "colonnes": liste.FILE.colonnes, "par_page": liste.FILE.par_page,
            "fenetre": queue.fenetre(f.page, p.pages), "focus_id": request.headers.get("hx-trigger"),
            "statuts": rules.STATUTS, "badges": BADGES}, block=bloc)

    @get("/export")
    async def export(self, request: Request) -> Stream:
        f = liste.lire(request.query_params)
        return Stream(liste.csv_lignes(request.user, f), media_type="text/csv; charset=utf-8",
                      headers={"Content-Disposition": 'attachment; filename="cotisations.csv"'})

    @get("/appel", guards=[role_guard("national")])
    async def appels(self, request: Request) -> Template:
        return await _appels(request)

    @post("/appel", guards=[role_guard("national")])
    async def fixer_appel(self, request: Request) -> Template:
        """National sets the year, amount and due date; the 01/01 job issues it."""
        form = await Form.read(request, *forms.APPEL)
        valeurs = forms.appel(form)
        if valeurs is None:
            return await _appels(request, form, status_code=422)
        try:
            await rules.fixer_appel(*valeurs)
        except rules.Refus as refus:
            return await _appels(request, form, status_code=409, refus=str(refus))
        return await _appels(request, fait=f"Appel de cotisation {valeurs[0]} enregistré.")

    @get("/{cotisation_id:int}")
    async def fiche(self, request: Request, cotisation_id: int) -> Template:
        return await _fiche(request, await _du_perimetre(request, cotisation_id))

    @post("/{cotisation_id:int}/reglements")
    async def reglement(self, request: Request, cotisation_id: int) -> Template:
        """"Enregistrer un règlement": payments add up; errors keep what was typed."""
        c = await _du_perimetre(request, cotisation_id)
        form = await Form.read(request, *forms.REGLEMENT)
        r = forms.reglement(form, c["montant"] - c["regle"], horloge.aujourdhui())
        if r is None:
            return await _fiche(request, c, form, status_code=422)
        try:
            c = await rules.enregistrer_reglement(request.user, cotisation_id, r.le, r.montant, r.mode, r.reference)
        except rules.Refus as refus:
            return await _fiche(request, c, form, status_code=409, refus=str(refus))
        return await _fiche(request, c, fait=f"Règlement enregistré : {rules.euros(r.montant)} par "
                                             f"{rules.MODES[r.mode].lower()}.")

    @post("/{cotisation_id:int}/recouvrement", guards=[role_guard("national")])
    async def recouvrement(self, request: Request, cotisation_id: int) -> Template:
        c = await _du_perimetre(request, cotisation_id)
        try:
            c = await rules.transmettre(request.user, cotisation_id)
        except rules.Refus as refus:
            return await _fiche(request, c, status_code=409, refus=str(refus))
        return await _fiche(request, c, fait="Cotisation transmise au recouvrement.")
