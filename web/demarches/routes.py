"""The applicant's side of the démarches: start one, fill it section by section (saved as typed), transmit."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Response, Template

from tables import horloge
from tables.demarches import Dossier
from tables.referentiel import Conseil, Specialite
from web import machine
from web.demarches import convocations, delais, historique, messagerie, pieces, rules, statuts
from web.demarches.courriels import instructeur
from web.demarches.moteur import lire, objet
from web.demarches.registre import TYPES, pour, type_de
from web.documents import rules as documents
from web.forms import Form
from web.machine import ActionRefusee, Conflit
from web.security import praticien_guard
from web.templating import heure_fr, rediriger, render

CHAMPS_ELIGIBILITE = ("docteur_junior", "dernier_semestre", "obtention_prevue")


async def _dossier(request: Request, numero: str) -> dict:
    """The applicant's own dossier, or the French 404 (another applicant's number reveals nothing)."""
    d = await Dossier.select().where((Dossier.numero == numero) & (Dossier.compte == request.user.id)).first()
    if d is None or d["type"] not in TYPES:
        raise NotFoundException()
    return d


async def _options() -> dict:
    conseils = await Conseil.select(Conseil.departement, Conseil.nom).where(Conseil.departement.is_not_null()
                                                                              ).order_by(Conseil.departement)
    specialites = await Specialite.select(Specialite.code, Specialite.libelle).order_by(Specialite.libelle)
    return {"conseil": [(c["departement"], f"{c['departement']} — {c['nom']}") for c in conseils],
            "specialite": [(s["code"], s["libelle"]) for s in specialites]}


async def _contexte(d: dict, user, **extra) -> dict:
    demarche = type_de(d["type"])
    valeurs = objet(d["donnees"])
    incompletes = rules.sections_incompletes(demarche, valeurs, await pieces.deposees(d["id"]))
    conseil = await instructeur(d)
    return {"d": d, "demarche": demarche, "valeurs": valeurs, "incompletes": incompletes,
            "etape": rules.etape(demarche, d), "actions": statuts.actions(d, user),
            "conseil": conseil, "horloge": delais.ligne(demarche.delai_de(valeurs), delais.etat_de(d)),
            "historique": await historique.pour_demandeur(d, conseil),
            "statut": demarche.libelle_statut(d["statut"], valeurs),
            "demande": objet(d["complements"]), "modifiable": rules.modifiable(d),
            "infos": demarche.infos(d) if demarche.infos else [],
            "a_faire": rules.complements_a_faire(d) + await pieces.a_faire(d), **await convocations.contexte(d, user),
            **await documents.contexte(d, f"/demarches/{d['numero']}"), **await pieces.contexte(d),
            **await messagerie.contexte(d, user), "suites": await demarche.suites(d) if demarche.suites else [],
            **extra}


def _instruire(dossier_id: int):
    """A declarative type is taken into instruction by the system, in the transmission's transaction (§4.4)."""
    async def ensuite(_resultat) -> None:
        await machine.transition(statuts.DOSSIER, dossier_id, "instruire", None)
    return ensuite


