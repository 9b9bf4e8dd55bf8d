"""Targeted complements (§1.3), "Demande modifiée" (§1 table) and the applicant's Historique (§1.1)."""

from __future__ import annotations

import re

from tables.demarches import Dossier, DossierEvenement
from tests.support import creer_compte, drain, login, mails, post
from tests.test_demarches_instruction import _transmis


async def _compte_rendu(client, numero: str) -> str:
    return (await client.get(f"/demarches/{numero}")).text


async def test_targeted_fields_only_are_open_and_each_must_change_before_answering(client, mail_dir):
    numero = await _transmis()
    await Dossier.update({Dossier.donnees: {"nom_usage": "", "lieu_naissance": "Grenoble", "departement": "38"}}
                         ).where(Dossier.numero == numero)
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    await post(client, f"/gestion/demarches/{numero}/actions/instruire", {"version": "1"})
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Éléments à corriger (les autres restent en lecture seule)" in page and 'value="lieu_naissance"' in page
    assert f'href="/gestion/demarches/{numero}?cible=lieu_naissance#complements">Demander une correction' in page
    coche = (await client.get(f"/gestion/demarches/{numero}?cible=lieu_naissance")).text
    assert 'name="cibles" value="lieu_naissance" checked' in coche
    r = await post(client, f"/gestion/demarches/{numero}/complements", {
        "version": "2", "raison": "incorrect", "texte": "Le lieu de naissance ne correspond pas à la pièce.",
        "cibles": ["lieu_naissance", "inconnu"]})
    assert r.status_code == 303
    await drain()
    texte = mails(mail_dir)[-1].get_body(("plain",)).get_content()
    assert "Lieu de naissance. Le lieu de naissance ne correspond pas à la pièce." in texte
    await post(client, "/deconnexion", {})
    await login(client, "alice.leroy")
    page = await _compte_rendu(client, numero)
    assert "Lieu de naissance — <strong>à modifier</strong>" in page and "disabled" in page
    bloque = await post(client, f"/demarches/{numero}/complements", {})
    assert bloque.status_code == 422
    assert "Modifiez d&#39;abord ce qui vous est demandé : Lieu de naissance." in bloque.text
    section = (await client.get(f"/demarches/{numero}/sections/identite")).text
    assert 'id="f-lieu_naissance" name="lieu_naissance"' in section and "À corriger" in section
    assert re.search(r'id="f-nationalite" name="nationalite"[^>]* disabled', section)
    assert not re.search(r'id="f-lieu_naissance" name="lieu_naissance"[^>]* disabled', section)
    await post(client, f"/demarches/{numero}/sections/identite", {"lieu_naissance": "Voiron", "nationalite": "x"},
               htmx=True)
    d = await Dossier.select(Dossier.donnees).where(Dossier.numero == numero).first()
    assert "Voiron" in str(d["donnees"]) and '"nationalite"' not in str(d["donnees"]).replace("'", '"')
    assert "Lieu de naissance — modifié" in await _compte_rendu(client, numero)
    assert (await post(client, f"/demarches/{numero}/complements", {})).status_code == 303


async def test_changes_after_transmission_are_one_line_per_sitting_and_staff_events_stay_internal(client):
    numero = await _transmis()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    await post(client, f"/gestion/demarches/{numero}/suivre", {"suivre": "1", "version": "1"})
    await post(client, "/deconnexion", {})
    await login(client, "alice.leroy")
    await post(client, f"/demarches/{numero}/sections/identite", {"nom_usage": "MARTIN"}, htmx=True)
    await post(client, f"/demarches/{numero}/sections/projet", {"commune_exercice": "Voiron"}, htmx=True)
    await post(client, f"/demarches/{numero}/sections/projet", {"commune_exercice": "Voiron"}, htmx=True)  # unchanged
    (e,) = await DossierEvenement.select().where(DossierEvenement.action == "modifier")
    assert e["motif"] == "Demande modifiée : Nom d'usage, Commune d'exercice"
    page = await _compte_rendu(client, numero)
    assert "Vous : Demande modifiée — Demande modifiée : Nom d&#39;usage, Commune d&#39;exercice" in page
    assert "cd38@t.fr" not in page and "Suivi" not in page  # who follows the dossier is the council's business
    await creer_compte("autre@t.fr", role="gestionnaire", conseil="CD38")
    await post(client, "/deconnexion", {})
    await login(client, "autre@t.fr", url="/gestion/connexion")
    staff = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Suivi du dossier — Suivi par cd38@t.fr" in staff


async def test_a_targeted_document_is_the_only_thing_open_and_a_new_file_answers_it(client, mail_dir):
    from tests.pieces_support import deposer, jpg

    numero = await _transmis()
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    await post(client, f"/gestion/demarches/{numero}/actions/instruire", {"version": "1"})
    assert 'name="pieces" value="identite"' in (await client.get(f"/gestion/demarches/{numero}")).text
    r = await post(client, f"/gestion/demarches/{numero}/complements", {
        "version": "2", "raison": "incorrect", "texte": "Votre pièce d'identité est illisible.",
        "pieces": ["identite"]})
    assert r.status_code == 303
    await drain()
    texte = mails(mail_dir)[-1].get_body(("plain",)).get_content()
    assert "Pièce d'identité en cours de validité. Votre pièce" in texte
    await post(client, "/deconnexion", {})
    await login(client, "alice.leroy")
    page = await _compte_rendu(client, numero)
    assert "Pièce d&#39;identité en cours de validité — <strong>à modifier</strong>" in page
    section = (await client.get(f"/demarches/{numero}/sections/identite")).text
    assert re.search(r'id="f-lieu_naissance" name="lieu_naissance"[^>]* disabled', section)  # fields read-only
    assert (await post(client, f"/demarches/{numero}/complements", {})).status_code == 422
    assert (await deposer(client, numero, "identite", "identite.jpg", jpg())).status_code in (200, 303)
    assert "Pièce d&#39;identité en cours de validité — modifié" in await _compte_rendu(client, numero)
    assert (await post(client, f"/demarches/{numero}/complements", {})).status_code == 303
