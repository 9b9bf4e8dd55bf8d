"""Log in, log out, create one's space, recover one's credentials; and the back-office login."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template

from tables.comptes import Compte
from tasks.outbox import relayer
from web.auth import forms, rules
from web.coordonnees.rules import ajouter_email_ordre
from web.forms import Form
from web.mails import mail
from web.sessions import rotate_session
from web.templating import render

PUBLIC = {"public": True}


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
        form.error("identifiant", resultat.erreur or "")
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
        return render(request, "auth/inscription.html", {"form": Form({})})

    @post("/inscription")
    async def inscription(self, request: Request) -> Template:
        form = await Form.read(request, *forms.INSCRIPTION, raw=("mot_de_passe", "confirmation"))
        donnees = await forms.valider_inscription(form)
        if donnees is None:
            form.values.update(mot_de_passe="", confirmation="")
            return render(request, "auth/inscription.html", {"form": form}, block="formulaire", status_code=422)
        async with Compte._meta.db.transaction():
            compte = await Compte.insert(Compte(
                identifiant=donnees["identifiant"], mot_de_passe=rules.hacher(donnees["mot_de_passe"]),
                role=donnees["qualite"], praticien=donnees["praticien"], actif=False,
            )).returning(Compte.id)
            jeton = await rules.emettre_jeton(compte[0]["id"], "confirmation", donnee=donnees["email"])
            nid = await mail("confirmation", destinataire=donnees["email"], sujet="Ordre des médecins - "
                             "Confirmez la création de votre espace", compte_id=compte[0]["id"],
                             jeton=jeton, identifiant=donnees["identifiant"])
        relayer([nid])
        return render(request, "auth/inscription.html", {"envoye": donnees["email"]}, block="formulaire")

    @get("/inscription/confirmer/{jeton:str}")
    async def confirmer(self, request: Request, jeton: str) -> Template:
        ok = False
        async with Compte._meta.db.transaction():
            row = await rules.consommer_jeton(jeton, "confirmation")
            if row is not None:
                compte = await Compte.select(Compte.praticien).where(Compte.id == row["compte"]).first()
                await Compte.update({Compte.actif: True}).where(Compte.id == row["compte"])
                await ajouter_email_ordre(compte["praticien"], row["donnee"])
                ok = True
        return render(request, "auth/confirmation.html", {"ok": ok}, status_code=200 if ok else 410)

    @get("/identifiants-oublies")
    async def page_oubli(self, request: Request) -> Template:
        return render(request, "auth/oubli.html", {"form": Form({})})

    @post("/identifiants-oublies")
    async def oubli(self, request: Request) -> Template:
        form = await Form.read(request, "recherche")
        form.required("recherche")
        if not form.ok:
            return render(request, "auth/oubli.html", {"form": form}, block="formulaire", status_code=422)
        if not await rules.bloque(f"oubli:{form['recherche'].lower()}", _adresse(request)):
            ids = await forms.envoyer_lien_oubli(form["recherche"], _adresse(request))
            relayer(ids)
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
            async with Compte._meta.db.transaction():
                row = await rules.consommer_jeton(jeton, "reinitialisation")
                if row is not None:
                    await Compte.update({Compte.mot_de_passe: rules.hacher(form["mot_de_passe"]),
                                         Compte.actif: True}).where(Compte.id == row["compte"])
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

