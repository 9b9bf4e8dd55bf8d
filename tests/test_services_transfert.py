"""Transférer mon inscription vers un autre conseil (SPEC_DEMARCHES §4.2, story 5): the origin checks and hands
it on, the destination's queue holds it, the origin reads it without acting, the destination's clock starts at its
own "dossier complet", its decision puts the doctor on its Tableau or is appealable."""

from __future__ import annotations

import html

from tables.comptes import Praticien
from tables.demarches import Dossier
from tests.pieces_support import en_tant_que
from tests.services_adresse_support import (
    LYON,
    agir,
    docteur,
    dossier,
    fixture_le,  # noqa: F401
    remplir,
)
from tests.support import creer_praticien, drain, mails, post
from web.demo_adresse import charger_adresse

DESTINATION = {"destination": "69", "date_prevue": "2027-02-01", "mode_exercice": "liberal",
               "motif": "Installation en cabinet de groupe à Lyon."}


async def _transmis(client) -> str:
    numero = await remplir(client, "transfert", {"destination": DESTINATION, "adresse": LYON,
                                                 "contrats": {"contrats": "non"}})
    page = html.unescape((await client.get(f"/demarches/{numero}")).text)
    assert "vous pouvez exercer à titre provisoire" in page and "L.4112-5 et R.4112-4" in page
    assert (await post(client, f"/demarches/{numero}/transmettre", {})).status_code == 303
    return numero


async def _transmettre(client, numero: str):
    await en_tant_que(client, "cd38@t.fr")
    return await post(client, f"/gestion/demarches/{numero}/panneau", {})


async def test_the_address_must_be_in_the_destination_and_the_destination_not_ones_own(client):
    await docteur(client)
    numero = await remplir(client, "transfert", {"destination": {**DESTINATION, "destination": "38"},
                                                 "adresse": {**LYON, "code_postal": "69003", "commune": "Grenoble"}})
    page = html.unescape((await client.get(f"/demarches/{numero}/sections/destination?verifier=1")).text)
    assert "Choisissez le conseil de votre nouvelle résidence professionnelle, pas le vôtre." in page
    page = html.unescape((await client.get(f"/demarches/{numero}/sections/adresse?verifier=1")).text)
    assert "Ce code postal ne correspond pas à la commune indiquée." in page
    await post(client, f"/demarches/{numero}/sections/destination", {**DESTINATION, "destination": "73"}, htmx=True)
    await post(client, f"/demarches/{numero}/sections/adresse", LYON, htmx=True)
    page = html.unescape((await client.get(f"/demarches/{numero}/sections/adresse?verifier=1")).text)
    assert "Cette commune n'est pas dans le département du conseil de destination." in page


async def test_the_origin_hands_it_on_then_reads_it_only_and_the_destination_instructs(client, le):
    await docteur(client)
    le("2026-12-07")
    numero = await _transmis(client)
    page = html.unescape((await client.get(f"/demarches/{numero}")).text)
    assert "Étape 2 sur 4 — Vérification par le conseil d'origine" in page
    await en_tant_que(client, "cd69@t.fr")
    assert (await client.get(f"/gestion/demarches/{numero}")).status_code == 404
    assert numero not in (await client.get("/gestion/demarches")).text
    await en_tant_que(client, "cd38@t.fr")
    assert "Transmettre au conseil de destination" in (await client.get(f"/gestion/demarches/{numero}")).text
    assert (await _transmettre(client, numero)).status_code == 303
    d = await dossier(numero)
    assert (d["departement"], d["origine"], d["statut"]) == ("69", "38", "en_construction")
    page = html.unescape((await client.get(f"/gestion/demarches/{numero}")).text)
    assert "vous le consultez en lecture seule" in page and "Transmise au conseil de destination" in page
    for bouton in ("Passer en instruction", "Transmettre au conseil de destination", "Demander des compléments",
                   "Envoyer"):
        assert bouton not in page
    assert (await post(client, f"/gestion/demarches/{numero}/actions/instruire", {"version": d["version"]})
            ).status_code == 404
    assert numero not in (await client.get("/gestion/demarches")).text
    await en_tant_que(client, "cd73@t.fr")
    assert (await client.get(f"/gestion/demarches/{numero}")).status_code == 404
    await en_tant_que(client, "cd69@t.fr")
    file = (await client.get("/gestion/demarches")).text
    assert "À traiter 1" in file and numero in file
    await en_tant_que(client, "dr.durand")
    page = html.unescape((await client.get(f"/demarches/{numero}")).text)
    assert "Étape 3 sur 4 — Instruction par le conseil de destination" in page
    assert "Conseil départemental du Rhône" in page


async def test_the_destinations_clock_and_acceptance_put_the_doctor_on_its_tableau(client, mail_dir, le):
    pid = await docteur(client)
    le("2026-12-07")
    numero = await _transmis(client)
    await _transmettre(client, numero)
    await agir(client, "cd69@t.fr", numero, "instruire")
    le("2026-12-14")
    assert (await post(client, f"/gestion/demarches/{numero}/complet", {"complet_le": "2026-12-10"})).status_code == 303
    assert "Réponse habituelle sous 3 mois, soit vers le 10/03/2027." in (
        await client.get(f"/gestion/demarches/{numero}")).text
    assert (await agir(client, "cd69@t.fr", numero, "accepter")).status_code == 303
    assert (await Praticien.select(Praticien.departement).where(Praticien.id == pid).first())["departement"] == "69"
    await en_tant_que(client, "dr.durand")
    page = html.unescape((await client.get(f"/demarches/{numero}")).text)
    assert "Inscrit au tableau du Rhône" in page
    await drain()
    e8 = mails(mail_dir)[-1]
    assert e8["Subject"] == f"Ordre des médecins - Demande n°{numero} : inscription au Tableau"
    assert "vous êtes inscrit au tableau du Rhône." in e8.get_body(("plain",)).get_content()


async def test_a_refusal_carries_the_appeal_before_the_regional_council(client, mail_dir):
    await docteur(client)
    numero = await _transmis(client)
    await _transmettre(client, numero)
    await agir(client, "cd69@t.fr", numero, "instruire")
    await agir(client, "cd69@t.fr", numero, "refuser", motif="Aucune résidence professionnelle dans le Rhône.")
    await drain()
    texte = mails(mail_dir)[-1].get_body(("plain",)).get_content()
    assert "Motif : Aucune résidence professionnelle dans le Rhône." in texte
    assert "Conseil régional de l'Ordre des médecins Auvergne-Rhône-Alpes" in texte


async def test_the_demo_loads_once_with_a_transfer_the_isere_reads_and_the_rhone_instructs(client):
    for i, dep in enumerate(("38", "38", "38", "38", "38", "69", "69", "13", "13", "73")):
        await creer_praticien(rpps=f"120000000{i:02d}", nom=f"NOM{i}", departement=dep, email=None)
    await docteur(client)
    assert await charger_adresse() is True
    assert await charger_adresse() is False  # idempotent: run by every `make run`
    (d,) = await Dossier.select().where((Dossier.type == "transfert") & (Dossier.origine == "38")
                                        & (Dossier.departement == "69"))
    assert d["numero"].startswith("D-2025-")
    await en_tant_que(client, "cd38@t.fr")
    assert "vous le consultez en lecture seule" in html.unescape(
        (await client.get(f"/gestion/demarches/{d['numero']}")).text)
    await en_tant_que(client, "cd69@t.fr")
    assert d["numero"] in (await client.get("/gestion/demarches")).text
    assert await Dossier.count().where(Dossier.type.is_in(["transfert", "changement_adresse"])) == 10
