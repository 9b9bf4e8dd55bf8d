"""The référentiel files (SPEC_DEMARCHES §3.3): valid against their schema, one per specialty of the Specialite table,
the extracts verbatim from seed 001 (the expected texts are written here: CI has no copy of the seed), the generated
files up to date with tables/reference/build_referentiels.py."""

from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator

from tables.reference import build_referentiels
from tables.referentiel import Specialite
from web.certification.referentiels import SCHEMA, fichiers, referentiel

VALIDATEUR = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
DONNEES = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in fichiers()}
URL = "https://www.conseil-national.medecin.fr/publications/actualites/certification-periodique-publication-referentiels"
PO = "Attestation de participation fournie par l'organisateur et transmise par le médecin ou par l'organisateur"
HAS = "Éligibilité de fait (fiche méthode HAS)"

# Seed 001, « Votre Menu d'Actions »: the lines of the four blocs.
MENU = {
    1: ["Formation ANDPC / FAF.", "Formation certifiante (DU, DIU).", "Journée, colloque, conférence scientifique.",
        "Rencontre institutionnelle, Tutorat ou maîtrise de stage.",
        "Revue bibliographique, test de lecture d'une revue médicale."],
    2: ["Action ANDPC / FAF.", "Réunions de concertations pluridisciplinaires (RCP).",
        "Protocole pluriprofessionnel, Audit clinique.",
        "Registre, observatoire, base de données, Certification/accréditation.",
        "Groupe d'analyse de pratiques, Publication en 1er auteur."],
    3: ["Action ANDPC / FAF / Organisme reconnu.", "Action avec association de patients agréée.",
        "Dispositif d'annonce.", "Groupe d'analyse de pratiques."],
    4: ["Déclaration d'un Médecin traitant.", "Auto-évaluation (questionnaire CMG).",
        "Action de gestion des risques (ANDPC/FAF).", "Action de prévention en santé.",
        "Action à dimension psychologique ou sociale."],
}
# Seed 001, « Extrait bloc 1 médecine générale »: (code, étoiles, action, justificatif).
TABLE_MG = [
    ("MG-B1-01", 1, "Action de formation au titre du DPC publiée par l'ANDPC ou le FAF", "Attestation de formation"),
    ("MG-B1-06", 2, "Action de formation à caractère scientifique ou professionnel dispensée par :",
     "Attestation de formation"),
    ("MG-B1-02", 1, "Formation certifiante ou diplômante dans le champ de la médecine générale, dispensée dans des "
     "établissements à caractère universitaire ou non.", "Attestation de formation"),
    ("MG-B1-03", 1, "Organisation, intervention ou participation à une journée, colloque, ou conférence à caractère "
     "scientifique ou professionnel dans le champ de la médecine générale, et non financés par des industries de "
     "santé.", "Attestation de participation"),
    ("MG-B1-04", 1, "Participation à une rencontre institutionnelle sur au moins 1 journée",
     "Attestation de participation"),
    ("MG-B1-07", 1, "Tutorat ou maîtrise de stage en médecine générale ou pour d'autres professions de santé pendant "
     "au moins 1 an", "Attestation de participation"),
]
# Seed 001, « EXTRAIT DU REFERENTIEL DE RADIOLOGIE », bloc 2: (action, first attendu, élément de preuve).
RADIOLOGIE = [
    ("Complétion d'une démarche d'accréditation (déclaration et gestion d'évènements porteurs de risque) accompagnée "
     "par un OA pour les médecins concernés (spécialités médicales à risque), poursuivie pendant la période de 6 ans",
     "Appartenance à une équipe accréditée et active par ODPCRIM", PO),
    ("Participation régulière à un registre de pratiques, observatoire, base de données de la spécialité",
     "Conception d'un nouveau registre ou participation active durant la durée de vie du registre avec un minimum de "
     "2 ans avec inclusion d'un minimum de 10 patients sur la durée de participation au registre",
     "Transmis par la plateforme du registre ou déclaration sur l'honneur"),
    ("Participation à la deuxième lecture dans le cadre du dépistage organisé du cancer du sein, poursuivie pendant "
     "la période de 6 ans", "Avec un minimum de participation d'une session par mois de 100 mammographies relues pour "
     "valider UNE ACTION", "Attestation transmis par le ou les CRCDC"),
    ("Actions d'analyse de pratiques et de gestion des risques ou programmes intégrés au titre du DPC publiées par "
     "l'ANDPC", "Publiées par l'ANDPC : voir en annexe 2 la liste des actions pour 2024", "Transmis par ANDPC"),
    ("Actions d'analyse de pratiques et de gestion des risques ou programmes intégrés dispensées par des organismes de "
     "formation labellisés Qualiopi ou par des structures figurant sur la liste publique des organismes de formation",
     "Voir annexe 3", "Attestation de présence fournie par l'organisateur et transmise par le médecin ou par "
     "l'organisateur"),
    ("Actions d'amélioration des pratiques organisées au sein des établissements de santé : RMM, RCP, CREX, autres "
     "méthodes d'EPP, patients traceurs", HAS, PO),
    ("Exercice coordonné et protocolé d'une équipe pluri professionnelle de soins en ambulatoire",
     "Participation active poursuivie pendant un minimum de 2 ans", PO),
    ("Suivi d'indicateurs de qualité et de sécurité des soins",
     "Évaluation CDEI (Conformité des Demandes d'Examens d'imagerie)", PO),
]
# SPEC_DEMARCHES §3.3, the example of the format.
EXEMPLE = {
    "specialite": "SM74", "libelle": "Radiologie et imagerie médicale", "texte": "Arrêté du 26 février 2026",
    "version": "2026-02", "perimetre": "extrait", "url": URL,
    "blocs": {"2": {"intitule": "Renforcer la qualité des pratiques et des soins", "actions": [{
        "code": "RAD-B2-07", "etoiles": 1,
        "libelle": "Exercice coordonné et protocolé d'une équipe pluri professionnelle de soins en ambulatoire",
        "attendus": ["Participation active poursuivie pendant un minimum de 2 ans", HAS], "preuves": [PO],
        "transmis_par": ["medecin", "organisme"], "duree_min_mois": 24, "max_par_periode": 1, "autres_blocs": []}]}},
}


