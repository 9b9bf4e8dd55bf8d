"""The council's queue of identity requests: "Créer votre espace" where the Tableau holds no e-mail."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Response, Template

from web.forms import Form
from web.identites import rules
from web.security import ordre_guard
from web.templating import rediriger, render

PAGE = "/gestion/identites"
SUCCES = {"valider": "L'identité est validée : le lien pour créer son espace est envoyé au praticien.",
          "refuser": "La demande est refusée : le praticien en est informé avec le motif."}


async def _page(request: Request, message: str | None = None, refus: str | None = None,
                form: Form | None = None, demande_id: int | None = None, status_code: int = 200) -> Template:
    return render(request, "identites/file.html", {
        "demandes": await rules.file(request.user), "message": message, "refus": refus,
        "form": form or Form({}), "en_erreur": demande_id, "motif_refus": rules.MOTIF_REFUS,
    }, block="file", status_code=status_code)


class IdentitesController(Controller):
    path = PAGE
    guards = [ordre_guard]

    @get("")
    async def file(self, request: Request, ok: str = "") -> Template:
        return await _page(request, message=SUCCES.get(ok))

    @post("/{demande_id:int}/valider")
    async def valider(self, request: Request, demande_id: int) -> Response:
        try:
            await rules.valider(request.user, demande_id)
        except LookupError as exc:
            raise NotFoundException("Cette demande n'existe pas dans votre périmètre.") from exc
        except rules.DemandeImpossible as exc:
            return await _page(request, refus=str(exc), status_code=422)
        return rediriger(request, f"{PAGE}?ok=valider")

    @post("/{demande_id:int}/refuser")
    async def refuser(self, request: Request, demande_id: int) -> Response:
        form = await Form.read(request, "motif")
        form.required("motif")
        try:
            if not form.ok:
                await rules.verifier_perimetre(request.user, demande_id)
                return await _page(request, form=form, demande_id=demande_id, status_code=422)
            await rules.refuser(request.user, demande_id, form["motif"])
        except LookupError as exc:
            raise NotFoundException("Cette demande n'existe pas dans votre périmètre.") from exc
        except rules.DemandeImpossible as exc:
            return await _page(request, refus=str(exc), status_code=422)
        return rediriger(request, f"{PAGE}?ok=refuser")
