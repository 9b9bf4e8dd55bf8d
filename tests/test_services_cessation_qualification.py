"""Déclarer une cessation d'activité (§4.3) and Faire enregistrer une qualification (§4.10): recorded by the
applicant's council; a qualification "Enregistré au dossier" shows on the dossier ordinal, the attestation
d'inscription issued again and the annonces' badge; "Non reconnu" carries its motif."""

from __future__ import annotations

from datetime import date

from tables.documents import DocumentEmis
from tests.annonces_support import creer_annonce
from tests.pieces_support import en_tant_que
from tests.services_support import decider, dossier, monde, remettre_l_horloge, remplir  # noqa: F401
from tests.support import drain, login, mails, post
from tests.support_documents import en_instruction, le, texte_pdf
from web.demarches.moteur import objet
from web.documents.pdf import rendre

CESSATION = {"nature": "retraite_totale", "effet_le": "2027-03-31", "cabinet": "cession",
             "dossiers_patients": "Transmis à mon successeur", "tableau": "rester"}
DIPLOME = {"nature": "du", "intitule": "DIU de médecine du sport", "etablissement": "Université Grenoble Alpes",
           "obtenue_le": "2026-06-30"}


async def test_a_retirement_is_recorded_once_the_ordonnances_pledge_is_ticked(client, mail_dir):
    await monde()
    le(date(2026, 12, 1))
    await login(client)
    r = await post(client, "/demarches/commencer/cessation", {})
    numero = r.headers["location"].split("/")[2]
    await post(client, f"/demarches/{numero}/sections/cessation", CESSATION)
    section = (await client.get(f"/demarches/{numero}/sections/cessation?verifier=1")).text
    assert 'href="/annonces/deposer?categorie=succession">Déposer une annonce</a>' in section
    assert "Cochez cette case pour transmettre votre déclaration." in section
    assert (await post(client, f"/demarches/{numero}/transmettre", {})).status_code == 422
    numero = await remplir(client, "cessation", {"cessation": {**CESSATION, "ordonnances": "on"}})
    page = (await client.get(f"/demarches/{numero}")).text
    assert "Réponse habituelle sous 1 mois, soit vers le 01/01/2027." in page
    await en_tant_que(client, "cd38@t.fr")
    assert "Le médecin cède son cabinet" in (await client.get(f"/gestion/demarches/{numero}")).text
    assert (await decider(client, numero, "accepter")).status_code == 303
    await drain()
    sujets = [m["Subject"] for m in mails(mail_dir)]
    assert f"Ordre des médecins - Demande n°{numero} : déclaration enregistrée" in sujets
    await en_tant_que(client, "dr.durand")
    assert "Enregistrée" in (await client.get(f"/demarches/{numero}")).text


async def test_a_qualification_recorded_shows_on_the_dossier_the_attestation_and_the_badge(client):
    d = await en_instruction(avis="favorable")  # Alice LEROY, inscribed by CD38 below
    le(date(2026, 12, 1))
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    assert (await post(client, f"/gestion/demarches/{d['numero']}/actions/accepter",
                       {"version": d["version"]})).status_code == 303
    await en_tant_que(client, "alice.leroy")
    numero = await remplir(client, "qualification", {"diplome": DIPLOME}, ("diplome",), identifiant="alice.leroy")
    await en_tant_que(client, "cd69@t.fr")
    assert (await client.get(f"/gestion/demarches/{numero}")).status_code == 404
    await en_tant_que(client, "cd38@t.fr")
    assert (await decider(client, numero, "accepter")).status_code == 303

    await en_tant_que(client, "alice.leroy")
    assert "Enregistré au dossier" in (await client.get(f"/demarches/{numero}")).text
    assert "DU / DIU : DIU de médecine du sport (Université Grenoble Alpes), obtenu le 30/06/2026" in (
        await client.get("/espace")).text
    attestations = await DocumentEmis.select().where((DocumentEmis.dossier == d["id"])
                                                     & (DocumentEmis.genre == "attestation")).order_by(
        DocumentEmis.version)
    assert [a["valide"] for a in attestations] == [False, True]
    assert "DU / DIU : DIU de médecine du sport" in texte_pdf(rendre(objet(attestations[-1]["contenu"])))
    annonce = await creer_annonce(d["praticien"])
    page = (await client.get(f"/annonces/{annonce}")).text
    assert '<span class="badge badge--verifie">DU / DIU : DIU de médecine du sport</span>' in page


async def test_a_diploma_not_recognised_carries_its_motif(client):
    await monde()
    le(date(2026, 12, 1))
    numero = await remplir(client, "qualification", {"diplome": {**DIPLOME, "nature": "etranger"}}, ("diplome",))
    await en_tant_que(client, "cd38@t.fr")
    r = await decider(client, numero, "refuser", motif="Diplôme sans décision de reconnaissance")
    assert r.status_code == 303 and (await dossier(numero))["statut"] == "refuse"
    await en_tant_que(client, "dr.durand")
    page = (await client.get(f"/demarches/{numero}")).text
    assert "Non reconnu" in page and "Diplôme sans décision de reconnaissance" in page
    assert "Qualifications et diplômes enregistrés" not in (await client.get("/espace")).text
