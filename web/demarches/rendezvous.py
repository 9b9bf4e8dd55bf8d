"""Routes of the entretien, the séance and the appeal (SPEC_DEMARCHES §2.6, §2.7): the applicant's two buttons,
the council's actions on a dossier, and its calendars (what the dossier pages show of them: convocations.py).

The calendars are per département: another perimeter's, or an unknown one, answers the French 404.
"""

from __future__ import annotations

from datetime import date

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Response, Template

from web.demarches import appel, entretien, instruction, seances, statuts
from web.demarches.convocations import contexte
from web.demarches.courriels import nom_conseil
from web.demarches.gestion import CONFLIT, DemarchesGestionController, ouvrir
from web.demarches.routes import _contexte, _dossier
from web.forms import Form
from web.machine import ActionRefusee, Conflit
from web.perimetre import peut_agir
from web.security import ordre_guard, praticien_guard
from web.templating import rediriger, render


def _entier(data, nom: str) -> int:
    """A posted id (0, which matches nothing, when absent or not a number)."""
    valeur = str(data.get(nom, ""))
    return int(valeur) if valeur.isdigit() else 0


def _jour(valeur: str) -> date | None:
    try:
        return date.fromisoformat(valeur)
    except ValueError:
        return None


class RendezVousController(Controller):
    """The applicant: "Choisir ce créneau", "Demander un autre créneau"."""

    path = "/demarches/{numero:str}/entretien"
    guards = [praticien_guard]

    @post("")
    async def choisir(self, request: Request, numero: str) -> Response | Template:
        d = await _dossier(request, numero)
        data = await request.form()
        return await self._agir(request, d, entretien.reserver(d, _entier(data, "creneau"), request.user))

    @post("/autre")
    async def autre(self, request: Request, numero: str) -> Response | Template:
        d = await _dossier(request, numero)
        return await self._agir(request, d, entretien.liberer(d, request.user))

    @staticmethod
    async def _agir(request: Request, d: dict, effet) -> Response | Template:
        try:
            await effet
        except instruction.Refus as refus:
            return render(request, "demarches/dossier.html", {
                **await _contexte(d, request.user), **await contexte(d, request.user), "erreur": str(refus)},
                status_code=422)
        return rediriger(request, f"/demarches/{d['numero']}")


class RendezVousGestionController(Controller):
    """The council: a dossier's appointment, rapporteur, séance, opinion and notification date."""

    path = "/gestion/demarches/{numero:str}"
    guards = [ordre_guard]

    @post("/entretien")
    async def fixer(self, request: Request, numero: str) -> Response | Template:
        d, data = await self._dossier(request, numero), await request.form()
        return await self._agir(request, d, entretien.reserver(d, _entier(data, "creneau"), request.user))

    @post("/entretien/{issue:str}")
    async def constater(self, request: Request, numero: str, issue: str) -> Response | Template:
        d = await self._dossier(request, numero)
        if issue not in entretien.ISSUES:
            raise NotFoundException()
        return await self._agir(request, d, entretien.constater(d, issue, request.user))

    @post("/seance")
    async def inscrire(self, request: Request, numero: str) -> Response | Template:
        d, data = await self._dossier(request, numero), await request.form()
        return await self._agir(request, d, seances.inscrire(d, _entier(data, "seance"), request.user))

    @post("/avis/{avis:str}")
    async def avis(self, request: Request, numero: str, avis: str) -> Response | Template:
        d, data = await self._dossier(request, numero), await request.form()
        if avis not in (*seances.AVIS, "refus"):
            raise NotFoundException()
        return await self._agir(request, d, seances.rendre_avis(d, avis, request.user,
                                                                 str(data.get("motif", ""))))

    @post("/notification")
    async def notification(self, request: Request, numero: str) -> Response | Template:
        d, data = await self._dossier(request, numero), await request.form()
        le = _jour(str(data.get("notifie_le", "")))
        if le is None:
            return await self._erreur(request, numero, "Indiquez la date de notification par lettre recommandée.")
        return await self._agir(request, d, appel.noter_notification(d, request.user.id,
                                                                     statuts.libelle_acteur(request.user), le))

    _dossier = staticmethod(ouvrir)

    async def _agir(self, request: Request, d: dict, effet) -> Response | Template:
        try:
            await effet
        except Conflit:
            return await self._erreur(request, d["numero"], CONFLIT, 409)
        except (instruction.Refus, appel.Refus, ActionRefusee) as refus:
            return await self._erreur(request, d["numero"], str(refus))
        return rediriger(request, f"/gestion/demarches/{d['numero']}")

    async def _erreur(self, request: Request, numero: str, message: str, code: int = 422) -> Template:
        """The dossier page as DemarchesGestionController builds it (its context reads only `_dossier`)."""
        return render(request, "demarches/gestion_dossier.html",
                      await DemarchesGestionController._contexte(self, request, numero, message), status_code=code)


