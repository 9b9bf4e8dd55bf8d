"""La carte: published annonces matching the current filters, by département, with a table equivalent."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from litestar import Controller, Request, get
from litestar.response import Template

from web.alertes.rules import requete_propre
from web.annonces.contexte import contexte_annonces
from web.annonces.france import carte, departements
from web.annonces.recherche import compter_par_departement, criteres_depuis
from web.security import praticien_guard
from web.templating import render


class CarteController(Controller):
    path = "/annonces/carte"
    guards = [praticien_guard]

    @get("")
    async def carte(self, request: Request) -> Template:
        q = request.query_params
        criteres = (await criteres_depuis(q))[0]
        comptes = await compter_par_departement(criteres)
        # The criteria only, each once checked (never the query as sent: it is repeated in ~100 links).
        filtres = [(k, v) for k, v in parse_qsl(requete_propre(request.url.query or "")) if k != "lieux"]
        return render(request, "annonces/carte.html", await contexte_annonces(
            request, departements=await departements(
                comptes, lambda code: "/annonces?" + urlencode([*filtres, ("lieux", f"departement:{code}")])),
            carte=carte(), total=sum(comptes.values()), retour="/annonces?" + urlencode(filtres)))