class DemarchesController(Controller):
    path = "/demarches"
    guards = [praticien_guard]

    @get("")
    async def commencer_une_demarche(self, request: Request) -> Template:
        return render(request, "demarches/commencer.html", {"types": pour(request.user.role)})

    @get("/commencer/{cle:str}")
    async def anticiper(self, request: Request, cle: str) -> Template:
        demarche = self._type(request, cle)
        prerempli = {n: str(request.query_params.get(n, ""))[:500] for n in demarche.prefill
                     if request.query_params.get(n)}
        return render(request, "demarches/eligibilite.html", {"demarche": demarche, "form": Form({}),
                                                              "prerempli": prerempli})

    @post("/commencer/{cle:str}")
    async def commencer(self, request: Request, cle: str) -> Response | Template:
        demarche = self._type(request, cle)
        form = await Form.read(request, *CHAMPS_ELIGIBILITE, *demarche.prefill)
        try:
            d = await rules.commencer(request.user, demarche, form.values)
        except rules.Refus as refus:
            form.error("dernier_semestre", str(refus))
            return render(request, "demarches/eligibilite.html", {"demarche": demarche, "form": form, "prerempli": {
                n: form[n] for n in demarche.prefill if form[n]}},
                          block="formulaire", status_code=422)
        return rediriger(request, f"/demarches/{d['numero']}/sections/{d['section'] or demarche.sections[0].cle}")

    @get("/{numero:str}")
    async def consulter(self, request: Request, numero: str) -> Template:
        d = await _dossier(request, numero)
        contexte = await _contexte(d, request.user)
        await messagerie.marquer_lus(d, request.user)  # after the context: this view still marks them new
        return render(request, "demarches/dossier.html", contexte)

    @get("/{numero:str}/reprendre")
    async def reprendre(self, request: Request, numero: str) -> Response:
        """"Reprendre ma demande": the first section still incomplete (else the recap)."""
        d = await _dossier(request, numero)
        deposees = await pieces.deposees(d["id"])
        incompletes = rules.sections_incompletes(type_de(d["type"]), objet(d["donnees"]), deposees)
        return rediriger(request, f"/demarches/{numero}/sections/{incompletes[0]}?verifier=1" if incompletes
                         else f"/demarches/{numero}")

    @get("/{numero:str}/sections/{section:str}")
    async def section(self, request: Request, numero: str, section: str, verifier: bool = False) -> Template:
        """With `verifier` (from the recap's "À compléter" links), what is missing is said beside each field."""
        d = await _dossier(request, numero)
        return render(request, "demarches/section.html", await self._section(d, section, request.user, verifier))

    @post("/{numero:str}/sections/{section:str}")
    async def enregistrer(self, request: Request, numero: str, section: str) -> Response | Template:
        """Saved on every change (htmx answers "Enregistré à 11h08"); "Suivant"/"Précédent" also move on."""
        d = await _dossier(request, numero)
        demarche = type_de(d["type"])
        s = demarche.section(section)
        if s is None:
            raise NotFoundException()
        data = await request.form()
        try:
            await rules.enregistrer(d, request.user, section, {c.nom: lire(c, data) for c in s.champs})
        except PermissionError as refus:
            raise PermissionDeniedException("Cette demande ne peut plus être modifiée.") from refus
        if request.headers.get("hx-request") == "true" and not data.get("aller"):
            return render(request, "demarches/section.html", {"enregistre": heure_fr(horloge.maintenant())},
                          block="enregistre")
        aller = data.get("aller", "")
        cible = aller if demarche.section(aller) else None
        return rediriger(request, f"/demarches/{numero}/sections/{cible}" if cible else f"/demarches/{numero}")

    @post("/{numero:str}/transmettre")
    async def transmettre(self, request: Request, numero: str) -> Response | Template:
        d = await _dossier(request, numero)
        demarche = type_de(d["type"])
        valeurs, deposees = objet(d["donnees"]), await pieces.deposees(d["id"])
        incompletes = rules.sections_incompletes(demarche, valeurs, deposees)
        erreur = None
        if incompletes:
            titres = ", ".join(demarche.section(s).titre for s in incompletes)
            precis = [p.manque for p in rules.pieces_manquantes(demarche, valeurs, deposees) if p.manque]
            erreur = " ".join([f"Complétez ces étapes avant de transmettre votre demande : {titres}.", *precis])
        else:
            try:
                ailleurs = await demarche.instruit_par(valeurs) if demarche.instruit_par else None
                await Dossier.update({Dossier.departement: ailleurs or valeurs.get("departement") or d["departement"]}
                                     ).where(Dossier.id == d["id"])
                await statuts.appliquer(d["id"], "transmettre", request.user, version=d["version"],
                                        ensuite=_instruire(d["id"]) if demarche.declaratif else None)
            except (ActionRefusee, Conflit, PermissionError):
                erreur = "Cette demande a déjà été transmise : rechargez la page."
        if erreur:
            return render(request, "demarches/dossier.html", await _contexte(d, request.user, erreur=erreur),
                          status_code=422)
        return rediriger(request, f"/demarches/{numero}?transmise=1")

    @post("/{numero:str}/completer")
    async def completer(self, request: Request, numero: str) -> Response | Template:
        """"Compléter ma déclaration" (a completable type in instruction): its documents are issued again."""
        d = await _dossier(request, numero)
        try:
            await statuts.appliquer(d["id"], "completer", request.user, version=d["version"])
        except (ActionRefusee, Conflit, PermissionError):
            return render(request, "demarches/dossier.html", await _contexte(
                d, request.user, erreur="Cette déclaration ne peut plus être complétée : rechargez la page."),
                status_code=422)
        return rediriger(request, f"/demarches/{numero}?completee=1")

    @post("/{numero:str}/complements")
    async def transmettre_complements(self, request: Request, numero: str) -> Response | Template:
        d = await _dossier(request, numero)
        if a_faire := rules.complements_a_faire(d) + await pieces.a_faire(d):
            return render(request, "demarches/dossier.html", await _contexte(
                d, request.user, erreur=f"Modifiez d'abord ce qui vous est demandé : {', '.join(a_faire)}."),
                status_code=422)
        try:
            await statuts.appliquer(d["id"], "transmettre_complements", request.user, version=d["version"])
        except (ActionRefusee, Conflit, PermissionError):
            return render(request, "demarches/dossier.html", await _contexte(
                d, request.user, erreur="Vos compléments ont déjà été transmis : rechargez la page."), status_code=422)
        return rediriger(request, f"/demarches/{numero}")

    @staticmethod
    def _type(request: Request, cle: str):
        if cle not in TYPES or request.user.role not in TYPES[cle].pour:
            raise NotFoundException()
        return TYPES[cle]

    @staticmethod
    async def _section(d: dict, cle: str, user, verifier: bool) -> dict:
        demarche = type_de(d["type"])
        s = demarche.section(cle)
        if s is None:
            raise NotFoundException()
        cles = [x.cle for x in demarche.sections]
        i = cles.index(cle)
        valeurs = objet(d["donnees"])
        erreurs = rules.manquants(demarche, s, valeurs) if verifier else {}
        a_corriger = rules.complements_a_faire(d)
        erreurs |= {c.nom: "À corriger" for c in s.champs if c.libelle in a_corriger and c.nom in rules.cibles(d)}
        return {**await _contexte(d, user), "section": s, "options": await _options(), "erreurs": erreurs,
                "ouverts": rules.ouverts(d, s),
                "precedente": cles[i - 1] if i else None, "suivante": cles[i + 1] if i + 1 < len(cles) else None,
                "lecture": not rules.modifiable(d), "numero_section": i + 1,
                "total_sections": len(cles)}
