"""Demander une vignette urgence, une carte professionnelle ou un caducée (SPEC_DEMARCHES §4.5, §4.6)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.ordonnances_support import docteur, dossier, jour, remplir  # noqa: F401
from tests.pieces_support import deposer, pdf, transmis
from tests.support import drain, mails, post
from tests.support_documents import le
from tests.test_gestion_support import autre_client, connecter
from web.demarches.moteur import objet
from web.demarches.types import services, vignette_urgence

ADRESSE = {"adresse": "3 rue Félix Poulat", "code_postal": "38000", "commune": "Grenoble"}
VIGNETTE = {"motif": "vehicule", "immatriculation": "ab-123-cd", "marque_modele": "Renault Clio",
            "remise": "postal"}

pytestmark = pytest.mark.usefixtures("jour")  # 07/12/2026 11h00 in Paris


def test_a_plate_is_siv_or_fni_and_a_renewal_opens_on_december_the_first():
    valider = vignette_urgence.DEMARCHE.section("vehicule").valider
    assert valider({"immatriculation": "AB-123-CD"}) == valider({"immatriculation": "1234 ab 38"}) == {}
    assert valider({"immatriculation": "AB123"}) == {
        "immatriculation": "Indiquez l'immatriculation au format AA-123-AA ou 1234 AB 38."}
    assert valider({"motif": "renouvellement"}) == {}
    le(date(2026, 11, 30))
    assert valider({"motif": "renouvellement"}) == {
        "motif": "Le renouvellement peut être demandé à partir du 01/12/2026."}
    assert services.annee_vignette(date(2026, 12, 7)) == 2027 and services.annee_vignette(date(2027, 3, 1)) == 2027
    assert services.ADRESSE.valider({"remise": "postal", "code_postal": "3800"}) == {
        "code_postal": "Le code postal compte 5 chiffres."}


async def test_the_page_can_be_prefilled_and_says_when_a_renewal_opens(client):
    await docteur(client)
    page = (await client.get("/demarches/commencer/vignette_urgence?code_postal=38000&commune=Grenoble")).text
    assert "Son renouvellement peut être demandé à partir du 1er décembre" in page
    assert 'name="code_postal" value="38000"' in page
    r = await post(client, "/demarches/commencer/vignette_urgence", {"code_postal": "38000", "commune": "Grenoble"})
    numero = r.headers["location"].split("/")[2]
    assert objet((await dossier(numero))["donnees"])["commune"] == "Grenoble"


async def test_the_council_delivers_a_selection_but_never_an_inscription(client, mail_dir):
    await docteur(client)
    vignette = await remplir(client, "vignette_urgence", {"vehicule": VIGNETTE, "adresse": ADRESSE},
                             ("immatriculation",))
    r = await post(client, f"/demarches/{vignette}/transmettre", {})
    assert r.status_code == 303
    carte = await remplir(client, "carte_professionnelle", {"demande": {
        "objet": "les_deux", "motif": "etat_civil", "nom_carte": "Dr Camille DURAND", "remise": "retrait"}}, ("photo",))
    r = await post(client, f"/demarches/{carte}/transmettre", {})
    assert r.status_code == 422 and "Mes documents" in r.text  # the ID for a change of civil status
    assert (await deposer(client, carte, "identite", "identite.pdf", pdf())).status_code == 303
    assert (await post(client, f"/demarches/{carte}/transmettre", {})).status_code == 303
    async with autre_client() as conseil:
        await connecter(conseil, "cd38")
        file = (await conseil.get("/gestion/demarches")).text
        assert '<option value="accepter">Accepter</option>' in file and "Urgent" not in file
        inscription = await transmis()
        lot = [f"{d['id']}:{d['version']}" for d in (await dossier(vignette), await dossier(carte), inscription)]
        r = await post(conseil, "/gestion/demarches/lot", {"action": "accepter", "lot": lot})
        assert "2 dossiers acceptés" in r.text and "cette démarche ne s&#39;accepte pas par lot" in r.text
        assert (await dossier(inscription["numero"]))["statut"] == "en_construction"
    page = (await client.get(f"/demarches/{vignette}")).text
    assert "Vignette délivrée" in page and "Vignette valable pour l&#39;année 2027." in page
    assert "Vignette envoyée le 07/12/2026." in page
    page = (await client.get(f"/demarches/{carte}")).text
    assert "Carte délivrée" in page and "Carte à retirer au conseil départemental." in page
    await drain()
    sujets = {m["Subject"] for m in mails(mail_dir)}
    assert f"Ordre des médecins - Demande n°{vignette} : vignette délivrée" in sujets
    assert f"Ordre des médecins - Demande n°{carte} : carte délivrée" in sujets

