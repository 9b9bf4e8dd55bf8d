"""The référentiels of certification périodique as data: one JSON file per specialty (TRE_R38 code) in
tables/data/referentiels/, in the format of SPEC_DEMARCHES §3.3, checked by their JSON Schema (schema.json there)
in tests/test_certification_referentiels.py.

Files marked `"perimetre": "extrait"` carry the seed's extracts verbatim; `"demonstration"` ones are built
from the Médecine générale menu and say so on the page, with the pointer to the official référentiel; an extract's
missing blocs are filled the same way, marked `"origine": "demonstration"` (tables/reference/build_referentiels.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DOSSIER = Path(__file__).resolve().parents[2] / "tables" / "data" / "referentiels"
SCHEMA = DOSSIER / "schema.json"
MEDECINE_GENERALE = "SM54"
DEMONSTRATION = "Référentiel de démonstration — consultez le référentiel officiel de votre CNP"
HONNEUR = "déclaration sur l'honneur"


@dataclass(frozen=True)
class ActionReferentiel:
    code: str
    etoiles: int  # 1 = ★ (on the CNP's indicative list), 2 = ★★ (hors liste)
    libelle: str
    attendus: tuple[str, ...]
    preuves: tuple[str, ...]
    transmis_par: tuple[str, ...]
    duree_min_mois: int | None
    max_par_periode: int | None
    autres_blocs: tuple[int, ...]

    @property
    def honneur(self) -> bool:
        """The référentiel allows a "déclaration sur l'honneur" instead of a proof."""
        return any(HONNEUR in p.lower() for p in self.preuves)


@dataclass(frozen=True)
class Bloc:
    intitule: str
    actions: tuple[ActionReferentiel, ...]
    origine: str  # extrait | demonstration: an "extrait" file may fill the blocs its extract lacks from the MG menu


@dataclass(frozen=True)
class Referentiel:
    specialite: str
    libelle: str
    auteur: str  # "Collège de la Médecine Générale (CMG)": who wrote it, as the dashboard names it
    texte: str
    version: str
    perimetre: str  # extrait | demonstration
    url: str
    description: str  # where the file's content comes from
    blocs: dict[int, Bloc]

    def actions(self, bloc: int) -> tuple[ActionReferentiel, ...]:
        return self.blocs[bloc].actions if bloc in self.blocs else ()

    def action(self, code: str) -> ActionReferentiel | None:
        return next((a for b in self.blocs.values() for a in b.actions if a.code == code), None)

    def suggestions(self, bloc: int, nombre: int = 3) -> list[ActionReferentiel]:
        """For an empty bloc: the référentiel's first actions, ★ first."""
        return sorted(self.actions(bloc), key=lambda a: a.etoiles)[:nombre]


def _action(a: dict) -> ActionReferentiel:
    return ActionReferentiel(
        code=a["code"], etoiles=a["etoiles"], libelle=a["libelle"], attendus=tuple(a.get("attendus", ())),
        preuves=tuple(a.get("preuves", ())), transmis_par=tuple(a.get("transmis_par", ())),
        duree_min_mois=a.get("duree_min_mois"), max_par_periode=a.get("max_par_periode"),
        autres_blocs=tuple(a.get("autres_blocs", ())))


def lire(chemin: Path) -> Referentiel:
    data = json.loads(chemin.read_text(encoding="utf-8"))
    return Referentiel(
        specialite=data["specialite"], libelle=data["libelle"], auteur=data.get("auteur", ""), texte=data["texte"],
        version=data["version"], perimetre=data["perimetre"], url=data["url"],
        description=data.get("description", ""),
        blocs={int(n): Bloc(b["intitule"], tuple(_action(a) for a in b["actions"]), b.get("origine", data["perimetre"]))
               for n, b in data["blocs"].items()})


@cache
def referentiel(specialite: str | None) -> Referentiel:
    """The référentiel of a specialty code; Médecine générale when the praticien has none on file."""
    chemin = DOSSIER / f"{specialite or MEDECINE_GENERALE}.json"
    return lire(chemin if chemin.exists() else DOSSIER / f"{MEDECINE_GENERALE}.json")


def fichiers() -> list[Path]:
    """The référentiel files, one per specialty (the schema beside them is not one)."""
    return sorted(p for p in DOSSIER.glob("*.json") if p != SCHEMA)
