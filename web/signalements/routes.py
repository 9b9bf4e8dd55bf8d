"""The council's list of reports to handle (doctors report from the annonce: web/annonces/routes.py)."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Response, Template

from web.annonces import statuts
from web.forms import Form
from web.gestion import moderation
from web.instruction import file as instruction
from web.security import ordre_guard
from web.signalements import rules
from web.templating import rediriger, render

OK = {"ecarte": "Le signalement est écarté.", "deja": "Ce signalement vient d'être traité par un autre gestionnaire.",
      "refuse": "L'annonce est refusée ; son auteur en est informé avec le motif."}


class SignalementsController(Controller):
    path = "/gestion/signalements"
    guards = [ordre_guard]

    @get("")
    async def liste(self, request: Request, ok: str = "") -> Template:
        return await _liste(request, ok=OK.get(ok))

    @post("/{signalement_id:int}/{decision:str}")
    async def traiter(self, request: Request, signalement_id: int, decision: str) -> Response:
        if decision not in ("ecarte", "refuse"):
            raise NotFoundException()
        form = await Form.read(request, "motif", "version")
        try:
            await rules.traiter(request.user, signalement_id, decision, form["motif"],
                                instruction.lire_version(form["version"]))
        except LookupError as exc:
            raise NotFoundException() from exc
        except rules.DejaTraite:
            return rediriger(request, "/gestion/signalements?ok=deja")
        except PermissionError as exc:
            raise PermissionDeniedException() from exc
        except moderation.MotifInvalide as exc:
            form.error("motif", str(exc))
            return await _liste(request, en_erreur=signalement_id, form=form, status_code=422)
        except (statuts.ActionRefusee, statuts.Conflit) as exc:  # the refusal rolled back: the report stays open
            erreur = instruction.CONFLIT if isinstance(exc, statuts.Conflit) else str(exc)
            return await _liste(request, erreur=erreur, status_code=422)
        return rediriger(request, f"/gestion/signalements?ok={decision}")


async def _liste(request: Request, status_code: int = 200, **contexte) -> Template:
    """The open reports, each with the buttons the annonce's table allows this gestionnaire."""
    signalements = await rules.a_traiter(request.user)
    for s in signalements:
        s["actions"] = statuts.actions({"statut": s["statut"], "departement": s["departement"]}, request.user)
    return render(request, "signalements/liste.html", {
        "signalements": signalements, "motifs": rules.MOTIFS, "motif_refus": moderation.MOTIF_PAR_DEFAUT,
        "ok": None, "erreur": None, "en_erreur": None, "form": Form({}), **contexte}, status_code=status_code)
