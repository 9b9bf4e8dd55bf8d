"""Downloading a dossier's PDFs (its applicant, or the staff of its perimeter) and the public `/verifier/<code>`.

A code of another dossier, or a dossier one may not see, answers the French 404 like an unknown one.
`/verifier` says only the title, the holder, the day and whether the document is still valid (§1.9).
"""

from __future__ import annotations

from litestar import Controller, Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.response import Template

from tables.demarches import Dossier
from web.demarches import instruction
from web.demarches.moteur import objet
from web.documents import rules
from web.documents.pdf import rendre
from web.security import ordre_guard, praticien_guard
from web.templating import render


def _pdf(doc: dict | None, numero: str) -> Response:
    if doc is None:
        raise NotFoundException()
    nom = f"{doc['genre']}-{numero}-{doc['version']}.pdf"
    return Response(rendre(objet(doc["contenu"])), media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{nom}"', "Cache-Control": "private"})


class DocumentsController(Controller):
    """The applicant's own documents: another applicant's dossier or code is a 404."""

    path = "/demarches/{numero:str}/documents"
    guards = [praticien_guard]

    @get("/{code:str}")
    async def telecharger_mon_document(self, request: Request, numero: str, code: str) -> Response:
        d = await Dossier.select(Dossier.id).where((Dossier.numero == numero) & (Dossier.compte == request.user.id)
                                                   ).first()
        return _pdf(await rules.du_code(code, d["id"]) if d else None, numero)


class DocumentsGestionController(Controller):
    path = "/gestion/demarches/{numero:str}/documents"
    guards = [ordre_guard]

    @get("/{code:str}")
    async def telecharger_document(self, request: Request, numero: str, code: str) -> Response:
        d = await instruction.dossier(request.user, numero, lecture=True)  # a PDF is read, the origin may too
        return _pdf(await rules.du_code(code, d["id"]) if d else None, numero)


class VerifierController(Controller):
    path = "/verifier"
    opt = {"public": True}

    @get("/{code:str}")
    async def verifier_un_document(self, request: Request, code: str) -> Template:
        normal = rules.normaliser(code)
        doc = await rules.du_code(normal) if normal else None
        return render(request, "documents/verifier.html", {"doc": doc, "code": normal or ""},
                      status_code=200 if doc else 404)
