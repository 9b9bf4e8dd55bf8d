"""Trouver et consulter les annonces, contacter leur auteur, les signaler; the first-visit contact choice;
Règles de publication; photos."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Redirect, Response, Template

from tables.annonces import AnnoncePhoto
from web.alertes.rules import FREQUENCES, requete_propre
from web.annonces import contact, rules
from web.annonces.contexte import contexte_annonces, contexte_consulter, specialites
from web.annonces.recherche import PAR_PAGE, chercher, criteres_depuis
from web.fichiers import stockage
from web.fichiers.usages import PHOTOS_ANNONCE
from web.forms import Form
from web.security import ROLES_ORDRE, ROLES_PRATICIEN, praticien_guard, role_guard
from web.signalements import rules as signalements
from web.templating import render


async def _publiee(numero: int) -> dict:
    annonce = await rules.charger(numero, publiee_seulement=True)
    if annonce is None:
        raise NotFoundException()
    return annonce


class AnnoncesController(Controller):
    path = "/annonces"
    guards = [praticien_guard]

    @get("")
    async def trouver(self, request: Request) -> Template:
        q = request.query_params
        criteres, choisis, erreur, lignes = await criteres_depuis(q)
        page = criteres.page
        resultats, total = await chercher(criteres)
        return render(request, "annonces/trouver.html", await contexte_annonces(
            request, criteres=criteres, lieux_choisis=choisis, erreur_lieu=erreur, lignes_periodes=lignes or [("", "")],
            resultats=resultats, total=total, page=page, pages=max(1, -(-total // PAR_PAGE)),
            specialites=await specialites(), base_query=requete_propre(request.url.query or ""),
            form_recherche=Form({"requete": requete_propre(request.url.query or ""), "frequence": "immediate"}),
            frequences=FREQUENCES),
            block="resultats")

    @get("/regles")
    async def regles(self, request: Request) -> Template:
        return render(request, "annonces/regles.html", await contexte_annonces(request))

    @post("/contact")
    async def choisir_contact(self, request: Request) -> Redirect:
        """The choice, then back to the page it was made from, which confirms it."""
        data = await request.form()
        accepte = data.get("choix") == "accepter"
        await rules.choisir_contact(request.user, accepte)
        suite = data.get("suite")
        suite = suite if suite in rules.PAGES_CHOIX_CONTACT else rules.PAGES_CHOIX_CONTACT[0]
        return Redirect(f"{suite}?contact={'accepte' if accepte else 'refuse'}", status_code=303)

    @post("/{numero:int}/contacter")
    async def contacter(self, request: Request, numero: int) -> Template:
        """The contact form on a published annonce, re-rendered in place."""
        annonce = await _publiee(numero)
        form = await Form.read(request, "message", "repondre_a")
        form.required("message")
        if len(form["message"]) > 3000:
            form.error("message", "3 000 caractères au plus.")
        envoye = False
        if form.ok:
            try:
                await contact.envoyer(request.user, annonce, form["message"], form["repondre_a"])
                envoye = True
            except contact.ContactRefuse as exc:
                form.error("message", str(exc))
        return render(request, "annonces/consulter.html", await contexte_consulter(
            request, annonce, **{"form_contact": Form({}) if envoye else form, "contact_envoye": envoye}),
            block="contacter", status_code=200 if envoye else 422)

    @post("/{numero:int}/signaler")
    async def signaler(self, request: Request, numero: int) -> Template:
        """Signaler: the report form on a published annonce; the council handles it in /gestion/signalements."""
        annonce = await _publiee(numero)
        if not signalements.peut_signaler(request.user, annonce):
            raise PermissionDeniedException("Vous ne pouvez pas signaler votre propre annonce.")
        form = await Form.read(request, "motif", "commentaire")
        if form["motif"] not in signalements.MOTIFS:
            form.error("motif", "Choisissez un motif.")
        # one report per doctor and annonce: a second one is not recorded (False), the page says it was already
        signale = form.ok and await signalements.signaler(request.user, numero, form["motif"], form["commentaire"])
        return render(request, "annonces/consulter.html", await contexte_consulter(
            request, annonce, form_signalement=form if not form.ok else Form({}), signale=signale),
            block="signaler", status_code=200 if signale else 422)


class ConsulterController(Controller):
    """The detail page: an annonce online for every doctor; whatever its status, for its author and for the
    council of its perimeter (web.perimetre), with that status and the refusal's explanation."""

    path = "/annonces"
    guards = [role_guard(*ROLES_PRATICIEN, *ROLES_ORDRE)]

    @get("/{numero:int}")
    async def consulter(self, request: Request, numero: int) -> Template:
        annonce = await rules.charger(numero)
        if annonce is None or not rules.visible(annonce, request.user):
            raise NotFoundException()
        return render(request, "annonces/consulter.html", await contexte_consulter(request, annonce))


class PhotosController(Controller):
    """Photos are served only to logged-in users who may see the annonce, as inert attachments."""

    path = "/annonces/photos"
    guards = [role_guard(*ROLES_PRATICIEN, *ROLES_ORDRE)]

    @get("/{fichier:str}")
    async def photo(self, request: Request, fichier: str, apercu: bool = False) -> Response:
        row = await AnnoncePhoto.select(
            AnnoncePhoto.nom_original, AnnoncePhoto.type_mime, AnnoncePhoto.annonce.auteur.as_alias("auteur"),
            AnnoncePhoto.annonce.departement.as_alias("departement"), AnnoncePhoto.annonce.statut.as_alias("statut"),
            AnnoncePhoto.annonce.fin_publication.as_alias("fin_publication"),
        ).where((AnnoncePhoto.fichier == fichier) & AnnoncePhoto.annonce.supprimee_le.is_null()).first()
        if row is None or stockage.chemin(PHOTOS_ANNONCE, fichier) is None:
            raise NotFoundException()
        if not rules.visible(row, request.user):
            raise PermissionDeniedException()
        # a draft's or a pending annonce's photo is personal: no cache keeps it (published ones, for an hour)
        return stockage.reponse(PHOTOS_ANNONCE, fichier, row["nom_original"], row["type_mime"], inline=apercu,
                                personnel=not rules.en_ligne(row))

