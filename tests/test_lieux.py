"""Lieux: prefix search over the reference geography, keys resolved in batches, containment, the picker."""

from __future__ import annotations

import itertools

import pytest

from tables.reference.texte import normaliser
from tables.referentiel import Commune
from tests.support import login, medecin
from web import sessions
from web.lieux import rules as regles_lieux
from web.lieux.rules import FRANCE, chercher, lieu, lieux, resoudre_saisie, se_chevauchent

RANG = {"france": 0, "region": 1, "departement": 2, "commune": 3}


def cles(trouves) -> list[str]:
    return [x.cle for x in trouves]


@pytest.mark.parametrize("q", ["saint etienne", "SAINT-ÉTIENNE", "Saint Etienne", "st etienne", "saint-etien"])
async def test_a_name_is_found_whatever_its_accents_case_and_hyphens(q):
    communes = [x for x in await chercher(q) if x.type == "commune"]
    assert communes[0].cle == "commune:42218" and communes[0].libelle == "Saint-Étienne (42000)"


async def test_a_postcode_finds_its_communes():
    trouves = await chercher("38500")
    assert trouves[0].cle == "commune:38563" and trouves[0].libelle == "Voiron (38500)"
    assert (await chercher(" 38 500 "))[0].cle == "commune:38563"


@pytest.mark.parametrize("q, cle, libelle", [
    ("38", "departement:38", "Isère (38)"), ("2A", "departement:2A", "Corse-du-Sud (2A)"),
    ("2b", "departement:2B", "Haute-Corse (2B)"), ("971", "departement:971", "Guadeloupe (971)"),
])
async def test_a_departement_number_comes_first(q, cle, libelle):
    trouves = await chercher(q)
    assert trouves[0].cle == cle and trouves[0].libelle == libelle


async def test_a_departement_number_is_followed_by_its_largest_communes():
    trouves = await chercher("38")
    assert trouves[1].cle == "commune:38185"  # Grenoble
    assert all(x.departement == "38" for x in trouves)


async def test_a_region_and_all_of_france_are_found_by_name():
    bretagne = await chercher("bretagne")
    assert bretagne[0].cle == "region:53" and bretagne[0].libelle == "Bretagne"
    assert (await chercher("ile de fr"))[0].libelle == "Île-de-France"
    for q in ("toute", "Toute la", "france"):
        assert (await chercher(q))[0] == FRANCE


async def test_results_are_ranked_broadest_first_then_by_population_and_capped():
    trouves = await chercher("sa", limite=8)
    assert len(trouves) == 8
    assert [RANG[x.type] for x in trouves] == sorted(RANG[x.type] for x in trouves)
    assert {"departement:71", "departement:72", "departement:73"} <= set(cles(trouves))
    codes = [x.arrondissement or x.commune for x in trouves if x.type == "commune"]
    populations = {r["code"]: r["population"] for r in await Commune.select(Commune.code, Commune.population).where(
        Commune.code.is_in(codes))}
    assert [populations[c] for c in codes] == sorted((populations[c] for c in codes), reverse=True)


async def test_matches_are_true_prefixes():
    """"saint e" must not bring "Sainte-…" (a linguistic collation would: see migration m0003)."""
    trouves = await chercher("saint e", limite=50)
    assert trouves and all(normaliser(x.libelle).startswith("saint e") for x in trouves)
    assert (await chercher("paris 11"))[0].cle == "commune:75111"


@pytest.mark.parametrize("q", ["", " ", "a", "é", "-"])
async def test_short_queries_find_nothing(q):
    assert await chercher(q) == []


async def test_nothing_matches_nonsense():
    assert await chercher("zzzz") == [] and await chercher("00000") == []


async def test_folded_names_are_compared_byte_by_byte_on_postgresql():
    if Commune._meta.db.engine_type != "postgres":
        pytest.skip("SQLite compares with BINARY")
    rows = await Commune.raw("SELECT table_name, collation_name FROM information_schema.columns "
                             "WHERE column_name = 'nom_normalise' AND table_schema = 'public'")
    assert {r["table_name"]: r["collation_name"] for r in rows} == {
        "region": "C", "departement": "C", "commune": "C"}


