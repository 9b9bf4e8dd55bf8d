"""Déposer, modifier et gérer ses annonces (SPEC §3.3, §3.4): thin handlers over forms, rules, statuts."""

from __future__ import annotations

import secrets
from datetime import date

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Response, Template

from tables import horloge
from tables.annonces import Annonce
from web.annonces import forms, rules, statuts
from web.annonces.contexte import contexte_annonces, specialites
from web.annonces.vocabulaire import CATEGORIES, STATUTS, categories_permises, situations_permises
from web.fichiers import depots
from web.fichiers.usages import PHOTOS_ANNONCE
from web.fichiers.verifier import FichierRefuse
from web.lieux.rules import Lieu
from web.security import praticien_guard
from web.services import offres
from web.templating import bloc_seul, rediriger, render

ACTIONS = {"depublier": "L'annonce n° {n} est dépubliée : elle n'est plus visible en ligne.",
           "pourvoir": "L'annonce n° {n} est close : poste pourvu. Elle n'est plus visible en ligne.",
           "republier": "L'annonce n° {n} est republiée.",
           "supprimer": "L'annonce n° {n} est supprimée."}
LIBELLES = {t.action: t.libelle for t in statuts.TRANSITIONS}
TRANSMISE = ("L'annonce n° {n} a bien été transmise à un gestionnaire pour vérification avant publication. "
             "Vous serez rapidement informé des suites données à votre demande")


async def _formulaire(request: Request, saisie: forms.Saisie, annonce: dict | None, status_code: int = 200,
                      message: str | None = None, contact: str = "") -> Template:
    user = request.user
    categorie = saisie.form["categorie"]
    return render(request, "annonces/rediger.html", await contexte_annonces(
        request, saisie=saisie, form=saisie.form, annonce=annonce, categories=categories_permises(user.role),
        choix_situations=situations_permises(user.role, categorie) if categorie else [],
        specialites=await specialites(), a_un_contact=await rules.a_un_contact(user.praticien),
        fin_max=forms.fin_maximale().isoformat(), fin_max_fr=f"{forms.fin_maximale():%d/%m/%Y}",
        aujourdhui=horloge.aujourdhui().isoformat(), etapes=forms.ETAPES, debut_periode=forms.DEBUT_PERIODE,
        contact_confirme=rules.CONTACT_CONFIRME.get(contact),
        photos_existantes=annonce["photos"] if annonce else [], message=message,
        possibles=_possibles(annonce, user)), block="formulaire", status_code=status_code)


def _possibles(annonce: dict | None, user) -> set[str]:
    """What the table allows the author now; a new annonce is their draft."""
    return statuts.actions(annonce or {"statut": "brouillon", "auteur": user.praticien}, user)


async def _annonce_de(request: Request, numero: int) -> dict:
    annonce = await rules.charger(numero)
    if annonce is None or annonce["auteur"] != request.user.praticien:
        raise NotFoundException()
    return annonce


async def _modifiable(request: Request, numero: int) -> dict:
    """The author's annonce, if the table lets its content be saved now (not while it is being checked)."""
    annonce = await _annonce_de(request, numero)
    if not statuts.modifiable(statuts.actions(annonce, request.user)):
        raise PermissionDeniedException("Une annonce en attente ne peut pas être modifiée.")
    return annonce


