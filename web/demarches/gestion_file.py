"""Back-office routes of the démarches queue: the tabs, filters, sort and pages, and the selection; the same
routes under /gestion/entraide for the commission d'entraide (its holders only: a 404 for anyone else)."""

from __future__ import annotations

from urllib.parse import parse_qsl

from litestar import Controller, Request, get, post
from litestar.connection import ASGIConnection
from litestar.datastructures import MultiDict
from litestar.exceptions import NotFoundException
from litestar.handlers import BaseRouteHandler
from litestar.response import Response, Template

from web.demarches import file, suivi
from web.instruction import file as queue
from web.perimetre import habilite
from web.security import ordre_guard
from web.templating import render

PAGE = "demarches/gestion_file.html"


def _entier(valeur: object) -> int | None:
    return int(valeur) if isinstance(valeur, str) and valeur.isdigit() and len(valeur) < 10 else None


async def _file(request: Request, f: queue.Etat, habilitation: str, *, bloc: str = "file", status_code: int = 200,
                **extra) -> Template:
    p = await file.page(request.user, f)
    return render(request, PAGE, {
        "titre": "Commission d'entraide" if habilitation else "Démarches", "habilitation": habilitation,
        "f": f, "p": p, "onglets": file.ONGLETS, "onglet": f.form["onglet"] or "a_traiter",
        "colonnes": file.FILE.colonnes, "propres": file.colonnes_propres(f), "par_page": file.FILE.par_page,
        "fenetre": queue.fenetre(f.page, p.pages),
        "focus_id": request.headers.get("hx-trigger"), "ouvrir_filtres": file.filtres_actifs(f),
        "collegues": await file.collegues(request.user, habilitation), "actions_lot": suivi.ACTIONS_LOT,
        "types": {c: file.TYPES[c].libelle for c in f.file.choix["type"]}, "statuts": file.STATUTS, **extra,
    }, block=bloc, status_code=status_code)


class DemarchesFileController(Controller):
    path = "/gestion/demarches"
    guards = [ordre_guard]
    habilitation = ""  # the queue of the public types

    @get("")
    async def file(self, request: Request) -> Template:
        """The whole queue (tabs, filters, table) or, for htmx, the block it targets (#file or #tableau)."""
        f = file.lire(request.query_params, self.habilitation)
        bloc = "tableau" if request.headers.get("hx-target") == "tableau" and f.form.ok else "file"
        return await _file(request, f, self.habilitation, bloc=bloc)

    @get("/export.csv")
    async def exporter(self, request: Request) -> Response:
        """"Exporter (CSV)": the table as filtered, every page."""
        contenu = await file.export(request.user, file.lire(request.query_params, self.habilitation))
        return Response(contenu, media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="demarches.csv"'})

    @post("/lot")
    async def lot(self, request: Request) -> Template:
        """"Pour la sélection…": the table comes back with what was done and what was left, and why."""
        data = await request.form()
        f = file.lire(_retour(str(data.get("retour", ""))), self.habilitation)
        try:
            bilan = await suivi.lot(request.user, str(data.get("action", "")), queue.lire_lot(data.getall("lot", [])),
                                    _entier(data.get("compte")), str(data.get("texte", ""))[:5000], self.habilitation)
        except suivi.Refus as refus:
            return await _file(request, f, self.habilitation, bloc="tableau", status_code=422, erreur_lot=str(refus))
        return await _file(request, f, self.habilitation, bloc="tableau", bilan=bilan)


async def entraide_guard(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    """The commission's queue exists only for the national staff holding the habilitation."""
    if not habilite(connection.scope.get("user"), "entraide"):
        raise NotFoundException()


class EntraideFileController(DemarchesFileController):
    """"Entraide": the commission's queue, the same code on the entraide types (SPEC_DEMARCHES §4.7)."""

    path = "/gestion/entraide"
    guards = [ordre_guard, entraide_guard]
    habilitation = "entraide"


def _retour(query: str) -> MultiDict:
    """The table's state as it was shown (its canonical query, sent back by the batch form)."""
    return MultiDict(parse_qsl(query[:2000]))
