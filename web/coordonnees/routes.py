"""Mes coordonnées de correspondance: rows edited in place with htmx, affectation per usage."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from tables.coordonnees import CHAMPS, USAGES
from web.annonces.rules import CONTACT_CONFIRME
from web.auth.rules import jeton_valide
from web.coordonnees import changement, rules
from web.coordonnees.forms import CHAMPS_LIGNE, communes_du_code, valider_ligne
from web.forms import Form
from web.security import praticien_guard
from web.templating import bloc_seul, render

PAGE = "/espace/coordonnees"
LIEN = "coordonnees/lien.html"


async def _zone(request: Request, *, edition: str | int | None = None, form: Form | None = None,
                message: str | None = None, refus: str | None = None, choix: dict | None = None,
                status_code: int = 200, contact: str = "") -> Template:
    """The page, or its "zone" block (rows + affectations) for htmx."""
    praticien = request.user.praticien
    lignes = await rules.lignes(praticien)
    return render(request, "coordonnees/page.html", {
        "lignes": lignes, "choix": rules.choix(lignes), "affectations": choix or await rules.affectations(praticien),
        "usages": rules.LIBELLES_USAGES, "edition": edition, "form": form or Form({}),
        "message": message, "refus": refus, "changement": await changement.en_attente(praticien),
        "choix_contact": request.user.choix_contact_annonces, "contact_confirme": CONTACT_CONFIRME.get(contact),
    }, block="zone", status_code=status_code)


MESSAGES = {
    "ajout": "La ligne de coordonnées est ajoutée.",
    "modif": "La ligne de coordonnées est modifiée.",
    "suppr": "La ligne de coordonnées est supprimée.",
    "affect": "L'affectation de vos coordonnées est enregistrée.",
    "attente": "Vos changements sont enregistrés, sauf votre nouvel e-mail de l'Ordre : il s'appliquera quand "
               "vous aurez suivi le lien que nous venons de lui envoyer.",
}


async def _succes(request: Request, cle: str) -> Template | Redirect:
    """htmx gets the refreshed zone; a plain form post is redirected (post/redirect/get)."""
    if request.headers.get("hx-request") == "true":
        return await _zone(request, message=MESSAGES[cle])
    return Redirect(f"{PAGE}?ok={cle}", status_code=303)


class CoordonneesController(Controller):
    path = PAGE
    guards = [praticien_guard]

    @get("")
    async def page(self, request: Request, modifier: str | None = None, ok: str | None = None,
                   contact: str = "") -> Template:
        edition: str | int | None = None
        form = Form({})
        if modifier == "nouvelle":
            edition = "nouvelle"
        elif modifier and modifier.isdigit():
            ligne = next((r for r in await rules.lignes(request.user.praticien) if r["id"] == int(modifier)), None)
            if ligne is None:
                raise NotFoundException()
            edition = ligne["id"]
            form = Form({**{c: ligne[c] or "" for c in CHAMPS_LIGNE}, "commune": ligne["commune_nom"] or ""})
        return await _zone(request, edition=edition, form=form, message=MESSAGES.get(ok or ""), contact=contact)

    @get("/communes")
    async def communes(self, request: Request, code_postal: str = "") -> Template | Redirect:
        if page := bloc_seul(request, PAGE):
            return page
        return render(request, "coordonnees/page.html", {"communes": await communes_du_code(code_postal)},
                      block="communes")

    @post("")
    async def ajouter(self, request: Request) -> Template | Redirect:
        form = await Form.read(request, *CHAMPS_LIGNE)
        ligne = await valider_ligne(form)
        if ligne is None:
            return await _zone(request, edition="nouvelle", form=form, status_code=422)
        await rules.ajouter(request.user.praticien, ligne)
        return await _succes(request, "ajout")

    @post("/{coordonnee_id:int}")
    async def modifier(self, request: Request, coordonnee_id: int) -> Template | Redirect:
        form = await Form.read(request, *CHAMPS_LIGNE)
        ligne = await valider_ligne(form)
        if ligne is None:
            return await _zone(request, edition=coordonnee_id, form=form, status_code=422)
        try:
            attente = await rules.modifier(request.user.praticien, request.user.id, coordonnee_id, ligne)
        except LookupError as exc:
            raise NotFoundException() from exc
        except rules.RefusCoordonnees as exc:
            form.error("email", str(exc))
            return await _zone(request, edition=coordonnee_id, form=form, status_code=422)
        return await _succes(request, "attente" if attente else "modif")

    @post("/{coordonnee_id:int}/supprimer")
    async def supprimer(self, request: Request, coordonnee_id: int) -> Template | Redirect:
        try:
            await rules.supprimer(request.user.praticien, coordonnee_id)
        except LookupError as exc:
            raise NotFoundException() from exc
        except rules.RefusCoordonnees as exc:
            return await _zone(request, refus=str(exc), status_code=422)
        return await _succes(request, "suppr")

    @post("/affectations")
    async def affecter(self, request: Request) -> Template | Redirect:
        data = await request.form()
        choix: dict[str, dict[str, int | None]] = {}
        for usage in USAGES:
            choix[usage] = {}
            for champ in CHAMPS:
                value = data.get(f"{usage}_{champ}", "")
                choix[usage][champ] = int(value) if isinstance(value, str) and value.isdigit() else None
        try:
            attente = await rules.affecter_tout(request.user.praticien, request.user.id, choix)
        except rules.RefusCoordonnees as exc:
            return await _zone(request, refus=str(exc), choix=choix, status_code=422)
        return await _succes(request, "attente" if attente else "affect")


class LiensEmailOrdreController(Controller):
    """The links of an Ordre e-mail change, followed from a mailbox (logged in or not): each GET only shows a
    button, so a mail scanner opening links changes nothing."""

    path = "/coordonnees"
    opt = {"public": True}

    @get("/email-ordre/{jeton:str}")
    async def page_confirmer(self, request: Request, jeton: str) -> Template:
        valide = await jeton_valide(jeton, "email_ordre") is not None
        return render(request, LIEN, {"nature": "confirmer", "valide": valide, "jeton": jeton},
                      status_code=200 if valide else 410)

    @post("/email-ordre/{jeton:str}")
    async def confirmer(self, request: Request, jeton: str) -> Template:
        change = await changement.confirmer(jeton)
        return render(request, LIEN, {"nature": "confirmer", "valide": change is not None, "fait": change},
                      status_code=200 if change else 410)

    @get("/ce-n-est-pas-moi/{jeton:str}")
    async def page_signaler(self, request: Request, jeton: str) -> Template:
        valide = await jeton_valide(jeton, "pas_moi") is not None
        return render(request, LIEN, {"nature": "signaler", "valide": valide, "jeton": jeton},
                      status_code=200 if valide else 410)

    @post("/ce-n-est-pas-moi/{jeton:str}")
    async def signaler(self, request: Request, jeton: str) -> Template:
        mails = await changement.signaler(jeton)
        if mails is not None:
            request.clear_session()  # this browser's session, if any, ended with the others
        return render(request, LIEN, {"nature": "signaler", "valide": mails is not None, "fait": mails is not None},
                      status_code=200 if mails is not None else 410)
