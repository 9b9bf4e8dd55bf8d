"""The dossier transition table (SPEC_DEMARCHES §1) against a literal golden table, and its effects."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest

from tables import horloge
from tables.comptes import Compte
from tables.demarches import Dossier, DossierEvenement, nouveau_numero
from tests.support import creer_compte, drain, mails, medecin
from web.demarches import rules, statuts
from web.demarches.registre import type_de
from web.machine import ActionRefusee, Conflit
from web.security import Utilisateur

# (de, action, vers, qui, libellé, horodatage, notification, garde?) — written out, not derived.
GOLDEN = [
    ("brouillon", "transmettre", "en_construction", "demandeur", "Transmettre ma demande", "transmise_le",
     "dossier_transmis", False),
    ("en_construction", "modifier", "en_construction", "demandeur", "Modifier ma demande", None, None, False),
    ("en_construction", "instruire", "en_instruction", "gestion", "Passer en instruction", None,
     "dossier_en_instruction", False),
    ("en_construction", "instruire", "en_instruction", "systeme", "Passer en instruction", None, None, True),
    ("en_construction", "demander_complements", "a_completer", "gestion", "Demander des compléments", None,
     "dossier_complements", False),
    ("en_instruction", "demander_complements", "a_completer", "gestion", "Demander des compléments", None,
     "dossier_complements", False),
    ("en_instruction", "completer", "en_instruction", "demandeur", "Compléter ma déclaration", None, None, True),
    ("a_completer", "transmettre_complements", "en_instruction", "demandeur", "Transmettre mes compléments", None,
     "dossier_complements_recus", False),
    ("a_completer", "lever_complements", "en_instruction", "gestion", "Lever la demande de compléments", None, None,
     False),
    ("en_instruction", "accepter", "accepte", "gestion", "Accepter", "decision_le", "dossier_accepte", False),
    ("en_instruction", "refuser", "refuse", "gestion", "Refuser", "decision_le", "dossier_refuse", False),
    ("en_instruction", "classer_sans_suite", "sans_suite", "gestion", "Classer sans suite", "decision_le",
     "dossier_sans_suite", False),
    ("en_construction", "retirer", "sans_suite", "demandeur", "Retirer ma demande", "decision_le",
     "dossier_sans_suite", False),
    ("en_instruction", "retirer", "sans_suite", "demandeur", "Retirer ma demande", "decision_le",
     "dossier_sans_suite", False),
    ("a_completer", "retirer", "sans_suite", "demandeur", "Retirer ma demande", "decision_le",
     "dossier_sans_suite", False),
    ("accepte", "rouvrir", "en_instruction", "national", "Rouvrir l'instruction", None, "dossier_reexamine", False),
    ("accepte", "rouvrir", "en_instruction", "gestion", "Rouvrir l'instruction", None, "dossier_reexamine", True),
    ("refuse", "rouvrir", "en_instruction", "national", "Rouvrir l'instruction", None, "dossier_reexamine", False),
    ("refuse", "rouvrir", "en_instruction", "gestion", "Rouvrir l'instruction", None, "dossier_reexamine", True),
    ("sans_suite", "rouvrir", "en_instruction", "national", "Rouvrir l'instruction", None, "dossier_reexamine",
     False),
    ("sans_suite", "rouvrir", "en_instruction", "gestion", "Rouvrir l'instruction", None, "dossier_reexamine", True),
    ("en_construction", "reaffecter", "en_construction", "national", "Réaffecter à un autre conseil", None, None,
     False),
    ("en_instruction", "reaffecter", "en_instruction", "national", "Réaffecter à un autre conseil", None, None,
     False),
    ("a_completer", "reaffecter", "a_completer", "national", "Réaffecter à un autre conseil", None, None, False),
]


def test_the_transition_table_is_exactly_the_golden_table():
    rows = [(t.de, t.action, t.vers, t.qui, t.libelle, t.horodatage, t.notification, t.garde is not None)
            for t in statuts.TRANSITIONS]
    assert rows == GOLDEN


def _user(compte: dict, **kw) -> Utilisateur:
    return Utilisateur(id=compte["id"], role=compte["role"], identifiant=compte["identifiant"],
                       cree_le=compte["cree_le"], praticien=compte["praticien"], conseil=compte["conseil"], **kw)


async def _acteurs():
    pid = await medecin("interne.leroy", qualite="interne", rpps="10009876540", nom="LEROY", prenom="Alice")
    interne = await Compte.select().where(Compte.praticien == pid).first()
    await creer_compte("cd38@test.fr", role="gestionnaire", conseil="CD38")
    await creer_compte("cd69@test.fr", role="gestionnaire", conseil="CD69")
    await creer_compte("cnom@test.fr", role="national")
    comptes = {c["identifiant"]: c for c in await Compte.select()}
    return (_user(interne, nom="LEROY", prenom="Alice", departement="38"),
            _user(comptes["cd38@test.fr"], departement="38"), _user(comptes["cd69@test.fr"], departement="69"),
            _user(comptes["cnom@test.fr"]))


async def _transmis(interne: Utilisateur) -> dict:
    d = await rules.commencer(interne, type_de("inscription"), {"docteur_junior": "oui"})
    await Dossier.update({Dossier.departement: "38"}).where(Dossier.id == d["id"])
    await statuts.appliquer(d["id"], "transmettre", interne)
    return await Dossier.select().where(Dossier.id == d["id"]).first()


async def test_numbers_are_allocated_per_year_and_never_shared():
    numeros = await asyncio.gather(*(nouveau_numero(2026) for _ in range(8)))
    assert sorted(numeros) == [f"D-2026-{i:06d}" for i in range(1, 9)]
    assert await nouveau_numero(2027) == "D-2027-000001"


async def test_a_dossier_walks_from_draft_to_decision_with_its_history_and_emails(mail_dir):
    interne, cd38, _, _ = await _acteurs()
    d = await _transmis(interne)
    assert d["statut"] == "en_construction" and d["numero"] == f"D-{horloge.aujourdhui().year}-000001"
    assert statuts.actions(d, cd38) == {"instruire", "demander_complements"}
    assert statuts.actions(d, interne) == {"modifier", "retirer"}
    await statuts.appliquer(d["id"], "instruire", cd38)
    await statuts.appliquer(d["id"], "refuser", cd38, motif="Dossier non conforme.")
    d = await Dossier.select().where(Dossier.id == d["id"]).first()
    assert (d["statut"], d["motif"]) == ("refuse", "Dossier non conforme.") and d["decision_le"] is not None
    historique = await DossierEvenement.select(DossierEvenement.action, DossierEvenement.vers).where(
        DossierEvenement.dossier == d["id"]).order_by(DossierEvenement.id)
    assert [(e["action"], e["vers"]) for e in historique] == [
        ("commencer", "brouillon"), ("transmettre", "en_construction"), ("recepisse_emis", ""),
        ("instruire", "en_instruction"),
        ("refuser", "refuse")]
    await drain()
    sujets = [m["Subject"] for m in mails(mail_dir)]
    n = d["numero"]
    assert sujets == [f"Ordre des médecins - Demande n°{n} : transmise",
                      f"Ordre des médecins - Demande n°{n} : en cours d'instruction",
                      f"Ordre des médecins - Demande n°{n} : refusée"]
    texte = mails(mail_dir)[0].get_body(("plain",)).get_content()
    assert f"Votre demande n°{n} - Inscription au Tableau a été transmise au Conseil départemental de l'Isère" in texte


async def test_another_perimeter_cannot_act_and_two_staff_at_once_give_one_transition():
    interne, cd38, cd69, cnom = await _acteurs()
    d = await _transmis(interne)
    assert statuts.actions(d, cd69) == set()
    with pytest.raises(PermissionError):
        await statuts.appliquer(d["id"], "instruire", cd69)
    await statuts.appliquer(d["id"], "instruire", cd38, version=d["version"])
    with pytest.raises(Conflit):
        await statuts.appliquer(d["id"], "instruire", cnom, version=d["version"])


async def test_a_council_may_reopen_for_thirty_days_national_staff_always():
    interne, cd38, _, cnom = await _acteurs()
    d = await _transmis(interne)
    await statuts.appliquer(d["id"], "instruire", cd38)
    await statuts.appliquer(d["id"], "classer_sans_suite", cd38, motif="Doublon.")
    await Dossier.update({Dossier.decision_le: horloge.maintenant() - timedelta(days=31)}).where(Dossier.id == d["id"])
    with pytest.raises(ActionRefusee, match="30 jours"):
        await statuts.appliquer(d["id"], "rouvrir", cd38, motif="Erreur.")
    assert (await statuts.appliquer(d["id"], "rouvrir", cnom, motif="Erreur.")).statut == "en_instruction"


async def test_complements_pause_the_clock_and_incomplet_clears_the_complete_date():
    interne, cd38, _, _ = await _acteurs()
    d = await _transmis(interne)
    debut = date(2026, 5, 12)
    await Dossier.update({Dossier.complet_le: debut, Dossier.delai_depart: debut, Dossier.echeance: date(2026, 8, 12)}
                         ).where(Dossier.id == d["id"])
    await statuts.appliquer(d["id"], "instruire", cd38)
    await statuts.appliquer(d["id"], "demander_complements", cd38, reponse_avant=date(2026, 6, 11),
                            complements={"raison": "incorrect", "texte": "Pièce d'identité illisible."})
    d = await Dossier.select().where(Dossier.id == d["id"]).first()
    assert d["statut"] == "a_completer" and d["echeance"] is None and d["suspendu_le"] == horloge.aujourdhui()
    assert statuts.actions(d, interne) == {"transmettre_complements", "retirer"}
    await statuts.appliquer(d["id"], "transmettre_complements", interne)
    d = await Dossier.select().where(Dossier.id == d["id"]).first()
    assert d["echeance"] is not None and d["suspendu_le"] is None
    await statuts.appliquer(d["id"], "demander_complements", cd38, reponse_avant=date(2026, 6, 11),
                            complements={"raison": "incomplet", "texte": "Diplôme manquant."})
    d = await Dossier.select().where(Dossier.id == d["id"]).first()
    assert d["complet_le"] is None
    await statuts.appliquer(d["id"], "transmettre_complements", interne)
    d = await Dossier.select().where(Dossier.id == d["id"]).first()
    assert d["echeance"] is None and d["delai_depart"] is None  # waits for a new "dossier complet"


async def test_one_open_inscription_per_person_and_eligibility_dates():
    interne, _, _, _ = await _acteurs()
    trop_tot = (horloge.aujourdhui() + timedelta(days=40)).isoformat()
    with pytest.raises(rules.Refus, match="Vous pourrez commencer votre demande à partir du"):
        await rules.commencer(interne, type_de("inscription"), {"docteur_junior": "non", "dernier_semestre": trop_tot})
    a = await rules.commencer(interne, type_de("inscription"), {"docteur_junior": "oui"})
    b = await rules.commencer(interne, type_de("inscription"), {"docteur_junior": "oui"})
    assert a["id"] == b["id"]
