"""For the national role: e-mails refused for good by the SMTP server, and "Renvoyer"."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.response import Response, Template

from tables.messages import Notification
from tasks import relais
from web.security import role_guard
from web.templating import rediriger, render


class NotificationsController(Controller):
    path = "/gestion/notifications"
    guards = [role_guard("national")]

    @get("")
    async def echecs(self, request: Request, renvoyee: int | None = None) -> Template:
        rows = await Notification.select(
            Notification.id, Notification.destinataire, Notification.sujet, Notification.echec_le,
            Notification.erreur, Notification.essais,
        ).where(Notification.echec_le.is_not_null()).order_by(Notification.echec_le, ascending=False).limit(500)
        return render(request, "notifications/echecs.html", {"echecs": rows, "renvoyee": renvoyee})

    @post("/{notification_id:int}/renvoyer")
    async def renvoyer(self, request: Request, notification_id: int) -> Response:
        rows = await Notification.update({Notification.echec_le: None, Notification.reserve_le: None,
                                          Notification.erreur: ""}).where(
            (Notification.id == notification_id) & Notification.echec_le.is_not_null()
            & Notification.envoye_le.is_null()).returning(Notification.id)
        relais.notifier([r["id"] for r in rows])
        return rediriger(request, f"/gestion/notifications?renvoyee={notification_id}")
