"""Entraide (SPEC_DEMARCHES §4.7): the doctor's confidential request, seen and instructed by the commission alone.

Every staff role is tried on every list, count, search, export, digest and URL: the gestionnaire of the doctor's
council, another council's, a national without the habilitation, and the commission (national + entraide).
"""

from __future__ import annotations

from datetime import date

from tables.comptes import Compte
from tables.demarches import Dossier
from tables.documents import DocumentEmis
from tests.support import creer_compte, drain, login, mails, medecin, post
from tests.test_demarches_file import _dossiers
from web.demarches import digest
from web.demo_entraide import charger_entraide

PERDU = "La page demandée n&#39;existe pas ou n&#39;est plus disponible."
AIDE = "Un numéro d'aide (<a href=\"tel:0800288038\">0800 288 038</a>) est mis à disposition des médecins"
REMPLI = {"demande": {"nature": "financieres", "description": "Mon cabinet a brûlé.", "montant": "3 000"},
          "rappel": {"telephone": "06 12 34 56 78", "creneaux": "après 18h"}}


async def _staff() -> None:
    await creer_compte("cd38@t.fr", role="gestionnaire", conseil="CD38")
    await creer_compte("cd69@t.fr", role="gestionnaire", conseil="CD69")
    await creer_compte("cnom@t.fr", role="national")
    await creer_compte("commission@t.fr", role="national")
    await Compte.update({Compte.habilitations: "entraide"}).where(Compte.identifiant == "commission@t.fr")


async def _comme(client, identifiant: str) -> None:
    await post(client, "/deconnexion", {})
    await login(client, identifiant, url="/gestion/connexion" if "@" in identifiant else "/connexion")


async def _demander(client, consentement: bool = False) -> str:
    """dr.durand (Isère) applies through the wizard and transmits; returns the number."""
    page = (await client.get("/demarches/commencer/entraide")).text
    assert AIDE in page and page.index(AIDE) < page.index("Commencer la démarche")
    r = await post(client, "/demarches/commencer/entraide", {})
    numero = r.headers["location"].split("/")[2]
    consent = (await client.get(f"/demarches/{numero}/sections/consentement")).text
    assert "J&#39;accepte que mon conseil départemental soit informé de ma demande et y participe" in consent
    assert 'value="on">' in consent and 'value="on" checked' not in consent  # unticked by default
    for section, valeurs in {**REMPLI, "consentement": {"consentement": "on"} if consentement else {}}.items():
        await post(client, f"/demarches/{numero}/sections/{section}", {**valeurs, "aller": section})
    assert (await post(client, f"/demarches/{numero}/transmettre", {})).status_code in (302, 303)
    return numero


async def test_the_doctor_applies_and_every_e_mail_says_only_mise_a_jour(client, mail_dir):
    await medecin()
    await _staff()
    await login(client)
    assert 'href="/demarches/commencer/entraide"' in (await client.get("/espace")).text
    numero = await _demander(client)
    dossier = (await client.get(f"/demarches/{numero}")).text
    assert "Commission d&#39;entraide de l&#39;Ordre des médecins" in dossier and "Transmise" in dossier
    await _comme(client, "commission@t.fr")
    d = await Dossier.select(Dossier.version).where(Dossier.numero == numero).first()
    await post(client, f"/gestion/demarches/{numero}/actions/instruire", {"version": d["version"]})
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Examinée par la commission d&#39;entraide" in page and "Mon cabinet a brûlé." in page
    manque = await post(client, f"/gestion/demarches/{numero}/actions/accepter", {"version": d["version"] + 1})
    assert manque.status_code == 422
    assert "Indiquez : Aide directe du fonds d&#39;entraide : montant (euros)." in manque.text
    await post(client, f"/gestion/demarches/{numero}/actions/accepter",
               {"version": d["version"] + 1, "aide_accordee": "2500"})
    assert "Aide accordée" in (await client.get(f"/gestion/demarches/{numero}")).text
    await drain()
    envoyes = [m for m in mails(mail_dir) if m["To"] == "c.durand@exemple.fr"]
    assert [m["Subject"] for m in envoyes] == [f"Ordre des médecins - Demande n°{numero} : mise à jour"] * 3
    for m in envoyes:
        texte = m.get_body(("plain",)).get_content()
        assert f"Votre demande n°{numero} a été mise à jour. Connectez-vous à Mon Espace pour la consulter." in texte
        assert "entraide" not in texte.lower() and "aide" not in m["Subject"].lower() and not list(m.iter_attachments())
    await _comme(client, "dr.durand")
    inbox = (await client.get("/espace/messages")).text
    assert f"Demande n°{numero} : mise à jour" in inbox and "entraide" not in inbox.split("<main")[1].lower()
    assert "Aide accordée" in (await client.get(f"/demarches/{numero}")).text


