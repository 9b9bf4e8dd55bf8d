"""Back-office routes of the démarches: the queue's tabs, a dossier, its actions (buttons from the table)."""

from __future__ import annotations

from datetime import date

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Response, Template

from web.demarches import (
    convocations,
    delais,
    echeances,
    file,
    historique,
    instruction,
    messagerie,
    notes,
    pieces,
    statuts,
    suivi,
)
from web.demarches.courriels import instructeur
from web.demarches.moteur import STATUTS, Champ, objet
from web.demarches.registre import type_de
from web.documents import rules as documents
from web.instruction.file import lire_version
from web.machine import ActionRefusee, Conflit
from web.security import ordre_guard
from web.templating import rediriger, render

CONFLIT = "Ce dossier vient d'être modifié : rechargez la page."
# What the council may do from the dossier page; "demander_complements" has its own form.
BOUTONS = ("instruire", "lever_complements", "accepter", "refuser", "classer_sans_suite", "rouvrir")


async def ouvrir(request: Request, numero: str, lecture: bool = False) -> dict:
    """The dossier of this number in the user's perimeter, or the French 404 (every back-office dossier route);
    with `lecture` (the dossier page), also one the user's council handed on, to read only."""
    d = await instruction.dossier(request.user, numero, lecture)
    if d is None:
        raise NotFoundException()
    return d


