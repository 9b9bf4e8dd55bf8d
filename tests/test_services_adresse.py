"""Déclarer un changement d'adresse ou d'exercice (SPEC_DEMARCHES §4.1): the code postal checked against the
commune, the 15-day indicative clock, the council's decision, the new address on the doctor's record and the
follow-on démarches offered prefilled; an address in another département points to the transfer (§4.2)."""

from __future__ import annotations

import html

from tests.pieces_support import en_tant_que
from tests.services_adresse_support import (
    GRENOBLE,
    LYON,
    agir,
    docteur,
    dossier,
    fixture_le,  # noqa: F401
    remplir,
)
from tests.support import drain, mails, post
from web.coordonnees.rules import coordonnees_usage
from web.demarches.moteur import STATUTS, objet
from web.demarches.registre import TYPES, pour

CHANGEMENT = {"date_effet": "2027-01-04", "nature": "adresse"}


def test_both_specs_hold_together():
    """Each field named once, prefill and document conditions on real fields, every status a step, médecins only."""
    for cle in ("changement_adresse", "transfert"):
        d = TYPES[cle]
        noms = [c.nom for s in d.sections for c in s.champs]
        assert len(noms) == len(set(noms)) and "departement" not in noms  # the engine would move the dossier
        assert set(d.prefill) <= set(noms)
        assert {s for e in d.etapes for s in e.statuts} == set(STATUTS)
        assert d in pour("medecin") and d not in pour("interne")


async def test_a_code_postal_of_another_commune_is_said_and_blocks_transmission(client):
    await docteur(client)
    numero = await remplir(client, "changement_adresse", {
        "changement": CHANGEMENT, "adresse": {**GRENOBLE, "code_postal": "69002"}})
    page = (await client.get(f"/demarches/{numero}/sections/adresse?verifier=1")).text
    assert "Ce code postal ne correspond pas à la commune indiquée." in page and 'value="3 place Grenette"' in page
    assert (await post(client, f"/demarches/{numero}/transmettre", {})).status_code == 422
    await post(client, f"/demarches/{numero}/sections/adresse", GRENOBLE, htmx=True)
    assert (await post(client, f"/demarches/{numero}/transmettre", {})).status_code == 303


async def test_taken_into_account_it_becomes_the_ordre_address_and_offers_the_follow_ons(client, mail_dir, le):
    pid = await docteur(client)
    le("2026-12-07")
    numero = await remplir(client, "changement_adresse", {
        "changement": CHANGEMENT, "adresse": {**GRENOBLE, "telephone": "04 76 00 00 00"}})
    assert (await post(client, f"/demarches/{numero}/transmettre", {})).status_code == 303
    page = (await client.get(f"/demarches/{numero}")).text
    assert "Réponse habituelle sous 15 jours, soit vers le 22/12/2026." in page
    assert "demandez le transfert" not in page  # Grenoble is in Isère
    await agir(client, "cd69@t.fr", numero, "instruire")
    assert (await dossier(numero))["statut"] == "en_construction"  # not cd69's
    assert (await client.get(f"/gestion/demarches/{numero}")).status_code == 404
    await agir(client, "cd38@t.fr", numero, "instruire")
    assert "Prendre en compte" in (await client.get(f"/gestion/demarches/{numero}")).text
    assert (await agir(client, "cd38@t.fr", numero, "accepter")).status_code == 303
    assert (await coordonnees_usage(pid, "ordre"))["adresse"] == "3 place Grenette 38000 Grenoble"
    assert (await coordonnees_usage(pid, "ordre"))["fixe"] == "04 76 00 00 00"
    await drain()
    assert mails(mail_dir)[-1]["Subject"] == f"Ordre des médecins - Demande n°{numero} : prise en compte"
    await en_tant_que(client, "dr.durand")
    page = html.unescape((await client.get(f"/demarches/{numero}")).text)
    assert "Prise en compte" in page and "Votre nouvelle adresse est enregistrée à votre dossier ordinal." in page
    suite = "adresse=3+place+Grenette&code_postal=38000&commune=Grenoble"
    assert f'href="/demarches/commencer/vignette_urgence?{suite}"' in page
    assert f'href="/demarches/commencer/carte_professionnelle?{suite}"' in page
    assert "Transférer mon inscription" not in page
    assert "3 place Grenette" in (await client.get("/espace/coordonnees")).text


async def test_an_address_in_another_departement_points_to_the_transfer_prefilled(client):
    await docteur(client)
    numero = await remplir(client, "changement_adresse", {"changement": CHANGEMENT, "adresse": LYON})
    page = html.unescape((await client.get(f"/demarches/{numero}/sections/adresse")).text)
    assert "Votre résidence professionnelle change de département : demandez le transfert de votre dossier" in page
    lien = "/demarches/commencer/transfert?destination=69&adresse=12+rue+de+la+R%C3%A9publique&code_postal=69002" \
           "&commune=Lyon"
    assert f'href="{lien}"' in page
    transfert = await remplir(client, "transfert", {}, prefill=lien.split("transfert", 1)[1])
    valeurs = objet((await dossier(transfert))["donnees"])
    assert (valeurs["destination"], valeurs["commune"], valeurs["_departement_adresse"]) == ("69", "Lyon", "69")


async def test_a_refusal_says_its_motif_and_changes_nothing(client, mail_dir):
    pid = await docteur(client)
    numero = await remplir(client, "changement_adresse", {"changement": CHANGEMENT, "adresse": GRENOBLE})
    await post(client, f"/demarches/{numero}/transmettre", {})
    await agir(client, "cd38@t.fr", numero, "instruire")
    await agir(client, "cd38@t.fr", numero, "refuser", motif="Cette adresse est celle de votre domicile.")
    assert (await coordonnees_usage(pid, "ordre"))["adresse"] == ""
    await drain()
    corps = mails(mail_dir)[-1].get_body(("plain",)).get_content()
    assert "Motif : Cette adresse est celle de votre domicile." in corps
    assert "Conseil régional" not in corps  # no appeal for a declaration
