"""Every message the app writes for a person ends as a French sentence does (issue 19, item 9): the field errors
given to Form.error, the success and error boxes of the templates, and the MESSAGES tables."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIN = re.compile(r"[.!?…»]$")
TABLES = {"MESSAGES", "SUCCES"}  # the tables of messages shown after an action


def _fin(noeud: ast.expr) -> str | None:
    """The literal end of a message argument: a string, or the last literal part of an f-string."""
    if isinstance(noeud, ast.Constant) and isinstance(noeud.value, str):
        return noeud.value
    if isinstance(noeud, ast.JoinedStr) and noeud.values and isinstance(noeud.values[-1], ast.Constant):
        return noeud.values[-1].value
    return None


def _messages_python() -> list[tuple[str, str]]:
    trouves = []
    for fichier in ROOT.glob("web/**/*.py"):
        arbre = ast.parse(fichier.read_text(encoding="utf-8"))
        for noeud in ast.walk(arbre):
            if (isinstance(noeud, ast.Call) and isinstance(noeud.func, ast.Attribute) and noeud.func.attr == "error"
                    and len(noeud.args) >= 2 and (texte := _fin(noeud.args[1])) is not None):
                trouves.append((f"{fichier.relative_to(ROOT)}:{noeud.lineno}", texte))
            if (isinstance(noeud, ast.Assign) and any(isinstance(c, ast.Name) and c.id in TABLES for c in noeud.targets)
                    and isinstance(noeud.value, ast.Dict)):
                for valeur in noeud.value.values:
                    if (texte := _fin(valeur)) is not None:
                        trouves.append((f"{fichier.relative_to(ROOT)}:{valeur.lineno}", texte))
    return trouves


def test_les_messages_python_finissent_par_un_point() -> None:
    messages = _messages_python()
    assert len(messages) > 20
    assert [(ou, texte) for ou, texte in messages if not FIN.search(texte.rstrip())] == []


def test_les_messages_des_gabarits_finissent_par_un_point() -> None:
    fautifs = []
    for gabarit in [*ROOT.glob("web/**/*.html"), *ROOT.glob("components/*.html")]:
        for m in re.finditer(r'ui\.(?:succes|erreur)\("((?:[^"\\]|\\.)*)"\)', gabarit.read_text(encoding="utf-8")):
            if not FIN.search(m.group(1)):
                fautifs.append((str(gabarit.relative_to(ROOT)), m.group(1)))
    assert fautifs == []
