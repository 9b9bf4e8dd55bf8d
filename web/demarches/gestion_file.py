"""Back-office routes of the démarches queue: the tabs, filters, sort and pages, and the selection."""

from __future__ import annotations

from urllib.parse import parse_qsl

from litestar import Controller, Request, get, post
from litestar.datastructures import MultiDict
from litestar.response import Response, Template

from web.demarches import file, suivi
from web.instruction import file as queue
from web.security import ordre_guard
from web.templating import render

PAGE = "demarches/gestion_file.html"


def _entier(valeur: object) -> int | None:
    return int(valeur) if isinstance(valeur, str) and valeur.isdigit() and len(valeur) < 10 else None


async def _file(request: Request, f: queue.Etat, *, bloc: str = "file", status_code: int = 200, **extra) -> Template:
    p = await file.page(request.user, f)
    return render(request, PAGE, {
        "f": f, "p": p, "onglets": file.ONGLETS, "onglet": f.form["onglet"] or "a_traiter",
        "colonnes": file.FILE.colonnes, "propres": file.colonnes_propres(f), "par_page": file.FILE.par_page,
        "fenetre": queue.fenetre(f.page, p.pages),
        "focus_id": request.headers.get("hx-trigger"), "ouvrir_filtres": file.filtres_actifs(f),
        "collegues": await file.collegues(request.user), "actions_lot": suivi.ACTIONS_LOT,
        "types": {c: file.TYPES[c].libelle for c in file.PUBLICS}, "statuts": file.STATUTS, **extra,
    }, block=bloc, status_code=status_code)


class DemarchesFileController(Controller):
    path = "/gestion/demarches"
    guards = [ordre_guard]

    @get("")
    async def file(self, request: Request) -> Template:
        """The whole queue (tabs, filters, table) or, for htmx, the block it targets (#file or #tableau)."""
        f = file.lire(request.query_params)
        bloc = "tableau" if request.headers.get("hx-target") == "tableau" and f.form.ok else "file"
        return await _file(request, f, bloc=bloc)

    @get("/export.csv")
    async def exporter(self, request: Request) -> Response:
        """"Exporter (CSV)": the table as filtered, every page."""
        contenu = await file.export(request.user, file.lire(request.query_params))
        return Response(contenu, media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="demarches.csv"'})

    @post("/lot")
    async def lot(self, request: Request) -> Template:
        """"Pour la sélection…": the table comes back with what was done and what was left, and why."""
        data = await request.form()
        f = file.lire(_retour(str(data.get("retour", ""))))
        try:
            bilan = await suivi.lot(request.user, str(data.get("action", "")), queue.lire_lot(data.getall("lot", [])),
                                    _entier(data.get("compte")), str(data.get("texte", ""))[:5000])
        except suivi.Refus as refus:
            return await _file(request, f, bloc="tableau", status_code=422, erreur_lot=str(refus))
        return await _file(request, f, bloc="tableau", bilan=bilan)


def _retour(query: str) -> MultiDict:
    """The table's state as it was shown (its canonical query, sent back by the batch form)."""
    return MultiDict(parse_qsl(query[:2000]))
