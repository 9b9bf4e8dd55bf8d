"""`/verifier/<code>` (SPEC_DEMARCHES §1.9): public; title, holder, date and validity, nothing else."""

from __future__ import annotations

from datetime import date

from tables.demarches import Dossier
from tables.documents import DocumentEmis
from tests.support import login, post
from tests.support_documents import en_instruction, transmis
from web.templating import date_fr


async def test_anyone_checks_a_code_and_reads_only_title_holder_date_validity(client):
    d = await transmis()
    doc = await DocumentEmis.select().where(DocumentEmis.dossier == d["id"]).first()
    r = await client.get(f"/verifier/{doc['code']}")
    assert r.status_code == 200
    for attendu in ("Récépissé de dépôt", "Alice LEROY", date_fr(doc["emis_le"]), "Document valide"):
        assert attendu in r.text
    assert d["numero"] not in r.text and "Isère" not in r.text and "Inscription au Tableau" not in r.text
    tape = doc["code"].replace("-", " ").lower()  # as read out on the phone
    assert "Document valide" in (await client.get(f"/verifier/{tape}")).text


async def test_an_attestation_is_no_longer_valid_once_the_inscription_is_reopened(client):
    d = await en_instruction(avis="favorable", avis_le=date(2027, 1, 14))
    await login(client, "cnom@t.fr", url="/gestion/connexion")
    await post(client, f"/gestion/demarches/{d['numero']}/actions/accepter", {"version": d["version"]})
    code = (await DocumentEmis.select(DocumentEmis.code).where(DocumentEmis.genre == "attestation").first())["code"]
    await post(client, "/deconnexion", {})
    page = (await client.get(f"/verifier/{code}")).text
    assert "Attestation d&#39;inscription au Tableau" in page and "Document valide" in page
    await login(client, "cnom@t.fr", url="/gestion/connexion")
    v = (await Dossier.select(Dossier.version).where(Dossier.id == d["id"]).first())["version"]
    assert (await post(client, f"/gestion/demarches/{d['numero']}/actions/rouvrir",
                       {"version": v, "motif": "Décision à réexaminer"})).status_code == 303
    await post(client, "/deconnexion", {})
    page = (await client.get(f"/verifier/{code}")).text
    assert "Ce document n'est plus valide." in page and "Document valide" not in page
    recepisse = (await DocumentEmis.select(DocumentEmis.code).where(DocumentEmis.genre == "recepisse").first())
    assert "Document valide" in (await client.get(f"/verifier/{recepisse['code']}")).text  # the deposit stands


async def test_an_unknown_or_malformed_code_says_so_the_same_way(client):
    await transmis()
    reponses = [await client.get(f"/verifier/{code}") for code in ("ABCD-EFGH-JKMN", "pas-un-code", "0000")]
    for r in reponses:
        assert r.status_code == 404
        assert "Aucun document émis par l'Ordre des médecins ne correspond à ce code." in r.text
    assert reponses[0].text.replace("ABCD-EFGH-JKMN", "") == reponses[1].text.replace("pas-un-code", "")
