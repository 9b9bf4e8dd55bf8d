"""Déclarer une perte ou un vol d'ordonnances (SPEC_DEMARCHES §4.4, story 7) through the test client."""

from __future__ import annotations

import pytest

from tables.demarches import Dossier
from tests.ordonnances_support import docteur, document, dossier, jour, remplir  # noqa: F401 (jour)
from tests.pieces_support import deposer, pdf
from tests.support import drain, mails, post
from tests.test_gestion_support import autre_client, connecter
from web.demarches.types import perte_ordonnances

FAITS = {"nature": "vol", "date_faits": "2026-12-06", "commune_faits": "Grenoble", "objet_securisees": "on",
         "circonstances": "Sacoche volée dans la voiture"}
NUMEROS = {"du_1": "004501", "au_1": "004550"}
PV = "2026/004217"

pytestmark = pytest.mark.usefixtures("jour")  # 07/12/2026 11h00 in Paris


def test_the_rows_are_whole_numbers_in_order():
    valider = perte_ordonnances.DEMARCHE.section("numeros").valider
    assert valider({"objet_securisees": "on", **NUMEROS}) == {}
    assert valider({"du_1": "004550", "au_1": "004501"}) == {
        "au_1": "Le dernier numéro doit être supérieur ou égal au premier."}
    assert valider({"du_2": "45A1", "au_2": "4550"}) == {"du_2": "Un numéro s'écrit en chiffres (004501)."}
    assert valider({"du_3": "1"}) == {"au_3": "Indiquez le premier et le dernier numéro de la série."}
    assert valider({"objet_ordonnances": "on"}) == {"du_1": "Indiquez les numéros des ordonnances perdues ou volées."}
    assert valider({"objet_tampon": "on"}) == {}


async def test_a_theft_needs_the_police_receipt_then_is_declared_at_once(client, mail_dir):
    await connecter(client, "cd38")  # the council's account exists before the declaration
    await post(client, "/deconnexion", {})
    await docteur(client)
    numero = await remplir(client, "perte_ordonnances", {"faits": FAITS, "numeros": NUMEROS})
    r = await post(client, f"/demarches/{numero}/transmettre", {})
    assert r.status_code == 422 and "Ajoutez le récépissé de dépôt de plainte." in r.text
    await deposer(client, numero, "plainte", "plainte.pdf", pdf())
    assert (await post(client, f"/demarches/{numero}/transmettre", {})).status_code == 303
    assert (await dossier(numero))["statut"] == "en_instruction"  # declarative: the system took it
    doc, texte = await document(client, numero, "declaration")
    assert doc["version"] == 1 and f"Déclaration n°{numero} — version 1" in texte
    assert "Ordonnances n° 004501 à 004550" in texte and "Ordonnances sécurisées" in texte
    assert "le 07/12/2026 à 11h00" in texte and "Vol le 06/12/2026 à Grenoble" in texte
    await drain()
    urgent = [m for m in mails(mail_dir) if m["To"] == "cd38@demo.ordre.test"]
    assert [m["Subject"] for m in urgent] == [f"Déclaration de perte ou vol d'ordonnances - Demande n°{numero}"]
    assert "004501 à 004550" in urgent[0].get_body(("plain",)).get_content()
    async with autre_client() as conseil:
        await connecter(conseil, "cd38")
        file = (await conseil.get("/gestion/demarches")).text
        assert numero in file and '<span class="badge badge--refusee">Urgent</span>' in file


async def test_completing_gives_version_2_and_closing_records_it(client, mail_dir):
    await docteur(client)
    numero = await remplir(client, "perte_ordonnances", {"faits": {**FAITS, "nature": "perte"}, "numeros": NUMEROS})
    assert (await post(client, f"/demarches/{numero}/transmettre", {})).status_code == 303
    page = (await client.get(f"/demarches/{numero}")).text
    assert "Compléter ma déclaration" in page
    await post(client, f"/demarches/{numero}/sections/plainte", {"plainte_le": "2026-12-07",
               "plainte_service": "Commissariat de Grenoble", "plainte_pv": PV}, htmx=True)
    assert (await post(client, f"/demarches/{numero}/completer", {})).status_code == 303
    doc, texte = await document(client, numero, "declaration")
    assert doc["version"] == 2 and "version 2" in texte and f"procès-verbal n° {PV}" in texte
    async with autre_client() as conseil:
        await connecter(conseil, "cd69")
        assert (await conseil.get(f"/gestion/demarches/{numero}")).status_code == 404  # another council
        await post(conseil, "/deconnexion", {})
        await connecter(conseil, "cd38")
        r = await post(conseil, f"/gestion/demarches/{numero}/panneau", {"ars": "on", "pharmacies": "on",
                                                                         "informees_le": "2026-12-07"})
        assert r.status_code == 303
        page = (await conseil.get(f"/gestion/demarches/{numero}")).text
        assert "ARS, Pharmacies — informées le 07/12/2026" in page and "Clôturer" in page
        assert "<dd>Perte" in page and "<dd>Oui" in page  # the choices as the form said them
        d = await dossier(numero)
        r = await post(conseil, f"/gestion/demarches/{numero}/actions/accepter", {"version": d["version"]})
        assert r.status_code == 303
    assert "Déclaration enregistrée" in (await client.get(f"/demarches/{numero}")).text
    assert (await post(client, f"/demarches/{numero}/completer", {})).status_code == 422  # closed
    assert await Dossier.count().where(Dossier.statut == "accepte") == 1
