"""tables.sql: the hot statements' runner. On SQLite the running app keeps one connection for them."""

from __future__ import annotations

import aiosqlite
import pytest

from tables import sql
from tables.annonces import Annonce
from tests.annonces_support import creer_annonce
from tests.support import login, medecin


def test_placeholders_are_numbered_for_postgresql():
    assert sql.dollars("a = {} AND b IN ({}, {})") == "a = $1 AND b IN ($2, $3)"


async def test_rows_come_back_as_dicts_inside_and_outside_a_transaction():
    auteur = await medecin()
    numero = await creer_annonce(auteur, titre="Remplacement à Voiron")
    requete = "SELECT id, titre FROM annonce WHERE id = {}"
    assert await sql.fetch(requete, numero) == [{"id": numero, "titre": "Remplacement à Voiron"}]
    async with Annonce._meta.db.transaction():
        await Annonce.update({Annonce.titre: "Changé"}).where(Annonce.id == numero)
        assert (await sql.fetch(requete, numero))[0]["titre"] == "Changé"  # sees its own transaction


async def test_a_search_page_opens_no_sqlite_connection_of_its_own(client, monkeypatch):
    if Annonce._meta.db.engine_type != "sqlite":
        pytest.skip("PostgreSQL: the pool")
    auteur = await medecin()
    await creer_annonce(auteur, titre="Remplacement à Voiron")
    await login(client)
    page = "/annonces?lieux=departement:38&categorie=remplacement"
    assert "Remplacement à Voiron" in (await client.get(page)).text  # the referential, read once per process
    ouvertes = []
    original = aiosqlite.connect
    monkeypatch.setattr(aiosqlite, "connect", lambda *a, **k: ouvertes.append(1) or original(*a, **k))
    assert "Remplacement à Voiron" in (await client.get(page)).text
    assert ouvertes == []  # session, user, lieux and the page: on the kept connection
