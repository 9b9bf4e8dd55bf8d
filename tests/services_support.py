"""A médecin of Isère and a confrère, the councils' accounts, and a démarche of the services filled through the
applicant's pages (sections saved, documents deposited, transmitted) on a fixed day."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tables import horloge
from tables.demarches import Dossier
from tests.pieces_support import deposer, pdf
from tests.support import login, medecin, post
from tests.support_documents import comptes_conseils

CONFRERE = "10003456786"


@pytest.fixture(autouse=True)
def remettre_l_horloge():
    yield
    horloge.decaler(timedelta(0))


async def monde() -> int:
    """dr.durand (Isère, the applicant), dr.autre (his confrère), cd38, cd69, cnom; dr.durand logged in."""
    pid = await medecin()
    await medecin("dr.autre", rpps=CONFRERE, nom="MARTIN", prenom="Paul", email="p.martin@exemple.fr")
    await comptes_conseils()
    return pid


async def remplir(client, cle: str, sections: dict[str, dict], pieces: tuple[str, ...] = (),
                  commencer: str = "", identifiant: str = "dr.durand") -> str:
    """Start `cle` (with `commencer`'s prefilled query), save each section, deposit a PDF per item, transmit."""
    await login(client, identifiant)
    r = await post(client, f"/demarches/commencer/{cle}{commencer}", {})
    numero = r.headers["location"].split("/")[2]
    for section, valeurs in sections.items():
        assert (await post(client, f"/demarches/{numero}/sections/{section}", valeurs)).status_code == 303
    for piece in pieces:
        await deposer(client, numero, piece, f"{piece}.pdf", pdf(piece))
    assert (await post(client, f"/demarches/{numero}/transmettre", {})).status_code == 303
    return numero


async def dossier(numero: str) -> dict:
    return await Dossier.select().where(Dossier.numero == numero).first()


async def decider(client, numero: str, action: str, **champs) -> object:
    """As cd38: take it in charge, then `action` with the type's decision fields."""
    version = (await dossier(numero))["version"]
    await post(client, f"/gestion/demarches/{numero}/actions/instruire", {"version": version})
    return await post(client, f"/gestion/demarches/{numero}/actions/{action}",
                      {"version": (await dossier(numero))["version"], **champs})
