"""Communiquer un contrat (SPEC_DEMARCHES §4.8, L.4113-9): the deadline from the signature, the council's
observations date (draft + 1 month, signed + 6), "Communiqué hors délai", no refusal, the two outcomes and the
letter, the co-contracting doctor's read access; and the contract offered after an annonce "Poste pourvu"."""

from __future__ import annotations

import html
import re
from datetime import date

from tables import horloge
from tests.annonces_support import creer_annonce
from tests.pieces_support import en_tant_que
from tests.services_support import CONFRERE, decider, dossier, monde, remettre_l_horloge, remplir  # noqa: F401
from tests.support import drain, mails, post
from tests.support_documents import le, texte_pdf
from web.demarches.moteur import objet
from web.demarches.registre import type_de

SIGNE = {"type_contrat": "collaboration", "etat": "signe", "signe_le": "2026-10-11", "effet_le": "2026-10-15",
         "cocontractants": "Dr Paul MARTIN", "cocontractants_rpps": CONFRERE, "avenants": "non"}
OBSERVATION = "L'article 7 doit prévoir une clause de conciliation ordinale."


async def test_a_late_signed_contract_is_flagged_examined_with_observations_and_read_by_the_confrere(client, mail_dir):
    assert type_de("contrat").interdites == ("refuser",)
    await monde()
    le(date(2026, 11, 20))
    numero = await remplir(client, "contrat", {"contrat": SIGNE}, ("contrat",))
    page = (await client.get(f"/demarches/{numero}")).text
    assert "Date limite de communication : 11/11/2026 (dépassée)" in page
    assert "Observations au plus tard le 20/05/2027." in page  # received + 6 months

    await en_tant_que(client, "cd38@t.fr")
    file = (await client.get("/gestion/demarches")).text
    assert numero in file and "Communiqué hors délai" in file
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Communiqué hors délai" in page and "Observations au plus tard le 20/05/2027." in page
    assert "<dd>Collaboration libérale" in page and "<dd>Contrat signé" in page  # the choices' labels
    r = await decider(client, numero, "accepter", examen="avec", observations=" ")
    assert r.status_code == 422 and "Rédigez les observations du Conseil." in r.text
    assert ">Refuser<" not in r.text  # only a court annuls a contract
    r = await post(client, f"/gestion/demarches/{numero}/actions/refuser",
                   {"version": (await dossier(numero))["version"], "motif": "x"})
    assert r.status_code == 422 and (await dossier(numero))["statut"] == "en_instruction"
    r = await post(client, f"/gestion/demarches/{numero}/actions/accepter", {
        "version": (await dossier(numero))["version"], "examen": "avec", "observations": OBSERVATION})
    assert r.status_code == 303

    await en_tant_que(client, "cd69@t.fr")
    assert (await client.get(f"/gestion/demarches/{numero}")).status_code == 404

    await en_tant_que(client, "dr.durand")
    page = (await client.get(f"/demarches/{numero}")).text
    assert "Examiné — avec observations" in page and "Courrier du Conseil sur le contrat communiqué" in page
    code = page.split("Courrier du Conseil sur le contrat communiqué</a>")[0].rsplit("/documents/", 1)[1].split('"')[0]
    courrier = texte_pdf((await client.get(f"/demarches/{numero}/documents/{code}")).content)
    assert "collaboration libérale" in courrier.lower().replace("\n", " ") and "clause de conciliation" in courrier
    await drain()
    sujets = [m["Subject"] for m in mails(mail_dir)]
    assert f"Ordre des médecins - Demande n°{numero} : contrat examiné" in sujets

    await en_tant_que(client, "dr.autre")  # the confrère named by RPPS: read-only, without the letter
    espace = (await client.get("/espace")).text
    assert "Contrats me concernant" in espace and numero in espace
    page = (await client.get(f"/demarches/concernant/{numero}")).text
    assert "Collaboration libérale" in page and "Examiné — avec observations" in page
    assert OBSERVATION not in page and "/documents/" not in page
    assert (await client.get(f"/demarches/{numero}")).status_code == 404


async def test_a_draft_has_a_month_no_deadline_and_may_be_closed_without_follow_up(client):
    await monde()
    le(date(2027, 1, 31))
    projet = {**SIGNE, "etat": "projet", "signe_le": "", "cocontractants_rpps": ""}
    numero = await remplir(client, "contrat", {"contrat": projet}, ("contrat",))
    d = await dossier(numero)
    assert d["echeance"] == date(2027, 2, 28)  # received + 1 month
    page = (await client.get(f"/demarches/{numero}")).text
    assert "Observations au plus tard le 28/02/2027." in page and "Date limite de communication" not in page
    await en_tant_que(client, "cd38@t.fr")
    assert "Communiqué hors délai" not in (await client.get("/gestion/demarches")).text
    r = await decider(client, numero, "classer_sans_suite", motif="Contrat abandonné par les parties")
    assert r.status_code == 303 and (await dossier(numero))["statut"] == "sans_suite"


async def test_a_filled_annonce_offers_both_doctors_the_contract_prefilled(client):
    pid = await monde()
    le(date(2026, 11, 20))
    annonce = await creer_annonce(pid, categorie="collaboration",
                                  periodes=((date(2027, 1, 4), date(2027, 6, 30)),))
    await en_tant_que(client, "dr.durand")
    r = await post(client, f"/annonces/{annonce}/pourvoir", {"rpps": "123"})
    assert r.status_code == 422 and "Le numéro RPPS compte 11 chiffres." in r.text
    assert (await post(client, f"/annonces/{annonce}/pourvoir", {"rpps": CONFRERE})).status_code == 303
    gerer = (await client.get("/annonces/gerer")).text
    offre = (await client.get(f"/annonces/{annonce}")).text
    assert "Communiquer le contrat" in gerer and "Communiquer le contrat" in offre
    lien = offre.split("Communiquer le contrat</a>")[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    assert lien.startswith("/demarches/commencer/contrat?")

    await en_tant_que(client, "dr.autre")
    espace = (await client.get("/espace")).text
    assert "Contrats à communiquer" in espace and f"Annonce n° {annonce}" in espace
    lien_autre = espace.split("Communiquer le contrat</a>")[0].rsplit('href="', 1)[1].split('"')[0]
    page = (await client.get(lien_autre.replace("&amp;", "&"))).text
    assert 'name="cocontractants_rpps" value="10005170625"' in page and 'value="collaboration"' in page
    caches = {n: html.unescape(v) for n, v in re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', page)}
    r = await post(client, "/demarches/commencer/contrat", caches)  # the start form as the browser posts it
    d = await dossier(r.headers["location"].split("/")[2])
    v = objet(d["donnees"])
    assert (v["type_contrat"], v["effet_le"], v["fin_le"], v["cocontractants_rpps"], v["annonce"]) == (
        "collaboration", "2027-01-04", "2027-06-30", "10005170625", str(annonce))
    assert v["cocontractants"] == "Camille DURAND" and v["lieu"]
    assert horloge.aujourdhui() == date(2026, 11, 20)
