"""The applicant's documents and messages on a dossier (SPEC_DEMARCHES §1.2, §1.5): add, replace, withdraw a
file, download one's own, write to the council. A refused file comes back in French beside its item."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Response, Template

from web.demarches import messagerie, pieces
from web.demarches.registre import type_de
from web.demarches.routes import DemarchesController, _contexte, _dossier
from web.demarches.televersement import envois
from web.fichiers import stockage
from web.fichiers.usages import FICHIERS_MESSAGE, PIECES_DOSSIER
from web.security import praticien_guard
from web.templating import htmx_demande, rediriger, render

FERME = "Ce document ne peut plus être modifié."


def section_pieces(d: dict) -> str:
    """The wizard page holding the documents (a type declares it with Section(pieces=True))."""
    return next(s.cle for s in type_de(d["type"]).sections if s.pieces)


def fichier(usage, ligne: dict | None) -> Response:
    """A file of the dossier, inert (images inline, PDFs as attachments), never cached; unknown: 404."""
    if ligne is None or not ligne["fichier"]:
        raise NotFoundException()
    return stockage.reponse(usage, ligne["fichier"], ligne["nom_original"], ligne["type_mime"], inline=True)


class DemarchesPiecesController(Controller):
    path = "/demarches"
    guards = [praticien_guard]

    @post("/{numero:str}/deposer/{cle:str}")
    async def deposer(self, request: Request, numero: str, cle: str) -> Response | Template:
        d = await _dossier(request, numero)
        data = await request.form()
        try:
            erreurs = await pieces.deposer(d, request.user, cle, envois(data, "fichiers"))
        except PermissionError as refus:
            raise PermissionDeniedException(FERME) from refus
        return await self._retour(request, d, data, {cle: erreurs} if erreurs else None)

    @post("/{numero:str}/pieces/{piece_id:int}/remplacer")
    async def remplacer(self, request: Request, numero: str, piece_id: int) -> Response | Template:
        d = await _dossier(request, numero)
        data = await request.form()
        try:
            cle, erreurs = await pieces.remplacer(d, request.user, piece_id, envois(data, "fichiers"))
        except PermissionError as refus:
            raise PermissionDeniedException(FERME) from refus
        return await self._retour(request, d, data, {cle: erreurs} if erreurs else None)

    @post("/{numero:str}/pieces/{piece_id:int}/supprimer")
    async def supprimer(self, request: Request, numero: str, piece_id: int) -> Response | Template:
        d = await _dossier(request, numero)
        try:
            await pieces.supprimer(d, request.user, piece_id)
        except PermissionError as refus:
            raise PermissionDeniedException(FERME) from refus
        return await self._retour(request, d, await request.form(), None)

    @get("/{numero:str}/pieces/{piece_id:int}/fichier")
    async def telecharger(self, request: Request, numero: str, piece_id: int) -> Response:
        return fichier(PIECES_DOSSIER, await pieces.ligne(await _dossier(request, numero), piece_id))

    @post("/{numero:str}/messages")
    async def ecrire(self, request: Request, numero: str) -> Response | Template:
        d = await _dossier(request, numero)
        data = await request.form()
        texte = str(data.get("texte", ""))
        try:
            await messagerie.ecrire(d, request.user, texte, envois(data, "fichier"))
        except messagerie.Refus as refus:
            return render(request, "demarches/dossier.html", await _contexte(
                d, request.user, **await messagerie.contexte(d, request.user, str(refus), texte)), status_code=422)
        return rediriger(request, f"/demarches/{numero}#messagerie")

    @get("/{numero:str}/messages/{message_id:int}/fichier")
    async def piece_jointe(self, request: Request, numero: str, message_id: int) -> Response:
        return fichier(FICHIERS_MESSAGE, await messagerie.message(await _dossier(request, numero), message_id))

    @staticmethod
    async def _retour(request: Request, d: dict, data, erreurs: dict | None) -> Response | Template:
        """Back to the page the form was on: the wizard's documents page, or the dossier page. With htmx the
        page is answered in place (its forms select their #documents), so nothing else typed there is lost."""
        section = data.get("retour") == "section"
        if not erreurs and not htmx_demande(request):
            return rediriger(request, f"/demarches/{d['numero']}/sections/{section_pieces(d)}" if section
                             else f"/demarches/{d['numero']}#documents")
        extra = await pieces.contexte(d, erreurs)
        if section:
            contexte = {**await DemarchesController._section(d, section_pieces(d), request.user, False), **extra}
            return render(request, "demarches/section.html", contexte, status_code=422 if erreurs else 200)
        return render(request, "demarches/dossier.html", await _contexte(d, request.user, **extra),
                      status_code=422 if erreurs else 200)
