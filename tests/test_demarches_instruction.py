"""The council's side (SPEC_DEMARCHES §1.6, §2.6, stories 2 and 5): queue tabs, perimeter, actions, conflict."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from litestar.testing import AsyncTestClient

from config import settings
from tables import horloge
from tables.comptes import Compte
from tables.demarches import Dossier, DossierEvenement
from tests.support import creer_compte, drain, login, mails, medecin, post
from web.app import create_app
from web.demarches import rules, statuts
from web.demarches.registre import type_de
from web.security import Utilisateur


async def _transmis() -> str:
    pid = await medecin("alice.leroy", qualite="interne", rpps="10009876540", nom="LEROY", prenom="Alice",
                        email="alice.leroy@exemple.fr")
    c = await Compte.select().where(Compte.praticien == pid).first()
    user = Utilisateur(id=c["id"], role="interne", identifiant=c["identifiant"], cree_le=c["cree_le"], praticien=pid)
    d = await rules.commencer(user, type_de("inscription"), {"docteur_junior": "oui"})
    await Dossier.update({Dossier.departement: "38"}).where(Dossier.id == d["id"])
    await statuts.appliquer(d["id"], "transmettre", user)
    for identifiant, conseil, role in (("cd38@t.fr", "CD38", "gestionnaire"), ("cd69@t.fr", "CD69", "gestionnaire"),
                                       ("cnom@t.fr", None, "national")):
        await creer_compte(identifiant, role=role, conseil=conseil)
    return d["numero"]


async def test_the_council_takes_it_in_charge_and_asks_for_complements(client, mail_dir):
    numero = await _transmis()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    file = (await client.get("/gestion/demarches")).text
    assert "À traiter 1" in file and numero in file and "LEROY" in file
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Passer en instruction" in page and "Accepter" not in page
    version = (await Dossier.select(Dossier.version).where(Dossier.numero == numero).first())["version"]
    r = await post(client, f"/gestion/demarches/{numero}/actions/instruire", {"version": version})
    assert r.status_code == 303
    assert "Suivis 1" in (await client.get("/gestion/demarches?onglet=suivis")).text
    stale = await post(client, f"/gestion/demarches/{numero}/actions/refuser", {"version": version, "motif": "x"})
    assert stale.status_code == 409 and "Ce dossier vient d&#39;être modifié : rechargez la page." in stale.text
    version += 1
    r = await post(client, f"/gestion/demarches/{numero}/complements", {"version": version, "raison": "",
                   "texte": "Pièce d'identité illisible."})
    assert r.status_code == 422 and "Choisissez la raison de la demande de compléments." in r.text
    r = await post(client, f"/gestion/demarches/{numero}/complements", {"version": version, "raison": "incomplet",
                   "texte": "Pièce d'identité illisible."})
    assert r.status_code == 303
    d = await Dossier.select().where(Dossier.numero == numero).first()
    assert d["statut"] == "a_completer" and d["reponse_avant"] == horloge.aujourdhui() + timedelta(days=30)
    await drain()
    sujets = [m["Subject"] for m in mails(mail_dir)]
    assert sujets[-1] == f"Ordre des médecins - Demande n°{numero} : compléments demandés"
    texte = mails(mail_dir)[-1].get_body(("plain",)).get_content()
    assert "Pièce d'identité illisible." in texte and "Conseil départemental de l'Isère" in texte
    # The applicant sees the request, answers; the clock is reset (incomplet) and the council is told.
    await post(client, "/deconnexion", {})
    await login(client, "alice.leroy")
    page = (await client.get(f"/demarches/{numero}")).text
    assert "À compléter" in page and "Pièce d&#39;identité illisible." in page and "Transmettre mes compléments" in page
    assert (await post(client, f"/demarches/{numero}/complements", {})).status_code == 303
    d = await Dossier.select().where(Dossier.numero == numero).first()
    assert d["statut"] == "en_instruction" and d["reponse_avant"] is None


async def test_another_perimeter_neither_lists_nor_opens_it_national_staff_do(client):
    numero = await _transmis()
    await login(client, "cd69@t.fr", url="/gestion/connexion")
    assert numero not in (await client.get("/gestion/demarches")).text
    r = await client.get(f"/gestion/demarches/{numero}")
    assert r.status_code == 404 and "Page introuvable" in r.text
    assert (await post(client, f"/gestion/demarches/{numero}/actions/instruire", {})).status_code == 404
    await post(client, "/deconnexion", {})
    await login(client, "cnom@t.fr", url="/gestion/connexion")
    assert numero in (await client.get("/gestion/demarches")).text


async def test_the_complete_date_starts_the_legal_clock_and_cannot_be_in_the_future(client):
    numero = await _transmis()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    await post(client, f"/gestion/demarches/{numero}/actions/instruire", {})
    demain = horloge.aujourdhui() + timedelta(days=1)
    r = await post(client, f"/gestion/demarches/{numero}/complet", {"complet_le": demain.isoformat()})
    assert r.status_code == 422 and "ne peut pas être dans le futur" in r.text
    hier = horloge.aujourdhui() - timedelta(days=1)
    assert (await post(client, f"/gestion/demarches/{numero}/complet", {"complet_le": hier.isoformat()})
            ).status_code == 303
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    d = await Dossier.select().where(Dossier.numero == numero).first()
    assert d["complet_le"] == hier and f"Décision au plus tard le {d['echeance']:%d/%m/%Y}." in page


@pytest.mark.skipif(settings().sqlite_path is not None, reason="real parallel requests: PostgreSQL")
async def test_two_staff_clicking_at_once_give_one_transition_and_the_other_reads_the_conflict(client):
    numero = await _transmis()
    await creer_compte("cd38-b@t.fr", role="gestionnaire", conseil="CD38")
    d = await Dossier.select(Dossier.version).where(Dossier.numero == numero).first()
    app = create_app()
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as a, \
            AsyncTestClient(app=app, base_url="http://testserver.local") as b:
        await login(a, "cd38@t.fr", url="/gestion/connexion")
        await login(b, "cd38-b@t.fr", url="/gestion/connexion")
        reponses = await asyncio.gather(*(post(c, f"/gestion/demarches/{numero}/actions/instruire",
                                               {"version": d["version"]}) for c in (a, b)))
    assert sorted(r.status_code for r in reponses) == [303, 409]
    perdant = next(r for r in reponses if r.status_code == 409)
    assert "Ce dossier vient d&#39;être modifié : rechargez la page." in perdant.text
    assert await DossierEvenement.count().where(DossierEvenement.action == "instruire") == 1
