"""The access log is written by blocks: a line per request, one write per second (web/journal.py)."""

from __future__ import annotations

import asyncio
import io
import logging

from web import journal


class Flux(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.ecritures = 0

    def write(self, texte: str) -> int:
        self.ecritures += 1
        return super().write(texte)


def _journal(nom: str) -> tuple[logging.Logger, Flux]:
    flux = Flux()
    logger = logging.getLogger(nom)
    logger.handlers, logger.propagate = [logging.StreamHandler(flux)], False
    logger.setLevel(logging.INFO)
    return logger, flux


def test_lines_wait_for_one_write_and_a_warning_goes_out_at_once():
    logger, flux = _journal("test.journal.bloc")
    tampons = journal.tamponner("test.journal.bloc")
    for i in range(100):
        logger.info('127.0.0.1 - "GET /lieux?q=gre%d HTTP/1.1" 200', i)
    assert flux.getvalue() == ""
    tampons[0].flush()
    assert flux.ecritures == 1 and flux.getvalue().count("\n") == 100 and "gre99" in flux.getvalue()
    logger.info("attend")
    logger.warning("tout de suite")
    assert flux.getvalue().endswith("attend\ntout de suite\n")
    assert journal.tamponner("test.journal.bloc") == tampons  # a second app in the process wraps nothing twice


async def test_a_line_waits_a_second_at_most():
    logger, flux = _journal("test.journal.seconde")
    tache = asyncio.create_task(journal.vider_chaque_seconde(journal.tamponner("test.journal.seconde")))
    try:
        logger.info("une requête")
        await asyncio.sleep(journal.INTERVALLE_S * 1.5)
        assert flux.getvalue() == "une requête\n"
    finally:
        tache.cancel()
