"""The pages every public service links in its footer: accessibility statement (RGAA), legal notice, personal
data (read from docs/RGPD.md) and Contact, which names the visitor's own council when it is known."""

from __future__ import annotations

from datetime import date

from litestar import Controller, Request, get
from litestar.response import Template

from web.informations.rgpd import registre
from web.templating import render
from web.territoires import rules as territoires

DECLARATION = date(2026, 12, 3)  # when the accessibility statement was written: updated with it


class InformationsController(Controller):
    opt = {"public": True}

    @get("/accessibilite")
    async def accessibilite(self, request: Request) -> Template:
        return render(request, "informations/accessibilite.html", {"date_declaration": DECLARATION})

    @get("/mentions-legales")
    async def mentions_legales(self, request: Request) -> Template:
        return render(request, "informations/mentions_legales.html")

    @get("/donnees-personnelles")
    async def donnees_personnelles(self, request: Request) -> Template:
        return render(request, "informations/donnees_personnelles.html", {"registre": registre()})

    @get("/contact")
    async def contact(self, request: Request) -> Template:
        """A doctor's council is that of their département, a gestionnaire's that of its perimeter; the
        national role and anonymous visitors are shown how to find the right one."""
        user = request.user
        t = await territoires.territoire(user.departement) if user and user.departement else None
        return render(request, "informations/contact.html", {
            "t": t, "contact": await territoires.contact(t) if t else None})
