"""The annonce panel: accept, refuse, history, batch; the perimeter on every view and action; conflicts."""

from __future__ import annotations

import re

from tables.annonces import Annonce, AnnonceEvenement
from tables.messages import Notification
from tests.support import drain, login, mails, post
from tests.test_gestion_support import annonce, auteurs, autre_client, connecter, utilisateur
from web.annonces import statuts
from web.annonces.rules import empreinte_actuelle
from web.gestion.moderation import MOTIF_PAR_DEFAUT
from web.instruction.file import CONFLIT

HTMX = {"hx-request": "true"}


def html(texte: str) -> str:
    """A French text from Python as Jinja escapes it (template text itself is left as is)."""
    return texte.replace("'", "&#39;")


async def etat(numero: int) -> dict:
    return await Annonce.select(Annonce.statut, Annonce.version, Annonce.refus, Annonce.motif_refus,
                                Annonce.empreinte_acceptee).where(Annonce.id == numero).first()


async def traces(numero: int) -> tuple[int, int]:
    """Moderation events and notifications written for this annonce."""
    evenements = await AnnonceEvenement.count().where(
        (AnnonceEvenement.annonce == numero) & AnnonceEvenement.action.is_in(["accepter", "refuser"]))
    return evenements, await Notification.count().where(Notification.sujet.like(f"%n°{numero} :%"))


async def test_the_panel_shows_the_annonce_and_the_allowed_buttons(client):
    isere, _ = await auteurs()
    attente = await annonce(isere, titre="Collaboration en maison de santé")
    publiee = await annonce(isere, "publiee")
    depubliee = await annonce(isere, "depubliee")
    await Annonce.update({Annonce.refus: 2}).where(Annonce.id == attente)
    await connecter(client)
    page = (await client.get(f"/gestion/annonces/{attente}")).text
    assert f"Annonce N°{attente} - 10005170625 - Camille DURAND" in page and "<html" in page
    for texte in ("En attente", "Transmise le", "Fin de publication", "Collaboration en maison de santé",
                  "Médecine générale", "Voiron", "À partir du 01/12/2026", "Cabinet de ville",
                  "⚠ Cette annonce a été refusée 2 fois", ">Voir historique<", ">Refuser<", ">Accepter<"):
        assert texte in page, texte
    bloc = (await client.get(f"/gestion/annonces/{publiee}", headers=HTMX)).text
    assert bloc.lstrip().startswith('<section id="panneau"') and "<html" not in bloc
    assert ">Refuser<" in bloc and ">Accepter<" not in bloc and "refusée" not in bloc
    aucune = (await client.get(f"/gestion/annonces/{depubliee}")).text
    assert ">Voir historique<" in aucune and ">Refuser<" not in aucune and ">Accepter<" not in aucune


async def test_drafts_and_deleted_annonces_are_not_found(client):
    isere, _ = await auteurs()
    brouillon = await annonce(isere, "brouillon")
    supprimee = await annonce(isere)
    await Annonce.update({Annonce.supprimee_le: Annonce.maj_le}).where(Annonce.id == supprimee)
    await connecter(client)
    for numero in (brouillon, supprimee, 999999):
        assert (await client.get(f"/gestion/annonces/{numero}")).status_code == 404
        assert (await post(client, f"/gestion/annonces/{numero}/accepter", {"version": "0"})).status_code == 404


async def test_accept_asks_for_confirmation_then_publishes_at_once(client, mail_dir):
    isere, _ = await auteurs()
    numero = await annonce(isere)
    await connecter(client)
    confirmation = (await client.get(f"/gestion/annonces/{numero}?confirmer=accepter&version=0")).text
    assert "Vous êtes sur le point de publier l'annonce, êtes-vous sûr de vouloir continuer ?" in confirmation
    assert 'name="version" value="0"' in confirmation and (await etat(numero))["statut"] == "en_attente"
    response = await post(client, f"/gestion/annonces/{numero}/accepter", {"version": "0"})
    assert response.status_code == 303 and response.headers["location"] == f"/gestion/annonces/{numero}?ok=accepter"
    assert html(f"L'annonce n° {numero} est publiée") in (await client.get(response.headers["location"])).text
    row = await etat(numero)
    assert row["statut"] == "publiee" and row["empreinte_acceptee"] == await empreinte_actuelle(numero)
    assert await traces(numero) == (1, 1)
    await drain()
    [message] = mails(mail_dir)
    assert message["Subject"] == f"Ordre des médecins - Annonce n°{numero} : publiée"


async def test_accept_with_htmx_refreshes_panel_and_table(client):
    isere, _ = await auteurs()
    numero = await annonce(isere)
    await connecter(client)
    response = await post(client, f"/gestion/annonces/{numero}/accepter", {"version": "0"}, htmx=True)
    assert response.status_code == 200 and response.text.lstrip().startswith('<section id="panneau"')
    assert html(f"L'annonce n° {numero} est publiée") in response.text and "data-focus" in response.text
    assert response.headers["hx-trigger"] == '{"annonce-traitee":{}}'
    assert (await etat(numero))["statut"] == "publiee"


