"""The council's side of a dossier's documents, thread and notes internes (SPEC_DEMARCHES §1.2, §1.5, §2.7).

Every route starts from `instruction.dossier`: another perimeter's dossier, or a confidential one, is the
French 404, and so are its files.
"""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.response import Response, Template

from web.demarches import messagerie, notes, pieces
from web.demarches.gestion import DemarchesGestionController, ouvrir
from web.demarches.pieces_routes import fichier
from web.demarches.televersement import envois
from web.fichiers.usages import FICHIERS_MESSAGE, FICHIERS_NOTE, PIECES_DOSSIER
from web.security import ordre_guard
from web.templating import rediriger, render


class DemarchesPiecesGestionController(Controller):
    path = "/gestion/demarches"
    guards = [ordre_guard]

    @post("/{numero:str}/pieces/{piece_id:int}/verdict")
    async def juger(self, request: Request, numero: str, piece_id: int) -> Response | Template:
        d = await self._dossier(request, numero)
        data = await request.form()
        try:
            await pieces.juger(d, request.user, piece_id, str(data.get("statut", "")), str(data.get("raison", "")),
                               str(data.get("texte", "")), data.get("de"))
        except pieces.Refus as refus:
            return await self._page(request, numero, erreur=str(refus),
                                    code=409 if isinstance(refus, pieces.Conflit) else 422)
        return rediriger(request, f"/gestion/demarches/{numero}#documents")

    @get("/{numero:str}/pieces/{piece_id:int}/fichier")
    async def telecharger(self, request: Request, numero: str, piece_id: int) -> Response:
        return fichier(PIECES_DOSSIER, await pieces.ligne(await self._dossier(request, numero), piece_id))

    @post("/{numero:str}/messages")
    async def ecrire(self, request: Request, numero: str) -> Response | Template:
        d = await self._dossier(request, numero)
        data = await request.form()
        texte = str(data.get("texte", ""))
        try:
            await messagerie.ecrire(d, request.user, texte, envois(data, "fichier"), data.get("attente") == "on")
        except messagerie.Refus as refus:
            return await self._page(request, numero, **await messagerie.contexte(d, request.user, str(refus), texte))
        return rediriger(request, f"/gestion/demarches/{numero}#messagerie")

    @get("/{numero:str}/messages/{message_id:int}/fichier")
    async def piece_jointe(self, request: Request, numero: str, message_id: int) -> Response:
        return fichier(FICHIERS_MESSAGE, await messagerie.message(await self._dossier(request, numero), message_id))

    @post("/{numero:str}/notes")
    async def noter(self, request: Request, numero: str) -> Response | Template:
        d = await self._dossier(request, numero)
        data = await request.form()
        saisie = {"genre": str(data.get("genre", "")), "texte": str(data.get("texte", ""))}
        try:
            await notes.ajouter(d, request.user, saisie["genre"], saisie["texte"], envois(data, "fichier"))
        except notes.Refus as refus:
            return await self._page(request, numero, **await notes.contexte(d, str(refus), saisie))
        return rediriger(request, f"/gestion/demarches/{numero}#notes")

    @get("/{numero:str}/notes/{note_id:int}/fichier")
    async def fichier_note(self, request: Request, numero: str, note_id: int) -> Response:
        return fichier(FICHIERS_NOTE, await notes.note(await self._dossier(request, numero), note_id))

    @post("/{numero:str}/rapporteur")
    async def designer(self, request: Request, numero: str) -> Response | Template:
        d = await self._dossier(request, numero)
        data = await request.form()
        try:
            await notes.designer_rapporteur(d, request.user, str(data.get("rapporteur", "")))
        except notes.Refus as refus:
            return await self._page(request, numero, erreur_rapporteur=str(refus))
        return rediriger(request, f"/gestion/demarches/{numero}#notes")

    _dossier = staticmethod(ouvrir)

    async def _page(self, request: Request, numero: str, erreur: str = "", code: int = 422, **extra) -> Template:
        """The dossier page again, the error beside its form (or at the top), what was typed kept."""
        contexte = await DemarchesGestionController._contexte(self, request, numero, erreur)
        return render(request, "demarches/gestion_dossier.html", {**contexte, **extra}, status_code=code)