async def test_a_key_gives_back_its_lieu_with_its_hierarchy():
    voiron = await lieu("commune:38563")
    assert (voiron.type, voiron.libelle, voiron.region, voiron.departement, voiron.commune, voiron.arrondissement) \
        == ("commune", "Voiron (38500)", "84", "38", "38563", None)
    paris11 = await lieu("commune:75111")
    assert (paris11.libelle, paris11.commune, paris11.arrondissement) == (
        "Paris 11e Arrondissement (75011)", "75056", "75111")
    assert await lieu("france") == FRANCE
    assert await lieu("commune:99999") is None and await lieu("pays:FR") is None and await lieu("") is None


async def test_keys_are_resolved_in_one_query(monkeypatch):
    requetes = []
    original = regles_lieux.fetch

    async def compter(sql, *args):
        requetes.append(sql)
        return await original(sql, *args)

    monkeypatch.setattr(regles_lieux, "fetch", compter)
    demandees = ["commune:75111", "inconnue", "departement:38", "commune:38563", "france", "commune:99999",
                 "region:53", "commune:75111", "departement:00", "commune:42218", "region:84"]
    trouves = await lieux(demandees)
    assert cles(trouves) == ["commune:75111", "departement:38", "commune:38563", "france", "region:53",
                             "commune:42218", "region:84"]
    assert len(requetes) == 1  # régions, départements and communes with their first postcode, together
    requetes.clear()
    assert await lieux(["france", "n'importe quoi"]) == [FRANCE] and requetes == []


CLES = ["france", "region:11", "departement:78", "commune:78015", "region:53", "commune:35238",
        "commune:75056", "commune:75111", "commune:75112", "departement:75", "commune:69123", "commune:69381",
        "commune:13055"]


@pytest.fixture
async def geo():
    return {x.cle.split(":")[-1]: x for x in await lieux(CLES)}


@pytest.mark.parametrize("a, b, attendu", [
    ("78015", "78", True), ("78", "11", True), ("11", "france", True), ("78015", "france", True),  # Andrésy
    ("78015", "53", False), ("78015", "75", False),
    ("35238", "53", True),  # Rennes, Bretagne
    ("75111", "75056", True), ("75111", "75", True), ("75111", "11", True), ("75111", "75112", False),
    ("75056", "75", True), ("69381", "69123", True), ("69123", "13055", False), ("69381", "13055", False),
])
async def test_two_lieux_overlap_when_one_contains_the_other(geo, a, b, attendu):
    assert se_chevauchent(geo[a], geo[b]) is attendu
    assert se_chevauchent(geo[b], geo[a]) is attendu


async def test_every_lieu_overlaps_itself_and_all_of_france(geo):
    for x, y in itertools.product(geo.values(), repeat=2):
        assert se_chevauchent(x, y) is se_chevauchent(y, x)
    assert all(se_chevauchent(x, x) and se_chevauchent(x, FRANCE) for x in geo.values())


async def test_free_text_is_resolved_when_the_form_is_posted_without_javascript():
    assert await resoudre_saisie(["departement:38"], "  ") == ([await lieu("departement:38")], None)
    choisis, erreur = await resoudre_saisie(["departement:38", "inconnue"], "voiron")
    assert cles(choisis) == ["departement:38", "commune:38563"] and erreur is None
    for saisie, cle in (("Voiron (38500)", "commune:38563"), ("Saint-Étienne", "commune:42218"),
                        ("Isère (38)", "departement:38"), ("38500", "commune:38563"), ("Toute la France", "france"),
                        ("Saint-Denis (97400)", "commune:97411"), ("paris 11e", "commune:75111")):
        assert cles((await resoudre_saisie([], saisie))[0]) == [cle], saisie
    assert cles((await resoudre_saisie(["departement:38"], "isere"))[0]) == ["departement:38"]  # no duplicate


