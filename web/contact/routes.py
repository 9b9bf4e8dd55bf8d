"""POST /annonces/{n}/contacter: the form on a published annonce, re-rendered in place."""

from __future__ import annotations

from litestar import Controller, Request, post
from litestar.exceptions import NotFoundException
from litestar.response import Template

from web.annonces import rules as annonces
from web.annonces.routes import contexte_consulter
from web.contact import rules
from web.forms import Form
from web.security import praticien_guard
from web.templating import render


class ContactController(Controller):
    path = "/annonces"
    guards = [praticien_guard]

    @post("/{numero:int}/contacter")
    async def contacter(self, request: Request, numero: int) -> Template:
        annonce = await annonces.charger(numero, publiee_seulement=True)
        if annonce is None:
            raise NotFoundException()
        form = await Form.read(request, "message", "repondre_a")
        form.required("message")
        if len(form["message"]) > 3000:
            form.error("message", "3 000 caractères au plus.")
        envoye = False
        if form.ok:
            try:
                await rules.envoyer(request.user, annonce, form["message"], form["repondre_a"])
                envoye = True
            except rules.ContactRefuse as exc:
                form.error("message", str(exc))
        return render(request, "annonces/consulter.html", await contexte_consulter(
            request, annonce, **{"form_contact": Form({}) if envoye else form, "contact_envoye": envoye}),
            block="contacter", status_code=200 if envoye else 422)
