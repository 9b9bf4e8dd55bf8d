"""The saved-search forms: the name becomes the subject of every alert e-mail, so it is one line of text."""

from __future__ import annotations

from urllib.parse import parse_qsl

from litestar import Request
from litestar.datastructures import MultiDict

from web.annonces.recherche import criteres_depuis
from web.forms import Form, TropDeValeurs, une_ligne

MAX_NOM = 100


async def lire(request: Request, *noms: str) -> Form:
    """The posted form, its name on one line, required and at most MAX_NOM characters."""
    form = await Form.read(request, "nom", *noms)
    form.values["nom"] = une_ligne(form["nom"])
    form.required("nom")
    if len(form["nom"]) > MAX_NOM:
        form.error("nom", f"{MAX_NOM} caractères au plus.")
    return form


async def verifier_requete(form: Form) -> None:
    """Every alert run searches the saved query again: it must be one that Trouver accepts."""
    try:
        await criteres_depuis(MultiDict(parse_qsl(form["requete"])))
    except TropDeValeurs as exc:
        form.error("requete", exc.message)
