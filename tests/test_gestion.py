"""The moderation dashboard: perimeter, drafts and deleted hidden, filters, sorting, pages, htmx blocks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tables.annonces import Annonce
from tests.test_gestion_support import annonce, auteurs, connecter, maintenant, titres


async def test_the_dashboard_shows_the_perimeter_without_drafts_or_deleted(client):
    isere, rhone = await auteurs()
    attente = await annonce(isere, titre="En attente 38")
    await annonce(isere, "publiee", titre="Publiée 38")
    await annonce(isere, "brouillon", titre="Brouillon 38")
    supprimee = await annonce(isere, "refusee", titre="Supprimée 38")
    await Annonce.update({Annonce.supprimee_le: maintenant()}).where(Annonce.id == supprimee)
    await annonce(rhone, titre="En attente 69", departement="69")
    await connecter(client)
    page = (await client.get("/gestion")).text
    for libelle in ("Tableau de bord", "N°", "Titre", "Statut", "Catégorie", "Par", "Mise à jour", "Filtres",
                    "Numéro", "Statuts", "RPPS", "Catégories", "Mise à jour entre le", "et le", "Mes annonces",
                    "Rechercher", "Charte de publication".lower()):
        assert libelle in page, libelle
    assert sorted(titres(page)) == ["En attente 38", "Publiée 38"]
    assert 'À traiter <span class="a-traiter__nombre">1</span>' in page
    assert "1 - 2 sur 2" in page
    assert f'value="{attente}:0"' in page  # the pending one of the perimeter can be ticked
    toute_la_france = (await client.get("/gestion?mes=0")).text
    assert sorted(titres(toute_la_france)) == ["En attente 38", "En attente 69", "Publiée 38"]
    assert 'name="lot"' in toute_la_france and ':0" id="lot-' in toute_la_france
    assert toute_la_france.count('name="lot" value=') == 1  # Rhône's is read-only
    assert 'À traiter <span class="a-traiter__nombre">1</span>' in toute_la_france  # always the perimeter


async def test_the_national_role_sees_all_of_france(client):
    isere, rhone = await auteurs()
    await annonce(isere, titre="Isère")
    await annonce(rhone, titre="Rhône", departement="69")
    await connecter(client, "cnom")
    page = (await client.get("/gestion")).text
    assert sorted(titres(page)) == ["Isère", "Rhône"] and page.count('name="lot" value=') == 2
    assert 'À traiter <span class="a-traiter__nombre">2</span>' in page and "toute la France" in page


async def test_sorting_by_each_column_and_reversing(client):
    isere, _ = await auteurs()
    debut = datetime(2026, 1, 10, 9, tzinfo=UTC)
    for i, (titre, statut, categorie) in enumerate([("Bravo", "publiee", "succession"),
                                                    ("Alpha", "refusee", "adjuvat"),
                                                    ("Charlie", "en_attente", "collaboration")]):
        await annonce(isere, statut, titre=titre, categorie=categorie, maj_le=debut + timedelta(days=i))
    await connecter(client)
    defaut = (await client.get("/gestion")).text
    assert titres(defaut) == ["Charlie", "Alpha", "Bravo"]  # newest update first
    assert '<th scope="col" aria-sort="descending">' in defaut
    assert 'href="/gestion?tri=titre&amp;sens=asc"' in defaut  # first click on a word: A to Z
    assert titres((await client.get("/gestion?tri=titre&sens=asc")).text) == ["Alpha", "Bravo", "Charlie"]
    page = (await client.get("/gestion?tri=titre&sens=asc")).text
    assert 'aria-sort="ascending"' in page and 'href="/gestion?tri=titre&amp;sens=desc"' in page  # second click
    assert titres((await client.get("/gestion?tri=statut&sens=asc")).text) == ["Charlie", "Bravo", "Alpha"]
    assert titres((await client.get("/gestion?tri=categorie&sens=desc")).text) == ["Bravo", "Charlie", "Alpha"]
    assert titres((await client.get("/gestion?tri=maj&sens=asc")).text) == ["Bravo", "Alpha", "Charlie"]
    assert titres((await client.get("/gestion?tri=numero&sens=asc")).text) == ["Bravo", "Alpha", "Charlie"]
    assert titres((await client.get("/gestion?tri=nimporte&sens=quoi")).text) == ["Charlie", "Alpha", "Bravo"]


async def test_filters_combine_with_sorting(client):
    isere, rhone = await auteurs()
    jour = datetime(2026, 3, 15, 12, tzinfo=UTC)
    await annonce(isere, "en_attente", titre="A1", categorie="remplacement", maj_le=jour)
    await annonce(isere, "publiee", titre="A2", categorie="remplacement", maj_le=jour)
    await annonce(isere, "publiee", titre="A3", categorie="adjuvat", maj_le=jour)
    await annonce(isere, "refusee", titre="A4", categorie="remplacement", maj_le=jour)
    await annonce(isere, "en_attente", titre="A5", categorie="remplacement", maj_le=jour - timedelta(days=30))
    await annonce(rhone, "en_attente", titre="A6", categorie="remplacement", departement="69", maj_le=jour)
    await connecter(client)
    url = "/gestion?statut=en_attente&statut=publiee&categorie=remplacement&du=2026-03-01&au=2026-03-31"
    assert titres((await client.get(url + "&tri=titre&sens=desc")).text) == ["A2", "A1"]
    assert titres((await client.get(url + "&mes=0&tri=titre&sens=asc")).text) == ["A1", "A2", "A6"]
    assert titres((await client.get("/gestion?du=2026-03-31&au=2026-03-01&tri=titre&sens=asc")).text) == [
        "A1", "A2", "A3", "A4"]  # reversed dates are swapped
    assert titres((await client.get("/gestion?rpps=10003456786&mes=0")).text) == ["A6"]
    assert titres((await client.get("/gestion?rpps=100 0517 0625&statut=refusee")).text) == ["A4"]
    numero = (await Annonce.select(Annonce.id).where(Annonce.titre == "A3").first())["id"]
    assert titres((await client.get(f"/gestion?numero={numero}")).text) == ["A3"]
    page = (await client.get(url)).text
    assert 'value="en_attente" checked' in page and 'value="remplacement" checked' in page
    assert 'value="2026-03-01"' in page and "<details class=\"filtres-gestion\" open>" in page


async def test_a_day_is_a_day_in_paris(client):
    isere, _ = await auteurs()
    # 23:30 in Paris on 31 March is 21:30 UTC the same day; 00:30 in Paris on 1 April is 22:30 UTC on 31 March.
    await annonce(isere, titre="Le 31", maj_le=datetime(2026, 3, 31, 21, 30, tzinfo=UTC))
    await annonce(isere, titre="Le 1er", maj_le=datetime(2026, 3, 31, 22, 30, tzinfo=UTC))
    await connecter(client)
    assert titres((await client.get("/gestion?du=2026-04-01&au=2026-04-01")).text) == ["Le 1er"]
    assert titres((await client.get("/gestion?au=2026-03-31")).text) == ["Le 31"]


async def test_wrong_filters_are_explained_in_french_and_kept(client):
    isere, _ = await auteurs()
    await annonce(isere, titre="Seule")
    await connecter(client)
    response = await client.get("/gestion?numero=12a&rpps=123&du=31/03/2026", headers={"hx-request": "true",
                                                                                       "hx-target": "tableau"})
    assert response.status_code == 422 and response.headers["hx-retarget"] == "#gestion"
    text = response.text
    assert text.lstrip().startswith('<div id="gestion"') and "<html" not in text
    assert "Le numéro d&#39;annonce s&#39;écrit en chiffres." in text and "Le RPPS compte 11 chiffres." in text
    assert "Saisissez une date au format jj/mm/aaaa." in text and 'aria-invalid="true"' in text
    assert 'value="12a"' in text and 'value="123"' in text
    assert titres(text) == ["Seule"]  # the wrong filters are left out, not guessed


async def test_pages_and_their_links(client):
    isere, _ = await auteurs()
    debut = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(45):
        await annonce(isere, "publiee", titre=f"Annonce {i:02d}", maj_le=debut + timedelta(hours=i))
    await connecter(client)
    premiere = (await client.get("/gestion?tri=titre&sens=asc")).text
    assert "1 - 20 sur 45" in premiere and titres(premiere)[0] == "Annonce 00"
    assert 'aria-label="Page suivante"' in premiere and 'aria-label="Dernière page"' in premiere
    assert 'aria-label="Page précédente"' not in premiere  # nothing before the first page
    assert 'href="/gestion?tri=titre&amp;sens=asc&amp;page=3" data-hx-get' in premiere
    derniere = (await client.get("/gestion?tri=titre&sens=asc&page=3")).text
    assert "41 - 45 sur 45" in derniere and titres(derniere) == [f"Annonce {i}" for i in range(40, 45)]
    assert 'aria-label="Première page"' in derniere and 'aria-label="Page 3" aria-current="page"' in derniere
    trop_loin = (await client.get("/gestion?tri=titre&sens=asc&page=99")).text
    assert "41 - 45 sur 45" in trop_loin  # clamped to the last page


async def test_htmx_swaps_only_the_table_and_pushes_the_canonical_url(client):
    isere, _ = await auteurs()
    await annonce(isere, titre="Une")
    await connecter(client)
    response = await client.get("/gestion?statut=en_attente&mes=0&mes=1&numero=&tri=titre&sens=asc",
                                headers={"hx-request": "true", "hx-target": "tableau", "hx-trigger": "filtres"})
    assert response.status_code == 200 and response.text.lstrip().startswith('<section id="tableau"')
    assert "<html" not in response.text and "Filtres" not in response.text
    assert response.headers["hx-push-url"] == "/gestion?statut=en_attente&tri=titre&sens=asc"
    assert response.headers["vary"] == "HX-Request"
    reload = await client.get("/gestion?statut=en_attente", headers={"hx-request": "true", "hx-target": "tableau",
                                                                     "hx-trigger": "tableau"})
    assert reload.headers["hx-push-url"] == "false"  # the table reloading itself keeps the address
    a_traiter = await client.get("/gestion?statut=en_attente", headers={"hx-request": "true", "hx-target": "gestion"})
    assert a_traiter.text.lstrip().startswith('<div id="gestion"') and "Filtres" in a_traiter.text
    tri = await client.get("/gestion?tri=titre&sens=desc", headers={"hx-request": "true", "hx-trigger": "tri-titre"})
    assert 'id="tri-titre" href="/gestion?tri=titre&amp;sens=asc"' in tri.text and "data-focus" in tri.text
    complete = await client.get("/gestion?statut=en_attente")
    assert "<html" in complete.text and "Filtres" in complete.text  # same URL without JS: the whole page


async def test_one_query_for_the_page_whatever_its_rows(client, monkeypatch):
    """Constant number of queries: a page of 20 rows costs what a page of 2 does (no query per row)."""
    isere, _ = await auteurs()
    await annonce(isere, titre="Un")
    await annonce(isere, titre="Deux")
    await connecter(client)
    moteur = type(Annonce._meta.db)
    requetes: list[str] = []
    original = moteur.run_querystring

    async def compter(self, querystring, *args, **kwargs):
        requetes.append(str(querystring))
        return await original(self, querystring, *args, **kwargs)

    monkeypatch.setattr(moteur, "run_querystring", compter)
    htmx = {"hx-request": "true", "hx-target": "tableau"}
    await client.get("/gestion", headers=htmx)
    peu = [q for q in requetes if "\"annonce\"" in q]
    for i in range(30):
        await annonce(isere, titre=f"Autre {i}")
    requetes.clear()
    page = await client.get("/gestion", headers=htmx)
    beaucoup = [q for q in requetes if "\"annonce\"" in q]
    assert len(titres(page.text)) == 20 and len(beaucoup) == len(peu) == 1  # the rows, carrying the counts
    assert any('LEFT JOIN "praticien"' in q for q in beaucoup)  # the author's name comes with the rows


async def test_the_charter_and_closing_the_panel(client):
    await connecter(client)
    assert 'href="/gestion/charte"' in (await client.get("/gestion")).text
    charte = (await client.get("/gestion/charte")).text
    for titre in ("Charte de publication des annonces", "Ce que vous vérifiez", "Quand accepter, quand refuser",
                  "Rédiger l'explication du refus", "Confidentialité", 'href="/annonces/regles"'):
        assert titre in charte, titre
    assert (await client.get("/gestion/panneau", follow_redirects=False)).headers["location"] == "/gestion"
    ferme = (await client.get("/gestion/panneau", headers={"hx-request": "true"})).text
    assert ferme.lstrip().startswith('<div id="panneau"') and "data-focus" in ferme
    a_traiter = await client.get("/gestion?statut=en_attente", headers={"hx-request": "true", "hx-target": "gestion",
                                                                         "hx-trigger": "a-traiter"})
    assert 'id="a-traiter"' in a_traiter.text and "data-focus>" in a_traiter.text
