"""What the doctor-side certification tests share: the dashboard's address, a fixed day, a logged-in médecin,
his carnet, and the page as read."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta

import pytest

from tables import horloge
from tables.certification import Carnet
from tests.support import login, medecin

PAGE = "/espace/certification"


@pytest.fixture
def jour_fixe():
    """Friday 4 December 2026, whatever the real date (`pytestmark = pytest.mark.usefixtures("jour_fixe")`)."""
    horloge.decaler(datetime(2026, 12, 4, 10, tzinfo=UTC) - datetime.now(UTC))
    yield
    horloge.decaler(timedelta(0))


async def connecte(client) -> int:
    pid = await medecin()
    await login(client)
    return pid


async def carnet_de(pid: int) -> dict:
    return await Carnet.select().where(Carnet.praticien == pid).first()


def texte(response) -> str:
    """The page as read: entities decoded (the templates' own apostrophes are not escaped, the values' are)."""
    return html.unescape(response.text)


async def page_de(client, url: str) -> str:
    return texte(await client.get(url))