async def test_refusal_needs_an_explanation_kept_as_typed(client):
    isere, _ = await auteurs()
    numero = await annonce(isere)
    await connecter(client)
    formulaire = (await client.get(f"/gestion/annonces/{numero}?confirmer=refuser")).text
    assert "Explication du refus" in formulaire and html(MOTIF_PAR_DEFAUT) in formulaire
    vide = await post(client, f"/gestion/annonces/{numero}/refuser", {"version": "0", "motif": "   "}, htmx=True)
    assert vide.status_code == 422 and html("Saisissez l'explication du refus") in vide.text
    assert 'aria-invalid="true"' in vide.text
    long = "Trop long. " * 200
    trop = await post(client, f"/gestion/annonces/{numero}/refuser", {"version": "0", "motif": long}, htmx=True)
    assert trop.status_code == 422 and "2000 caractères au plus" in trop.text and long.strip() in trop.text
    assert (await etat(numero))["statut"] == "en_attente" and await traces(numero) == (0, 0)
    motif = "La description cite un patient : retirez son nom puis transmettez de nouveau l'annonce."
    response = await post(client, f"/gestion/annonces/{numero}/refuser", {"version": "0", "motif": motif})
    assert response.status_code == 303
    row = await etat(numero)
    assert row["statut"] == "refusee" and row["motif_refus"] == motif and row["refus"] == 1
    assert await traces(numero) == (1, 1)
    panneau = (await client.get(response.headers["location"])).text
    assert "⚠ Cette annonce a été refusée 1 fois" in panneau and "Refusée le" in panneau
    assert html(motif) in panneau and ">Accepter<" not in panneau and ">Refuser<" not in panneau


async def test_refusing_a_published_annonce_takes_it_off_line(client):
    isere, _ = await auteurs()
    numero = await annonce(isere, "publiee")
    await login(client)
    assert (await client.get(f"/annonces/{numero}")).status_code == 200
    await connecter(client)
    response = await post(client, f"/gestion/annonces/{numero}/refuser", {"version": "0", "motif": MOTIF_PAR_DEFAUT})
    assert response.status_code == 303 and (await etat(numero))["statut"] == "refusee"
    await login(client, "dr.garnier")
    assert (await client.get(f"/annonces/{numero}")).status_code == 404  # off line for the other doctors
    await login(client)
    assert html(f"Motif : {MOTIF_PAR_DEFAUT}") in (await client.get(f"/annonces/{numero}")).text  # its author reads why
    assert html(MOTIF_PAR_DEFAUT) in (await client.get("/annonces/gerer")).text


async def test_the_perimeter_is_enforced_on_every_view_and_action(client):
    isere, rhone = await auteurs()
    numero = await annonce(isere, titre="Annonce iséroise")
    await connecter(client, "cd69")
    liste = (await client.get("/gestion?mes=0")).text
    assert "Annonce iséroise" in liste and 'name="lot" value=' not in liste  # seen, read-only
    assert "Annonce iséroise" not in (await client.get("/gestion")).text
    panneau = (await client.get(f"/gestion/annonces/{numero}")).text
    assert "pas dans votre périmètre" in panneau
    assert ">Accepter<" not in panneau and ">Refuser<" not in panneau and ">Voir historique<" not in panneau
    for url in (f"/gestion/annonces/{numero}?confirmer=accepter", f"/gestion/annonces/{numero}?confirmer=refuser",
                f"/gestion/annonces/{numero}/historique"):
        response = await client.get(url)
        assert response.status_code == 403 and "Accès refusé" in response.text, url
    for action, data in (("accepter", {}), ("refuser", {"motif": "Hors périmètre"})):
        for htmx in (False, True):
            response = await post(client, f"/gestion/annonces/{numero}/{action}", {"version": "0", **data},
                                  htmx=htmx)
            assert response.status_code == 403, (action, htmx)
    lot = await post(client, "/gestion/accepter-lot", {"lot": [f"{numero}:0"]})
    assert "n° " + str(numero) + " : hors de votre périmètre" in lot.text
    assert (await etat(numero))["statut"] == "en_attente" and await traces(numero) == (0, 0)


