"""Trouver et consulter les annonces; the first-visit contact choice; Règles de publication; photos."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Redirect, Response, Template

from tables import horloge
from tables.annonces import AnnoncePhoto
from tables.referentiel import Specialite
from web.alertes.rules import FREQUENCES, requete_propre
from web.annonces import photos as fichiers
from web.annonces import rules
from web.annonces.recherche import PAR_PAGE, chercher, criteres_depuis
from web.annonces.vocabulaire import CATEGORIES, COTES_RECHERCHE, SITUATIONS, STATUTS, TEMPORALITES
from web.contact.rules import mes_emails
from web.forms import Form
from web.security import ROLES_ORDRE, ROLES_PRATICIEN, praticien_guard, role_guard
from web.signalements.rules import MOTIFS, deja_signale
from web.templating import render

VOCABULAIRE = {"categories": CATEGORIES, "situations": SITUATIONS, "statuts": STATUTS,
               "temporalites": TEMPORALITES, "cotes_recherche": COTES_RECHERCHE}


_specialites: tuple[tuple[str, str], ...] = ()


async def specialites() -> tuple[tuple[str, str], ...]:
    """(code, libellé) pairs, kept once read: the referential does not change while the process runs."""
    global _specialites
    if not _specialites:
        _specialites = tuple((r["code"], r["libelle"]) for r in await Specialite.select(
            Specialite.code, Specialite.libelle).order_by(Specialite.libelle))
    return _specialites


async def contexte_annonces(request: Request, **extra) -> dict:
    """What every Annonces page shows: the vocabulary, and the first-visit contact choice if pending."""
    return {**VOCABULAIRE, "choix_contact": request.user.choix_contact_annonces, **extra}


async def contexte_consulter(request: Request, annonce: dict, **extra) -> dict:
    """The detail page, with its contact and report forms (also re-rendered by those forms' routes)."""
    return await contexte_annonces(
        request, annonce=annonce, contact=await rules.contact(annonce["auteur"]),
        **{"mes_emails": await mes_emails(request.user.praticien), "form_signalement": Form({}), "motifs": MOTIFS,
           "contact_envoye": False, "signale": False, "form_contact": Form({}),
           "deja_signale": await deja_signale(request.user, annonce["id"]), **extra})


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

    @get("/{numero:int}")
    async def consulter(self, request: Request, numero: int) -> Template:
        annonce = await rules.charger(numero, publiee_seulement=True)
        if annonce is None:
            raise NotFoundException()
        return render(request, "annonces/consulter.html", await contexte_consulter(request, annonce))

    @get("/regles")
    async def regles(self, request: Request) -> Template:
        return render(request, "annonces/regles.html", await contexte_annonces(request))

    @post("/contact")
    async def choisir_contact(self, request: Request) -> Redirect:
        data = await request.form()
        await rules.choisir_contact(request.user, data.get("choix") == "accepter")
        suite = data.get("suite", "/annonces")
        return Redirect(suite if isinstance(suite, str) and suite.startswith("/annonces") else "/annonces",
                        status_code=303)


class PhotosController(Controller):
    """Photos are served only to logged-in users who may see the annonce, as inert attachments."""

    path = "/annonces/photos"
    guards = [role_guard(*ROLES_PRATICIEN, *ROLES_ORDRE)]

    @get("/{fichier:str}")
    async def photo(self, request: Request, fichier: str, apercu: bool = False) -> Response:
        row = await AnnoncePhoto.select(
            AnnoncePhoto.nom_original, AnnoncePhoto.type_mime, AnnoncePhoto.annonce.auteur,
            AnnoncePhoto.annonce.statut, AnnoncePhoto.annonce.departement, AnnoncePhoto.annonce.fin_publication,
        ).where((AnnoncePhoto.fichier == fichier) & AnnoncePhoto.annonce.supprimee_le.is_null()).first()
        if row is None or fichiers.chemin(fichier) is None:
            raise NotFoundException()
        user = request.user
        visible = (row["annonce.statut"] == "publiee" and row["annonce.fin_publication"] >= horloge.aujourdhui()
                   and user.est_praticien) or user.praticien == row["annonce.auteur"] or user.role == "national" \
            or (user.role == "gestionnaire" and user.departement == row["annonce.departement"])
        if not visible:
            raise PermissionDeniedException()
        return fichiers.reponse_fichier(fichier, row["nom_original"], row["type_mime"], inline=apercu)

