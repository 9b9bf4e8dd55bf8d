"""« Contrôles à réaliser » (SPEC_DEMARCHES §3.5): the council's list of ended periods and their control dossiers."""

from __future__ import annotations

from litestar import Controller, Request, get
from litestar.response import Template

from web.certification import controles
from web.security import ordre_guard
from web.templating import render


class CertificationControlesController(Controller):
    path = "/gestion/certification/controles"
    guards = [ordre_guard]

    @get("")
    async def controles_a_realiser(self, request: Request) -> Template:
        page = request.query_params.get("page", "1")
        p = await controles.a_realiser(request.user, int(page) if page.isdigit() and len(page) < 6 else 1)
        return render(request, "certification/controles.html", {"p": p}, block="tableau")
