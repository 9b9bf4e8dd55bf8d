"""Shared by the change of address (§4.1) and the transfer (§4.2) tests: an Isère doctor, the councils, a
démarche filled section by section through the test client, the council's steps."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import parse_qsl

import pytest

from tables import horloge
from tables.demarches import Dossier
from tests.pieces_support import en_tant_que
from tests.support import creer_compte, login, medecin, post

LYON = {"adresse": "12 rue de la République", "code_postal": "69002", "commune": "Lyon"}
GRENOBLE = {"adresse": "3 place Grenette", "code_postal": "38000", "commune": "Grenoble"}


@pytest.fixture(name="le")
def fixture_le():
    """le("2026-12-07"): today is that day, at 10h in Paris, until the test ends."""
    def regler(jour: str) -> None:
        horloge.decaler(timedelta(0))
        horloge.decaler(datetime.fromisoformat(f"{jour}T10:00:00+01:00") - horloge.maintenant())
    yield regler
    horloge.decaler(timedelta(0))


async def docteur(client) -> int:
    """Dr Camille DURAND, Isère, logged in; the accounts of cd38, cd69, cd73 and cnom exist."""
    pid = await medecin(departement="38")
    for identifiant, conseil, role in (("cd38@t.fr", "CD38", "gestionnaire"), ("cd69@t.fr", "CD69", "gestionnaire"),
                                       ("cd73@t.fr", "CD73", "gestionnaire"), ("cnom@t.fr", None, "national")):
        await creer_compte(identifiant, role=role, conseil=conseil)
    await login(client)
    return pid


async def remplir(client, cle: str, sections: dict[str, dict], prefill: str = "") -> str:
    """Start démarche `cle` (its prefilled link's query string as is), fill `sections`; its number."""
    r = await client.get(f"/demarches/commencer/{cle}{prefill}")
    assert r.status_code == 200
    r = await post(client, f"/demarches/commencer/{cle}", dict(parse_qsl(prefill.lstrip("?"))))
    assert r.status_code == 303, r.text
    numero = r.headers["location"].split("/")[2]
    for section, valeurs in sections.items():
        assert (await post(client, f"/demarches/{numero}/sections/{section}", valeurs, htmx=True)).status_code == 200
    return numero


async def dossier(numero: str) -> dict:
    return await Dossier.select().where(Dossier.numero == numero).first()


async def agir(client, conseil: str, numero: str, action: str, **donnees) -> object:
    """`conseil` ("cd38@t.fr") does `action` from the dossier page, with the dossier's current version."""
    await en_tant_que(client, conseil)
    version = (await dossier(numero))["version"]
    return await post(client, f"/gestion/demarches/{numero}/actions/{action}", {"version": version, **donnees})
