"""`make captures`: a PNG of each page and state the suite checks, on a phone and on a desktop, for a reviewer.

Off unless CAPTURES names a folder. Every check_a11y step is a page or state the suite visits: it is shot at
the test's own viewport, then at the other one (restored after), and listed in CAPTURES/index.html.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from playwright.sync_api import Page

TELEPHONE = {"width": 390, "height": 844}
ORDINATEUR = {"width": 1280, "height": 800}
_numero = 0


def _nom(etape: str) -> str:
    test = os.environ.get("PYTEST_CURRENT_TEST", "test").split("::")[-1].split(" ")[0].split("[")[0]
    return re.sub(r"[^a-z0-9]+", "-", f"{test} {etape}".lower()).strip("-")[:90]


def capturer(page: Page, etape: str) -> None:
    """Shoot the page as it is now, phone and desktop; nothing when CAPTURES is unset."""
    dossier = os.environ.get("CAPTURES")
    if not dossier:
        return
    global _numero
    _numero += 1
    racine = Path(dossier)
    racine.mkdir(parents=True, exist_ok=True)
    actuelle = page.viewport_size or ORDINATEUR
    autre = ORDINATEUR if actuelle["width"] < 800 else TELEPHONE
    images = []
    for taille, appareil in ((actuelle, "actuel"), (autre, "autre")):
        if appareil == "autre":
            page.set_viewport_size(autre)
        fichier = f"{_numero:03d}-{_nom(etape)}-{'telephone' if taille['width'] < 800 else 'ordinateur'}.png"
        page.screenshot(path=racine / fichier, full_page=True)
        images.append(fichier)
    page.set_viewport_size(actuelle)
    with (racine / "index.html").open("a", encoding="utf-8") as index:
        titre = html.escape(f"{_nom(etape)} — {page.url}")
        index.write(f'<figure><figcaption>{titre}</figcaption>'
                    + "".join(f'<a href="{i}"><img src="{i}" alt="" loading="lazy" width="320"></a>' for i in images)
                    + "</figure>\n")
