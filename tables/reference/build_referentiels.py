"""Rebuild the référentiels of certification périodique that the seed does not give, in `tables/data/referentiels/`:
`python -m tables.reference.build_referentiels` (offline, deterministic; re-run after editing SM54.json or an extract).

Only two extracts exist (seed 001, CNOM, mars 2026): Médecine générale (SM54.json, hand-written: its « Votre Menu
d'Actions » and its bloc 1 table) and Radiologie bloc 2 (SM74.json). Every other specialty of `data/specialites.json`
(the Specialite table's rows) gets a `"perimetre": "demonstration"` file made of the MG menu, and an extract's missing
blocs are filled with the same menu, marked `"origine": "demonstration"`, so every doctor can pick actions in every
bloc. The menu is read from SM54.json: each action's `menu` line (the menu line a table row details, `null` for a row
the menu leaves out) or its libellé when it has none; each line is kept once, under the code of its first action,
without the MG-specific attendus (the CMG's lists of DU and congresses).
"""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
DOSSIER = Path(__file__).resolve().parents[1] / "data" / "referentiels"
MEDECINE_GENERALE = "SM54"
AUTEUR = "Conseil national professionnel (CNP) de la spécialité"
DESCRIPTION = ("Référentiel de démonstration : menu d'actions du référentiel de Médecine générale tel que présenté "
               "par le CNOM, mars 2026 — consultez le référentiel officiel de votre CNP.")


def texte(data: dict) -> str:
    """The house format of a référentiel file (the hand-written ones use it too, so a re-run changes nothing)."""
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def menu(mg: dict) -> dict[str, dict]:
    """The MG menu, bloc by bloc: one action per menu line."""
    blocs = {}
    for numero, bloc in mg["blocs"].items():
        lignes: dict[str, dict] = {}
        for action in bloc["actions"]:
            ligne = action.get("menu", action["libelle"])
            if ligne is not None and ligne not in lignes:
                lignes[ligne] = {**{k: v for k, v in action.items() if k != "menu"}, "libelle": ligne, "attendus": []}
        blocs[numero] = {"intitule": bloc["intitule"], "actions": list(lignes.values())}
    return blocs


def referentiel(specialite: dict, mg: dict, existant: dict | None) -> dict:
    """The file of one specialty: its extract's own blocs kept, the others from the MG menu."""
    demo = menu(mg)
    extrait = existant is not None and existant["perimetre"] == "extrait"
    extraits = {n: b for n, b in existant["blocs"].items() if b.get("origine") != "demonstration"} if extrait else {}
    if extraits:
        blocs = {n: extraits.get(n) or {**demo[n], "origine": "demonstration"} for n in sorted(demo)}
        return {**existant, "blocs": blocs}
    return {"specialite": specialite["tre_r38"], "libelle": specialite["label"], "auteur": AUTEUR,
            "description": DESCRIPTION, "texte": mg["texte"], "version": mg["version"], "perimetre": "demonstration",
            "url": mg["url"], "blocs": demo}


def fichiers(dossier: Path = DOSSIER) -> dict[str, str]:
    """Every generated file's name and text, from SM54.json and the extracts already in `dossier`."""
    mg = json.loads((dossier / f"{MEDECINE_GENERALE}.json").read_text(encoding="utf-8"))
    sortie = {}
    for specialite in json.loads((DATA / "specialites.json").read_text(encoding="utf-8")):
        code = specialite["tre_r38"]
        if code == MEDECINE_GENERALE:
            continue
        chemin = dossier / f"{code}.json"
        existant = json.loads(chemin.read_text(encoding="utf-8")) if chemin.exists() else None
        sortie[chemin.name] = texte(referentiel(specialite, mg, existant))
    return sortie


def construire(dossier: Path = DOSSIER) -> int:
    ecrits = fichiers(dossier)
    for nom, contenu in ecrits.items():
        (dossier / nom).write_text(contenu, encoding="utf-8")
    return len(ecrits)


if __name__ == "__main__":
    print(f"{construire()} référentiels écrits")
