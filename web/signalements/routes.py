"""Signaler (doctors, on a published annonce) and the council's list of reports to handle."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Response, Template

from web.annonces import rules as annonces
from web.annonces import statuts
from web.annonces.routes import contexte_consulter
from web.forms import Form
from web.security import ordre_guard, praticien_guard
from web.signalements import rules
from web.templating import rediriger, render

MOTIF_REFUS = ("Votre annonce ne respecte pas les règles de publication. Nous vous invitons à en prendre "
               "connaissance et à modifier le contenu")


class SignalerController(Controller):
    path = "/annonces"
    guards = [praticien_guard]

    @post("/{numero:int}/signaler")
    async def signaler(self, request: Request, numero: int) -> Template:
        annonce = await annonces.charger(numero, publiee_seulement=True)
        if annonce is None:
            raise NotFoundException()
        if not rules.peut_signaler(request.user, annonce):
            raise PermissionDeniedException("Vous ne pouvez pas signaler votre propre annonce.")
        form = await Form.read(request, "motif", "commentaire")
        if form["motif"] not in rules.MOTIFS:
            form.error("motif", "Choisissez un motif.")
        signale = form.ok and await rules.signaler(request.user, numero, form["motif"], form["commentaire"])
        return render(request, "annonces/consulter.html", await contexte_consulter(
            request, annonce, form_signalement=form if not form.ok else Form({}), signale=signale),
            block="signaler", status_code=200 if signale else 422)


class SignalementsController(Controller):
    path = "/gestion/signalements"
    guards = [ordre_guard]

    @get("")
    async def liste(self, request: Request, ok: str = "") -> Template:
        return render(request, "signalements/liste.html", {
            "signalements": await rules.a_traiter(request.user), "motifs": rules.MOTIFS, "motif_refus": MOTIF_REFUS,
            "ok": {"ecarte": "Le signalement est écarté.", "deja": "Ce signalement vient d'être traité par un autre "
                   "gestionnaire.", "refuse": "L'annonce est refusée ; son auteur en est "
                   "informé avec le motif."}.get(ok)})

    @post("/{signalement_id:int}/{decision:str}")
    async def traiter(self, request: Request, signalement_id: int, decision: str) -> Response:
        if decision not in ("ecarte", "refuse"):
            raise NotFoundException()
        motif = (await Form.read(request, "motif"))["motif"] or MOTIF_REFUS
        try:
            await rules.traiter(request.user, signalement_id, decision, motif)
        except LookupError as exc:
            raise NotFoundException() from exc
        except rules.DejaTraite:
            return rediriger(request, "/gestion/signalements?ok=deja")
        except PermissionError as exc:
            raise PermissionDeniedException() from exc
        except (statuts.ActionRefusee, statuts.Conflit):
            return rediriger(request, "/gestion/signalements?ok=ecarte")  # already off line: nothing to refuse
        return rediriger(request, f"/gestion/signalements?ok={decision}")
