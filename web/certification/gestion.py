"""Back-office routes of the certification périodique (SPEC_DEMARCHES §3.5): "En retard" with its alerts, and
"Exonérations". Parse → authorise (the perimeter, in the rules) → call a rule → render."""

from __future__ import annotations

from urllib.parse import parse_qsl

from litestar import Controller, Request, get, post
from litestar.datastructures import MultiDict
from litestar.exceptions import NotFoundException
from litestar.response import Template

from tables.referentiel import Specialite
from web.certification import exonerations, periode, retard
from web.forms import valeurs
from web.instruction import file as queue
from web.security import ordre_guard
from web.templating import render

RETARD = "certification/gestion_retard.html"
EXONERATIONS = "certification/gestion_exonerations.html"


def _retour(query: str) -> MultiDict:
    """The list's state as it was shown (its canonical query, sent back by the forms)."""
    return MultiDict(parse_qsl(query[:2000]))


async def _retard(request: Request, f: queue.Etat, *, bloc: str = "contenu", status_code: int = 200,
                  **extra) -> Template:
    p = await retard.page(request.user, f)
    specialites = await Specialite.select(Specialite.code, Specialite.libelle).order_by(Specialite.libelle)
    return render(request, RETARD, {
        "f": f, "p": p, "colonnes": retard.FILE.colonnes, "par_page": retard.FILE.par_page,
        "fenetre": queue.fenetre(f.page, p.pages), "focus_id": request.headers.get("hx-trigger"),
        "specialites": specialites, "blocs": periode.BLOCS, "onglet": "retard", **extra,
    }, block=bloc, status_code=status_code)


async def _exonerations(request: Request, f: queue.Etat, *, status_code: int = 200, **extra) -> Template:
    p = await exonerations.page(request.user, f)
    return render(request, EXONERATIONS, {
        "f": f, "p": p, "par_page": exonerations.FILE.par_page, "fenetre": queue.fenetre(f.page, p.pages),
        "focus_id": request.headers.get("hx-trigger"), "onglet": "exonerations", **extra,
    }, block="contenu", status_code=status_code)


def _entier(valeur: object) -> int | None:
    return int(valeur) if isinstance(valeur, str) and valeur.isdigit() and len(valeur) < 10 else None


class CertificationGestionController(Controller):
    path = "/gestion/certification"
    guards = [ordre_guard]

    @get("")
    async def en_retard(self, request: Request) -> Template:
        """"En retard": the whole page, or for htmx the table (#tableau) or the filters and table (#contenu)."""
        f = retard.lire(request.query_params)
        bloc = "tableau" if request.headers.get("hx-target") == "tableau" else "contenu"
        return await _retard(request, f, bloc=bloc)

    @post("/alertes")
    async def alertes(self, request: Request) -> Template:
        """"Envoyer une alerte", for one row or the ticked ones; the table comes back with what was done."""
        data = await request.form()
        f = retard.lire(_retour(str(data.get("retour", ""))))
        ids = [i for i, _ in queue.lire_lot(valeurs(data, "lot", queue.LOT_MAX, "carnets cochés"))]
        if not ids:
            return await _retard(request, f, bloc="tableau", status_code=422,
                                 erreur_lot="Cochez au moins un médecin.")
        try:
            bilan = await retard.alerter_lot(request.user, ids)
        except LookupError:
            raise NotFoundException() from None
        return await _retard(request, f, bloc="tableau", bilan=bilan)

    @get("/exonerations")
    async def exonerations(self, request: Request) -> Template:
        """"Exonérations": the requests to confirm or refuse."""
        return await _exonerations(request, exonerations.lire(request.query_params))

    @post("/exonerations")
    async def decider(self, request: Request) -> Template:
        """"Confirmer l'exonération" / "Refuser"; the list comes back with the decision said."""
        data = await request.form()
        f = exonerations.lire(_retour(str(data.get("retour", ""))))
        carnet_id = _entier(data.get("carnet"))
        if carnet_id is None:
            return await _exonerations(request, f, status_code=422, erreur="Choisissez une demande d'exonération.")
        try:
            fait = await exonerations.decider(request.user, carnet_id, str(data.get("decision", "")))
        except LookupError:
            raise NotFoundException() from None
        except exonerations.Refus as refus:
            return await _exonerations(request, f, status_code=409, erreur=str(refus))
        return await _exonerations(request, f, fait=fait)
