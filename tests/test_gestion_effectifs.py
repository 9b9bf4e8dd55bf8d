"""annonce_effectif (m0015): the counts the dashboard reads, kept exact by the database whatever writes."""

from __future__ import annotations

from tables.annonces import Annonce
from tables.comptes import Praticien
from tests.test_gestion_support import annonce, auteurs, connecter, maintenant

_COMPTES = ("SELECT departement, statut, categorie, COUNT(*) AS n FROM annonce WHERE supprimee_le IS NULL "
            "GROUP BY departement, statut, categorie")


async def _lus() -> list[tuple]:
    rows = await Annonce.raw("SELECT departement, statut, categorie, n FROM annonce_effectif WHERE n <> 0")
    return sorted((r["departement"], r["statut"], r["categorie"], r["n"]) for r in rows)


async def _comptes() -> list[tuple]:
    return sorted((r["departement"], r["statut"], r["categorie"], r["n"]) for r in await Annonce.raw(_COMPTES))


async def test_the_counts_follow_every_write_of_an_annonce():
    isere, rhone = await auteurs()
    a = await annonce(isere)
    b = await annonce(isere, "publiee", categorie="succession")
    c = await annonce(rhone, "brouillon", departement="69")
    assert await _lus() == await _comptes() == [("38", "en_attente", "remplacement", 1),
                                                ("38", "publiee", "succession", 1),
                                                ("69", "brouillon", "remplacement", 1)]
    await Annonce.update({Annonce.statut: "publiee"}).where(Annonce.id == a)
    await Annonce.update({Annonce.categorie: "adjuvat", Annonce.departement: "69"}).where(Annonce.id == b)
    await Annonce.update({Annonce.supprimee_le: maintenant()}).where(Annonce.id == c)  # deleted: not counted
    await Annonce.update({Annonce.titre: "Autre titre", Annonce.maj_le: maintenant()}).where(Annonce.id == a)
    assert await _lus() == await _comptes() == [("38", "publiee", "remplacement", 1), ("69", "publiee", "adjuvat", 1)]
    await Annonce.update({Annonce.supprimee_le: None}).where(Annonce.id == c)
    await Annonce.delete().where(Annonce.id == a)
    assert await _lus() == await _comptes() == [("69", "brouillon", "remplacement", 1), ("69", "publiee", "adjuvat", 1)]
    await Praticien.delete().where(Praticien.id == rhone)  # its draft goes by cascade
    assert await _lus() == await _comptes() == [("69", "publiee", "adjuvat", 1)]


async def test_the_dashboard_counts_rows_only_for_a_text_filter(client):
    isere, _ = await auteurs()
    for _ in range(3):
        await annonce(isere)
    numero = await annonce(isere, "publiee")
    await connecter(client)
    assert "1 - 4 sur 4" in (await client.get("/gestion")).text
    assert "1 - 3 sur 3" in (await client.get("/gestion?statut=en_attente")).text
    assert "1 - 1 sur 1" in (await client.get(f"/gestion?numero={numero}")).text
    fausser = ("UPDATE annonce_effectif SET n = n + {} WHERE departement = '38' AND statut = 'en_attente' "
               "AND categorie = 'remplacement'")
    await Annonce.raw(fausser, 40)  # what the table says is what the page shows
    try:
        assert "1 - 20 sur 44" in (await client.get("/gestion")).text
        assert "1 - 1 sur 1" in (await client.get(f"/gestion?numero={numero}")).text
    finally:
        await Annonce.raw(fausser, -40)
