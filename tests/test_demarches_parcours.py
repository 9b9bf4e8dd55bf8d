"""The applicant's walk through an inscription (SPEC_DEMARCHES §2, story 1): start, save as typed, resume,
transmit — through the test client, as a browser sends it."""

from __future__ import annotations

import re
from datetime import timedelta

from tables import horloge
from tables.demarches import Dossier
from tests.pieces_support import deposer, jpg
from tests.support import drain, login, mails, medecin, naissance, post
from web.demarches.moteur import objet

IDENTITE = {"civilite": "madame", "nom_naissance": "LEROY", "prenoms": "Alice", **naissance("1996-05-21"),
            "lieu_naissance": "Grenoble", "nationalite": "française"}
ETUDES = {"universite": "Université Grenoble Alpes", "subdivision": "Grenoble", "des": "SM54", "docteur_junior": "oui"}
PROJET = {"mode_exercice": "liberal", "commune_exercice": "Grenoble", "debut_exercice": "2027-11-02"}


async def _interne(client):
    await medecin("alice.leroy", qualite="interne", rpps="10009876540", nom="LEROY", prenom="Alice",
                  email="alice.leroy@exemple.fr")
    await login(client, "alice.leroy")


async def _commencer(client) -> str:
    r = await post(client, "/demarches/commencer/inscription", {"docteur_junior": "oui"})
    assert r.status_code == 303
    return r.headers["location"].split("/")[2]


async def test_too_early_says_the_date_it_opens_and_keeps_what_was_typed(client):
    await _interne(client)
    debut = horloge.aujourdhui() + timedelta(days=60)
    r = await post(client, "/demarches/commencer/inscription", {"docteur_junior": "non",
                   "dernier_semestre": debut.isoformat()}, htmx=True)
    assert r.status_code == 422
    assert f"Vous pourrez commencer votre demande à partir du {debut:%d/%m/%Y}." in r.text
    assert f'value="{debut.isoformat()}"' in r.text
    assert await Dossier.count() == 0


async def test_a_medecin_cannot_start_an_inscription(client):
    await medecin()
    await login(client)
    assert (await client.get("/demarches/commencer/inscription")).status_code == 404
    assert "Inscription au Tableau" not in (await client.get("/demarches")).text


async def test_every_field_is_saved_as_typed_and_mon_espace_resumes_where_it_stopped(client):
    await _interne(client)
    numero = await _commencer(client)
    r = await post(client, f"/demarches/{numero}/sections/conseil", {"departement": "38"}, htmx=True)
    assert "Enregistré à" in r.text
    assert (await deposer(client, numero, "identite", "carte.jpg", jpg())).status_code == 303  # a JPG ID
    await post(client, f"/demarches/{numero}/sections/identite", IDENTITE, htmx=True)
    await post(client, f"/demarches/{numero}/sections/etudes", {**ETUDES, "aller": "projet"})
    page = (await client.get("/espace")).text
    assert numero in page and "Brouillon" in page and "Étape 5 sur 10" in page and "Reprendre ma demande" in page
    r = await client.get(f"/demarches/{numero}/reprendre", follow_redirects=False)
    assert r.headers["location"] == f"/demarches/{numero}/sections/projet?verifier=1"
    page = (await client.get(r.headers["location"])).text
    assert "Cette page est à compléter" in page and "Mode d&#39;exercice envisagé : Ce champ est obligatoire." in page
    identite = (await client.get(f"/demarches/{numero}/sections/identite")).text
    assert 'value="Grenoble"' in identite
    for partie, valeur in (("jour", "21"), ("mois", "5"), ("annee", "1996")):
        assert re.search(rf'name="date_naissance_{partie}"[^>]*value="{valeur}"', identite)


async def test_transmission_needs_every_section_then_confirms_and_sends_e1(client, mail_dir):
    await _interne(client)
    numero = await _commencer(client)
    r = await post(client, f"/demarches/{numero}/transmettre", {})
    assert r.status_code == 422 and "Complétez ces étapes avant de transmettre votre demande" in r.text
    for section, valeurs in (("conseil", {"departement": "38"}), ("identite", IDENTITE), ("etudes", ETUDES),
                             ("projet", PROJET), ("situation", {"deja_inscrit": "non", "contrats": "non"}),
                             ("declarations", {"declaration_instance": "on", "declaration_exactitude": "on"})):
        await post(client, f"/demarches/{numero}/sections/{section}", valeurs, htmx=True)
    r = await post(client, f"/demarches/{numero}/transmettre", {})
    assert r.status_code == 422 and "Mes documents" in r.text  # the ID is "Obligatoire"; the diplomas may wait
    await deposer(client, numero, "identite", "carte.jpg", jpg())
    r = await post(client, f"/demarches/{numero}/transmettre", {})
    assert r.status_code == 303
    page = (await client.get(r.headers["location"])).text
    assert (f"Votre demande n°{numero} a bien été transmise au Conseil départemental de l&#39;Isère. Vous recevrez "
            "un message à chaque étape.") in page
    assert "Étape 6 sur 10" in page and "Transmise" in page
    assert (await post(client, f"/demarches/{numero}/sections/identite", IDENTITE)).status_code == 303  # still editable
    await drain()
    assert [m["Subject"] for m in mails(mail_dir)] == [f"Ordre des médecins - Demande n°{numero} : transmise"]
    assert "transmise" in (await client.get("/espace/messages")).text
    d = await Dossier.select(Dossier.id).where(Dossier.numero == numero).first()
    fil = (await client.get(f"/espace/messages/fils/dossier/{d['id']}")).text  # the dossier's own inbox thread
    assert f"Demande n°{numero} : transmise" in fil and f'href="/demarches/{numero}"' in fil


async def test_another_applicants_dossier_is_a_french_404(client):
    await _interne(client)
    numero = await _commencer(client)
    await medecin("bob.martin", qualite="interne", rpps="10101473782", nom="MARTIN", prenom="Bob",
                  email="bob@exemple.fr")
    await login(client, "bob.martin")
    r = await client.get(f"/demarches/{numero}")
    assert r.status_code == 404 and "Page introuvable" in r.text


async def test_the_date_of_birth_is_three_boxes_kept_as_typed_and_an_impossible_one_is_named(client):
    """Jour / mois / année (DSFR): « 31 2 1996 » is saved as typed, shown back, and verification says why."""
    await _interne(client)
    numero = await _commencer(client)
    await post(client, f"/demarches/{numero}/sections/identite",
               {**IDENTITE, "date_naissance_jour": "31", "date_naissance_mois": "2"}, htmx=True)
    d = await Dossier.select(Dossier.donnees).where(Dossier.numero == numero).first()
    assert objet(d["donnees"])["date_naissance"] == "31/2/1996"
    page = (await client.get(f"/demarches/{numero}/sections/identite?verifier=1")).text
    assert '<legend>Date de naissance <span class="obligatoire" aria-hidden="true">*</span></legend>' in page
    assert re.search(r'<input id="f-date_naissance" name="date_naissance_jour"[^>]*value="31"', page)
    assert "Date de naissance : Le 31/2/1996 n&#39;existe pas" in page
    await post(client, f"/demarches/{numero}/sections/identite", IDENTITE, htmx=True)
    d = await Dossier.select(Dossier.donnees).where(Dossier.numero == numero).first()
    assert objet(d["donnees"])["date_naissance"] == "1996-05-21"
