"""The doctor's certification (SPEC_DEMARCHES §3.2–3.4): the "Tableau de bord des 4 blocs", the form of an
action, the buttons of the table (Confirmer, Ce n'est pas moi, Supprimer) and the bloc 3 exemption request.

For médecins only (an interne or a docteur junior has no certification yet: the guard refuses, in French).
Each route reads the doctor's own carnet; an action of another carnet is a French 404.
"""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Response, Template

from tables import horloge
from tables.comptes import Praticien
from web.certification import actions, forms, periode, rpps
from web.certification.referentiels import DEMONSTRATION, Referentiel, referentiel
from web.fichiers import depots, stockage
from web.fichiers.usages import PREUVES_CERTIFICATION
from web.fichiers.verifier import FichierRefuse
from web.machine import ActionRefusee, Conflit
from web.security import role_guard
from web.templating import bloc_seul, rediriger, render

PAGE = "/espace/certification"
CHECKLIST = ("Vérifiez votre email RPPS.", "Continuez vos actions DPC (prises en compte depuis 2023).",
             "Attendez l'ouverture de la plateforme fin 2026.")
MESSAGES = {"brouillon": "L'action est enregistrée en brouillon.", "declarer": "L'action est déclarée.",
            "confirmer": "L'action est confirmée : elle compte dans votre programme.",
            "rejeter": "L'action est retirée de votre carnet.", "supprimer": "L'action est supprimée.",
            "exoneration": actions.EXONERATIONS["demandee"] + "."}


async def _referentiel(praticien_id: int) -> Referentiel:
    """The référentiel of the current specialty; actions already declared count whatever it was."""
    p = await Praticien.select(Praticien.specialite).where(Praticien.id == praticien_id).first()
    return referentiel(p["specialite"] if p else None)


async def _carnet(request: Request) -> dict:
    return await periode.ouvrir(request.user.praticien)


async def _action(request: Request, carnet: dict, action_id: int) -> dict:
    action = await actions.charger(carnet["id"], action_id)
    if action is None:
        raise NotFoundException()
    return action


async def tableau(request: Request, message: str | None = None, refus: str | None = None,
                  status_code: int = 200) -> Template:
    carnet = await _carnet(request)
    ref = await _referentiel(request.user.praticien)
    liste = await actions.lister(carnet["id"])
    requis = periode.blocs_requis(carnet)
    blocs = [{"numero": b, "titre": titre, "exonere": b not in requis,
              "validees": min(carnet[f"b{b}"], periode.PAR_BLOC), "actions": [a for a in liste if a["bloc"] == b],
              "suggestions": ref.suggestions(b)}
             for b, titre in periode.BLOCS.items()]
    return render(request, "certification/tableau.html", {
        "carnet": carnet, "ref": ref, "demonstration": DEMONSTRATION, "blocs": blocs, "par_bloc": periode.PAR_BLOC,
        "rythme": periode.rythme(carnet), "regle_rythme": periode.REGLE_RYTHME, "exoneration": periode.EXONERATION,
        "etat_exoneration": actions.EXONERATIONS.get(carnet["exoneration"]), "checklist": CHECKLIST,
        "a_confirmer": [a for a in liste if a["statut"] == "a_confirmer"], "message": message, "refus": refus,
        "rpps": await rpps.suivi(request.user.praticien),
    }, block="tableau", status_code=status_code)


async def _formulaire(request: Request, saisie: forms.Saisie, action: dict | None, status_code: int = 200,
                      block: str = "formulaire") -> Template:
    ref = await _referentiel(request.user.praticien)
    bloc = forms.bloc_de(saisie.form["bloc"])
    choisie = saisie.choisie or ref.action(saisie.form["code"])
    choisie = choisie if choisie in ref.actions(bloc or 0) else None
    return render(request, "certification/action.html", {
        "form": saisie.form, "saisie": saisie, "action": action, "ref": ref, "blocs": periode.BLOCS,
        "demonstration": DEMONSTRATION,
        "choix": ref.actions(bloc) if bloc else (), "choisie": choisie, "autre": forms.AUTRE,
        "honneur": bool(choisie and choisie.honneur), "aujourdhui": horloge.aujourdhui().isoformat(),
        "possibles": actions.possibles(action["statut"] if action else actions.NOUVELLE),
    }, block=block, status_code=status_code)


async def _enregistrer(request: Request, action: dict | None) -> Template | Response:
    """Files reach the store only once the form is valid; until then they wait (web/fichiers/depots)."""
    user, carnet = request.user, await _carnet(request)
    saisie = await forms.lire(request, user.id, action)
    if saisie.bouton == "actualiser":  # "Actualiser la liste" without JS: the list of the bloc, nothing saved
        saisie.form.values["code"] = ""
        await depots.mettre_en_attente(saisie.lot, user.id)
        return await _formulaire(request, saisie, action)
    ref = await _referentiel(user.praticien)
    await forms.verifier(saisie, carnet, ref, action, horloge.aujourdhui())
    if saisie.form.ok:
        try:
            await actions.enregistrer(carnet["id"], user.id, action, saisie.ecriture())
            return rediriger(request, f"{PAGE}?ok={saisie.bouton}")
        except FichierRefuse as exc:  # disk full: the form comes back, the files still waiting
            saisie.form.error("preuves", str(exc))
        except (ActionRefusee, Conflit) as exc:
            saisie.form.error("bouton", str(exc) if isinstance(exc, ActionRefusee) else actions.CONFLIT, seule=True)
    await depots.mettre_en_attente(saisie.lot, user.id)
    return await _formulaire(request, saisie, action, status_code=422)


