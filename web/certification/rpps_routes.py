"""Routes of the RPPS e-mail follow-up and of what goes to and comes from the ANS (SPEC_DEMARCHES §3.5, §3.6).

Council side: the "Adresse e-mail RPPS" list (its URL is the whole state: état, page), "Relancer", "Saisir au
guichet"; national side: the export and the imports. Doctor side: the confirmation link (its GET only shows a
button, so a mail scanner opening it confirms nothing) and the request of a new link.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from litestar import Controller, Request, get, post
from litestar.datastructures import MultiDict
from litestar.exceptions import NotFoundException
from litestar.response import Response, Template

from web.certification import ans, rpps
from web.forms import Form, email_normalise
from web.instruction import file as queue
from web.security import ordre_guard, praticien_guard, role_guard
from web.templating import htmx_demande, rediriger, render

PAGE = "/gestion/certification/rpps"
HORS_PERIMETRE = "Ce médecin n'existe pas dans votre périmètre."
SUCCES = {"relance": "La relance est envoyée à l'e-mail de l'Ordre du médecin, avec une copie dans sa rubrique "
                     "« Message ».",
          "guichet": "L'adresse e-mail RPPS est enregistrée et confirmée."}


def _valider(form: Form) -> None:
    if form["etat"] not in rpps.ETATS:
        form.values["etat"] = ""


FILE = queue.File(chemin=PAGE, colonnes={"nom": "Médecin"}, tri_par_defaut=("nom", "asc"), textes=("etat",),
                  valider=_valider)


def _retour(data: object) -> queue.Etat:
    """The list's state as it was shown, sent back by a row's form (its canonical query)."""
    valeur = data.get("retour", "") if hasattr(data, "get") else ""
    return queue.lire(FILE, MultiDict(parse_qsl(valeur[:2000] if isinstance(valeur, str) else "")))


async def _liste(request: Request, f: queue.Etat, *, bloc: str = "liste", status_code: int = 200,
                 form: Form | None = None, en_erreur: str = "", **extra) -> Template:
    lignes, comptes = await rpps.liste(request.user)
    choisies = [ligne for ligne in lignes if ligne["etat"] == (f.form["etat"] or ligne["etat"])]
    total = len(choisies)
    p = queue.Page(lignes=[], total=total, a_traiter=0, pages=queue.pages(total, FILE.par_page), comptes=comptes)
    f.page = min(f.page, p.pages)
    p.lignes = choisies[(f.page - 1) * FILE.par_page:f.page * FILE.par_page]
    return render(request, "certification/rpps.html", {
        "f": f, "p": p, "etats": rpps.ETATS, "par_page": FILE.par_page, "fenetre": queue.fenetre(f.page, p.pages),
        "focus_id": request.headers.get("hx-trigger"), "form": form or Form({}), "en_erreur": en_erreur,
        "retour": urlencode(f.parametres()), **extra,
    }, block=bloc, status_code=status_code)


async def _apres(request: Request, f: queue.Etat, cle: str) -> Response | Template:
    """htmx gets the refreshed list and its message; a plain form is redirected to the list as it was."""
    if htmx_demande(request):
        return await _liste(request, f, message=SUCCES[cle])
    url = f.url()
    return rediriger(request, f"{url}{'&' if '?' in url else '?'}ok={cle}")


class RppsController(Controller):
    path = PAGE
    guards = [ordre_guard]

    @get("")
    async def liste(self, request: Request, ok: str = "") -> Template:
        """The list, or for htmx the block it targets (#tableau for a page, the whole list otherwise)."""
        bloc = "tableau" if request.headers.get("hx-target") == "tableau" else "liste"
        return await _liste(request, queue.lire(FILE, request.query_params), bloc=bloc, message=SUCCES.get(ok))

    @post("/{numero:str}/relancer")
    async def relancer(self, request: Request, numero: str) -> Response | Template:
        f = _retour(await request.form())
        try:
            await rpps.relancer(request.user, numero)
        except LookupError as exc:
            raise NotFoundException(HORS_PERIMETRE) from exc
        except rpps.RefusRpps as exc:
            return await _liste(request, f, refus=str(exc), status_code=422)
        return await _apres(request, f, "relance")

    @post("/{numero:str}/guichet")
    async def guichet(self, request: Request, numero: str) -> Response | Template:
        """"Saisir au guichet": the address typed is checked as every e-mail of the house; an error is shown
        beside the row's field, with what was typed."""
        form = await Form.read(request, "email", "retour")
        f = _retour(form.values)
        adresse = email_normalise(form["email"]) if form["email"] else None
        if adresse is None:
            await _perimetre(request, numero)
            form.error("email", "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr." if form["email"]
                       else "Saisissez l'adresse e-mail RPPS du médecin.")
            return await _liste(request, f, form=form, en_erreur=numero, status_code=422)
        try:
            await rpps.saisir(request.user, numero, adresse)
        except LookupError as exc:
            raise NotFoundException(HORS_PERIMETRE) from exc
        return await _apres(request, f, "guichet")


async def _perimetre(request: Request, numero: str) -> None:
    try:
        await rpps.praticien(request.user, numero)
    except LookupError as exc:
        raise NotFoundException(HORS_PERIMETRE) from exc


async def _ans(request: Request, *, status_code: int = 200, **extra) -> Template:
    return render(request, "certification/ans.html", {
        "exports": await ans.exports(), "a_exporter": await ans.a_exporter(), "max_lignes": ans.MAX_LIGNES,
        "en_tete_actions": ";".join(ans.EN_TETE_ACTIONS), **extra}, block="ans", status_code=status_code)


class AnsController(Controller):
    """National only: the file for the ANS and the national files in."""

    path = "/gestion/certification/ans"
    guards = [role_guard("national")]

    @get("")
    async def page(self, request: Request) -> Template:
        return await _ans(request)

    @post("/export")
    async def exporter(self, request: Request) -> Response:
        """"Exporter pour l'ANS": a download; the log on the page shows it at the next visit."""
        contenu = await ans.exporter(request.user)
        return Response(contenu, status_code=200, media_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": 'attachment; filename="courriels-rpps-ans.csv"'})

    @post("/retour")
    async def retour(self, request: Request) -> Template:
        bilan = await ans.importer_retour((await request.form()).get("fichier"))
        return await _ans(request, bilan_retour=bilan, status_code=200 if bilan.acceptees else 422)

    @post("/actions")
    async def actions(self, request: Request) -> Template:
        bilan = await ans.importer_actions((await request.form()).get("fichier"))
        return await _ans(request, bilan_actions=bilan, status_code=200 if bilan.acceptees else 422)


LIEN = "certification/rpps_lien.html"


class LienRppsController(Controller):
    """The confirmation link, followed from a mailbox, logged in or not."""

    path = "/certification/rpps/confirmer"
    opt = {"public": True}

    @get("/{jeton:str}")
    async def page(self, request: Request, jeton: str) -> Template:
        adresse = await rpps.adresse_du_lien(jeton)
        return render(request, LIEN, {"adresse": adresse, "jeton": jeton}, status_code=200 if adresse else 410)

    @post("/{jeton:str}")
    async def confirmer(self, request: Request, jeton: str) -> Template:
        adresse = await rpps.confirmer(jeton)
        return render(request, LIEN, {"fait": adresse}, status_code=200 if adresse else 410)


class EspaceRppsController(Controller):
    """The doctor asks for the confirmation link himself (linked from his certification dashboard)."""

    path = "/espace/certification/rpps"
    guards = [praticien_guard]

    @post("/confirmer")
    async def demander(self, request: Request) -> Template:
        try:
            adresse = await rpps.demander_lien(request.user.praticien, request.user.id)
        except rpps.RefusRpps as exc:
            return render(request, "certification/rpps_envoi.html", {"refus": str(exc)}, block="envoi",
                          status_code=422)
        return render(request, "certification/rpps_envoi.html", {"adresse": adresse}, block="envoi")
