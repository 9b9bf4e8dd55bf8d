"""Repeated parameters are capped everywhere, with a French message, by one helper (issue 15, item 12: 2,000 date
pairs made the map 14.4 MB in 2.2 s)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.annonces_support import creer_annonce
from tests.support import creer_compte, login, medecin, post

WEB = Path(__file__).resolve().parents[2] / "web"


async def test_the_map_refuses_two_thousand_date_pairs(client):
    pid = await medecin()
    await creer_annonce(pid)
    await login(client)
    periodes = "&".join("du=2027-01-01&au=2027-02-01" for _ in range(2000))
    response = await client.get(f"/annonces/carte?{periodes}")
    assert response.status_code == 400 and "10 périodes au plus." in response.text
    assert len(response.content) < 50_000
    response = await client.get("/annonces?" + "&".join(f"lieux=commune:{38000 + i}" for i in range(21)))
    assert response.status_code == 400 and "20 lieux au plus." in response.text
    response = await client.get("/annonces?" + "categorie=remplacement&" * 30)
    assert response.status_code == 400 and "catégories au plus." in response.text


async def test_the_map_links_carry_the_checked_criteria_only(client):
    pid = await medecin()
    await creer_annonce(pid)
    await login(client)
    response = await client.get("/annonces/carte?categorie=remplacement&" + "x=1&" * 2000 + "du=2027-01-01")
    assert response.status_code == 200
    liens = re.findall(r'href="(/annonces\?[^"]*)"', response.text)
    assert liens and all("x=1" not in lien for lien in liens)
    assert any("categorie=remplacement" in lien and "du=2027-01-01" in lien for lien in liens)
    assert len(response.content) < 200_000


async def test_forms_show_the_cap_as_the_fields_error(client):
    await medecin()
    await login(client)
    depot = {"categorie": "remplacement", "cote": "offre", "titre": "t", "periode_debut": ["2027-01-01"] * 11,
             "periode_fin": [""] * 11, "lieux": ["commune:38563"] * 21}
    response = await post(client, "/annonces/deposer", depot, htmx=True)
    assert response.status_code == 422
    assert "10 périodes au plus." in response.text and "20 lieux au plus." in response.text
    recherche = {"nom": "Trop", "requete": "&".join(["du=2027-01-01"] * 11)}
    response = await post(client, "/espace/recherches", recherche, htmx=True)
    assert response.status_code == 422 and "10 périodes au plus." in response.text
    response = await post(client, "/espace/parametres", {"email": ["annonce_publiee"] * 50})
    assert response.status_code == 400 and "choix au plus." in response.text


async def test_council_lists_are_capped(client):
    await creer_compte("cnom@demo.ordre.test", role="national")
    await login(client, "cnom@demo.ordre.test", url="/gestion/connexion")
    response = await client.get("/gestion?" + "statut=publiee&" * 5)
    assert response.status_code == 422 and "4 statuts au plus." in response.text
    response = await post(client, "/gestion/accepter-lot", {"lot": [f"{n}:0" for n in range(21)]})
    assert response.status_code == 400 and "20 annonces cochées au plus." in response.text


def test_every_parser_reads_lists_through_the_one_helper():
    """`web.forms.valeurs` (or `Form.liste`) is the only reader of repeated parameters; the photo uploads of the
    annonce form and a dossier's files are files, counted by their own check (web/fichiers/depots.recevoir, the
    usage's max_fichiers); the fields a request for complements targets and a batch (lire_lot) are cut at 100
    where they are read."""
    lecteurs = sorted((p.relative_to(WEB).as_posix(), ligne.strip()) for p in WEB.rglob("*.py")
                      for ligne in p.read_text().splitlines() if ".getall(" in ligne)
    assert lecteurs == [("annonces/forms.py", 'data.getall("photos", []), deja=len(saisie.photos_gardees))'),
                        ("demarches/gestion.py", '*(_cent(data.getall(nom, [])) for nom in ("cibles", "pieces"))))'),
                        ("demarches/gestion_file.py", 'bilan = await suivi.lot(request.user, str(data.get("action", '
                         '"")), queue.lire_lot(data.getall("lot", [])),'),
                        ("demarches/televersement.py", "return data.getall(champ, [])"),
                        ("forms.py", "trouvees = params.getall(nom, [])")]
