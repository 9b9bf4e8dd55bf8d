"""The import graph of web/, tasks/ and tables/: no cycle between modules, tables/ imports nothing above it.

Every `import` and `from … import` counts, at any depth (inside a function too): a lazy import only hides a
cycle from the interpreter, not from the reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
PAQUETS = ("web", "tasks", "tables")


def _modules() -> dict[str, Path]:
    found = {}
    for paquet in PAQUETS:
        for path in (RACINE / paquet).rglob("*.py"):
            parts = path.relative_to(RACINE).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _cibles(module: str, path: Path, noeud: ast.AST, modules: dict[str, Path]) -> set[str]:
    if isinstance(noeud, ast.Import):
        return {a.name for a in noeud.names if a.name in modules}
    if not isinstance(noeud, ast.ImportFrom):
        return set()
    base = noeud.module or ""
    if noeud.level:  # relative: from the module's package
        paquet = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        base = ".".join(paquet[:len(paquet) - noeud.level + 1] + ([base] if base else []))
    # `from web.annonces import statuts` imports the module web.annonces.statuts, not the package
    sous_modules = {f"{base}.{a.name}" for a in noeud.names if f"{base}.{a.name}" in modules}
    autres = [a for a in noeud.names if f"{base}.{a.name}" not in modules]
    return sous_modules | ({base} if autres and base in modules else set())


def graphe() -> dict[str, set[str]]:
    modules = _modules()
    return {m: {c for n in ast.walk(ast.parse(p.read_text())) for c in _cibles(m, p, n, modules)} - {m}
            for m, p in modules.items()}


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    bas: dict[str, int] = {}
    pile: list[str] = []
    trouves: list[list[str]] = []

    def visiter(v: str) -> None:
        index[v] = bas[v] = len(index)
        pile.append(v)
        for w in sorted(g[v]):
            if w not in index:
                visiter(w)
                bas[v] = min(bas[v], bas[w])
            elif w in pile:
                bas[v] = min(bas[v], index[w])
        if bas[v] == index[v]:
            composante = []
            while True:
                w = pile.pop()
                composante.append(w)
                if w == v:
                    break
            if len(composante) > 1:
                trouves.append(sorted(composante))

    for v in sorted(g):
        if v not in index:
            visiter(v)
    return trouves


def test_no_import_cycle_between_modules_of_web_tasks_tables():
    assert cycles(graphe()) == []


def test_tables_imports_nothing_from_web_or_tasks():
    upward = {(m, c) for m, cs in graphe().items() if m.split(".")[0] == "tables"
              for c in cs if c.split(".")[0] in ("web", "tasks")}
    assert upward == set()


def test_the_walk_sees_imports_inside_functions_and_finds_a_cycle():
    g = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(g) == [["a", "b", "c"]]
    modules = _modules()
    fonction = ast.parse("def f():\n    from web.annonces import statuts\n    import tasks.actors\n")
    vus = {c for n in ast.walk(fonction) for c in _cibles("web.x", RACINE / "web/x.py", n, modules)}
    assert vus == {"web.annonces.statuts", "tasks.actors"}


def test_no_feature_imports_another_features_routes():
    """Only the app mounts controllers; what pages share lives in a rules or context module."""
    emprunts = {(m, c) for m, cs in graphe().items() if m != "web.app"
                for c in cs if c.endswith(".routes") and c.rsplit(".", 1)[0] != m.rsplit(".", 1)[0]}
    assert emprunts == set()
