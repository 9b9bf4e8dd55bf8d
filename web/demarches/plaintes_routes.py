"""« Enregistrer une plainte reçue » (SPEC_DEMARCHES §4.9): a complaint received on paper (a patient's: name and
postal address only), typed by the council's staff into a "plainte" dossier with no applicant account.

It is registered today — the legal dates run from here — at the targeted doctor's council, which must be the
user's (a gestionnaire) or any (national), and the targeted doctor gets his own dossier as with a doctor's complaint.
"""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.response import Response, Template

from tables.demarches import Dossier
from web.demarches import rules
from web.demarches.types import plainte
from web.forms import Form
from web.perimetre import peut_agir
from web.security import ordre_guard
from web.templating import rediriger, render

CHAMPS = ("plaignant_nom", "plaignant_adresse", "vise_rpps", "vise_nom", "vise_commune", "faits", "date_faits")
PAGE = "demarches/plainte_recue.html"


class PlaintesController(Controller):
    path = "/gestion/plaintes"
    guards = [ordre_guard]

    @get("/enregistrer")
    async def formulaire(self, request: Request) -> Template:
        return render(request, PAGE, {"form": Form({})})

    @post("/enregistrer")
    async def enregistrer(self, request: Request) -> Response | Template:
        form = await Form.read(request, *CHAMPS)
        form.required("plaignant_nom", "plaignant_adresse", "faits")
        for nom, message in plainte.DEMARCHE.section("vise").valider(form.values).items():
            form.error(nom, message)
        departement = await plainte.conseil_du_vise(form.values) if form.ok else None
        if form.ok and departement is None:
            form.error("vise_nom", "Ce médecin n'est pas identifié : indiquez son RPPS.")
        elif form.ok and not peut_agir(request.user, departement):
            form.error("vise_nom", f"Ce médecin relève du conseil du département {departement} : "
                                   "transmettez-lui la plainte.")
        if not form.ok:
            return render(request, PAGE, {"form": form}, status_code=422)
        async with Dossier._meta.db.transaction():
            d = await rules.ouvrir_par_le_systeme(
                plainte.DEMARCHE, compte=None, praticien=None, departement=departement, statut="en_construction",
                motif="Plainte reçue par courrier, enregistrée par le conseil",
                donnees={**form.values, "origine": "courrier"})
            await plainte.informer_le_vise(d)
        return rediriger(request, f"/gestion/demarches/{d['numero']}")
