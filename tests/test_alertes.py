"""Recherches enregistrées: save from Trouver, manage, alerts once (immediate or daily), unsubscribe."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

from litestar.datastructures import MultiDict

from tables.alertes import AlerteRecherche, RechercheEnregistree
from tables.comptes import Compte
from tables.messages import Message
from tests.annonces_support import creer_annonce
from tests.support import au_bord, creer_compte, drain, login, mails, medecin, post
from web.alertes.rules import detecter, envoyer
from web.annonces.recherche import chercher, criteres_depuis


async def test_save_a_search_from_trouver_and_manage_it(client):
    await medecin()
    await login(client)
    page = (await client.get("/annonces?categorie=remplacement&lieux=departement:38&page=2")).text
    assert "Enregistrer cette recherche" in page
    assert 'name="requete" value="categorie=remplacement&amp;lieux=departement%3A38"' in page
    empty = await post(client, "/espace/recherches", {"nom": "", "requete": "categorie=remplacement"}, htmx=True)
    assert empty.status_code == 422 and "Ce champ est obligatoire." in empty.text
    response = await post(client, "/espace/recherches", {"nom": "Remplacements Isère", "frequence": "quotidienne",
                                                         "requete": "categorie=remplacement&lieux=departement:38"})
    assert response.headers["location"] == "/espace/recherches?ok=ajout"
    liste = (await client.get("/espace/recherches")).text
    assert "Remplacements Isère" in liste and "Un résumé quotidien" in liste
    rid = (await RechercheEnregistree.select(RechercheEnregistree.id).first())["id"]
    await post(client, f"/espace/recherches/{rid}", {"nom": "Isère", "frequence": "immediate", "actif": "on"})
    row = await RechercheEnregistree.select().first()
    assert row["nom"] == "Isère" and row["frequence"] == "immediate" and row["actif"]
    await post(client, f"/espace/recherches/{rid}/supprimer")
    assert await RechercheEnregistree.count() == 0


async def test_alerts_are_recorded_once_and_mailed_once_with_an_unsubscribe_link(client, mail_dir):
    pid = await medecin()
    await login(client)
    await post(client, "/espace/recherches",
               {"nom": "Bretagne", "requete": "lieux=region:53", "frequence": "immediate"})
    await RechercheEnregistree.update({RechercheEnregistree.cree_le: datetime.now(UTC) - timedelta(hours=1)},
                                      force=True)
    await creer_annonce(pid, lieux=("commune:35238",), titre="A Rennes", departement="35")
    await creer_annonce(pid, lieux=("commune:69123",), titre="A Lyon", departement="69")
    assert await detecter() == 1 and await detecter() == 0
    assert await envoyer("immediate") == 1 and await envoyer("immediate") == 0
    await drain()
    [message] = mails(mail_dir)
    texte = message.get_body(("plain",)).get_content()
    assert "A Rennes" in texte and "A Lyon" not in texte and message["To"] == "c.durand@exemple.fr"
    assert await Message.count() == 1
    lien = texte.split("en un clic : ")[1].split()[0].replace("http://127.0.0.1:8000", "")
    client.cookies.clear()
    page = await client.get(lien)
    assert "Vous ne recevrez plus d" in page.text
    await creer_annonce(pid, lieux=("region:53",), titre="Encore en Bretagne", departement="35")
    assert await detecter() == 0


async def test_daily_summary_waits_for_its_job(client, mail_dir):
    pid = await medecin()
    await login(client)
    await post(client, "/espace/recherches", {"nom": "Tout", "requete": "", "frequence": "quotidienne"})
    await RechercheEnregistree.update({RechercheEnregistree.cree_le: datetime.now(UTC) - timedelta(hours=1)},
                                      force=True)
    for n in range(3):
        await creer_annonce(pid, titre=f"Annonce {n}")
    assert await detecter() == 3
    assert await envoyer("immediate") == 0
    assert await envoyer("quotidienne") == 1
    await drain()
    assert "3 nouvelles annonces correspondent" in mails(mail_dir)[0].get_body(("plain",)).get_content()


async def test_alert_matching_equals_the_search_on_random_data():
    pid = await medecin()
    rnd = random.Random(7)
    cles = ["region:84", "departement:38", "commune:38563", "commune:69123", "region:53", "france"]
    for _ in range(25):
        await creer_annonce(pid, lieux=tuple(rnd.sample(cles, rnd.randint(1, 2))),
                            categorie=rnd.choice(["remplacement", "collaboration"]),
                            cote=rnd.choice(["offre", "demande"]))
    compte = (await Compte.select(Compte.id).first())["id"]
    requetes = ["lieux=departement:38", "categorie=collaboration&cote=offre", "lieux=commune:69123&lieux=region:53",
                "cote=demande&lieux=france"]
    for requete in requetes:
        await RechercheEnregistree.insert(RechercheEnregistree(
            compte=compte, nom=requete, requete=requete, jeton=requete, cree_le=datetime.now(UTC) - timedelta(hours=1)))
    await detecter()
    for r in await RechercheEnregistree.select():
        criteres = (await criteres_depuis(MultiDict(parse_qsl(r["requete"]))))[0]
        criteres.page = 1
        trouves, total = await chercher(criteres)
        alertes = {a["annonce"] for a in await AlerteRecherche.select().where(AlerteRecherche.recherche == r["id"])}
        assert len(alertes) == total, r["requete"]


async def test_accepting_an_annonce_runs_the_immediate_alerts_at_once(client, monkeypatch):
    """"Dès la publication" means the acceptance itself queues the alert job (at its end), not the next sweep."""
    from tasks import actors
    from web.annonces import statuts
    from web.security import Utilisateur

    envois: list[tuple] = []
    monkeypatch.setattr(actors.alertes_recherches, "send", lambda *args: envois.append(args))
    pid = await medecin()
    numero = await creer_annonce(pid, statut="en_attente")
    maintenant = datetime.now(UTC)
    cnom = await creer_compte("cnom@demo.ordre.test", role="national")
    await au_bord(statuts.appliquer(numero, "accepter", Utilisateur(id=cnom, role="national", identifiant="cnom",
                                                                    cree_le=maintenant)))
    assert envois == [("immediate",)]
    compte = (await Compte.select(Compte.id).where(Compte.praticien == pid).first())["id"]
    auteur = Utilisateur(id=compte, role="medecin", identifiant="dr.durand", cree_le=maintenant, praticien=pid)
    await au_bord(statuts.appliquer(numero, "depublier", auteur))
    assert envois == [("immediate",)]  # only a publication alerts
    await au_bord(statuts.appliquer(numero, "republier", auteur))
    assert envois == [("immediate",), ("immediate",)]
