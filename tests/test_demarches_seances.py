"""The séance plénière (SPEC_DEMARCHES §2.6, story 3): dates, preconditions, agenda, E7, the opinion after it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tables import horloge
from tables.demarches import Dossier
from tables.territoires import Seance
from tests.rendezvous_support import connecter, en_instruction, entretien_realise, regler
from tests.support import drain, mails, post


@pytest.fixture(autouse=True)
def horloge_fixe():
    regler(2026, 12, 7)
    yield
    horloge.decaler(timedelta(0))


async def _seances(client) -> list[int]:
    for jour in ("2027-01-14", "2027-01-28"):
        r = await post(client, "/gestion/calendriers/38/seances", {"date": jour, "lieu": "Siège du conseil, Grenoble"})
        assert r.status_code == 303
    return [s["id"] for s in await Seance.select(Seance.id).order_by(Seance.date)]


async def _rapport(client, numero: str, rapporteur: str = "Dr Claire Dupont") -> None:
    """The rapporteur named and his written report in the notes internes (R.4112-2)."""
    await post(client, f"/gestion/demarches/{numero}/rapporteur", {"rapporteur": rapporteur})
    await post(client, f"/gestion/demarches/{numero}/notes", {"genre": "rapport", "texte": "Avis favorable."})


async def _inscrit(client, numero: str) -> list[int]:
    await entretien_realise(client, numero)
    ids = await _seances(client)
    await _rapport(client, numero)
    assert (await post(client, f"/gestion/demarches/{numero}/seance", {"seance": ids[0]})).status_code == 303
    return ids


async def test_the_council_keeps_its_seances_and_the_applicant_sees_the_next_ones(client):
    numero = await en_instruction()
    await connecter(client, "cd38@t.fr")
    r = await post(client, "/gestion/calendriers/38/seances", {"date": "2026-12-01", "lieu": "Grenoble"})
    assert r.status_code == 422 and "La date de la séance ne peut pas être passée." in r.text
    r = await post(client, "/gestion/calendriers/38/seances", {"date": "2027-01-14", "lieu": ""})
    assert r.status_code == 422 and "Ce champ est obligatoire." in r.text and 'value="2027-01-14"' in r.text
    await _seances(client)
    page = (await client.get("/gestion/calendriers/38/seances")).text
    assert "Ordre du jour de la séance du 14/01/2027" in page and "28/01/2027" in page
    await connecter(client, "alice.leroy")
    page = (await client.get(f"/demarches/{numero}")).text
    assert "Prochaines séances plénières" in page and "14/01/2027 — Siège du conseil, Grenoble" in page
    assert "28/01/2027" in (await client.get("/territoires/38")).text  # the same table, on the territory page


async def test_the_agenda_needs_the_entretien_done_a_rapporteur_and_his_report(client, mail_dir):
    numero = await en_instruction()
    await connecter(client, "cd38@t.fr")
    ids = await _seances(client)
    r = await post(client, f"/gestion/demarches/{numero}/seance", {"seance": ids[0]})
    assert r.status_code == 422 and "L&#39;entretien confraternel doit avoir été réalisé." in r.text
    await entretien_realise(client, numero)
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Désignez d&#39;abord le conseiller rapporteur." in page
    r = await post(client, f"/gestion/demarches/{numero}/seance", {"seance": ids[0]})
    assert r.status_code == 422 and "Désignez d&#39;abord le conseiller rapporteur." in r.text
    await post(client, f"/gestion/demarches/{numero}/rapporteur", {"rapporteur": "Dr Claire Dupont"})
    r = await post(client, f"/gestion/demarches/{numero}/seance", {"seance": ids[0]})
    assert r.status_code == 422 and "Ajoutez d&#39;abord le rapport du conseiller rapporteur" in r.text
    await post(client, f"/gestion/demarches/{numero}/notes", {"genre": "rapport", "texte": "Favorable."})
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Inscrire à l'ordre du jour de la séance du 14/01/2027" in page
    assert (await post(client, f"/gestion/demarches/{numero}/seance", {"seance": ids[0]})).status_code == 303
    r = await post(client, f"/gestion/demarches/{numero}/seance", {"seance": ids[1]})
    assert "Ce dossier est déjà inscrit à l&#39;ordre du jour de la séance du 14/01/2027." in r.text
    await drain()
    m = mails(mail_dir)[-1]
    assert m["Subject"] == f"Ordre des médecins - Demande n°{numero} : examen en séance plénière"
    assert ("Votre demande sera présentée en séance plénière du Conseil départemental de l'Isère le 14/01/2027."
            in m.get_body(("plain",)).get_content())
    await connecter(client, "alice.leroy")
    page = (await client.get(f"/demarches/{numero}")).text
    assert "Étape 9 sur 10 — Séance plénière" in page
    assert "<dt>Conseiller rapporteur</dt><dd>Dr Claire Dupont</dd>" in page
    assert "Votre demande sera présentée en séance plénière du Conseil départemental de l&#39;Isère le 14/01/2027." \
        in page


async def test_the_printable_agenda_lists_number_name_des_rapporteur(client):
    numero = await en_instruction()
    autre = await en_instruction("bruno.petit", rpps="10001234567", nom="PETIT", staff=False)
    ids = await _inscrit(client, numero)
    await entretien_realise(client, autre)
    await _rapport(client, autre, "Dr Paul Roux")
    await post(client, f"/gestion/demarches/{autre}/seance", {"seance": ids[0]})
    page = (await client.get(f"/gestion/calendriers/38/seances/{ids[0]}")).text
    assert "Ordre du jour — séance plénière du 14/01/2027" in page and 'media="print"' in page
    assert "<td>1</td><td>LEROY Alice</td><td>Médecine générale</td><td>Dr Claire Dupont</td>" in page
    assert "<td>2</td><td>PETIT Alice</td><td>Médecine générale</td><td>Dr Paul Roux</td>" in page


async def test_a_favourable_opinion_after_the_seance_keeps_it_in_instruction(client, mail_dir):
    numero = await en_instruction()
    await _inscrit(client, numero)
    r = await post(client, f"/gestion/demarches/{numero}/avis/favorable", {})
    assert r.status_code == 422 and "L&#39;avis se rend après la séance du 14/01/2027." in r.text
    regler(2027, 1, 14, 18)
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Avis favorable à l&#39;inscription</button>" in page and "Refus d'inscription</button>" in page
    assert (await post(client, f"/gestion/demarches/{numero}/avis/favorable", {})).status_code == 303
    d = await Dossier.select().where(Dossier.numero == numero).first()
    assert (d["statut"], d["avis"], d["avis_le"]) == ("en_instruction", "favorable", date(2027, 1, 14))
    await drain()
    assert mails(mail_dir)[-1]["Subject"] == f"Ordre des médecins - Demande n°{numero} : décision favorable"
    await connecter(client, "alice.leroy")
    page = (await client.get(f"/demarches/{numero}")).text
    assert ("Étape 10 sur 10 — Décision favorable — en attente de l&#39;authentification de vos attestations de "
            "réussite") in page


async def test_an_adjourned_dossier_goes_on_a_later_seance(client):
    numero = await en_instruction()
    ids = await _inscrit(client, numero)
    regler(2027, 1, 15)
    assert (await post(client, f"/gestion/demarches/{numero}/avis/ajourne", {})).status_code == 303
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Ajourné à la séance du 14/01/2027" in page
    assert "Inscrire à l'ordre du jour de la séance du 28/01/2027" in page
    assert (await post(client, f"/gestion/demarches/{numero}/seance", {"seance": ids[1]})).status_code == 303
    d = await Dossier.select().where(Dossier.numero == numero).first()
    assert d["avis"] == "" and "Inscrit à l&#39;ordre du jour de la séance du 28/01/2027" in (
        await client.get(f"/gestion/demarches/{numero}")).text


async def test_a_refusal_in_seance_needs_a_motif_and_goes_through_the_engine(client, mail_dir):
    numero = await en_instruction()
    await _inscrit(client, numero)
    regler(2027, 1, 14, 18)
    r = await post(client, f"/gestion/demarches/{numero}/avis/refus", {"motif": " "})
    assert r.status_code == 422 and "Le motif est obligatoire pour cette action." in r.text
    r = await post(client, f"/gestion/demarches/{numero}/avis/refus", {"motif": "Condition de moralité (L.4112-1)."})
    assert r.status_code == 303
    d = await Dossier.select().where(Dossier.numero == numero).first()
    assert d["statut"] == "refuse" and d["motif"] == "Condition de moralité (L.4112-1)."
    await drain()
    assert mails(mail_dir)[-1]["Subject"] == f"Ordre des médecins - Demande n°{numero} : refusée"
    await connecter(client, "alice.leroy")
    assert "Inscription refusée" in (await client.get(f"/demarches/{numero}")).text


async def test_another_council_gets_the_french_404_on_every_seance_route(client):
    numero = await en_instruction()
    await connecter(client, "cd38@t.fr")
    ids = await _seances(client)
    await connecter(client, "cd69@t.fr")
    for r in (await client.get("/gestion/calendriers/38/seances"),
              await post(client, "/gestion/calendriers/38/seances", {"date": "2027-02-11", "lieu": "Lyon"}),
              await client.get(f"/gestion/calendriers/38/seances/{ids[0]}"),
              await client.get(f"/gestion/calendriers/69/seances/{ids[0]}"),  # its own page, not 38's séance
              await post(client, f"/gestion/demarches/{numero}/rapporteur", {"rapporteur": "X"}),
              await post(client, f"/gestion/demarches/{numero}/seance", {"seance": ids[0]}),
              await post(client, f"/gestion/demarches/{numero}/avis/favorable", {})):
        assert r.status_code == 404 and "Page introuvable" in r.text
    assert await Seance.count() == 2
