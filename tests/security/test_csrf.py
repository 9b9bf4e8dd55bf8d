"""CSRF on every unsafe route, generated from the same table as the authorisation matrix (ASVS V4.2.2):
missing, wrong, or from another session, as a form, as htmx and as multipart → 403, and nothing changed."""

from __future__ import annotations

import pytest

from tables.alertes import RechercheEnregistree, Signalement
from tables.annonces import Annonce
from tables.comptes import Cle, Compte
from tables.coordonnees import Affectation, Coordonnee
from tables.messages import Notification, Preference
from tests.security.matrice import ACCES, CATEGORIES
from tests.security.test_autorisations import _connecter, _monde

UNSAFE = sorted(k for k in ACCES if k[0] == "POST")


async def _empreinte() -> list:
    """What a successful unsafe request would change, read back."""
    return [
        await Annonce.select(Annonce.id, Annonce.statut, Annonce.titre, Annonce.version, Annonce.supprimee_le
                             ).order_by(Annonce.id),
        await Coordonnee.select().order_by(Coordonnee.id), await Affectation.select().order_by(Affectation.id),
        await RechercheEnregistree.select().order_by(RechercheEnregistree.id),
        await Signalement.select().order_by(Signalement.id), await Preference.select().order_by(Preference.id),
        await Notification.select(Notification.id, Notification.echec_le).order_by(Notification.id),
        await Compte.select(Compte.id, Compte.mot_de_passe, Compte.choix_contact_annonces).order_by(Compte.id),
        await Cle.count(),
    ]


@pytest.mark.parametrize("cle", UNSAFE, ids=lambda c: c[1])
async def test_unsafe_routes_refuse_a_missing_wrong_or_foreign_token(client, cle):
    from litestar.testing import AsyncTestClient

    from web.app import create_app

    categorie, modele, data = ACCES[cle]
    monde = await _monde()
    url = modele.format(**monde)
    acteur = next(a for a, issue in CATEGORIES[categorie].items() if issue == "ok" and a != "anonyme") \
        if categorie != "public" else "anonyme"
    async with AsyncTestClient(app=create_app(), base_url="http://testserver.local") as autre:
        await autre.get("/connexion")
        etranger = autre.cookies.get("monespace_csrf")
    await client.get("/connexion")
    await _connecter(client, monde, acteur)
    avant = await _empreinte()
    essais = [
        {"data": data},  # no token
        {"data": {**data, "_csrf_token": "0" * 64}},  # a wrong one
        {"data": {**data, "_csrf_token": etranger}},  # another session's
        {"data": data, "headers": {"hx-request": "true", "x-csrftoken": etranger}},  # htmx, foreign header
        {"data": data, "files": {"photos": ("a.txt", b"x", "text/plain")},
         "headers": {"x-csrftoken": "faux"}},  # multipart
    ]
    for essai in essais:
        response = await client.post(url, follow_redirects=False, **essai)
        assert response.status_code == 403, (cle, essai, response.status_code)
        assert "Accès refusé" in response.text
    assert await _empreinte() == avant
