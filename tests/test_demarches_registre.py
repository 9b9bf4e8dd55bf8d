"""Adding a démarche type touches only its own module, its templates and the registry (issue 21): the engine and
the routes enumerate the registry, and no module outside a type's own names a type."""

from __future__ import annotations

import ast
import html
import importlib
from pathlib import Path

from tests.support import login, medecin
from web.demarches.registre import TYPES, pour

RACINE = Path(__file__).resolve().parents[1]
# Beside the types' own modules: the demo loaders; the certification feature, which opens its control's dossiers
# (the type nobody starts) by their key; Mes services, whose tiles are the seed's services ("entraide").
AILLEURS = {"web/certification/controles.py", "web/espace/rules.py"}
HABILITATIONS = {d.habilitation for d in TYPES.values() if d.habilitation}  # a staff right, named as its type


def _nomme(chemin: Path) -> set[str]:
    return {n.value for n in ast.walk(ast.parse(chemin.read_text())) if isinstance(n, ast.Constant)
            and isinstance(n.value, str) and n.value in TYPES and n.value not in HABILITATIONS}


def test_each_type_is_its_own_module_named_after_its_key():
    for cle, demarche in TYPES.items():
        module = importlib.import_module(f"web.demarches.types.{cle}")
        assert module.DEMARCHE is demarche


def test_no_module_outside_a_type_names_a_type():
    fautifs = {}
    for chemin in sorted((RACINE / "web").rglob("*.py")):
        relatif = chemin.relative_to(RACINE).as_posix()
        if relatif.startswith("web/demarches/types/") or chemin.name.startswith("demo") or relatif in AILLEURS:
            continue
        if noms := _nomme(chemin):
            fautifs[relatif] = noms
    assert fautifs == {}


async def test_commencer_une_demarche_lists_every_type_a_medecin_may_start(client):
    await medecin()
    await login(client)
    page = html.unescape((await client.get("/demarches")).text)
    for demarche in pour("medecin"):
        assert demarche.libelle in page and f"/demarches/commencer/{demarche.cle}" in page
    assert "Inscription au Tableau" not in page  # an interne's démarche, not a médecin's
