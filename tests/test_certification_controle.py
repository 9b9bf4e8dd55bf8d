"""The control of an ended certification period (SPEC_DEMARCHES §3.5, seed 001 "Contrôle final") and the retention
of its actions and proofs (§3.3): the démarche type, the job, "Contrôles à réaliser", the panel, the decisions."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tables import horloge
from tables.certification import ActionCertification, Carnet, PreuveAction
from tables.comptes import Compte
from tables.demarches import Dossier, DossierEvenement
from tests.support import creer_praticien, drain, login, mails, medecin, post
from tests.support_documents import comptes_conseils, le
from web.certification import conservation, controles
from web.certification.controle import CLOS, MOTIF
from web.certification.periode import controle_avant
from web.demarches import statuts
from web.demarches.moteur import STATUTS, objet
from web.demarches.registre import TYPES, pour, type_de
from web.fichiers import stockage
from web.fichiers.usages import PREUVES_CERTIFICATION
from web.machine import ActionRefusee
from web.security import charger_utilisateur

FIN = date(2031, 12, 31)


async def _carnet(pid: int, departement: str = "38", fin: date = FIN, actions: int = 2) -> int:
    """A carnet of `pid` with `actions` declared actions in bloc 1 (its counts kept as the doctor's side does)."""
    rows = await Carnet.insert(Carnet(praticien=pid, departement=departement, debut=date(2023, 1, 1), fin=fin,
                                      controle_avant=controle_avant(fin), b1=actions)).returning(Carnet.id)
    for n in range(actions):
        await ActionCertification.insert(ActionCertification(
            carnet=rows[0]["id"], bloc=1, intitule=f"Formation DPC n°{n + 1}", statut="declaree",
            debut=date(2024, 3, 1), fin=date(2024, 3, 2)))
    return rows[0]["id"]


async def _controle(carnet_id: int) -> dict:
    carnet = await Carnet.select(Carnet.controle).where(Carnet.id == carnet_id).first()
    return await Dossier.select().where(Dossier.id == carnet["controle"]).first()


async def _ouvert(departement: str = "38", **kwargs) -> tuple[int, dict]:
    await comptes_conseils()
    pid = await medecin(departement=departement, **kwargs)
    carnet_id = await _carnet(pid, departement)
    await controles.ouvrir_controles(date(2032, 1, 15))
    return carnet_id, await _controle(carnet_id)


def test_the_type_is_a_valid_spec_nobody_starts():
    d = type_de("controle_certification")
    assert TYPES["controle_certification"] is d and d.libelle == "Contrôle de la certification périodique"
    assert d.pour == () and all(d not in pour(role) for role in ("medecin", "interne", "docteur_junior"))
    assert set(d.libelles) <= set(STATUTS) and all(set(e.statuts) <= set(STATUTS) for e in d.etapes)
    assert set(d.libelles_actions) <= {t.action for t in statuts.TRANSITIONS}
    assert set(d.champs_decision) <= {t.action for t in statuts.TRANSITIONS} and set(d.apres) <= {
        t.action for t in statuts.TRANSITIONS}
    assert d.libelle_statut("accepte") == "Obligation satisfaite" and d.libelle_statut("refuse") == \
        "Programme non réalisé"
    assert d.libelle_action("demander_complements", "") == "Demander des observations"
    (suites,) = d.champs_decision["refuser"]
    assert [libelle for _, libelle in suites.choix] == ["procédure disciplinaire", "suspension temporaire", "aucune"]
    assert (Path(__file__).parents[1] / "web/certification/templates" / d.panneau).is_file()


async def test_the_job_opens_one_dossier_per_ended_period_once_and_none_for_running_ones(mail_dir):
    await comptes_conseils()
    fini = await _carnet(await medecin())
    en_cours = await _carnet(await medecin("dr.rhone", rpps="10003456786", email="l.garnier@exemple.fr"),
                             fin=date(2032, 6, 30))
    sans_espace = await _carnet(await creer_praticien(rpps="10007654329", nom="MOREAU", email=None))
    assert await controles.ouvrir_controles(FIN) == 0  # its last day: the period is not over yet
    assert await controles.ouvrir_controles(date(2032, 1, 15)) == 2
    assert await controles.ouvrir_controles(date(2032, 1, 15)) == 0  # run twice: nothing more
    assert await Dossier.count().where(Dossier.type == "controle_certification") == 2
    assert (await _controle(sans_espace))["compte"] is None  # no account yet: controlled all the same
    d = await _controle(fini)
    compte = await Compte.select(Compte.id).where(Compte.identifiant == "dr.durand").first()
    assert re.fullmatch(r"D-\d{4}-\d{6}", d["numero"]) and d["statut"] == "en_instruction"
    assert (d["compte"], d["departement"], d["echeance"]) == (compte["id"], "38", date(2032, 6, 30))
    assert (await Carnet.select(Carnet.controle).where(Carnet.id == en_cours).first())["controle"] is None
    e = await DossierEvenement.select().where(DossierEvenement.dossier == d["id"]).first()
    assert e["vers"] == "en_instruction" and "du 01/01/2023 au 31/12/2031" in e["motif"]
    await drain()
    (mail,) = mails(mail_dir)
    assert mail["Subject"] == f"Ordre des médecins - Demande n°{d['numero']} : contrôle de la certification périodique"


async def test_the_council_list_shows_the_deadline_on_15_01_2032(client):
    le(date(2032, 1, 15))
    try:
        await comptes_conseils()
        pid = await medecin()
        await Carnet.insert(Carnet(praticien=pid, departement="38", debut=date(2023, 1, 1), fin=FIN,
                                   controle_avant=date(2032, 6, 30)))
        await controles.ouvrir_controles()
        d = await Dossier.select().where(Dossier.type == "controle_certification").first()
        await login(client, "cd38@t.fr", url="/gestion/connexion")
        page = (await client.get("/gestion/certification/controles")).text
        assert "Contrôles à réaliser" in page and "au plus tard le 30/06/2032" in page
        assert f'href="/gestion/demarches/{d["numero"]}"' in page and "En instruction" in page
        assert "du 01/01/2023 au 31/12/2031" in page and "10005170625" in page
    finally:
        horloge.decaler(timedelta(0))


async def test_another_council_neither_lists_nor_opens_an_isere_control(client):
    _, d = await _ouvert("38")
    le(date(2032, 1, 15))
    try:
        await login(client, "cd69@t.fr", url="/gestion/connexion")
        page = (await client.get("/gestion/certification/controles?page=1")).text
        assert d["numero"] not in page and "Aucune période terminée" in page
        assert (await client.get(f"/gestion/demarches/{d['numero']}")).status_code == 404
        assert (await post(client, f"/gestion/demarches/{d['numero']}/panneau", {"action": "1"})).status_code == 404
        client.cookies.clear()
        await login(client, "cnom@t.fr", url="/gestion/connexion")  # national: all of France
        assert d["numero"] in (await client.get("/gestion/certification/controles")).text
    finally:
        horloge.decaler(timedelta(0))


async def test_actions_are_marked_verified_or_set_aside_with_a_motif_and_counted(client):
    carnet_id, d = await _ouvert()
    premiere, seconde = [a["id"] for a in await ActionCertification.select(ActionCertification.id).order_by(
        ActionCertification.id)]
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    url = f"/gestion/demarches/{d['numero']}/panneau"
    page = (await client.get(f"/gestion/demarches/{d['numero']}")).text
    assert "Formation DPC n°1" in page and "À contrôler" in page and "Demander des observations" in page
    assert (await post(client, url, {"action": premiere, "controle": "verifiee"})).status_code == 303
    r = await post(client, url, {"action": seconde, "controle": "ecartee", "motif": ""})
    assert r.status_code == 422 and MOTIF.replace("'", "&#39;") in r.text
    assert (await post(client, url, {"action": seconde, "controle": "ecartee", "motif": "Hors période"})).status_code \
        == 303
    actions = await ActionCertification.select(ActionCertification.statut, ActionCertification.controle,
                                               ActionCertification.motif).order_by(ActionCertification.id)
    assert actions == [{"statut": "declaree", "controle": "verifiee", "motif": ""},
                       {"statut": "ecartee", "controle": "ecartee", "motif": "Hors période"}]
    assert (await Carnet.select(Carnet.b1).where(Carnet.id == carnet_id).first())["b1"] == 1
    page = (await client.get(f"/gestion/demarches/{d['numero']}")).text
    assert "Action écartée au contrôle" in page and "Formation DPC n°2 — Hors période" in page
    await post(client, url, {"action": seconde, "controle": "verifiee"})  # it counts again
    assert (await Carnet.select(Carnet.b1).where(Carnet.id == carnet_id).first())["b1"] == 2
    autre = await _carnet(await medecin("dr.autre", rpps="10003456786", email="x@exemple.fr"))
    etrangere = await ActionCertification.select(ActionCertification.id).where(
        ActionCertification.carnet == autre).first()
    r = await post(client, url, {"action": etrangere["id"], "controle": "verifiee"})
    assert r.status_code == 422 and "ne fait pas partie du carnet" in r.text


async def test_obligation_satisfaite_closes_the_carnet_and_says_so(client, mail_dir):
    carnet_id, d = await _ouvert()
    await drain()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    page = (await client.get(f"/gestion/demarches/{d['numero']}")).text
    assert "Obligation satisfaite" in page and "Programme non réalisé" in page
    r = await post(client, f"/gestion/demarches/{d['numero']}/actions/accepter", {"version": d["version"]})
    assert r.status_code == 303
    assert (await Dossier.select(Dossier.statut).where(Dossier.id == d["id"]).first())["statut"] == "accepte"
    assert (await Carnet.select(Carnet.clos_le).where(Carnet.id == carnet_id).first())["clos_le"] == \
        horloge.aujourdhui()
    await drain()
    mail = mails(mail_dir)[-1]
    assert mail["Subject"] == f"Ordre des médecins - Demande n°{d['numero']} : obligation satisfaite"
    assert ("L'Ordre vous notifie que vous avez satisfait à votre obligation de certification périodique pour la "
            "période du 01/01/2023 au 31/12/2031.") in mail.get_body(("plain",)).get_content()
    r = await post(client, f"/gestion/demarches/{d['numero']}/panneau", {"action": "1", "controle": "verifiee"})
    assert r.status_code == 422 and CLOS.replace("'", "&#39;") in r.text


async def test_programme_non_realise_records_the_suites(client, mail_dir):
    carnet_id, d = await _ouvert()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    url = f"/gestion/demarches/{d['numero']}/actions/refuser"
    r = await post(client, url, {"version": d["version"], "motif": "Aucune action en blocs 2 à 4"})
    assert r.status_code == 422 and "Indiquez : Suites envisagées." in r.text
    r = await post(client, url, {"version": d["version"], "motif": "Aucune action en blocs 2 à 4",
                                 "suites": "procedure_disciplinaire"})
    assert r.status_code == 303
    apres = await Dossier.select().where(Dossier.id == d["id"]).first()
    assert apres["statut"] == "refuse" and objet(apres["donnees"])["suites"] == "procedure_disciplinaire"
    assert (await Carnet.select(Carnet.clos_le).where(Carnet.id == carnet_id).first())["clos_le"] is not None
    await drain()
    mail = mails(mail_dir)[-1]
    texte = mail.get_body(("plain",)).get_content()
    assert mail["Subject"] == f"Ordre des médecins - Demande n°{d['numero']} : programme non réalisé"
    assert "Motif : Aucune action en blocs 2 à 4" in texte and "Suites envisagées : procédure disciplinaire" in texte


def _preuve(nom: str) -> Path:
    dossier = stockage.dossier_de(PREUVES_CERTIFICATION)
    dossier.mkdir(parents=True, exist_ok=True)
    (dossier / nom).write_bytes(b"%PDF-1.4")
    return dossier / nom


async def test_retention_deletes_actions_and_proofs_only_after_the_delay_and_only_for_closed_controls():
    clos, ouvert = [await _carnet(await medecin(f"dr.{n}", rpps=rpps, email=f"{n}@exemple.fr"))
                    for n, rpps in (("clos", "10005170625"), ("ouvert", "10003456786"))]
    fichiers = []
    for carnet_id in (clos, ouvert):
        action = await ActionCertification.select(ActionCertification.id).where(
            ActionCertification.carnet == carnet_id).first()
        nom = f"preuve{carnet_id:012d}abcdef.pdf"
        fichiers.append(_preuve(nom))
        await PreuveAction.insert(PreuveAction(action=action["id"], fichier=nom, nom_original="attestation.pdf",
                                               type_mime="application/pdf", taille=8))
    ferme_le = date(2032, 3, 1)
    await Carnet.update({Carnet.clos_le: ferme_le}).where(Carnet.id == clos)
    assert await conservation.purger(ferme_le + conservation.CONSERVATION) == 0
    assert await ActionCertification.count() == 4 and all(f.exists() for f in fichiers)
    assert await conservation.purger(ferme_le + conservation.CONSERVATION + timedelta(days=1)) == 2
    assert await ActionCertification.count().where(ActionCertification.carnet == clos) == 0
    assert await ActionCertification.count().where(ActionCertification.carnet == ouvert) == 2
    assert await PreuveAction.count() == 1 and not fichiers[0].exists() and fichiers[1].exists()
    carnet = await Carnet.select(Carnet.b1, Carnet.clos_le).where(Carnet.id == clos).first()
    assert carnet == {"b1": 2, "clos_le": ferme_le}  # the carnet stays, with its counts


async def test_observations_are_the_engines_request_for_complements_answered_by_the_doctor(client, mail_dir):
    _, d = await _ouvert()
    await drain()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    r = await post(client, f"/gestion/demarches/{d['numero']}/complements",
                   {"version": d["version"], "raison": "incomplet", "texte": "Précisez l'action du bloc 3."})
    assert r.status_code == 303
    await drain()
    mail = mails(mail_dir)[-1]
    assert mail["Subject"] == f"Ordre des médecins - Demande n°{d['numero']} : observations demandées"
    assert "vous demande vos observations écrites avant le" in mail.get_body(("plain",)).get_content()
    client.cookies.clear()
    await login(client, "dr.durand")
    page = (await client.get(f"/demarches/{d['numero']}")).text
    assert "Contrôle de la certification périodique" in page and "Précisez l&#39;action du bloc 3." in page
    assert (await post(client, f"/demarches/{d['numero']}/complements", {})).status_code == 303
    assert (await Dossier.select(Dossier.statut).where(Dossier.id == d["id"]).first())["statut"] == "en_instruction"
    await drain()
    assert mails(mail_dir)[-1]["Subject"] == f"Ordre des médecins - Demande n°{d['numero']} : observations reçues"
    assert "Contrôle de la certification périodique" in (await client.get("/espace")).text


async def test_the_doctor_cannot_withdraw_his_control_and_sans_suite_closes_it():
    carnet_id, d = await _ouvert()
    compte = await Compte.select(Compte.id).where(Compte.identifiant == "dr.durand").first()
    docteur = await charger_utilisateur(compte["id"])
    assert "retirer" not in statuts.actions(d, docteur)
    with pytest.raises(ActionRefusee):
        await statuts.appliquer(d["id"], "retirer", docteur)
    conseil = await charger_utilisateur((await Compte.select(Compte.id).where(
        Compte.identifiant == "cd38@t.fr").first())["id"])
    await statuts.appliquer(d["id"], "classer_sans_suite", conseil, motif="Radié du Tableau")
    assert (await Carnet.select(Carnet.clos_le).where(Carnet.id == carnet_id).first())["clos_le"] is not None
