"""What the doctor's certification dashboard asks of others or answers for them (SPEC_DEMARCHES §3.3, §3.5):
actions deposited by third parties to confirm, the bloc 3 exemption request, the RPPS e-mail's confirmation."""

from __future__ import annotations

from datetime import date

import pytest

from tables.certification import ActionCertification, Carnet
from tables.coordonnees import Affectation
from tests.certification_support import PAGE, carnet_de, connecte, jour_fixe, page_de, texte
from tests.support import post
from web.certification import periode

pytestmark = pytest.mark.usefixtures(jour_fixe.__name__)


async def test_actions_to_confirm(client):
    pid = await connecte(client)
    carnet = await periode.ouvrir(pid)
    for intitule in ("DPC gestes d'urgence", "Registre inconnu"):
        await ActionCertification.insert(ActionCertification(
            carnet=carnet["id"], bloc=1, intitule=intitule, organisme="ANDPC", fin=date(2025, 5, 1),
            statut="a_confirmer", source="organisme"))
    page = await page_de(client, PAGE)
    assert "À confirmer" in page and page.count(">Confirmer<") == 2 and "Ce n'est pas moi" in page
    premiere, seconde = await ActionCertification.select().order_by(ActionCertification.id)
    assert (await post(client, f"{PAGE}/actions/{premiere['id']}/confirmer", {})).status_code == 303
    assert (await carnet_de(pid))["b1"] == 1
    assert (await post(client, f"{PAGE}/actions/{seconde['id']}/rejeter", {})).status_code == 303
    assert [a["statut"] for a in await ActionCertification.select()] == ["declaree"]
    response = await post(client, f"{PAGE}/actions/{premiere['id']}/confirmer", {})
    assert response.status_code == 422 and "n'est pas possible depuis le statut « Déclarée »" in texte(response)


async def test_the_exemption_request(client):
    pid = await connecte(client)
    response = await post(client, f"{PAGE}/exoneration", {})
    assert response.status_code == 422
    response = await post(client, f"{PAGE}/exoneration", {"sans_soins": "on"})
    assert response.status_code == 303 and (await carnet_de(pid))["exoneration"] == "demandee"
    page = await page_de(client, PAGE)
    assert "Demande d'exonération du bloc 3 envoyée à votre conseil départemental" in page
    assert "0 action sur 8" in page
    await Carnet.update({Carnet.exoneration: "refusee"}).where(Carnet.praticien == pid)
    assert "a refusé l'exonération du bloc 3" in await page_de(client, PAGE)


async def test_the_dashboard_tells_the_rpps_email_state_and_sends_its_confirmation_link(client):
    pid = await connecte(client)
    assert "Votre adresse e-mail RPPS : Absente." in await page_de(client, PAGE)
    ordre = await Affectation.select(Affectation.email).where(Affectation.praticien == pid).first()
    await Affectation.insert(Affectation(praticien=pid, usage="rpps", email=ordre["email"]))
    page = await page_de(client, PAGE)
    assert "Votre adresse e-mail RPPS : <strong>c.durand@exemple.fr</strong> — Non confirmée." in page
    assert "Recevoir un lien de confirmation" in page
    r = await post(client, "/espace/certification/rpps/confirmer", {}, htmx=True)
    assert "Un lien de confirmation vient d'être envoyé à c.durand@exemple.fr" in texte(r)
    assert 'id="envoi-rpps"' in r.text and "<html" not in r.text
