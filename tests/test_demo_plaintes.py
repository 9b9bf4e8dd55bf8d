"""The plaintes' demo (§4.9): three paper complaints against fictitious médecins, loaded once, each with the
targeted doctor's own dossier, and the Rhône's in conciliation as its council reads it."""

from __future__ import annotations

import html

from tables.demarches import Dossier
from tests.support import creer_compte, creer_praticien, login
from web.demo import rpps_avec_cle
from web.demo_plaintes import charger_plaintes


async def test_three_paper_complaints_once_and_the_rhone_one_in_conciliation(client):
    for i, departement in enumerate(("38", "69", "13")):
        await creer_praticien(rpps=rpps_avec_cle(f"102000000{i}"), nom=f"FICTIF{i}", departement=departement)
    await creer_compte("cd69@demo.ordre.test", role="gestionnaire", conseil="CD69")
    assert await charger_plaintes() is True
    assert await charger_plaintes() is False  # idempotent: run by every `make run`
    plaintes = {d["departement"]: d for d in await Dossier.select().where(Dossier.type == "plainte")}
    assert {k: d["statut"] for k, d in plaintes.items()} == {"38": "en_construction", "69": "en_instruction",
                                                             "13": "refuse"}
    assert await Dossier.count().where(Dossier.type == "plainte_visee") == 3
    await login(client, "cd69@demo.ordre.test", url="/gestion/connexion")
    numero = plaintes["69"]["numero"]
    assert numero in (await client.get("/gestion/demarches?onglet=a_traiter")).text
    page = html.unescape((await client.get(f"/gestion/demarches/{numero}")).text)
    assert "Conciliateurs : Dr Anne ROUX, Dr Marc PETIT" in page and "Mme Odile BERTRAND" in page
    assert (await client.get(f"/gestion/demarches/{plaintes['38']['numero']}")).status_code == 404
