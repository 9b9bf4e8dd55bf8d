"""The back office on a desktop: its header lines up with the page below it, and a count of zero is not an alarm."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from playwright.sync_api import Page, expect

from e2e.etapes import check_a11y, login

ROUGE = "rgb(176, 0, 32)"  # --rouge, the colour of a badge that asks for attention


def test_entete_aligne_et_zero_sans_alerte(desktop: Page) -> None:
    page = desktop
    page.goto("/gestion/connexion")
    login(page, "cd69@demo.ordre.test", "Demo-gestion-2026!", gestion=True)
    expect(page).to_have_url(re.compile(r"/gestion$"))
    zeros = 0
    for url in ("/gestion", "/gestion/demarches", "/gestion/signalements", "/gestion/identites",
                "/gestion/territoires/69", "/gestion/charte"):
        page.goto(url)
        marque = page.locator(".marque").bounding_box()
        titre = page.get_by_role("heading", level=1).bounding_box()
        nav = page.get_by_role("navigation", name="Navigation principale").bounding_box()
        assert abs(marque["x"] - titre["x"]) <= 1, f"{url} : en-tête à {marque['x']} px, titre à {titre['x']} px"
        assert nav["x"] + nav["width"] <= 1280 - titre["x"] + 1, url
        for compte in page.get_by_role("main").locator(".pastille").all():
            if compte.inner_text().strip().startswith("0"):
                zeros += 1
                fond = compte.evaluate("e => getComputedStyle(e).backgroundColor")
                assert fond != ROUGE, f"{url} : un zéro en pastille rouge"
    assert zeros, "no zero count met: the demo data changed, pick a page with nothing to do"
    page.goto("/gestion/signalements")
    check_a11y(page, "signalements, aucun")
    page.screenshot(path=Path(tempfile.gettempdir()) / "monespace-360" / "gestion-signalements.png")
