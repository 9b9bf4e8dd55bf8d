"""Every page the suite checks is valid HTML for the W3C Nu HTML Checker (vnu-jar, on the machine's Java).

check_a11y hands each page state here (its DOM as the browser holds it, htmx swaps included); at the end of the
session one run of the checker reads them all, and any error fails the session, listed with the page's address.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar"  # `make vnu` (a prerequisite of make test)


class Validation:
    def __init__(self, dossier: Path) -> None:
        self.dossier = dossier
        self.pages: dict[str, str] = {}  # file name → address

    def garder(self, page: Page) -> None:
        """Keep the page as it is now (once per distinct content)."""
        html = page.content()
        nom = hashlib.sha256(html.encode()).hexdigest()[:16] + ".html"
        if nom not in self.pages:
            (self.dossier / nom).write_text(html, encoding="utf-8")
            self.pages[nom] = page.url

    def erreurs(self) -> list[str]:
        """The checker's errors, one line each, with the page's address."""
        if not self.pages:
            return []
        java = shutil.which("java")
        if not VNU.exists() or not java:
            return [f"validateur HTML absent ({VNU.relative_to(ROOT)} et java) : lancez « make vnu » ou « make test »"]
        sortie = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json",
                                 *sorted(str(self.dossier / nom) for nom in self.pages)],
                                capture_output=True, text=True, timeout=600)
        messages = json.loads(sortie.stderr or sortie.stdout or '{"messages": []}')["messages"]
        return [f"{self.pages.get(Path(m.get('url', '')).name, m.get('url'))} ligne {m.get('lastLine')} : "
                f"{m.get('message')} — {m.get('extract', '').strip()[:120]}" for m in messages]
