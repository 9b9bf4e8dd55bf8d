"""The démarche stories' demo (§6), loaded once on its own marker: the entraide account, demo.junior's dossier."""

from __future__ import annotations

from tables.comptes import Compte
from tables.demarches import Dossier
from tests.support import creer_compte, creer_praticien, login, post
from web.demo import ENTRAIDE, charger_parcours


async def test_loaded_once_with_the_entraide_habilitation_and_the_junior_in_the_rhone_queue(client):
    pid = await creer_praticien(rpps="10102345670", nom="BERTRAND", prenom="Lucas", departement="69",
                                qualite="docteur_junior")
    await creer_compte("demo.junior", role="docteur_junior", praticien=pid)
    await creer_compte("cd69@demo.ordre.test", role="gestionnaire", conseil="CD69")
    assert await charger_parcours() is True
    assert await charger_parcours() is False  # idempotent: run by every `make run`
    entraide = await Compte.select().where(Compte.identifiant == ENTRAIDE[0]).first()
    assert entraide["role"] == "national" and entraide["habilitations"] == "entraide"
    (d,) = await Dossier.select()
    assert (d["statut"], d["departement"], d["numero"][:6]) == ("en_instruction", "69", "D-2025")
    r = await login(client, *ENTRAIDE, url="/gestion/connexion")
    assert r.status_code == 303
    await post(client, "/deconnexion", {})
    await login(client, "cd69@demo.ordre.test", url="/gestion/connexion")
    file = (await client.get("/gestion/demarches")).text
    assert d["numero"] in file and "BERTRAND" in file
    page = (await client.get(f"/gestion/demarches/{d['numero']}")).text
    assert "Dossier complet le" in page and "Refuser" in page
