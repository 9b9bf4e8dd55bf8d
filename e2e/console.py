"""A clean browser console in every test: pytest-playwright's `new_context`, watched (imported by conftest)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext

# Every CSP violation reaches the console, with what was refused (Chromium prints only some of them).
_ESPION_CSP = """document.addEventListener("securitypolicyviolation", (e) =>
  console.error(`CSP ${e.violatedDirective} ${e.sourceFile}:${e.lineNumber} ${e.sample}`));"""


@pytest.fixture(name="new_context")
def console_propre(new_context, request: pytest.FixtureRequest) -> Iterator:
    """pytest-playwright's, plus a clean console: a CSP violation, an uncaught script error or any other
    console error fails the test. "Failed to load resource" stays allowed: the suite opens error pages on
    purpose, and the page shows them."""
    problemes: list[str] = []

    def noter(message) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problemes.append(f"{message.location.get('url', '')}: {message.text}")

    def creer(**kwargs) -> BrowserContext:
        context = new_context(**kwargs)
        context.add_init_script(script=_ESPION_CSP)
        context.on("console", noter)
        context.on("weberror", lambda erreur: problemes.append(f"erreur de script : {erreur.error}"))
        return context

    yield creer
    assert not problemes, "la console du navigateur n'est pas restée propre :\n" + "\n".join(problemes)
