"""Rebuild the compact reference files in `tables/reference/data/`.

Run `python -m tables.reference.build_geo` from the project root (needs `npm` and network access
to the npm registry). The geography comes from the Etalab package `@etalab/decoupage-administratif`
(INSEE Code officiel géographique + La Poste postcodes + INSEE legal populations). We keep only the
few columns the app uses, in small CSV files, so the app never needs npm, Node or the network at
runtime, and a yearly refresh is one command plus a reviewable diff.

Scope (why): the Ordre has 101 conseils départementaux, one per département of metropolitan France
and of the five DROM. The collectivités d'outre-mer (975, 977, 978, 984, 986-989) have no
département in that sense, so their communes are left out: `Commune.departement` is a non-null
foreign key to one of those 101 départements.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import subprocess
import tempfile
from pathlib import Path

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "^6"
DATA = Path(__file__).resolve().parent / "data"
# The project's shared reference data, beside the checkout: /work/shared/data.
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
ZONES = {"metro", "drom"}  # régions/départements/communes of the 101 conseils départementaux
TYPES = {"commune-actuelle", "arrondissement-municipal"}  # not communes déléguées/associées


def installer_paquet(dossier: Path) -> Path:
    """Install the npm package into a throwaway prefix; return the package folder."""
    subprocess.run(  # noqa: S603 - fixed argument list, no shell
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(dossier), f"{PACKAGE}@{VERSION}"],  # noqa: S607
        check=True,
    )
    return dossier / "node_modules" / PACKAGE


def _lire(paquet: Path, nom: str) -> list[dict]:
    return json.loads((paquet / "data" / nom).read_text(encoding="utf-8"))


def _ecrire_csv(lignes: list[list], entete: list[str]) -> str:
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\n")
    ecrivain.writerow(entete)
    ecrivain.writerows(lignes)
    return tampon.getvalue()


def regions(paquet: Path) -> list[list[str]]:
    """The 18 régions (13 metropolitan + 5 DROM), sorted by code."""
    return sorted([r["code"], r["nom"]] for r in _lire(paquet, "regions.json") if r["zone"] in ZONES)


def departements(paquet: Path) -> list[list[str]]:
    """The 101 départements (96 metropolitan incl. 2A/2B + 971-976), sorted by code."""
    return sorted(
        [d["code"], d["nom"], d["region"]] for d in _lire(paquet, "departements.json") if d["zone"] in ZONES
    )


def communes(paquet: Path) -> list[list]:
    """Current communes and the 45 municipal arrondissements (Paris, Lyon, Marseille), sorted by code.

    An arrondissement carries its commune's INSEE code in `parent` (e.g. 75056) so that a
    practitioner can be placed in "Paris 15e" while still matching "Paris".
    """
    lignes = []
    for c in _lire(paquet, "communes.json"):
        if c["type"] not in TYPES or c["zone"] not in ZONES:
            continue
        parent = c.get("commune", "") if c["type"] == "arrondissement-municipal" else ""
        codes_postaux = " ".join(sorted(set(c.get("codesPostaux", []))))
        population = int(c.get("population") or 0)
        lignes.append([c["code"], c["nom"], c["departement"], parent, population, codes_postaux])
    return sorted(lignes)


def _verifier(regs: list, deps: list, coms: list) -> None:
    """Fail loudly rather than ship a truncated or inconsistent referential."""
    codes_regions = {r[0] for r in regs}
    codes_deps = {d[0] for d in deps}
    arrondissements = [c for c in coms if c[3]]
    assert len(regs) == 18, f"{len(regs)} régions"
    assert len(deps) == 101, f"{len(deps)} départements"
    assert {d[2] for d in deps} <= codes_regions, "département with an unknown région"
    assert {c[2] for c in coms} <= codes_deps, "commune with an unknown département"
    assert len(arrondissements) == 45, f"{len(arrondissements)} arrondissements municipaux"
    assert len(coms) - len(arrondissements) > 34_000, f"only {len(coms)} communes"


def _copier_json(source: Path, cible: Path) -> None:
    """Copy a shared JSON file losslessly (parsed and re-serialised: same values, same order)."""
    donnees = json.loads(source.read_text(encoding="utf-8"))
    cible.write_text(json.dumps(donnees, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def construire(paquet: Path, shared: Path, sortie: Path = DATA) -> dict[str, int]:
    """Write every reference file into `sortie`; return row counts per file."""
    regs, deps, coms = regions(paquet), departements(paquet), communes(paquet)
    _verifier(regs, deps, coms)
    sortie.mkdir(parents=True, exist_ok=True)
    (sortie / "regions.csv").write_text(_ecrire_csv(regs, ["code", "nom"]), encoding="utf-8")
    (sortie / "departements.csv").write_text(_ecrire_csv(deps, ["code", "nom", "region"]), encoding="utf-8")
    texte = _ecrire_csv(coms, ["code", "nom", "departement", "parent", "population", "codes_postaux"])
    # mtime=0 and no file name in the header: rebuilding unchanged data gives identical bytes.
    with open(sortie / "communes.csv.gz", "wb") as brut:
        with gzip.GzipFile(filename="", mode="wb", fileobj=brut, compresslevel=9, mtime=0) as gz:
            gz.write(texte.encode("utf-8"))
    _copier_json(shared / "specialites_des2017.json", sortie / "specialites.json")
    _copier_json(shared / "cdom_101.json", sortie / "conseils.json")
    version = json.loads((paquet / "package.json").read_text(encoding="utf-8"))["version"]
    return {
        "regions": len(regs),
        "departements": len(deps),
        "communes": sum(1 for c in coms if not c[3]),
        "arrondissements": sum(1 for c in coms if c[3]),
        "codes_postaux": sum(len(c[5].split()) for c in coms),
        "version": version,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="folder holding the shared JSON files")
    parser.add_argument("--paquet", type=Path, help="an already installed package folder (skips npm)")
    args = parser.parse_args()
    if args.paquet:
        print(construire(args.paquet, args.shared))
        return
    with tempfile.TemporaryDirectory(prefix="decoupage-") as tmp:
        print(construire(installer_paquet(Path(tmp)), args.shared))


if __name__ == "__main__":
    main()