def _actions(data: dict) -> list[tuple[int, dict]]:
    return [(int(n), a) for n, b in data["blocs"].items() for a in b["actions"]]


def _action(data: dict, code: str) -> dict:
    return next(a for _, a in _actions(data) if a["code"] == code)


def test_le_schema_est_valide_et_strict():
    Draft202012Validator.check_schema(VALIDATEUR.schema)
    faux = copy.deepcopy(DONNEES["SM54"])
    faux["blocs"]["1"]["actions"][0]["etoiles"] = 3
    faux["blocs"]["2"]["actions"][0]["note"] = "?"
    faux["perimetre"] = "complet"
    del faux["blocs"]["4"]
    erreurs = {e.validator for e in VALIDATEUR.iter_errors(faux)}
    assert erreurs == {"enum", "additionalProperties", "required"}


@pytest.mark.parametrize("code", sorted(DONNEES))
def test_chaque_fichier(code):
    data = DONNEES[code]
    assert not list(VALIDATEUR.iter_errors(data)), code
    assert data["specialite"] == code
    codes = [a["code"] for _, a in _actions(data)]
    assert len(codes) == len(set(codes)), "codes uniques dans un fichier"
    assert all(a["code"].split("-")[1] == f"B{n}" for n, a in _actions(data)), "le code dit son bloc"
    assert referentiel(code).specialite == code


async def test_une_specialite_un_referentiel():
    codes = set(await Specialite.select(Specialite.code).output(as_list=True))
    assert len(codes) == 44
    assert codes == set(DONNEES)


def test_les_fichiers_generes_sont_a_jour():
    generes = build_referentiels.fichiers()
    assert set(generes) == {f"{c}.json" for c in DONNEES} - {"SM54.json"}
    for nom, texte in generes.items():
        assert (SCHEMA.parent / nom).read_text(encoding="utf-8") == texte, f"{nom} : relancer build_referentiels"
    assert {c for c, d in DONNEES.items() if d["perimetre"] == "extrait"} == {"SM54", "SM74"}


