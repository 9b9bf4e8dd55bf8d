"""La carte: counts by département under the current filters, links that filter the search, a table."""

from __future__ import annotations

from tests.annonces_support import creer_annonce
from tests.support import login, medecin
from web.annonces.france import niveau


async def test_the_map_counts_matching_annonces_by_departement_and_links_to_the_search(client):
    pid = await medecin()
    await creer_annonce(pid, lieux=("commune:38185",), categorie="remplacement")
    await creer_annonce(pid, lieux=("departement:38", "commune:69123"), categorie="remplacement")
    await creer_annonce(pid, lieux=("region:53",), categorie="collaboration")
    await login(client)
    page = (await client.get("/annonces/carte?categorie=remplacement")).text
    assert 'aria-label="Isère (38) : 2 annonces"' in page and 'aria-label="Rhône (69) : 1 annonce"' in page
    assert 'aria-label="Finistère (29) : 0 annonce"' in page
    assert "/annonces?categorie=remplacement&amp;lieux=departement%3A38" in page
    assert "CC-BY-4.0" in page and "<td>Guadeloupe" not in page and "Guadeloupe (971)</a></td><td>0" in page
    tout = (await client.get("/annonces/carte")).text
    assert 'aria-label="Finistère (29) : 1 annonce"' in tout  # placed in Bretagne


def test_colour_levels():
    assert [niveau(n, 10) for n in (0, 1, 3, 5, 10)] == [0, 1, 2, 2, 4]
    assert niveau(0, 0) == 0
