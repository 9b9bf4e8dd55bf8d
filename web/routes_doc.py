"""docs/ROUTES.md, generated from the app's route table: `python -m web.routes_doc` (or `make routes`).

One line per route: method, path, the handler that serves it, its guard(s). Checks made inside the
handler (owner, perimeter) are not guards; tests/security/test_autorisations.py covers them.
tests/test_routes_doc.py fails when the file is stale.
"""

from __future__ import annotations

from pathlib import Path

from litestar import Litestar

FICHIER = Path(__file__).resolve().parent.parent / "docs" / "ROUTES.md"
COMMANDE = "python -m web.routes_doc"
ENTETE = f"""# Routes

Generated from the app's route table by `{COMMANDE}` (or `make routes`); do not edit by hand.
On a merge conflict in this file, regenerate it. Guards are declared on the handler or its controller;
checks made inside the handler (owner, perimeter) are in tests/security/test_autorisations.py.

| Method | Path | Handler | Guard(s) |
|---|---|---|---|
"""


def _garde(guard: object) -> str:
    roles = getattr(guard, "roles", None)
    return "roles: " + ", ".join(roles) if roles else getattr(guard, "__name__", repr(guard))


def lignes(app: Litestar) -> list[str]:
    rows = set()
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            fn = handler.fn
            gardes = "; ".join(_garde(g) for g in handler.resolve_guards()) or "none (public)"
            for method in sorted(handler.http_methods - {"HEAD", "OPTIONS"}):
                rows.add((route.path, method, f"{fn.__module__}.{fn.__qualname__}", gardes))
    return [f"| {m} | `{p}` | `{h}` | {g} |" for p, m, h, g in sorted(rows)]


def markdown(app: Litestar) -> str:
    return ENTETE + "\n".join(lignes(app)) + "\n"


if __name__ == "__main__":
    from web.app import app

    FICHIER.write_text(markdown(app))
    print(f"{FICHIER} : {len(lignes(app))} routes")