async def _enregistrer(request: Request, saisie: forms.Saisie, annonce: dict | None) -> Template | Response:
    """Photos reach the store only once the form is valid; until then they wait as rows (web/fichiers/depots)."""
    user, nouvelles = request.user, []
    try:
        if saisie.form.ok:
            nouvelles = await depots.enregistrer(saisie.photos, user.id)
    except FichierRefuse as exc:  # disk full or read-only: the form comes back, photos still waiting
        saisie.form.error("photos", str(exc))
    if not saisie.form.ok:
        await depots.mettre_en_attente(saisie.photos, user.id)
        return await _formulaire(request, saisie, annonce, status_code=422)
    publier = saisie.action == "publier"
    if publier and not await rules.a_un_contact(user.praticien):
        saisie.form.error("contact", "Pour publier, renseignez l'e-mail et/ou le téléphone à afficher sur vos "
                                     "annonces dans vos coordonnées (usage Annonces).")
        publier = False
    try:
        async with Annonce._meta.db.transaction():
            numero = annonce["id"] if annonce else await rules.creer(
                user, saisie.form["categorie"], saisie.form["cote"],
                date.fromisoformat(saisie.form["fin_publication"]))
            retirees = await rules.ecrire_contenu(numero, saisie.contenu, saisie.lieux, saisie.dates,
                                                  saisie.photos_gardees, nouvelles)
            await depots.consommer(saisie.photos, user.id)
            await Annonce.update({Annonce.fin_publication: date.fromisoformat(saisie.form["fin_publication"])}
                                 ).where(Annonce.id == numero)
            transmettre = publier or "enregistrer" not in _possibles(annonce, user)  # past a draft, any save is checked
            if transmettre:
                await statuts.transition(numero, "transmettre", user)
    except BaseException:
        await depots.supprimer(PHOTOS_ANNONCE, [n["fichier"] for n in nouvelles])
        raise
    await depots.supprimer(PHOTOS_ANNONCE, retirees)
    if not saisie.form.ok:  # saved as a draft, but cannot be published without a contact
        return await _formulaire(request, saisie, await rules.charger(numero), status_code=422)
    cle = "transmise" if transmettre else "brouillon"
    return rediriger(request, f"/annonces/gerer?ok={cle}&n={numero}")


class DepotController(Controller):
    path = "/annonces"
    guards = [praticien_guard]

    @get("/deposer")
    async def deposer(self, request: Request, categorie: str = "", contact: str = "") -> Template:
        saisie = forms.Saisie(form=forms.formulaire({
            "categorie": categorie if categorie in CATEGORIES else "", "specialite": await rules.specialite_de(
                request.user.praticien), "fin_publication": forms.fin_par_defaut().isoformat()}), periodes=[("", "")])
        return await _formulaire(request, saisie, None, contact=contact)

    @post("/deposer")
    async def deposer_post(self, request: Request) -> Template | Response:
        return await _enregistrer(request, await forms.lire(request, request.user), None)

    @get("/situations")
    async def situations(self, request: Request, categorie: str = "") -> Template | Response:
        if page := bloc_seul(request, "/annonces/deposer" + (f"?categorie={categorie}" if categorie in CATEGORIES
                                                              else "")):
            return page
        saisie = forms.Saisie(form=forms.formulaire({"categorie": categorie}))
        return render(request, "annonces/rediger.html", await contexte_annonces(
            request, form=saisie.form, choix_situations=situations_permises(request.user.role, categorie)),
            block="situation")

    @get("/periode")
    async def periode(self, request: Request, noms: str = "periode_debut,periode_fin") -> Template | Response:
        """One more empty période row (the "+" of the forms), named for the search or the annonce form."""
        debut, _, fin = noms.partition(",")
        if (debut, fin) not in (("du", "au"), ("periode_debut", "periode_fin")):
            raise NotFoundException()
        if page := bloc_seul(request, "/annonces" if debut == "du" else "/annonces/deposer"):
            return page
        return render(request, "annonces/periode.html", {"noms": (debut, fin), "suffixe": secrets.token_hex(3),
                                                         "debut_periode": forms.DEBUT_PERIODE}, block="periode")

    @get("/{numero:int}/modifier")
    async def modifier(self, request: Request, numero: int) -> Template:
        annonce = await _modifiable(request, numero)
        values = {c: str(annonce[c] or "") for c in ("categorie", "cote", "specialite", "titre", "description",
                                                      "conditions", "temporalite")}
        saisie = forms.Saisie(form=forms.formulaire({**values,
                                                     "fin_publication": annonce["fin_publication"].isoformat()}),
                              periodes=[(p["debut"].isoformat(), p["fin"].isoformat() if p["fin"] else "")
                                        for p in annonce["periodes"]] or [("", "")],
                              photos_gardees=[p["id"] for p in annonce["photos"]])
        saisie.lieux = [_lieu(r) for r in annonce["lieux"]]
        return await _formulaire(request, saisie, annonce)

    @post("/{numero:int}/modifier")
    async def modifier_post(self, request: Request, numero: int) -> Template | Response:
        annonce = await _modifiable(request, numero)
        return await _enregistrer(request, await forms.lire(request, request.user, annonce), annonce)

    @get("/gerer")
    async def gerer(self, request: Request, statut: str = "", categorie: str = "", ok: str = "",
                    n: int | None = None) -> Template:
        messages = {"transmise": TRANSMISE, "brouillon": "L'annonce n° {n} est enregistrée en brouillon.",
                    **ACTIONS, "fin": "La fin de publication de l'annonce n° {n} est modifiée."}
        return await _liste(request, statut, categorie,
                            message=messages[ok].format(n=n) if ok in messages and n else None)

    @post("/{numero:int}/fin-publication")
    async def fin_publication(self, request: Request, numero: int) -> Template | Response:
        annonce = await _annonce_de(request, numero)
        saisie = forms.Form({"fin_publication": str((await request.form()).get("fin_publication", ""))})
        try:
            fin = date.fromisoformat(saisie["fin_publication"])
        except ValueError:
            fin = None
        if fin is None or not horloge.aujourdhui() <= fin <= forms.fin_maximale():
            return await self._refus(request, f"Choisissez une fin de publication entre aujourd'hui et le "
                                              f"{forms.fin_maximale():%d/%m/%Y}.")
        try:
            await statuts.appliquer(numero, "prolonger", request.user, valeurs={Annonce.fin_publication: fin})
        except statuts.ActionRefusee as exc:
            return await self._refus(request, str(exc))
        return rediriger(request, f"/annonces/gerer?ok=fin&n={annonce['id']}")

    @post("/{numero:int}/{action:str}")
    async def agir(self, request: Request, numero: int, action: str) -> Template | Response:
        if action not in ACTIONS:
            raise NotFoundException()
        await _annonce_de(request, numero)
        rpps = str((await request.form()).get("rpps", "")).replace(" ", "")[:20] if action == "pourvoir" else ""
        if rpps and not offres.RPPS.fullmatch(rpps):
            return await self._refus(request, "Le numéro RPPS compte 11 chiffres.")
        try:
            # Filled: with whom, so that both may communicate the contract (web/services/offres.py).
            resultat = await statuts.appliquer(numero, action, request.user,
                                               motif="Poste pourvu" if action == "pourvoir" else "",
                                               ensuite=(lambda _: offres.pourvoir(numero, rpps))
                                               if action == "pourvoir" else None)
        except (statuts.ActionRefusee, statuts.Conflit) as exc:
            message = str(exc) if isinstance(exc, statuts.ActionRefusee) else \
                "L'annonce a changé entre-temps : la liste est à jour, réessayez si besoin."
            return await self._refus(request, message)
        cle = "transmise" if resultat.statut == "en_attente" else action  # republished content changed: checked again
        return rediriger(request, f"/annonces/gerer?ok={cle}&n={numero}")

    async def _refus(self, request: Request, message: str) -> Template:
        return await _liste(request, refus=message, status_code=422)


