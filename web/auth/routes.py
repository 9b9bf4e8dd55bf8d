"""Log in, log out, create one's space, recover or change one's password; and the back-office login."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template

from tables.comptes import Compte
from tables.referentiel import Departement
from web.auth import forms, rules
from web.forms import Form
from web.identites import rules as identites
from web.security import praticien_guard
from web.sessions import revoquer_sessions, rotate_session
from web.templating import render

PUBLIC = {"public": True}
INSCRIPTION = "auth/inscription.html"
ACTIVATION = "auth/activation.html"
MOT_DE_PASSE = "auth/mot_de_passe.html"


def _suite(request: Request, defaut: str) -> str:
    """Only a local path: `next=https://…` or `//host` is ignored (no open redirect)."""
    nxt = request.query_params.get("next", "")
    return nxt if nxt.startswith("/") and not nxt.startswith(("//", "/\\")) else defaut


def _adresse(request: Request) -> str:
    return request.client.host if request.client else "inconnue"


async def _connecter(request: Request, espace: str, template: str, defaut: str) -> Template | Redirect:
    form = await Form.read(request, "identifiant", raw=("mot_de_passe",))
    form.required("identifiant", "mot_de_passe")
    if form.ok:
        resultat = await rules.authentifier(form["identifiant"], form["mot_de_passe"], _adresse(request), espace)
        if resultat.compte_id is not None:
            rotate_session(request, {"compte_id": resultat.compte_id})
            return Redirect(_suite(request, defaut), status_code=303)
        form.error("identifiant", resultat.erreur or "", seule=True)
    form.values["mot_de_passe"] = ""
    return render(request, template, {"form": form}, block="formulaire", status_code=422)


class ConnexionController(Controller):
    path = ""
    opt = PUBLIC

    @get("/connexion")
    async def page_connexion(self, request: Request) -> Template:
        return render(request, "auth/connexion.html", {"form": Form({}),
                                                        "deconnecte": "deconnecte" in request.query_params})

    @post("/connexion")
    async def connexion(self, request: Request) -> Template | Redirect:
        return await _connecter(request, "praticien", "auth/connexion.html", "/espace")

    @post("/deconnexion")
    async def deconnexion(self, request: Request) -> Redirect:
        user = request.scope.get("user")
        gestion = user is not None and user.est_ordre
        request.clear_session()
        return Redirect("/gestion/connexion?deconnecte" if gestion else "/connexion?deconnecte", status_code=303)

    @get("/inscription")
    async def page_inscription(self, request: Request) -> Template:
        return render(request, INSCRIPTION, {"form": Form({})})

    @post("/inscription")
    async def inscription(self, request: Request) -> Template:
        """The identity first: the link goes to the Tableau's e-mail, or the council checks the identity."""
        form = await Form.read(request, *forms.INSCRIPTION)
        if await rules.inscription_limitee(_adresse(request)):  # identities cannot be tried in bulk
            form.error("rpps", rules.TROP_INSCRIPTIONS, seule=True)
            praticien = None
        else:
            praticien = await forms.valider_identite(form)
        if praticien is None:
            return render(request, INSCRIPTION, {"form": form, "courriel": form["etape"] == "courriel"},
                          block="formulaire", status_code=422)
        email = None if praticien["email"] else forms.email_pour_le_conseil(form)
        if not praticien["email"] and email is None:
            return render(request, INSCRIPTION, {"form": form, "courriel": True}, block="formulaire",
                          status_code=422 if form.errors else 200)
        statut, _ = await identites.demander(praticien, email)
        departement = await Departement.select(Departement.nom).where(
            Departement.code == praticien["departement"]).first()
        return render(request, INSCRIPTION, {
            "envoye": identites.masquer(praticien["email"]) if statut == "lien_envoye" else None,
            "transmise": email, "departement": departement["nom"] if departement else ""}, block="formulaire")

    @get("/inscription/activer/{jeton:str}")
    async def page_activer(self, request: Request, jeton: str) -> Template:
        demande = await identites.par_lien(jeton)
        return render(request, ACTIVATION, {"form": Form({}), "demande": demande, "jeton": jeton},
                      status_code=200 if demande else 410)

    @post("/inscription/activer/{jeton:str}")
    async def activer(self, request: Request, jeton: str) -> Template:
        """Whoever follows the link chooses the credentials: the account exists from here only."""
        form = await Form.read(request, "identifiant", raw=("mot_de_passe", "confirmation"))
        demande = await identites.par_lien(jeton)
        if demande is None:
            return render(request, ACTIVATION, {"demande": None}, block="formulaire", status_code=422)
        if not await forms.valider_identifiants(form):
            form.values.update(mot_de_passe="", confirmation="")
            return render(request, ACTIVATION, {"form": form, "demande": demande, "jeton": jeton},
                          block="formulaire", status_code=422)
        hache = await rules.hacher_async(form["mot_de_passe"])
        fait = await identites.activer(jeton, form["identifiant"], hache) is not None
        return render(request, ACTIVATION, {"fait": fait, "demande": fait}, block="formulaire",
                      status_code=200 if fait else 422)

    @get("/identifiants-oublies")
    async def page_oubli(self, request: Request) -> Template:
        return render(request, "auth/oubli.html", {"form": Form({})})

    @post("/identifiants-oublies")
    async def oubli(self, request: Request) -> Template:
        form = await Form.read(request, "recherche")
        form.required("recherche")
        if not form.ok:
            return render(request, "auth/oubli.html", {"form": form}, block="formulaire", status_code=422)
        await forms.envoyer_lien_oubli(form["recherche"], _adresse(request))
        return render(request, "auth/oubli.html", {"envoye": True}, block="formulaire")

    @get("/identifiants-oublies/{jeton:str}")
    async def page_reinitialiser(self, request: Request, jeton: str) -> Template:
        valide = await rules.jeton_valide(jeton, "reinitialisation") is not None
        return render(request, "auth/reinitialiser.html", {"form": Form({}), "valide": valide, "jeton": jeton},
                      status_code=200 if valide else 410)

    @post("/identifiants-oublies/{jeton:str}")
    async def reinitialiser(self, request: Request, jeton: str) -> Template:
        form = await Form.read(request, raw=("mot_de_passe", "confirmation"))
        forms.mot_de_passe(form)
        ctx = {"form": form, "valide": True, "jeton": jeton}
        if form.ok:
            empreinte = await rules.hacher_async(form["mot_de_passe"])
            async with Compte._meta.db.transaction():
                row = await rules.consommer_jeton(jeton, "reinitialisation")
                if row is not None:
                    await Compte.update({Compte.mot_de_passe: empreinte,
                                         Compte.actif: True}).where(Compte.id == row["compte"])
                    await revoquer_sessions(row["compte"])  # whoever held a session before the reset loses it
            ctx = {"valide": row is not None, "fait": row is not None, "jeton": jeton}
        form.values.update(mot_de_passe="", confirmation="")
        return render(request, "auth/reinitialiser.html", ctx, block="formulaire",
                      status_code=200 if form.ok else 422)