def test_medecine_generale_menu_et_bloc_1():
    mg = DONNEES["SM54"]
    assert mg["auteur"] == "Collège de la Médecine Générale (CMG)" and mg["url"] == URL
    for n in (2, 3, 4):
        assert [a["libelle"] for a in mg["blocs"][str(n)]["actions"]] == MENU[n]
    for code, etoiles, libelle, preuve in TABLE_MG:
        action = _action(mg, code)
        assert (action["etoiles"], action["libelle"], action["preuves"]) == (etoiles, libelle, [preuve])
    for code, liste in (("MG-B1-08", "MG-B1-02"), ("MG-B1-09", "MG-B1-03"), ("MG-B1-10", "MG-B1-04")):
        hors = _action(mg, code)
        assert hors["etoiles"] == 2 and hors["libelle"] == _action(mg, liste)["libelle"] + " — Hors liste"
    assert _action(mg, "MG-B1-06")["attendus"] == [
        "un organisme de formation labellisé Qualiopi®", "une structure figurant sur la liste publique des organismes "
        "de formation"]
    assert _action(mg, "MG-B1-02")["attendus"] == [
        "Liste indicative de DU et DIU : https://www.cmg.fr/annuaire-du-diu/ rubrique « Pertinent MG »"]
    assert _action(mg, "MG-B1-03")["attendus"][:2] == ["Liste indicative", "Congrès CMGF"]
    institutions = _action(mg, "MG-B1-04")["attendus"]
    assert len(institutions) == 24 and institutions[0] == "Liste indicative d'institutions"
    assert "CNOM / CROM / CDOM - Conseil national/régionale/départemental de l'ordre des médecins" in institutions
    assert _action(mg, "MG-B1-07")["duree_min_mois"] == 12
    assert _action(mg, "MG-B1-05")["libelle"] == MENU[1][4]
    assert (_action(mg, "MG-B2-05")["autres_blocs"], _action(mg, "MG-B3-04")["autres_blocs"]) == ([3], [2])


def test_le_menu_des_referentiels_de_demonstration():
    for code in ("SM40", "SM74"):
        data = DONNEES[code]
        for n in (1, 3, 4):
            assert [a["libelle"] for a in data["blocs"][str(n)]["actions"]] == MENU[n]
        assert data["blocs"]["1"]["actions"][0]["code"] == "MG-B1-01"
    ped = referentiel("SM40")
    assert (ped.libelle, ped.perimetre, ped.auteur) == (
        "Pédiatrie", "demonstration", "Conseil national professionnel (CNP) de la spécialité")
    assert {b.origine for b in ped.blocs.values()} == {"demonstration"}
    assert "CNOM, mars 2026" in ped.description


def test_radiologie_bloc_2():
    rad = DONNEES["SM74"]
    bloc = rad["blocs"]["2"]["actions"]
    assert [a["code"] for a in bloc] == [f"RAD-B2-0{i}" for i in range(1, 9)]
    assert [(a["libelle"], a["attendus"][0], a["preuves"]) for a in bloc] == [(x, y, [z]) for x, y, z in RADIOLOGIE]
    assert _action(rad, "RAD-B2-07") == EXEMPLE["blocs"]["2"]["actions"][0]
    assert {k: rad[k] for k in EXEMPLE if k != "blocs"} == {k: v for k, v in EXEMPLE.items() if k != "blocs"}
    assert rad["blocs"]["2"]["intitule"] == EXEMPLE["blocs"]["2"]["intitule"]
    assert [a["code"] for a in bloc if a["max_par_periode"] == 1] == ["RAD-B2-01", "RAD-B2-03", "RAD-B2-07",
                                                                     "RAD-B2-08"]
    assert [a["code"] for a in bloc if a["duree_min_mois"] == 24] == ["RAD-B2-02", "RAD-B2-07", "RAD-B2-08"]
    ref = referentiel("SM74")
    assert [b.origine for _, b in sorted(ref.blocs.items())] == ["demonstration", "extrait", "demonstration",
                                                                 "demonstration"]
    assert "bloc 2" in ref.description


def test_la_declaration_sur_l_honneur():
    assert referentiel("SM74").action("RAD-B2-02").honneur is True
    honneur = [a.code for c in DONNEES for b in referentiel(c).blocs.values() for a in b.actions if a.honneur]
    assert honneur == ["RAD-B2-02"]


def test_sans_specialite_la_medecine_generale_et_ses_suggestions():
    mg = referentiel(None)
    assert mg.specialite == referentiel("SM99").specialite == "SM54"
    assert mg.description.startswith("Extrait du référentiel de Médecine générale tel que présenté par le CNOM")
    assert [a.code for a in mg.actions(1)][:2] == ["MG-B1-01", "MG-B1-06"]  # the ★★ row comes second
    suggestions = mg.suggestions(1)
    assert [a.code for a in suggestions] == ["MG-B1-01", "MG-B1-02", "MG-B1-03"]
    assert all(a.etoiles == 1 for a in suggestions)
    assert [a.code for a in mg.suggestions(4)] == ["MG-B4-01", "MG-B4-02", "MG-B4-03"]
