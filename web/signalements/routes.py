"""The council's list of reports to handle (doctors report from the annonce: web/annonces/routes.py)."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Response, Template

from web.annonces import statuts
from web.forms import Form
from web.security import ordre_guard
from web.signalements import rules
from web.templating import rediriger, render

MOTIF_REFUS = ("Votre annonce ne respecte pas les règles de publication. Nous vous invitons à en prendre "
               "connaissance et à modifier le contenu")


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