async def test_no_one_but_the_commission_finds_it_in_any_list_count_search_export_digest_or_url(client, mail_dir):
    (public,) = await _dossiers(1)  # an inscription in the Isère: the council's queue is not empty
    await medecin(identifiant="dr.entraide", rpps="10009999999", nom="SECRET")
    await _staff()
    await login(client, "dr.entraide")
    numero = await _demander(client)
    recepisse = (await DocumentEmis.select(DocumentEmis.code).where(
        DocumentEmis.dossier.is_in(Dossier.select(Dossier.id).where(Dossier.numero == numero))).first())["code"]
    assert await digest.comptes(date(2026, 11, 10)) == {"38": {"nouvelles": 1, "complements": 0, "echeances": 0}}
    for qui in ("cd38@t.fr", "cd69@t.fr", "cnom@t.fr"):
        await _comme(client, qui)
        for url in ("/gestion/demarches", "/gestion/demarches?onglet=suivis", "/gestion/demarches?onglet=traites",
                    "/gestion/demarches?type=entraide", "/gestion/demarches/export.csv"):
            r = await client.get(url)
            assert r.status_code == 200 and numero not in r.text and "SECRET" not in r.text, (qui, url)
            assert "entraide" not in r.text.lower(), (qui, url)
        for cherche in (f"numero={numero}", "qui=secret", "qui=10009999999"):
            r = await client.get(f"/gestion/demarches?{cherche}")
            assert "Aucun dossier ne correspond à ces filtres." in r.text and "SECRET" not in r.text, (qui, cherche)
            assert numero not in (await client.get(f"/gestion/demarches/export.csv?{cherche}")).text
        assert "À traiter 1" in (await client.get("/gestion/demarches")).text or qui == "cd69@t.fr"
        for url in (f"/gestion/demarches/{numero}", "/gestion/entraide", "/gestion/entraide/export.csv",
                    f"/gestion/demarches/{numero}/documents/{recepisse}"):
            r = await client.get(url)
            assert r.status_code == 404, (qui, url)
        assert PERDU in (await client.get(f"/gestion/demarches/{numero}")).text
        d = await Dossier.select(Dossier.id, Dossier.version).where(Dossier.numero == numero).first()
        r = await post(client, f"/gestion/demarches/{numero}/actions/instruire", {"version": d["version"]})
        assert r.status_code == 404, qui
        r = await post(client, "/gestion/demarches/lot", {"action": "suivre", "lot": f"{d['id']}:{d['version']}"})
        assert "0 dossier suivi par vous." in r.text and numero not in r.text
    await _comme(client, "commission@t.fr")
    file = (await client.get("/gestion/entraide")).text
    assert "Commission d&#39;entraide" in file and "À traiter 1" in file and numero in file and public not in file
    assert numero in (await client.get("/gestion/entraide?qui=secret")).text
    export = (await client.get("/gestion/entraide/export.csv")).text
    assert numero in export and "Demander l&#39;aide de l&#39;entraide" not in export and public not in export
    assert numero not in (await client.get("/gestion/demarches")).text  # its own queue only
    assert 'href="/gestion/entraide"' in file
    await medecin(identifiant="dr.autre", rpps="10008888888", nom="AUTRE")
    await _comme(client, "dr.autre")
    assert (await client.get(f"/demarches/{numero}")).status_code == 404


async def test_the_council_reads_it_only_once_informed_with_the_doctors_consent(client, mail_dir):
    await medecin()
    await medecin(identifiant="dr.refus", rpps="10007777777", nom="REFUS", email="refus@exemple.fr")
    await _staff()
    await login(client)
    avec = await _demander(client, consentement=True)
    await _comme(client, "dr.refus")
    sans = await _demander(client)
    await _comme(client, "commission@t.fr")
    assert "Informer le conseil départemental" not in (await client.get(f"/gestion/demarches/{sans}")).text
    refus = await post(client, f"/gestion/demarches/{sans}/panneau", {})
    assert refus.status_code == 422 and "n&#39;a pas accepté" in refus.text
    assert "Informer le conseil départemental" in (await client.get(f"/gestion/demarches/{avec}")).text
    await post(client, f"/gestion/demarches/{avec}/panneau", {})
    assert "informé avec l'accord du médecin" in (await client.get(f"/gestion/demarches/{avec}")).text
    await drain()
    (au_conseil,) = [m for m in mails(mail_dir) if m["To"] == "cd38@t.fr"]
    assert au_conseil["Subject"] == f"Ordre des médecins - Demande n°{avec} : mise à jour"
    assert f"/gestion/demarches/{avec}" in au_conseil.get_body(("plain",)).get_content()
    await _comme(client, "cd38@t.fr")
    lue = await client.get(f"/gestion/demarches/{avec}")
    assert lue.status_code == 200 and "Mon cabinet a brûlé." in lue.text and "Examiner la demande" not in lue.text
    d = await Dossier.select(Dossier.version).where(Dossier.numero == avec).first()
    assert (await post(client, f"/gestion/demarches/{avec}/actions/instruire",
                       {"version": d["version"]})).status_code == 404  # to read only
    assert avec not in (await client.get("/gestion/demarches")).text  # still in no council queue
    assert (await client.get(f"/gestion/demarches/{sans}")).status_code == 404
    await _comme(client, "cd69@t.fr")
    assert (await client.get(f"/gestion/demarches/{avec}")).status_code == 404
    await _comme(client, "dr.durand")
    assert "Conseil départemental informé" in (await client.get(f"/demarches/{avec}")).text


async def test_the_demo_request_waits_in_the_commissions_queue_once(client):
    await medecin(identifiant="demo.radio", rpps="10004567890", nom="FAURE")
    await _staff()
    assert await charger_entraide() is True and await charger_entraide() is False
    await login(client, "commission@t.fr", url="/gestion/connexion")
    (d,) = await Dossier.select(Dossier.numero)
    assert d["numero"] in (await client.get("/gestion/entraide")).text
    assert "Informer le conseil départemental" in (await client.get(f"/gestion/demarches/{d['numero']}")).text
