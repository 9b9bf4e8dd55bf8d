"""La carte: published annonces matching the current filters, by département, with a table equivalent."""

from __future__ import annotations

import json
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode

from litestar import Controller, Request, get
from litestar.response import Template

from tables.reference.build_carte import DATA
from tables.referentiel import Departement
from web.alertes.rules import requete_propre
from web.annonces.recherche import compter_par_departement, criteres_depuis
from web.annonces.routes import contexte_annonces
from web.security import praticien_guard
from web.templating import render

NIVEAUX = 5


@lru_cache
def carte() -> dict:
    return json.loads((DATA / "carte_departements.json").read_text())


def niveau(n: int, maximum: int) -> int:
    """0 for none, then 1 to NIVEAUX-1 by share of the busiest département (colour classes)."""
    if n == 0 or maximum == 0:
        return 0
    return min(NIVEAUX - 1, 1 + (n * (NIVEAUX - 1) - 1) // maximum)


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
        maximum = max(comptes.values(), default=0)
        departements = [
            {**d, "n": comptes.get(d["code"], 0), "niveau": niveau(comptes.get(d["code"], 0), maximum),
             "lien": "/annonces?" + urlencode([*filtres, ("lieux", f"departement:{d['code']}")])}
            for d in await Departement.select(Departement.code, Departement.nom).order_by(Departement.code)]
        return render(request, "carte/carte.html", await contexte_annonces(
            request, departements=departements, carte=carte(), total=sum(comptes.values()),
            retour="/annonces?" + urlencode(filtres)))
