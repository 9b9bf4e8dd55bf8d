"""docs/ROUTES.md is the app's route table as it is now: a new route regenerates it, one command."""

from __future__ import annotations

from web import routes_doc


def test_routes_md_is_current():
    from web.app import create_app

    app = create_app()
    attendu = routes_doc.markdown(app)
    assert routes_doc.FICHIER.read_text() == attendu, f"docs/ROUTES.md is stale: run `{routes_doc.COMMANDE}`"
    assert "| POST | `/annonces/{numero:int}/contacter` | `web.annonces.routes.AnnoncesController.contacter` | " \
           "roles: medecin, interne, docteur_junior |" in attendu
    assert "| GET | `/connexion` | `web.auth.routes.ConnexionController.page_connexion` | none (public) |" in attendu


def test_every_annonces_url_is_served_from_the_annonces_folder():
    from web.app import create_app

    dehors = {(r.path, h.fn.__module__) for r in create_app().routes if r.path.startswith("/annonces")
              for h in getattr(r, "route_handlers", []) if h.http_methods - {"OPTIONS", "HEAD"}
              and not h.fn.__module__.startswith("web.annonces.")}
    assert dehors == set()