class CalendriersController(Controller):
    """"Créneaux d'entretien" and "Séances plénières" of one département, and a séance's "Ordre du jour"."""

    path = "/gestion/calendriers/{departement:str}"
    guards = [ordre_guard]

    @get("/creneaux")
    async def creneaux(self, request: Request, departement: str) -> Template:
        return await self._creneaux(request, departement, Form({"duree": "30"}, libelles=dict(entretien.LIBELLES)))

    @post("/creneaux")
    async def publier(self, request: Request, departement: str) -> Response | Template:
        await self._perimetre(request, departement)
        form = await Form.read(request, *entretien.CHAMPS)
        creneau = entretien.lire(form)
        if creneau is None:
            return await self._creneaux(request, departement, form, 422)
        await entretien.publier(departement, creneau)
        return rediriger(request, f"{self._base(departement)}/creneaux")

    @post("/creneaux/{creneau_id:int}/supprimer")
    async def supprimer(self, request: Request, departement: str, creneau_id: int) -> Response | Template:
        await self._perimetre(request, departement)
        if not await entretien.supprimer(departement, creneau_id):
            form = Form({"duree": "30"}, libelles=dict(entretien.LIBELLES))
            form.error("creneau", "Ce créneau a déjà été choisi ou supprimé.", seule=True)
            return await self._creneaux(request, departement, form, 422)
        return rediriger(request, f"{self._base(departement)}/creneaux")

    @get("/seances")
    async def seances(self, request: Request, departement: str) -> Template:
        return await self._seances(request, departement, Form({}, libelles=dict(seances.LIBELLES)))

    @post("/seances")
    async def ajouter(self, request: Request, departement: str) -> Response | Template:
        await self._perimetre(request, departement)
        form = await Form.read(request, "date", "lieu")
        form.libelles.update(seances.LIBELLES)
        form.required("date", "lieu")
        le = _jour(form["date"])
        if form["date"] and le is None:
            form.error("date", "Indiquez une date valide.")
        if le and not form.errors:
            try:
                await seances.ajouter(departement, le, form["lieu"])
                return rediriger(request, f"{self._base(departement)}/seances")
            except seances.Refus as refus:
                form.error("date", str(refus))
        return await self._seances(request, departement, form, 422)

    @get("/seances/{seance_id:int}")
    async def ordre_du_jour(self, request: Request, departement: str, seance_id: int) -> Template:
        await self._perimetre(request, departement)
        s = await seances.seance(departement, seance_id)
        if s is None:
            raise NotFoundException()
        return render(request, "demarches/ordre_du_jour.html", {
            "seance": s, "lignes": await seances.ordre_du_jour(seance_id), "conseil": await nom_conseil(departement),
            "departement": departement})

    async def _creneaux(self, request: Request, departement: str, form: Form, code: int = 200) -> Template:
        await self._perimetre(request, departement)
        return render(request, "demarches/creneaux.html", {
            "form": form, "departement": departement, "conseil": await nom_conseil(departement),
            "creneaux": await entretien.calendrier(departement)}, status_code=code)

    async def _seances(self, request: Request, departement: str, form: Form, code: int = 200) -> Template:
        await self._perimetre(request, departement)
        liste = await seances.seances(departement)
        return render(request, "demarches/seances.html", {
            "form": form, "departement": departement, "conseil": await nom_conseil(departement), "seances": liste,
            "nombres": await seances.nombres([s["id"] for s in liste])}, status_code=code)

    @staticmethod
    async def _perimetre(request: Request, departement: str) -> None:
        if not peut_agir(request.user, departement) or await seances.conseil_de(departement) is None:
            raise NotFoundException()

    @staticmethod
    def _base(departement: str) -> str:
        return f"/gestion/calendriers/{departement}"


CONTROLLERS = [RendezVousController, RendezVousGestionController, CalendriersController]