async def _appliquer(request: Request, action_id: int, nom: str) -> Template | Response:
    """A button of the dashboard: a row of actions.TRANSITIONS other than the form's own two."""
    carnet = await _carnet(request)
    action = await _action(request, carnet, action_id)
    if nom not in {t.action for t in actions.TRANSITIONS} - set(forms.DECISIONS):
        raise NotFoundException()
    try:
        await actions.appliquer(carnet["id"], action, nom)
    except ActionRefusee as exc:
        return await tableau(request, refus=str(exc), status_code=422)
    except Conflit:
        return await tableau(request, refus=actions.CONFLIT, status_code=409)
    return rediriger(request, f"{PAGE}?ok={nom}")


class CertificationController(Controller):
    path = PAGE
    guards = [role_guard("medecin")]

    @get("")
    async def page(self, request: Request, ok: str = "") -> Template:
        return await tableau(request, message=MESSAGES.get(ok))

    @get("/actions/nouvelle")
    async def nouvelle(self, request: Request, bloc: str = "", code: str = "") -> Template:
        """`bloc` preselected ("Ajouter une action" of a card), `code` too (a suggestion of an empty bloc)."""
        bloc = bloc if forms.bloc_de(bloc) else ""
        suggeree = (await _referentiel(request.user.praticien)).action(code)
        saisie = forms.Saisie(forms.formulaire({"bloc": bloc, "code": code if suggeree else "",
                                                "intitule": suggeree.libelle if suggeree else ""}), "brouillon")
        return await _formulaire(request, saisie, None)

    @post("/actions/nouvelle")
    async def creer(self, request: Request) -> Template | Response:
        return await _enregistrer(request, None)

    @get("/actions/choix")
    async def choix(self, request: Request, bloc: str = "", code: str = "") -> Template | Redirect:
        """The select of the référentiel's actions of a bloc, and what the chosen one expects (its proofs, the
        "déclaration sur l'honneur" where allowed), when the bloc or the action changes (htmx)."""
        if page := bloc_seul(request, f"{PAGE}/actions/nouvelle?bloc={bloc if forms.bloc_de(bloc) else ''}"):
            return page
        saisie = forms.Saisie(forms.formulaire({"bloc": bloc, "code": code[:20]}), "brouillon")
        return await _formulaire(request, saisie, None, block="choix")

    @get("/actions/{action_id:int}")
    async def modifier(self, request: Request, action_id: int) -> Template:
        action = await _action(request, await _carnet(request), action_id)
        if action["statut"] not in actions.MODIFIABLES:
            raise NotFoundException()
        saisie = forms.Saisie(forms.depuis_action(action), "brouillon", gardees=[p["id"] for p in action["preuves"]])
        return await _formulaire(request, saisie, action)

    @post("/actions/{action_id:int}")
    async def modifier_post(self, request: Request, action_id: int) -> Template | Response:
        action = await _action(request, await _carnet(request), action_id)
        if action["statut"] not in actions.MODIFIABLES:
            raise NotFoundException()
        return await _enregistrer(request, action)

    @get("/actions/{action_id:int}/supprimer")
    async def supprimer(self, request: Request, action_id: int) -> Template:
        """"Supprimer cette action ?" as a page: the confirmation works without JS."""
        action = await _action(request, await _carnet(request), action_id)
        if "supprimer" not in actions.possibles(action["statut"]):
            raise NotFoundException()
        return render(request, "certification/supprimer.html", {"action": action})

    @post("/actions/{action_id:int}/supprimer")
    async def supprimer_post(self, request: Request, action_id: int) -> Template | Response:
        return await _appliquer(request, action_id, "supprimer")

    @post("/actions/{action_id:int}/{nom:str}")
    async def appliquer(self, request: Request, action_id: int, nom: str) -> Template | Response:
        """Confirmer, Ce n'est pas moi: a row of actions.TRANSITIONS."""
        return await _appliquer(request, action_id, nom)

    @get("/preuves/{preuve_id:int}")
    async def preuve(self, request: Request, preuve_id: int) -> Response:
        carnet = await _carnet(request)
        ligne = await actions.preuve(carnet["id"], preuve_id)
        if ligne is None:
            raise NotFoundException()
        return stockage.reponse(PREUVES_CERTIFICATION, ligne["fichier"], ligne["nom_original"], ligne["type_mime"],
                                inline=True)

    @post("/exoneration")
    async def exoneration(self, request: Request) -> Template | Response:
        data = await request.form()
        if data.get("sans_soins") != "on":
            return await tableau(request, refus="Cochez « Je n'ai pas d'activité de soins directe auprès des "
                                                "patients » pour demander l'exonération du bloc 3.", status_code=422)
        await actions.demander_exoneration(await _carnet(request))
        return rediriger(request, f"{PAGE}?ok=exoneration")
