"""Mon espace (home), Mes services, Mes démarches, and the Message inbox."""

from __future__ import annotations

from dataclasses import replace

from litestar import Controller, Request, get
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from web.coordonnees.rules import email_ordre
from web.cotisations import rules as cotisations
from web.demarches import registre
from web.demarches.rules import mes_demarches
from web.espace import fils, rules
from web.security import praticien_guard
from web.services import espace as services
from web.templating import render


def _lus(request: Request, ouverts: int) -> None:
    """The user was read with the session, before this page marked `ouverts` messages read: the header's count
    on this page must not lag one page behind."""
    if ouverts:
        user = request.scope["user"]
        request.scope["user"] = replace(user, non_lus=max(0, user.non_lus - ouverts))


class EspaceController(Controller):
    path = "/espace"
    guards = [praticien_guard]

    @get("")
    async def mon_compte(self, request: Request) -> Template:
        user = request.user
        return render(request, "espace/mon_compte.html", {
            "courriel": await email_ordre(user.praticien) or "", "demarches": await mes_demarches(user.id),
            "peut_commencer": bool(registre.pour(user.role)),
            "services": rules.services(user.role), "etats": {"cotisations": await cotisations.en_cours(user.praticien)},
            **await services.contexte(user),
        })

    @get("/demarches/archivees")
    async def demarches_archivees(self, request: Request) -> Template:
        return render(request, "espace/demarches_archivees.html",
                      {"demarches": await mes_demarches(request.user.id, archives=True)})

    @get("/services/{slug:str}")
    async def service(self, request: Request, slug: str) -> Template | Redirect:
        if slug not in rules.SERVICES:
            raise NotFoundException()
        titre, description, lien = rules.SERVICES[slug]
        if rules.ouvert(lien, request.user.role):  # built since: its own page
            return Redirect(lien)
        return render(request, "espace/service.html", {"titre": titre, "description": description,
                                                       "reserve": bool(lien)})

    @get("/messages")
    async def messages(self, request: Request, q: str = "") -> Template:
        q = q.strip()[:100]
        return render(request, "espace/messages.html", {"fils": await fils.fils(request.user.id, q), "q": q},
                      block="fils")

    @get("/messages/fils/{sujet_type:str}/{sujet_id:int}")
    async def fil(self, request: Request, sujet_type: str, sujet_id: int) -> Template:
        trouve = await fils.fil(request.user.id, sujet_type, sujet_id)
        if trouve is None:
            raise NotFoundException()
        _lus(request, trouve.ouverts)
        return render(request, "espace/fil.html", {"fil": trouve})

    @get("/messages/{message_id:int}")
    async def message(self, request: Request, message_id: int) -> Template:
        trouve = await fils.message(request.user.id, message_id)
        if trouve is None:
            raise NotFoundException()
        _lus(request, trouve[1].ouverts)
        return render(request, "espace/message.html", {"message": trouve[0], "fil": trouve[1]})
