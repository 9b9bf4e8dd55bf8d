"""Plaintes (SPEC_DEMARCHES §4.9, L.4123-2): a doctor's complaint is instructed by the targeted doctor's council, its
legal dates counted from registration, both parties convened, every e-mail neutral."""

from __future__ import annotations

from datetime import UTC, datetime

from tables.demarches import Dossier
from tests.support import creer_compte, creer_praticien, drain, login, mails, medecin, post


async def _deposer(client, vise: dict) -> str:
    r = await post(client, "/demarches/commencer/plainte", {})
    numero = r.headers["location"].split("/")[2]
    for section, valeurs in {"vise": vise, "faits": {"faits": "Propos injurieux en réunion de garde.",
                                                     "date_faits": "2026-10-02"}}.items():
        await post(client, f"/demarches/{numero}/sections/{section}", {**valeurs, "aller": section})
    assert (await post(client, f"/demarches/{numero}/transmettre", {})).status_code in (302, 303)
    return numero


async def test_the_targeted_doctors_council_instructs_with_its_legal_dates_and_neutral_e_mails(client, mail_dir):
    await medecin()  # dr.durand, Isère
    await medecin("dr.garnier", rpps="10003456786", nom="GARNIER", prenom="Louis", departement="69",
                  email="l.garnier@exemple.fr")
    await creer_compte("cd38@t.fr", role="gestionnaire", conseil="CD38")
    await creer_compte("cd69@t.fr", role="gestionnaire", conseil="CD69")
    await login(client)
    numero = await _deposer(client, {"vise_rpps": "100 0345 6786"})
    await Dossier.update({Dossier.transmise_le: datetime(2026, 11, 10, 9, tzinfo=UTC)}).where(Dossier.numero == numero)
    assert (await Dossier.select(Dossier.departement).where(Dossier.numero == numero).first())["departement"] == "69"
    await post(client, "/deconnexion", {})
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    assert (await client.get(f"/gestion/demarches/{numero}")).status_code == 404
    assert numero not in (await client.get("/gestion/demarches")).text
    await post(client, "/deconnexion", {})
    await login(client, "cd69@t.fr", url="/gestion/connexion")
    assert numero in (await client.get("/gestion/demarches")).text
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    (copie,) = await Dossier.select(Dossier.numero).where(Dossier.type == "plainte_visee")
    assert f"href=\"/gestion/demarches/{copie['numero']}\"" in page
    assert "Louis GARNIER (RPPS 10003456786)" in page and "Date d'enregistrement</dt><dd>10/11/2026" in page
    assert "Convocation en conciliation avant le</dt><dd>10/12/2026" in page
    assert "Transmission à la chambre disciplinaire au plus tard le</dt><dd>10/02/2027" in page
    await post(client, f"/gestion/demarches/{numero}/panneau", {"geste": "conciliateurs",
                                                                 "conciliateurs": "Dr Anne MOREL, Dr Paul ROCHE"})
    await post(client, f"/gestion/demarches/{numero}/panneau", {"geste": "convocation", "le": "2026-12-03",
                                                                 "heure": "14h30", "lieu": "Conseil, Lyon"})
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Conciliateurs : Dr Anne MOREL, Dr Paul ROCHE" in page
    assert "Conciliation le 03/12/2026 à 14h30 — Conseil, Lyon" in page
    d = await Dossier.select(Dossier.version).where(Dossier.numero == numero).first()
    await post(client, f"/gestion/demarches/{numero}/actions/instruire", {"version": d["version"]})
    await post(client, f"/gestion/demarches/{numero}/actions/refuser", {
        "version": d["version"] + 1, "motif": "Faits établis, conciliation impossible.",
        "transmise_chambre_le": "2026-12-10"})
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Non-conciliation — transmise à la chambre disciplinaire de première instance" in page
    await post(client, "/deconnexion", {})
    await login(client, "dr.garnier")
    assert f"/demarches/{copie['numero']}" in (await client.get("/espace")).text
    sienne = await client.get(f"/demarches/{copie['numero']}")
    assert "Plainte vous concernant" in sienne.text, sienne.status_code
    faits = (await client.get(f"/demarches/{copie['numero']}/sections/plainte")).text
    assert "Propos injurieux en réunion de garde." in faits and numero in faits
    await post(client, f"/demarches/{copie['numero']}/messages", {"texte": "Je conteste ces propos."})
    assert "Je conteste ces propos." in (await client.get(f"/demarches/{copie['numero']}")).text
    await post(client, "/deconnexion", {})
    await login(client)
    assert "Je conteste ces propos." not in (await client.get(f"/demarches/{numero}")).text  # never one thread
    assert (await client.get(f"/demarches/{copie['numero']}")).status_code == 404
    await drain()
    envoyes = mails(mail_dir)
    assert {m["To"] for m in envoyes} == {"c.durand@exemple.fr", "l.garnier@exemple.fr"}
    for m in envoyes:  # each party about his own dossier
        sien = numero if m["To"] == "c.durand@exemple.fr" else copie["numero"]
        assert m["Subject"] == f"Ordre des médecins - Demande n°{sien} : mise à jour"
        assert "plainte" not in m.get_body(("plain",)).get_content().lower()