async def test_the_national_role_acts_everywhere(client):
    isere, rhone = await auteurs()
    a38, a69 = await annonce(isere), await annonce(rhone, departement="69")
    await connecter(client, "cnom")
    assert ">Accepter<" in (await client.get(f"/gestion/annonces/{a69}")).text
    assert (await post(client, f"/gestion/annonces/{a38}/accepter", {"version": "0"})).status_code == 303
    assert (await post(client, f"/gestion/annonces/{a69}/refuser", {"version": "0", "motif": "Non"})).status_code == 303
    assert (await etat(a38))["statut"] == "publiee" and (await etat(a69))["statut"] == "refusee"
    libelles = await AnnonceEvenement.select(AnnonceEvenement.acteur_libelle).where(
        AnnonceEvenement.action.is_in(["accepter", "refuser"]))
    assert {r["acteur_libelle"] for r in libelles} == {"CNOM"}


async def test_a_stale_version_shows_the_current_state(client):
    isere, _ = await auteurs()
    numero = await annonce(isere)
    await connecter(client)
    async with autre_client() as autre:
        await connecter(autre, "cnom")
        # both opened the confirmation at version 0; the national role publishes first
        assert (await post(autre, f"/gestion/annonces/{numero}/accepter", {"version": "0"})).status_code == 303
    response = await post(client, f"/gestion/annonces/{numero}/refuser", {"version": "0", "motif": "Non"}, htmx=True)
    assert response.status_code == 422 and html(CONFLIT) in response.text
    assert 'role="alert"' in response.text and "Publiée" in response.text and ">Refuser<" in response.text
    assert response.headers["hx-trigger"] == '{"annonce-traitee":{}}'
    stale = await client.get(f"/gestion/annonces/{numero}?confirmer=accepter&version=0")
    assert html(CONFLIT) in stale.text and "sur le point de publier" not in stale.text
    assert (await etat(numero))["statut"] == "publiee" and await traces(numero) == (1, 1)
    again = await post(client, f"/gestion/annonces/{numero}/accepter", {"version": "1"})
    assert again.status_code == 422 and "Cette action n&#39;est pas possible" in again.text
    missing = await post(client, f"/gestion/annonces/{numero}/refuser", {"motif": "Sans version"})
    assert missing.status_code == 422 and html(CONFLIT) in missing.text
    assert (await etat(numero))["statut"] == "publiee" and await traces(numero) == (1, 1)


async def test_history_lists_refusals_and_every_status_newest_first(client):
    isere, _ = await auteurs()
    numero = await annonce(isere, "brouillon")
    auteur = await utilisateur("dr.durand")
    await statuts.appliquer(numero, "transmettre", auteur)
    await connecter(client)
    motif = "Titre trompeur : indiquez la spécialité exacte."
    await post(client, f"/gestion/annonces/{numero}/refuser", {"version": "1", "motif": motif})
    await statuts.appliquer(numero, "transmettre", auteur)
    await post(client, f"/gestion/annonces/{numero}/accepter", {"version": "3"})
    assert (await etat(numero))["statut"] == "publiee"
    refus = (await client.get(f"/gestion/annonces/{numero}/historique")).text
    assert 'aria-current="page" data-focus>Refus 1<' in refus and html(f"Motif : {motif}") in refus
    assert re.search(r'evenement__qui">CD38 a passé le statut à \d\d/\d\d/\d{4} à \d\dh\d\d</p>', refus)
    chronologie = (await client.get(f"/gestion/annonces/{numero}/historique?onglet=statuts", headers=HTMX)).text
    assert "Les plus récents d'abord" in chronologie and 'aria-current="page" data-focus>Statuts<' in chronologie
    lignes = re.findall(r'evenement__qui">([^<]*) a passé le statut[^<]*</p>\s*<p><span class="badge[^"]*">([^<]*)<',
                        chronologie)
    assert lignes == [("CD38", "Publiée"), ("Camille DURAND", "En attente"), ("CD38", "Refusée"),
                      ("Camille DURAND", "En attente")]
    assert chronologie.count("Motif :") == 1


async def test_history_line_reads_as_the_seed_in_paris_time(client):
    """"<acteur> a passé le statut à 16/05/2023 à 11h08", the actor once, then the status, then the motif on
    its own line; 09h08 UTC is 11h08 in Paris in May."""
    from datetime import UTC, datetime

    isere, _ = await auteurs()
    numero = await annonce(isere, "refusee")
    await AnnonceEvenement.insert(AnnonceEvenement(
        annonce=numero, acteur_libelle="CD38", action="refuser", de="en_attente", vers="refusee",
        motif=MOTIF_PAR_DEFAUT, le=datetime(2023, 5, 16, 9, 8, tzinfo=UTC)))
    await connecter(client)
    page = (await client.get(f"/gestion/annonces/{numero}/historique?onglet=statuts")).text
    ligne = re.search(r'<li class="evenement">(.*?)</li>', page, re.S).group(1)
    textes = [re.sub(r"<[^>]+>", "", p).strip() for p in re.findall(r"<p[^>]*>(.*?)</p>", ligne, re.S)]
    assert textes == ["CD38 a passé le statut à 16/05/2023 à 11h08", "Refusée", html(f"Motif : {MOTIF_PAR_DEFAUT}")]