class GestionConnexionController(Controller):
    path = "/gestion"
    opt = PUBLIC

    @get("/connexion")
    async def page_connexion(self, request: Request) -> Template:
        return render(request, "auth/gestion_connexion.html",
                      {"form": Form({}), "deconnecte": "deconnecte" in request.query_params})

    @post("/connexion")
    async def connexion(self, request: Request) -> Template | Redirect:
        return await _connecter(request, "ordre", "auth/gestion_connexion.html", "/gestion")



class MotDePasseController(Controller):
    """Changer mon mot de passe: the current one re-typed (counted as a login), then every other session ends."""

    path = "/espace/mot-de-passe"
    guards = [praticien_guard]

    @get("")
    async def page(self, request: Request) -> Template:
        return render(request, MOT_DE_PASSE, {"form": Form({})})

    @post("")
    async def changer(self, request: Request) -> Template:
        form = await Form.read(request, raw=("actuel", "mot_de_passe", "confirmation"))
        form.required("actuel")
        forms.mot_de_passe(form)
        user = request.user
        if form.ok:
            verifie = await rules.authentifier(user.identifiant, form["actuel"], _adresse(request), "praticien")
            if verifie.compte_id != user.id:
                trop = verifie.erreur is not None and verifie.erreur.startswith("Trop")
                form.error("actuel", verifie.erreur if trop else "Le mot de passe actuel est incorrect.")
        if not form.ok:
            form.values.update(actuel="", mot_de_passe="", confirmation="")
            return render(request, MOT_DE_PASSE, {"form": form}, block="formulaire", status_code=422)
        hache = await rules.hacher_async(form["mot_de_passe"])
        await Compte.update({Compte.mot_de_passe: hache}).where(Compte.id == user.id)
        await revoquer_sessions(user.id)
        rotate_session(request, {"compte_id": user.id})  # this browser stays logged in, under a fresh id
        return render(request, MOT_DE_PASSE, {"fait": True}, block="formulaire")