async def test_free_text_that_matches_nothing_is_an_error():
    choisis, erreur = await resoudre_saisie(["region:53"], "Atlantide")
    assert cles(choisis) == ["region:53"] and erreur == "Aucun lieu ne correspond à « Atlantide »."


async def test_suggestions_are_public_reference_data_read_without_the_session(client, monkeypatch):
    """Every keystroke asks: no session row read, no cookie set, and the browser may keep the answer a day."""
    response = await client.get("/lieux?q=voiron", headers={"hx-request": "true"}, follow_redirects=False)
    assert response.status_code == 200 and 'data-cle="commune:38563"' in response.text
    assert response.headers["cache-control"] == "public, max-age=86400" and "set-cookie" not in response.headers
    await medecin()
    await login(client)
    lus = []
    original = sessions.fetch
    monkeypatch.setattr(sessions, "fetch", lambda *a: lus.append(a) or original(*a))
    response = await client.get("/lieux?q=voiron", headers={"hx-request": "true"})
    assert 'data-cle="commune:38563"' in response.text and lus == [] and "set-cookie" not in response.headers
    await client.get("/annonces")
    assert len(lus) == 1  # a page still reads it


async def test_suggestions_are_an_accessible_listbox(client):
    await medecin()
    await login(client)
    response = await client.get("/lieux?q=voiron", headers={"hx-request": "true"})
    assert response.status_code == 200 and "<html" not in response.text
    assert response.headers["vary"] == "HX-Request"
    assert '<ul role="listbox" id="f-lieux-options"' in response.text
    assert '<li role="none"><button type="button" role="option" id="f-lieux-option-1" aria-selected="false" ' \
        'tabindex="-1" data-cle="commune:38563" data-libelle="Voiron (38500)">Voiron (38500)</button></li>' \
        in response.text
    assert "Aucun lieu" not in response.text


async def test_suggestions_read_the_pickers_own_text_box(client):
    await medecin()
    await login(client)
    response = await client.get("/lieux?pour=recherche&recherche_saisie=isere", headers={"hx-request": "true"})
    assert 'id="f-recherche-options"' in response.text and 'data-cle="departement:38"' in response.text
    response = await client.get('/lieux?pour="><x&q=isere', headers={"hx-request": "true"})
    assert 'id="f-lieux-options"' in response.text


async def test_suggestions_empty_state(client):
    await medecin()
    await login(client)
    response = await client.get("/lieux?q=<zzz>", headers={"hx-request": "true"})
    assert "Aucun lieu ne correspond à « &lt;zzz&gt; »." in response.text and 'role="option"' not in response.text
    response = await client.get("/lieux?q=v", headers={"hx-request": "true"})
    assert 'role="option"' not in response.text and "Aucun lieu" not in response.text


def _picker(**kwargs) -> str:
    from web.templating import moteur

    env = moteur().engine
    return env.from_string("{{ lieux.lieux_picker('lieux', choisis, **kw) }}").render(choisis=kwargs.pop(
        "choisis", []), kw=kwargs)


async def test_the_picker_posts_keys_and_free_text():
    choisis = await lieux(["commune:38563", "departement:38"])
    html = _picker(choisis=choisis, required=True, erreur="Aucun lieu ne correspond à « x ».", saisie="<x>")
    assert '<input type="hidden" name="lieux" value="commune:38563">' in html
    assert '<input type="hidden" name="lieux" value="departement:38">' in html
    assert 'aria-label="Retirer Voiron (38500)"' in html and 'aria-label="Retirer Isère (38)"' in html
    assert 'name="lieux_saisie" value="&lt;x&gt;"' in html and 'role="combobox"' in html
    assert 'aria-controls="f-lieux-options"' in html and 'id="f-lieux-options"' in html
    assert 'data-hx-get="/lieux?pour=lieux"' in html and 'data-hx-target="#f-lieux-suggestions"' in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="f-lieux-erreur f-lieux-aide"' in html
    vide = _picker()
    assert 'id="f-lieux-choisis" aria-label="Lieux choisis" hidden' in vide and "aria-invalid" not in vide
