"""The démarches queue (SPEC_DEMARCHES §1.6): tabs, filters, sort, "1 - 20 sur 25" paging, following, the batch."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from tables.comptes import Compte
from tables.demarches import Dossier, DossierEvenement, nouveau_numero
from tests.support import creer_compte, creer_praticien, login, post

HTMX = {"hx-request": "true", "hx-target": "tableau"}


async def _dossiers(n: int, departement: str = "38", statut: str = "en_construction", nom: str = "MARTIN",
                    rpps: str = "10005170625", premier: date = date(2026, 11, 2), email: str | None = None
                    ) -> list[str]:
    """`n` transmitted dossiers of one applicant; the k-th is due `premier` + k days."""
    pid = await creer_praticien(rpps=rpps, nom=nom, prenom="Paul", email=email)
    compte = await creer_compte(f"{nom.lower()}.{departement}", role="interne", praticien=pid)
    numeros = []
    for k in range(n):
        numero = await nouveau_numero(2026)
        await Dossier.insert(Dossier(
            numero=numero, type="inscription", compte=compte, praticien=pid, departement=departement, statut=statut,
            transmise_le=datetime(2026, 11, 1, 9, tzinfo=UTC) + timedelta(days=k),
            echeance=premier + timedelta(days=k)))
        numeros.append(numero)
    return numeros


async def _conseils() -> None:
    await creer_compte("cd38@t.fr", role="gestionnaire", conseil="CD38")
    await creer_compte("cd38-b@t.fr", role="gestionnaire", conseil="CD38")
    await creer_compte("cd69@t.fr", role="gestionnaire", conseil="CD69")


def _numeros(html: str) -> list[str]:
    return re.findall(r'href="/gestion/demarches/(D-\d{4}-\d{6})"', html)


async def test_pages_of_twenty_nearest_deadline_first_and_no_other_perimeter(client):
    ici = await _dossiers(25)
    ailleurs = await _dossiers(3, departement="69", nom="ROUX", rpps="10001234567")
    await Dossier.update({Dossier.echeance: None}).where(Dossier.numero == ici[0])
    await _conseils()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    page = (await client.get("/gestion/demarches")).text
    assert "À traiter 25" in page and "1 - 20 sur 25" in page
    assert _numeros(page) == ici[1:21]  # the one without a deadline comes last
    suite = await client.get("/gestion/demarches?page=2", headers=HTMX)
    assert "<html" not in suite.text and "21 - 25 sur 25" in suite.text and _numeros(suite.text) == [*ici[21:], ici[0]]
    assert suite.headers["vary"].lower().count("hx-request") == 1
    assert not set(ailleurs) & set(_numeros(page) + _numeros(suite.text))
    inverse = (await client.get("/gestion/demarches?tri=echeance&sens=desc")).text
    assert _numeros(inverse)[:2] == [ici[24], ici[23]]


async def test_filters_number_rpps_or_name_status_dates_and_french_errors(client):
    martin = await _dossiers(3)
    durand = await _dossiers(2, nom="DURAND", rpps="10001234567", statut="en_instruction")
    await _conseils()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    court = str(int(martin[1][-6:]))
    assert _numeros((await client.get(f"/gestion/demarches?numero={court}")).text) == [martin[1]]
    assert _numeros((await client.get(f"/gestion/demarches?numero={durand[0]}")).text) == [durand[0]]
    assert _numeros((await client.get("/gestion/demarches?qui=dura")).text) == durand
    assert _numeros((await client.get("/gestion/demarches?qui=100 0123 4567")).text) == durand
    assert _numeros((await client.get("/gestion/demarches?statut=en_instruction")).text) == durand
    assert _numeros((await client.get("/gestion/demarches?avant=2026-11-03")).text) == [martin[0], durand[0],
                                                                                           martin[1], durand[1]]
    entre = (await client.get("/gestion/demarches?du=2026-11-02&au=2026-11-01")).text  # put in order
    assert sorted(_numeros(entre)) == sorted([martin[0], martin[1], durand[0], durand[1]])
    faux = (await client.get("/gestion/demarches?du=31/02&numero=D-12&qui=1234")).text
    assert "Saisissez une date au format jj/mm/aaaa." in faux and "Le RPPS compte 11 chiffres." in faux
    assert "Le numéro s&#39;écrit D-2026-000042, ou ses derniers chiffres." in faux
    assert "Aucun dossier ne correspond à ces filtres." in (await client.get("/gestion/demarches?qui=zz")).text


async def test_follow_unfollow_and_give_to_a_colleague_of_the_council_only(client):
    (numero,) = await _dossiers(1)
    await _conseils()
    collegue = await Compte.select(Compte.id).where(Compte.identifiant == "cd38-b@t.fr").first()
    autre = await Compte.select(Compte.id).where(Compte.identifiant == "cd69@t.fr").first()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    assert "Ce dossier n'est suivi par personne." in (await client.get(f"/gestion/demarches/{numero}")).text
    r = await post(client, f"/gestion/demarches/{numero}/suivre", {"suivre": "1", "version": "0"})
    assert r.status_code == 303
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Vous suivez ce dossier." in page and "Ne plus suivre" in page and "Suivi par cd38@t.fr" in page
    assert numero in (await client.get("/gestion/demarches?onglet=suivis")).text
    refus = await post(client, f"/gestion/demarches/{numero}/suivre", {"compte": str(autre["id"]), "version": "1"})
    assert refus.status_code == 422 and "Choisissez à qui confier le dossier." in refus.text
    perime = await post(client, f"/gestion/demarches/{numero}/suivre", {"suivre": "0", "version": "0"})
    assert perime.status_code == 409 and "Ce dossier vient d&#39;être modifié : rechargez la page." in perime.text
    await post(client, f"/gestion/demarches/{numero}/suivre", {"compte": str(collegue["id"]), "version": "1"})
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Suivi par cd38-b@t.fr." in page
    assert numero not in _numeros((await client.get("/gestion/demarches?onglet=suivis")).text)
    motifs = [e["motif"] for e in await DossierEvenement.select().where(DossierEvenement.action == "suivre")]
    assert motifs == ["Suivi par cd38@t.fr", "Suivi par cd38-b@t.fr"]


async def test_batch_takes_in_charge_reports_a_stale_row_and_ignores_another_perimeter(client):
    a, b, c = await _dossiers(3)
    (ailleurs,) = await _dossiers(1, departement="69", nom="ROUX", rpps="10001234567")
    await _conseils()
    ids = {r["numero"]: r["id"] for r in await Dossier.select(Dossier.id, Dossier.numero)}
    await Dossier.update({Dossier.version: 1}).where(Dossier.numero == c)  # somebody acted since the page showed it
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    vide = await post(client, "/gestion/demarches/lot", {"action": "instruire"})
    assert vide.status_code == 422 and "Cochez au moins un dossier." in vide.text
    r = await post(client, "/gestion/demarches/lot", {"action": "instruire", "retour": "onglet=suivis", "lot": [
        f"{ids[a]}:0", f"{ids[b]}:0", f"{ids[c]}:0", f"{ids[ailleurs]}:0"]})
    assert r.status_code == 200
    assert f"2 dossiers passés en instruction : {a}, {b}." in r.text
    assert f"{c} : il vient d&#39;être modifié : rechargez la page" in r.text and ailleurs not in r.text
    assert _numeros(r.text) == [a, b]  # the table comes back as it was asked: my "Suivis"
    statuts = {x["numero"]: x["statut"] for x in await Dossier.select(Dossier.numero, Dossier.statut)}
    assert statuts == {a: "en_instruction", b: "en_instruction", c: "en_construction", ailleurs: "en_construction"}
    collegue = await Compte.select(Compte.id).where(Compte.identifiant == "cd38-b@t.fr").first()
    r = await post(client, "/gestion/demarches/lot", {"action": "affecter", "compte": str(collegue["id"]),
                                                      "lot": [f"{ids[c]}:1"]})
    assert f"1 dossier affecté à cd38-b@t.fr : {c}." in r.text
    assert (await Dossier.select(Dossier.suivi_par).where(Dossier.numero == c).first())["suivi_par"] == collegue["id"]


async def test_export_is_the_filtered_table_every_page_and_nothing_else(client):
    await _dossiers(22)
    durand = await _dossiers(2, nom="DURAND", rpps="10001234567")
    await _dossiers(2, departement="69", nom="ROUX", rpps="10003456786")
    await Dossier.update({Dossier.donnees: {"nom_usage": "SECRET-DU-FORMULAIRE"}}, force=True)
    await _conseils()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    assert "Exporter ces 24 dossiers (CSV)" in (await client.get("/gestion/demarches")).text
    r = await client.get("/gestion/demarches/export.csv")
    assert r.headers["content-type"].startswith("text/csv") and "demarches.csv" in r.headers["content-disposition"]
    lignes = r.content.decode("utf-8-sig").splitlines()
    assert lignes[0] == "N°;Démarche;Nom;Prénom;RPPS;Statut;Transmise le;Échéance;Mise à jour"
    assert len(lignes) == 25 and "ROUX" not in r.text and "SECRET" not in r.text
    filtre = (await client.get("/gestion/demarches/export.csv?qui=durand")).content.decode("utf-8-sig").splitlines()
    assert [ligne.split(";")[0] for ligne in filtre[1:]] == durand
    assert filtre[1].split(";")[1:6] == ["Inscription au Tableau", "DURAND", "Paul", "10001234567", "Transmise"]


async def test_filtered_on_the_inscription_the_queue_adds_its_complete_entretien_and_seance_columns(client):
    from tables.rendezvous import Creneau, OrdreDuJour
    from tables.territoires import Seance

    numero, autre = await _dossiers(2, statut="en_instruction")
    d = await Dossier.select(Dossier.id).where(Dossier.numero == numero).first()
    await Dossier.update({Dossier.complet_le: date(2026, 11, 5)}).where(Dossier.id == d["id"])
    await Creneau.insert(Creneau(departement="38", debut=datetime(2026, 11, 20, 9, 30, tzinfo=UTC), dossier=d["id"],
                                 statut="realise"))
    s = await Seance.insert(Seance(conseil="CD38", date=date(2027, 1, 14), lieu="Grenoble")).returning(Seance.id)
    await OrdreDuJour.insert(OrdreDuJour(seance=s[0]["id"], dossier=d["id"]))
    await _conseils()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    assert "<th scope=\"col\">Entretien</th>" not in (await client.get("/gestion/demarches")).text
    page = (await client.get("/gestion/demarches?type=inscription")).text
    for colonne in ("Dossier complet le", "Entretien", "Séance"):
        assert f'<th scope="col">{colonne}</th>' in page
    ligne = page.split(f">{numero}</a>")[1].split("</tr>")[0]
    assert "05/11/2026" in ligne and "20/11/2026 à 10h30 (réalisé)" in ligne and "14/01/2027" in ligne
    assert page.split(f">{autre}</a>")[1].split("</tr>")[0].count("<td>—</td>") == 3


async def test_the_thread_shows_in_the_queue_new_message_and_awaiting_answer(client):
    from tables.pieces import DossierMessage

    ecrit, attend, rien = await _dossiers(3)
    rows = await Dossier.select(Dossier.id, Dossier.numero, Dossier.compte)
    ids = {r["numero"]: (r["id"], r["compte"]) for r in rows}
    await _conseils()
    cd38 = await Compte.select(Compte.id).where(Compte.identifiant == "cd38@t.fr").first()
    await DossierMessage.insert(
        DossierMessage(dossier=ids[ecrit][0], auteur=ids[ecrit][1], texte="Voici mon attestation."),
        DossierMessage(dossier=ids[attend][0], auteur=cd38["id"], du_conseil=True, attente=True, texte="Votre DES ?"))
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    page = (await client.get("/gestion/demarches")).text

    def ligne(numero: str) -> str:
        return page.split(f">{numero}</a>")[1].split("</tr>")[0]

    assert "Nouveau message" in ligne(ecrit) and "En attente de réponse" not in ligne(ecrit)
    assert "En attente de réponse" in ligne(attend) and "Nouveau message" not in ligne(attend)
    assert "Nouveau message" not in ligne(rien) and "En attente" not in ligne(rien)
