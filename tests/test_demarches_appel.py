"""The appeal of a refused inscription (SPEC_DEMARCHES §2.6, story 4): which conseil, and until when."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tables import horloge
from tables.demarches import Dossier
from tests.rendezvous_support import connecter, en_instruction, regler
from tests.support import drain, mails, post
from web.demarches import appel

APPEL = ("Vous pouvez faire appel de cette décision devant la formation restreinte du Conseil régional de l&#39;Ordre "
         "des médecins Auvergne-Rhône-Alpes dans un délai de trente jours à compter de sa notification, soit au plus "
         "tard le {}. Cet appel n&#39;est pas suspensif.")


@pytest.fixture(autouse=True)
def horloge_fixe():
    regler(2027, 1, 14)
    yield
    horloge.decaler(timedelta(0))


async def _refuse(client) -> str:
    numero = await en_instruction("demo.junior", rpps="10001234567", nom="MARTIN", departement="69")
    await connecter(client, "cd69@t.fr")
    version = (await Dossier.select(Dossier.version).where(Dossier.numero == numero).first())["version"]
    r = await post(client, f"/gestion/demarches/{numero}/actions/refuser",
                   {"version": version, "motif": "Insuffisance de maîtrise de la langue française."})
    assert r.status_code == 303
    return numero


async def test_story_4_the_appeal_date_is_indicative_until_the_registered_letter(client, mail_dir):
    numero = await _refuse(client)
    await drain()
    texte = mails(mail_dir)[-1].get_body(("plain",)).get_content()
    assert mails(mail_dir)[-1]["Subject"] == f"Ordre des médecins - Demande n°{numero} : refusée"
    assert "Motif : Insuffisance de maîtrise de la langue française." in texte
    assert APPEL.format("13/02/2027 (date indicative)").replace("&#39;", "'") in texte
    await connecter(client, "demo.junior")
    page = (await client.get(f"/demarches/{numero}")).text
    assert "Inscription refusée" in page and "Motif : Insuffisance de maîtrise de la langue française." in page
    assert APPEL.format("13/02/2027 (date indicative)") in page
    regler(2027, 1, 19)
    await connecter(client, "cd69@t.fr")
    assert APPEL.format("13/02/2027 (date indicative)") in (await client.get(f"/gestion/demarches/{numero}")).text
    r = await post(client, f"/gestion/demarches/{numero}/notification", {"notifie_le": "2027-01-18"})
    assert r.status_code == 303
    assert APPEL.format("17/02/2027") in (await client.get(f"/gestion/demarches/{numero}")).text
    await connecter(client, "demo.junior")
    page = (await client.get(f"/demarches/{numero}")).text
    assert APPEL.format("17/02/2027") in page and "(date indicative)" not in page
    d = await Dossier.select().where(Dossier.numero == numero).first()
    assert "17/02/2027. Cet appel" in await appel.texte(d)  # E10 of a re-sent refusal reads the same


async def test_the_notification_date_lies_between_the_decision_and_today(client):
    numero = await _refuse(client)
    for jour in ("2027-01-13", "2027-01-15"):
        r = await post(client, f"/gestion/demarches/{numero}/notification", {"notifie_le": jour})
        assert r.status_code == 422
        assert "La date de notification doit être comprise entre la décision et aujourd&#39;hui." in r.text
    r = await post(client, f"/gestion/demarches/{numero}/notification", {"notifie_le": ""})
    assert r.status_code == 422 and "Indiquez la date de notification par lettre recommandée." in r.text
    await connecter(client, "cd38@t.fr")
    r = await post(client, f"/gestion/demarches/{numero}/notification", {"notifie_le": "2027-01-14"})
    assert r.status_code == 404 and "Page introuvable" in r.text
    assert (await Dossier.select().where(Dossier.numero == numero).first())["notifie_le"] is None


async def test_an_open_dossier_has_no_appeal_text_nor_notification(client):
    numero = await en_instruction(departement="69")
    await connecter(client, "cd69@t.fr")
    assert "Faire appel" not in (await client.get(f"/gestion/demarches/{numero}")).text
    r = await post(client, f"/gestion/demarches/{numero}/notification", {"notifie_le": "2027-01-14"})
    assert r.status_code == 422 and "Seul un refus se notifie par lettre recommandée." in r.text


async def test_the_conseil_is_the_region_s_or_the_interregion_s():
    assert await appel.conseil_regional("38") == "Conseil régional de l'Ordre des médecins Auvergne-Rhône-Alpes"
    assert await appel.conseil_regional("75") == "Conseil régional de l'Ordre des médecins Île-de-France"
    assert await appel.conseil_regional("971") == "Conseil interrégional de l'Ordre des médecins Antilles-Guyane"
    assert await appel.conseil_regional("973") == "Conseil interrégional de l'Ordre des médecins Antilles-Guyane"
    assert await appel.conseil_regional("976") == "Conseil interrégional de l'Ordre des médecins Réunion-Mayotte"
