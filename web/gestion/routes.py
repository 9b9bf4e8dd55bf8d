"""The council back-office (SPEC §4): dashboard, annonce panel, history, batch acceptance, charter.

Thin handlers: read the request, let `tableau` or `moderation` do the work, render. One URL serves a
page or, for htmx, one of its blocks: the table (filters, sort, pages), the whole list when "À traiter"
resets the filters or a filter is wrong, or the annonce panel. After an action the panel answers with
the `annonce-traitee` event, on which the table reloads itself.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from litestar import Controller, Request, get, post
from litestar.datastructures import MultiDict
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Redirect, Template

from tables.referentiel import Conseil
from web.annonces import statuts
from web.annonces.vocabulaire import CATEGORIES, SITUATIONS, STATUTS, TEMPORALITES
from web.forms import Form, valeurs
from web.gestion import moderation, tableau
from web.instruction import file as instruction
from web.security import Utilisateur, ordre_guard
from web.templating import render

TABLEAU = "gestion/tableau_de_bord.html"
PANNEAU = "gestion/annonce.html"
TRAITEE = "annonce-traitee"
VOCABULAIRE = {"statuts": STATUTS, "categories": CATEGORIES, "situations": SITUATIONS, "temporalites": TEMPORALITES}
SUCCES = {"accepter": "L'annonce n° {n} est publiée : elle est visible en ligne dès maintenant.",
          "refuser": "L'annonce n° {n} est refusée : le médecin est informé et voit l'explication du refus."}
HORS_PERIMETRE = "Cette annonce n'est pas dans votre périmètre : vous pouvez la consulter, pas la modérer."
_conseils: dict[str, str] = {}


def _htmx(request: Request) -> bool:
    """An htmx swap (a history restore asks for the whole page: the back button)."""
    return request.headers.get("hx-request") == "true" and not request.headers.get("hx-history-restore-request")


async def _conseil(user: Utilisateur) -> str:
    """The council's name (kept: the referential does not change while the process runs)."""
    if not user.conseil:
        return "Conseil national de l'Ordre des médecins"
    if user.conseil not in _conseils:
        row = await Conseil.select(Conseil.nom).where(Conseil.code == user.conseil).first()
        _conseils[user.conseil] = row["nom"] if row else user.conseil
    return _conseils[user.conseil]


class GestionController(Controller):
    path = "/gestion"
    guards = [ordre_guard]

    @get("")
    async def tableau_de_bord(self, request: Request) -> Template:
        filtres = tableau.lire(request.query_params)
        entier = request.headers.get("hx-target") == "gestion" or not filtres.form.ok
        # The table reloading itself after an action keeps the address as it is.
        push = False if request.headers.get("hx-trigger") == "tableau" else filtres.url()
        return await _tableau(request, filtres, bloc="gestion" if entier else "tableau", push_url=push,
                              re_target="#gestion" if entier else None,
                              status_code=200 if filtres.form.ok else 422, **await _ouverte(request, filtres))

    @post("/accepter-lot")
    async def accepter_lot(self, request: Request) -> Template:
        data = await request.form()
        retour = data.get("retour")
        filtres = tableau.lire(MultiDict(parse_qsl(retour if isinstance(retour, str) else "")))
        demandes = instruction.lire_lot(valeurs(data, "lot", tableau.PAR_PAGE, "annonces cochées"))
        bilan = await moderation.accepter_lot(request.user, demandes) if demandes else None
        return await _tableau(request, filtres, bilan=bilan, lot_vide=not demandes,
                              status_code=200 if demandes else 422)

    @get("/annonces/{numero:int}")
    async def annonce(self, request: Request, numero: int, confirmer: str = "", version: str = "",
                      ok: str = "") -> Template:
        annonce = await _fiche(request, numero)
        vue = confirmer if confirmer in ("accepter", "refuser") else "annonce"
        if vue != "annonce":
            if not annonce["peut_agir"]:
                raise PermissionDeniedException(HORS_PERIMETRE)
            vue_de = instruction.lire_version(version) if version else annonce["version"]
            if vue not in annonce["actions"] or vue_de != annonce["version"]:
                return _panneau(request, annonce, erreur=instruction.CONFLIT, trigger=True)
        return _panneau(request, annonce, vue=vue, form=Form({"motif": moderation.MOTIF_PAR_DEFAUT}),
                        message=SUCCES[ok].format(n=numero) if ok in SUCCES else None)

    @get("/annonces/{numero:int}/historique")
    async def historique(self, request: Request, numero: int, onglet: str = "refus") -> Template:
        annonce = await _fiche(request, numero)
        if not annonce["peut_agir"]:
            raise PermissionDeniedException(HORS_PERIMETRE)
        evenements = await moderation.historique(numero)
        return _panneau(request, annonce, vue="historique", onglet="statuts" if onglet == "statuts" else "refus",
                        evenements=evenements, refus=[e for e in evenements if e["action"] == "refuser"])

    @post("/annonces/{numero:int}/accepter")
    async def accepter(self, request: Request, numero: int) -> Template | Redirect:
        return await _agir(request, numero, "accepter")

    @post("/annonces/{numero:int}/refuser")
    async def refuser(self, request: Request, numero: int) -> Template | Redirect:
        return await _agir(request, numero, "refuser")

    @get("/panneau")
    async def panneau_ferme(self, request: Request) -> Template | Redirect:
        """The empty panel, when htmx closes an annonce (the address loses its `annonce`); without htmx, the
        dashboard."""
        if not _htmx(request):
            return Redirect("/gestion", status_code=303)
        courante = urlsplit(request.headers.get("hx-current-url", ""))
        push = tableau.lire(MultiDict(parse_qsl(courante.query))).url() if courante.path == "/gestion" else False
        return render(request, TABLEAU, {"ferme": True}, block="panneau", push_url=push)

    @get("/charte")
    async def charte(self, request: Request) -> Template:
        return render(request, "gestion/charte.html")