async def _liste(request: Request, statut: str = "", categorie: str = "", status_code: int = 200,
                 **extra) -> Template:
    """Gérer mes annonces (or its list block), filtered; with the council's usual delay if one is pending."""
    statut = statut if statut in STATUTS else ""
    categorie = categorie if categorie in CATEGORIES else ""
    liste = await rules.mes_annonces(request.user.praticien, statut or None, categorie or None)
    for a in liste:
        a["actions"] = statuts.actions({**a, "auteur": request.user.praticien}, request.user)
    attente = any(a["statut"] == "en_attente" for a in liste)
    return render(request, "annonces/gerer.html", await contexte_annonces(
        request, mes_annonces=liste, filtre_statut=statut, filtre_categorie=categorie,
        delai=await rules.delai_moderation(request.user.departement) if attente else None,
        libelles=LIBELLES, modifiable=statuts.modifiable, en_ligne=rules.en_ligne, fin_max=forms.fin_maximale(),
        aujourdhui=horloge.aujourdhui(), contrats=await offres.liens_auteur([a["id"] for a in liste]),
        **{"message": None, "refus": None, **extra}), block="liste", status_code=status_code)


def _lieu(row: dict) -> Lieu:
    return Lieu(cle=row["cle"], type=row["cle"].split(":")[0], libelle=row["libelle"], region=row["region"],
                departement=row["departement"], commune=row["commune"], arrondissement=row["arrondissement"])