class DemarchesGestionController(Controller):
    path = "/gestion/demarches"
    guards = [ordre_guard]

    @get("/{numero:str}")
    async def consulter(self, request: Request, numero: str) -> Template:
        contexte = await self._contexte(request, numero, lecture=True)
        if not contexte["d"]["lecture"]:
            await messagerie.marquer_lus(contexte["d"], request.user)
        return render(request, "demarches/gestion_dossier.html", contexte)

    @post("/{numero:str}/complements")
    async def complements(self, request: Request, numero: str) -> Response | Template:
        d = await self._dossier(request, numero)
        data = await request.form()
        return await self._agir(request, d, instruction.demander_complements(
            d, request.user, str(data.get("raison", "")), str(data.get("texte", "")), _version(data),
            *(_cent(data.getall(nom, [])) for nom in ("cibles", "pieces"))))

    @post("/{numero:str}/complet")
    async def complet(self, request: Request, numero: str) -> Response | Template:
        d = await self._dossier(request, numero)
        data = await request.form()
        try:
            le = date.fromisoformat(str(data.get("complet_le", "")))
        except ValueError:
            return await self._erreur(request, numero, "Indiquez la date de réception du dernier document requis.")
        return await self._agir(request, d, instruction.declarer_complet(d, request.user, le))

    @post("/{numero:str}/prolonger")
    async def prolonger(self, request: Request, numero: str) -> Response | Template:
        d = await self._dossier(request, numero)
        data = await request.form()
        return await self._agir(request, d, echeances.prolonger(d, request.user, lire_version(data.get("version"))))

    @post("/{numero:str}/suivre")
    async def suivre(self, request: Request, numero: str) -> Response | Template:
        d = await self._dossier(request, numero)
        return await self._agir(request, d, suivi.depuis_formulaire(d, request.user, await request.form()))

    @post("/{numero:str}/panneau")
    async def panneau(self, request: Request, numero: str) -> Response | Template:
        """The type's own panel (web/demarches/moteur.py `panneau`), e.g. the control's actions to verify."""
        d = await self._dossier(request, numero)
        if type_de(d["type"]).agir_panneau is None:
            raise NotFoundException()
        data = await request.form()
        return await self._agir(request, d, instruction.agir_panneau(d, request.user,
                                                                     {k: str(v)[:2000] for k, v in data.items()}))

    @post("/{numero:str}/actions/{action:str}")
    async def agir(self, request: Request, numero: str, action: str) -> Response | Template:
        d = await self._dossier(request, numero)
        if action not in BOUTONS:
            raise NotFoundException()
        data = await request.form()
        motif = str(data.get("motif", "")).strip()[:2000]
        if action in statuts.MOTIF_REQUIS and not motif:
            return await self._erreur(request, numero, "Le motif est obligatoire pour cette action.")
        decision, manque = _decision(type_de(d["type"]).champs_decision.get(action, ()), data)
        if manque:
            return await self._erreur(request, numero, manque)
        return await self._agir(request, d, statuts.appliquer(d["id"], action, request.user, version=_version(data),
                                                              motif=motif, suivre=action == "instruire",
                                                              decision=decision))

    async def _agir(self, request: Request, d: dict, effet) -> Response | Template:
        try:
            await effet
        except Conflit:
            return await self._erreur(request, d["numero"], CONFLIT, 409)
        except (ActionRefusee, instruction.Refus, echeances.Refus) as refus:
            return await self._erreur(request, d["numero"], str(refus))
        except PermissionError:
            return await self._erreur(request, d["numero"], "Cette action ne vous est pas ouverte.", 403)
        return rediriger(request, f"/gestion/demarches/{d['numero']}")

    async def _erreur(self, request: Request, numero: str, message: str, code: int = 422) -> Template:
        return render(request, "demarches/gestion_dossier.html", await self._contexte(request, numero, message),
                      status_code=code)

    _dossier = staticmethod(ouvrir)

    async def _contexte(self, request: Request, numero: str, erreur: str = "", lecture: bool = False) -> dict:
        d = await ouvrir(request, numero, lecture)
        demarche = type_de(d["type"])
        valeurs = objet(d["donnees"])
        return {"d": d, "demarche": demarche, "valeurs": valeurs, "erreur": erreur, "statuts": STATUTS,
                "statut": demarche.libelle_statut(d["statut"], valeurs),
                "infos": demarche.infos(d) if demarche.infos else [],
                "demandeur": await instruction.demandeur(d),
                "conseil": await instructeur(d), "historique": await historique.pour_gestion(d),
                "horloge": delais.ligne(demarche.delai_de(valeurs), delais.etat_de(d)), "raisons": instruction.RAISONS,
                "actions": list({t.action: t for t in statuts.TRANSITIONS if t.action in BOUTONS and t.de == d["statut"]
                                 and t.action in statuts.actions(d, request.user)}.values()),
                "complements": "demander_complements" in statuts.actions(d, request.user),
                "demande": objet(d["complements"]),
                "collegues": await file.collegues(request.user, demarche.habilitation),
                "instruit": statuts.instruit(d, request.user),
                "prolongeable": echeances.prolongeable(d), "ciblables": instruction.ciblables(d),
                "pieces_ciblables": instruction.pieces_ciblables(d),
                "cible": request.query_params.get("cible", ""),
                **await documents.contexte(d, f"/gestion/demarches/{numero}"), **await pieces.contexte(d),
                **await messagerie.contexte(d, request.user), **await notes.contexte(d),
                **await convocations.contexte(d, request.user),
                **(await demarche.contexte_panneau(d) if demarche.contexte_panneau else {})}


def _decision(champs: tuple[Champ, ...], data) -> tuple[dict, str]:
    """The type's fields of an action as posted (a choice must be one of its own), or the French message of
    the first one missing."""
    valeurs = {c.nom: str(data.get(c.nom, "")).strip()[:2000] for c in champs}
    for c in champs:
        if c.choix and valeurs[c.nom] not in dict(c.choix):
            valeurs[c.nom] = ""
        if c.obligatoire and not valeurs[c.nom]:
            return valeurs, f"Indiquez : {c.libelle}."
    return valeurs, ""


def _cent(valeurs: list) -> list[str]:
    """A targeted list as posted, cut at 100 (more fields or items than any type has)."""
    return [str(v) for v in valeurs][:100]


def _version(data) -> int | None:
    try:
        return int(data.get("version", ""))
    except (TypeError, ValueError):
        return None
