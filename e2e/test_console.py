"""The console stays clean through htmx swaps under the strict CSP (issue 19, item 10).

Every test fails on a console error (conftest's new_context); this one gives htmx the case that used to log a
CSP violation at each swap: a swapped element carrying a style set from script (as zoom, a reader extension or a
screenshot tool do). htmx copied it back with setAttribute("style"), which `style-src 'self'` refuses.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from e2e.etapes import deplier, login


def test_un_echange_htmx_ne_viole_pas_la_csp(phone: Page) -> None:
    page = phone
    violations: list[str] = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.goto("/connexion")
    login(page, "demo.medecin", "Demo-medecin-2026!")
    expect(page).to_have_url(re.compile(r"/espace$"))
    page.goto("/annonces")
    deplier(page, "Filtrer")
    page.locator("#resultats").evaluate("el => { el.style.outline = '1px solid transparent' }")
    page.get_by_role("checkbox", name="Remplacement", exact=True).check()
    expect(page).to_have_url(re.compile(r"categorie=remplacement"))
    expect(page.locator("#resultats")).to_be_visible()
    page.get_by_role("checkbox", name="Remplacement", exact=True).uncheck()
    expect(page).not_to_have_url(re.compile(r"categorie=remplacement"))
    assert violations == []
