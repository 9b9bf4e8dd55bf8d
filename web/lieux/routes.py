"""GET /lieux: the suggestions of the lieux picker, a listbox that htmx swaps under the text box.

The suggestions are public reference data (the COG's communes, départements and régions), the same for
everyone: the route needs no session, so it is left out of the session and CSRF middleware (no database
read per keystroke), each answer is kept rendered, and browsers may keep it a day.
"""

from __future__ import annotations

import re
from functools import lru_cache

from litestar import Controller, Request, get
from litestar.response import Response

from tables.reference.texte import normaliser
from web.lieux.rules import chercher
from web.security import SANS_SESSION
from web.templating import fragment

# `pour` is the picker's field name: it prefixes the element ids and names its text box.
_POUR = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,39}")
ENTETES = {"Vary": "HX-Request", "Cache-Control": "public, max-age=86400"}


@lru_cache(maxsize=4096)
def _html(texte: str, pour: str, resultats: tuple, vide: bool) -> str:
    return fragment("lieux/suggestions.html", "suggestions", q=texte, pour=pour, resultats=resultats, vide=vide)


class LieuxController(Controller):
    path = "/lieux"
    opt = SANS_SESSION

    @get("")
    async def suggestions(self, request: Request, q: str = "", pour: str = "lieux") -> Response:
        """`q`, or the picker's own text box `{pour}_saisie` (what htmx sends from it); 2 characters at least."""
        pour = pour if _POUR.fullmatch(pour) else "lieux"
        texte = (q or request.query_params.get(f"{pour}_saisie") or "").strip()[:100]
        assez = len(normaliser(texte)) >= 2
        resultats = tuple(await chercher(texte)) if assez else ()
        return Response(_html(texte, pour, resultats, assez and not resultats), media_type="text/html",
                        headers=ENTETES)