async def _tableau(request: Request, filtres: instruction.Etat, *, bloc: str = "tableau", status_code: int = 200,
                   **contexte) -> Template:
    htmx = {k: contexte.pop(k) for k in ("push_url", "re_target") if k in contexte}
    resultat = await tableau.page(request.user, filtres)
    return render(request, TABLEAU, {
        **VOCABULAIRE, "f": filtres, "p": resultat, "colonnes": tableau.COLONNES, "par_page": tableau.PAR_PAGE,
        "fenetre": instruction.fenetre(filtres.page, resultat.pages), "focus_id": request.headers.get("hx-trigger"),
        "conseil": None if _htmx(request) else await _conseil(request.user), **contexte,
    }, block=bloc, status_code=status_code, **htmx)


async def _ouverte(request: Request, filtres: instruction.Etat) -> dict:
    """/gestion?annonce=54 loaded as a page (a reload, a link, the back button): the table with that panel open."""
    if filtres.ouverte is None or _htmx(request):
        return {}
    try:
        annonce = await moderation.fiche(filtres.ouverte, request.user)
    except LookupError:
        return {}
    return {"annonce": annonce, "vue": "annonce", "version": annonce["version"], "hors_perimetre": HORS_PERIMETRE}


async def _fiche(request: Request, numero: int) -> dict:
    try:
        return await moderation.fiche(numero, request.user)
    except LookupError:
        raise NotFoundException() from None


def _panneau(request: Request, annonce: dict, *, vue: str = "annonce", status_code: int = 200,
             trigger: bool = False, **contexte) -> Template:
    contexte = {**VOCABULAIRE, "annonce": annonce, "vue": vue, "version": annonce["version"],
                "hors_perimetre": HORS_PERIMETRE, **contexte}
    return render(request, PANNEAU, contexte, block="panneau", status_code=status_code,
                  trigger_event=TRAITEE if trigger else None, after="receive" if trigger else None)


async def _agir(request: Request, numero: int, action: str) -> Template | Redirect:
    """Accept or refuse with the version the gestionnaire saw; a conflict shows the current state."""
    annonce = await _fiche(request, numero)
    if not annonce["peut_agir"]:
        raise PermissionDeniedException(HORS_PERIMETRE)
    form = await Form.read(request, "motif", "version")
    version = instruction.lire_version(form["version"])
    try:
        if action == "accepter":
            await moderation.accepter(numero, request.user, version)
        else:
            await moderation.refuser(numero, request.user, version, form["motif"])
    except moderation.MotifInvalide as exc:
        form.error("motif", str(exc))
        return _panneau(request, annonce, vue="refuser", form=form, version=version, status_code=422)
    except PermissionError:
        raise PermissionDeniedException(HORS_PERIMETRE) from None
    except LookupError:
        raise NotFoundException() from None
    except (statuts.Conflit, statuts.ActionRefusee) as exc:
        message = instruction.CONFLIT if isinstance(exc, statuts.Conflit) else str(exc)
        return _panneau(request, await _fiche(request, numero), erreur=message, status_code=422, trigger=True)
    if not _htmx(request):
        return Redirect(f"/gestion/annonces/{numero}?ok={action}", status_code=303)
    return _panneau(request, await _fiche(request, numero), message=SUCCES[action].format(n=numero), trigger=True)
