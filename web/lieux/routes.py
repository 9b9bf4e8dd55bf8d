"""GET /lieux: the suggestions of the lieux picker, a listbox that htmx swaps under the text box."""

from __future__ import annotations

import re

from litestar import Controller, Request, get
from litestar.response import Template

from tables.reference.texte import normaliser
from web.lieux.rules import chercher
from web.security import praticien_guard
from web.templating import render

# `pour` is the picker's field name: it prefixes the element ids and names its text box.
_POUR = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,39}")


class LieuxController(Controller):
    path = "/lieux"
    guards = [praticien_guard]

    @get("")
    async def suggestions(self, request: Request, q: str = "", pour: str = "lieux") -> Template:
        """`q`, or the picker's own text box `{pour}_saisie` (what htmx sends from it); 2 characters at least."""
        pour = pour if _POUR.fullmatch(pour) else "lieux"
        texte = (q or request.query_params.get(f"{pour}_saisie") or "").strip()[:100]
        assez = len(normaliser(texte)) >= 2
        resultats = await chercher(texte) if assez else []
        return render(request, "lieux/suggestions.html", {
            "q": texte, "pour": pour, "resultats": resultats, "vide": assez and not resultats,
        }, block="suggestions")
