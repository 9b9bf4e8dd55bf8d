"""Helpers for the ordonnances, vignette and carte tests (no test here): a fixed day, a doctor of Isère filling a
démarche through the test client, and the PDF a dossier issued, parsed back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tables import horloge
from tables.demarches import Dossier
from tables.documents import DocumentEmis
from tests.pieces_support import deposer, pdf
from tests.support import login, medecin, post
from tests.support_documents import le, texte_pdf

JOUR = date(2026, 12, 7)  # a Monday; December: a vignette renewal is open


@pytest.fixture
def jour():
    le(JOUR)
    yield JOUR
    horloge.decaler(timedelta(0))


async def docteur(client, identifiant: str = "dr.durand", departement: str = "38", **kwargs) -> None:
    await medecin(identifiant, departement=departement, **kwargs)
    await login(client, identifiant)


async def remplir(client, cle: str, sections: dict[str, dict], pieces: tuple[str, ...] = ()) -> str:
    """Start démarche `cle`, save each section, add a PDF to each of `pieces`; returns the dossier's number."""
    r = await post(client, f"/demarches/commencer/{cle}", {})
    assert r.status_code == 303, r.text
    numero = r.headers["location"].split("/")[2]
    for section, valeurs in sections.items():
        assert (await post(client, f"/demarches/{numero}/sections/{section}", valeurs, htmx=True)).status_code == 200
    for piece in pieces:
        assert (await deposer(client, numero, piece, f"{piece}.pdf", pdf())).status_code == 303
    return numero


async def dossier(numero: str) -> dict:
    return await Dossier.select().where(Dossier.numero == numero).first()


async def document(client, numero: str, genre: str, base: str = "/demarches") -> tuple[dict, str]:
    """The valid document of `genre` of the dossier and its text (on one line), downloaded as its applicant."""
    d = await dossier(numero)
    doc = await DocumentEmis.select().where((DocumentEmis.dossier == d["id"]) & (DocumentEmis.genre == genre)
                                            & (DocumentEmis.valide == True)).first()  # noqa: E712
    r = await client.get(f"{base}/{numero}/documents/{doc['code']}")
    assert r.status_code == 200
    return doc, " ".join(texte_pdf(r.content).split())