async def test_a_doctor_named_without_rpps_is_found_by_his_name(client):
    await medecin()
    await creer_praticien(rpps="10003456786", nom="GARNIER", prenom="Louis", departement="69")
    await login(client)
    incomplet = await post(client, "/demarches/commencer/plainte", {})
    brouillon = incomplet.headers["location"].split("/")[2]
    r = await client.get(f"/demarches/{brouillon}/sections/vise?verifier=1")
    assert "Indiquez le RPPS du médecin visé, ou son nom et sa commune d&#39;exercice." in r.text
    numero = await _deposer(client, {"vise_nom": "Garnier", "vise_commune": "Lyon"})
    assert numero == brouillon  # one open complaint at a time: the draft goes on
    assert (await Dossier.select(Dossier.departement).where(Dossier.numero == numero).first())["departement"] == "69"


async def test_a_paper_complaint_is_registered_by_the_targeted_doctors_council_only(client):
    await medecin("dr.garnier", rpps="10003456786", nom="GARNIER", prenom="Louis", departement="69")
    await creer_compte("cd38@t.fr", role="gestionnaire", conseil="CD38")
    await creer_compte("cd69@t.fr", role="gestionnaire", conseil="CD69")
    lettre = {"plaignant_nom": "Mme Jeanne PETIT", "plaignant_adresse": "3 rue des Lilas, 69003 Lyon",
              "vise_rpps": "10003456786", "faits": "Refus de soins le 02/10/2026.", "date_faits": "2026-10-02"}
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    ailleurs = await post(client, "/gestion/plaintes/enregistrer", lettre)
    assert ailleurs.status_code == 422 and "relève du conseil du département 69" in ailleurs.text
    assert "Mme Jeanne PETIT" in ailleurs.text  # what was typed is kept
    vide = await post(client, "/gestion/plaintes/enregistrer", {})
    assert "Ce champ est obligatoire." in vide.text
    await post(client, "/deconnexion", {})
    await login(client, "cd69@t.fr", url="/gestion/connexion")
    r = await post(client, "/gestion/plaintes/enregistrer", lettre)
    numero = r.headers["location"].rsplit("/", 1)[1]
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Mme Jeanne PETIT — 3 rue des Lilas, 69003 Lyon" in page and "Sans compte MonEspace" in page
    assert "Convocation en conciliation avant le</dt>" in page and "Enregistrée" in page
    assert numero in (await client.get("/gestion/demarches")).text
    (copie,) = await Dossier.select(Dossier.compte, Dossier.departement).where(Dossier.type == "plainte_visee")
    assert copie["departement"] == "69" and copie["compte"]
