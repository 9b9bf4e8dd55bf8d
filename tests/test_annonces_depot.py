"""Déposer, modifier, gérer: the form, its errors, and every transition of the status table."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tables import horloge
from tables.annonces import Annonce, AnnonceEvenement, AnnonceLieu, AnnoncePeriode
from tables.coordonnees import Affectation
from tests.annonces_support import creer_annonce
from tests.support import drain, login, mails, medecin, post
from web.annonces.statuts import TRANSITIONS

PERMIS = {(t.de, t.action) for t in TRANSITIONS}

FORMULAIRE = {
    "categorie": "remplacement", "cote": "offre", "specialite": "SM54", "titre": "Remplaçant été 2027",
    "description": "Cabinet de ville\nPatientèle fidèle", "conditions": "70 % de rétrocession",
    "lieux": ["commune:78015", "departement:38"], "periode_debut": ["2027-07-01", "2027-09-01"],
    "periode_fin": ["2027-07-31", ""], "temporalite": "urgent",
    "fin_publication": (horloge.aujourdhui() + timedelta(days=60)).isoformat(), "action": "publier",
}


async def auteur_avec_contact(identifiant: str = "dr.durand", **kwargs) -> int:
    pid = await medecin(identifiant, **kwargs)
    ordre = await Affectation.select().where((Affectation.praticien == pid) & (Affectation.usage == "ordre")).first()
    await Affectation.insert(Affectation(praticien=pid, usage="annonces", email=ordre["email"]))
    return pid


async def test_publish_a_new_annonce(client, mail_dir):
    pid = await auteur_avec_contact()
    await login(client)
    form = await client.get("/annonces/deposer")
    for label in ("Rédiger une annonce", "Catégorie", "Ma situation", "Spécialité", "Titre", "Description",
                  "Conditions financières", "Lieu(x)", "À partir du", "Photos", "Fin de publication", "Annuler",
                  "Enregistrer en brouillon", "Publier"):
        assert label in form.text, label
    response = await post(client, "/annonces/deposer", FORMULAIRE, htmx=True)
    assert response.status_code == 200, response.text
    numero = (await Annonce.select(Annonce.id).first())["id"]
    assert response.headers["hx-redirect"] == f"/annonces/gerer?ok=transmise&n={numero}"
    gerer = (await client.get(response.headers["hx-redirect"])).text
    assert f"L&#39;annonce n° {numero} a bien été transmise à un gestionnaire pour vérification" in gerer
    assert "En attente" in gerer and "Remplaçant été 2027" in gerer
    annonce = await Annonce.select().first()
    assert annonce["statut"] == "en_attente" and annonce["auteur"] == pid and annonce["departement"] == "38"
    assert await AnnonceLieu.count() == 2 and await AnnoncePeriode.count() == 2
    events = await AnnonceEvenement.select(AnnonceEvenement.de, AnnonceEvenement.vers).order_by(AnnonceEvenement.id)
    assert [(e["de"], e["vers"]) for e in events] == [("", "brouillon"), ("brouillon", "en_attente")]
    await drain()
    [message] = mails(mail_dir)
    assert message["Subject"] == f"Ordre des médecins - Annonce n°{numero} : transmise"
    assert "Conseil départemental de l'Isère" in message.get_body(("plain",)).get_content()


async def test_errors_are_french_and_keep_what_was_typed(client):
    await auteur_avec_contact()
    await login(client)
    bad = {**FORMULAIRE, "titre": "", "periode_debut": ["2027-07-31"], "periode_fin": ["2027-07-01"],
           "lieux": [], "lieux_saisie": "zzzzzz",
           "fin_publication": (horloge.aujourdhui() + timedelta(days=400)).isoformat()}
    response = await post(client, "/annonces/deposer", bad, htmx=True)
    assert response.status_code == 422
    text = response.text
    assert "Ce champ est obligatoire." in text and "La date « au » doit suivre la date « À partir du »." in text
    assert "Aucun lieu ne correspond" in text and "La fin de publication est au plus tard le" in text
    assert "Cabinet de ville" in text and "70 % de rétrocession" in text and 'value="2027-07-31"' in text
    assert await Annonce.count() == 0


async def test_the_error_summary_names_each_field_and_links_to_it(client):
    """Issue 19, defect 6: "Titre : ce champ est obligatoire.", not the bare sentence once per field; each link
    leads to an element of the page, labelled as the summary says."""
    await auteur_avec_contact()
    await login(client)
    vide = {**FORMULAIRE, "titre": "", "description": "", "specialite": "", "periode_debut": ["2027-07-31"],
            "periode_fin": ["2027-07-01"]}
    text = (await post(client, "/annonces/deposer", vide, htmx=True)).text
    resume = re.search(r'<div class="alerte alerte--erreur"[^>]*>(.*?)</div>', text, re.S).group(1)
    liens = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', resume)
    assert liens == [("periode_debut-1", "Période(s) : la date « au » doit suivre la date « À partir du »."),
                     ("f-specialite", "Spécialité : ce champ est obligatoire."),
                     ("f-titre", "Titre : ce champ est obligatoire."),
                     ("f-description", "Description : ce champ est obligatoire.")]
    assert {ancre for ancre, _ in liens} <= set(re.findall(r'\bid="([^"]+)"', text))
    for ancre, phrase in liens:
        libelle = phrase.split(" : ")[0]
        assert re.search(rf'<(label for="{re.escape(ancre)}"|legend)>{re.escape(libelle)}', text), libelle
    assert '<label for="periode_debut-1">À partir du' in text


async def test_without_an_annonces_contact_it_is_kept_as_a_draft(client):
    await medecin()
    await login(client)
    response = await post(client, "/annonces/deposer", FORMULAIRE, htmx=True)
    assert response.status_code == 422 and "renseignez l&#39;e-mail et/ou le téléphone" in response.text
    assert (await Annonce.select(Annonce.statut).first())["statut"] == "brouillon"


async def test_situation_reloads_with_the_category_and_interns_are_limited(client):
    await auteur_avec_contact(qualite="interne")
    await login(client)
    options = (await client.get("/annonces/situations?categorie=remplacement", headers={"hx-request": "true"})).text
    assert "Je suis remplaçant" in options and "Je cherche un remplaçant" not in options
    form = (await client.get("/annonces/deposer")).text
    assert "Succession / cession" not in form and "Association" not in form
    response = await post(client, "/annonces/deposer", {**FORMULAIRE, "categorie": "succession"}, htmx=True)
    assert response.status_code == 422 and await Annonce.count() == 0
    response = await post(client, "/annonces/deposer", FORMULAIRE, htmx=True)  # "offre" is not theirs
    assert response.status_code == 422 and "Choisissez votre situation." in response.text


async def test_editing_a_published_annonce_takes_it_off_line(client):
    pid = await auteur_avec_contact()
    numero = await creer_annonce(pid)
    await login(client)
    response = await post(client, f"/annonces/{numero}/modifier", {**FORMULAIRE, "categorie": "succession",
                                                                   "titre": "Nouveau titre"}, htmx=True)
    assert response.status_code == 200
    row = await Annonce.select().where(Annonce.id == numero).first()
    assert row["statut"] == "en_attente" and row["titre"] == "Nouveau titre"
    assert row["categorie"] == "remplacement"  # fixed after creation
    # off line: its author still reads it, with its status (the others get a 404: test_annonces_fiche.py)
    assert "Statut : <span" in (await client.get(f"/annonces/{numero}")).text
    assert (await client.get(f"/annonces/{numero}/modifier")).status_code == 403  # pending: no edit


async def test_changing_only_the_end_date_is_immediate(client):
    pid = await auteur_avec_contact()
    numero = await creer_annonce(pid)
    await login(client)
    nouvelle = horloge.aujourdhui() + timedelta(days=200)
    response = await post(client, f"/annonces/{numero}/fin-publication", {"fin_publication": nouvelle.isoformat()})
    assert response.status_code == 303
    row = await Annonce.select().where(Annonce.id == numero).first()
    assert row["statut"] == "publiee" and row["fin_publication"] == nouvelle
    trop = await post(client, f"/annonces/{numero}/fin-publication",
                      {"fin_publication": (horloge.aujourdhui() + timedelta(days=400)).isoformat()})
    assert trop.status_code == 422 and "Choisissez une fin de publication" in trop.text


async def test_depublish_and_republish_unchanged_content(client):
    pid = await auteur_avec_contact()
    numero = await creer_annonce(pid)
    from web.annonces.rules import empreinte_actuelle

    await Annonce.update({Annonce.empreinte_acceptee: await empreinte_actuelle(numero)}).where(Annonce.id == numero)
    await login(client)
    await post(client, f"/annonces/{numero}/depublier")
    assert (await Annonce.select(Annonce.statut).first())["statut"] == "depubliee"
    assert "L'annonce est dépubliée : elle n'est plus en ligne." in (await client.get(f"/annonces/{numero}")).text
    await post(client, f"/annonces/{numero}/republier")
    assert (await Annonce.select(Annonce.statut).first())["statut"] == "publiee"


AUTEUR = ("transmettre", "depublier", "republier", "prolonger", "supprimer")


@pytest.mark.parametrize("statut", ["brouillon", "en_attente", "publiee", "depubliee", "refusee"])
@pytest.mark.parametrize("action", ["depublier", "republier", "supprimer"])
async def test_transition_table_by_the_author_and_by_another_doctor(client, statut, action):
    pid = await auteur_avec_contact()
    await medecin("dr.autre", rpps="10101473782", email="autre@exemple.fr")
    numero = await creer_annonce(pid, statut=statut)
    await login(client, "dr.autre")
    response = await post(client, f"/annonces/{numero}/{action}")
    assert response.status_code == 404
    assert (await Annonce.select(Annonce.statut, Annonce.supprimee_le).first()) == {"statut": statut,
                                                                                    "supprimee_le": None}
    await login(client)
    response = await post(client, f"/annonces/{numero}/{action}")
    row = await Annonce.select(Annonce.statut, Annonce.supprimee_le).first()
    if (statut, action) in PERMIS:
        assert response.status_code == 303
        assert row["supprimee_le"] is not None if action == "supprimer" else row["statut"] != statut
    else:
        assert response.status_code == 422 and "Cette action n&#39;est pas possible" in response.text
        assert row == {"statut": statut, "supprimee_le": None}


async def test_deleting_keeps_the_event_trail(client):
    pid = await auteur_avec_contact()
    numero = await creer_annonce(pid)
    await login(client)
    await post(client, f"/annonces/{numero}/supprimer")
    assert "Remplaçant" not in (await client.get("/annonces/gerer")).text
    assert await AnnonceEvenement.exists().where((AnnonceEvenement.annonce == numero)
                                                 & (AnnonceEvenement.action == "supprimer"))


async def test_republishing_changed_content_goes_back_to_the_council(client):
    pid = await auteur_avec_contact()
    numero = await creer_annonce(pid, statut="depubliee")  # accepted content unknown: it has changed
    await login(client)
    response = await post(client, f"/annonces/{numero}/republier")
    assert response.headers["location"] == f"/annonces/gerer?ok=transmise&n={numero}"
    assert (await Annonce.select(Annonce.statut).first())["statut"] == "en_attente"


async def test_a_hostile_upload_is_refused_in_french_and_nothing_else_is_lost(client, tmp_path):
    from pathlib import Path

    from config import settings
    from tables.annonces import AnnoncePhoto

    await auteur_avec_contact()
    await login(client)
    dossier = Path(settings().upload_dir) / "annonces"
    avant = set(dossier.iterdir()) if dossier.exists() else set()
    data = {**FORMULAIRE, "_csrf_token": client.cookies.get("monespace_csrf")}
    files = [("photos", ("scan.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>", "application/pdf"))]
    response = await client.post("/annonces/deposer", data=data, files=files,
                                 headers={"hx-request": "true", "x-csrftoken": client.cookies.get("monespace_csrf")})
    assert response.status_code == 422
    assert "« scan.pdf » n&#39;est pas un PDF valide." in response.text
    assert "Remplaçant été 2027" in response.text and "70 % de rétrocession" in response.text
    assert await Annonce.count() == 0 and await AnnoncePhoto.count() == 0
    assert (set(dossier.iterdir()) if dossier.exists() else set()) == avant


async def test_a_valid_photo_survives_a_validation_error_without_a_second_upload(client):
    import io

    from PIL import Image

    from tables.annonces import AnnoncePhoto

    await auteur_avec_contact()
    await login(client)
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "navy").save(buffer, "JPEG")
    token = client.cookies.get("monespace_csrf")
    response = await client.post("/annonces/deposer", data={**FORMULAIRE, "titre": "", "_csrf_token": token},
                                 files=[("photos", ("cabinet.jpg", buffer.getvalue(), "image/jpeg"))],
                                 headers={"hx-request": "true", "x-csrftoken": token})
    assert response.status_code == 422 and "Joindre cabinet.jpg" in response.text
    jeton = response.text.split('name="photos_en_attente" value="')[1].split('"')[0]
    response = await post(client, "/annonces/deposer", {**FORMULAIRE, "photos_en_attente": jeton}, htmx=True)
    assert response.status_code == 200 and await AnnoncePhoto.count() == 1
    # a token signed for someone else, or tampered with, is ignored
    await post(client, "/annonces/deposer", {**FORMULAIRE, "photos_en_attente": jeton[:-2] + "00"}, htmx=True)
    assert await AnnoncePhoto.count() == 1
