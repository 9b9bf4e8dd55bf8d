"""Signaler (doctors, on a published annonce) and the council's list of reports to handle."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Response, Template

from web.annonces import rules as annonces
from web.annonces import statuts
from web.annonces.routes import contexte_consulter
from web.forms import Form
from web.gestion import moderation
from web.instruction import file as instruction
from web.security import ordre_guard, praticien_guard
from web.signalements import rules
from web.templating import rediriger, render

OK = {"ecarte": "Le signalement est écarté.", "deja": "Ce signalement vient d'être traité par un autre gestionnaire.",
      "refuse": "L'annonce est refusée ; son auteur en est informé avec le motif."}


class SignalerController(Controller):
    path = "/annonces"
    guards = [praticien_guard]

    @post("/{numero:int}/signaler")
    async def signaler(self, request: Request, numero: int) -> Template:
        annonce = await annonces.charger(numero, publiee_seulement=True)
        if annonce is None:
            raise NotFoundException()
        form = await Form.read(request, "motif", "commentaire")
        if form["motif"] not in rules.MOTIFS:
            form.error("motif", "Choisissez un motif.")
        if form.ok:
            await rules.signaler(request.user, numero, form["motif"], form["commentaire"])
        return render(request, "annonces/consulter.html", await contexte_consulter(
            request, annonce, form_signalement=form if not form.ok else Form({}), signale=form.ok),
            block="signaler", status_code=200 if form.ok else 422)


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
