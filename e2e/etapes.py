"""The steps the e2e tests share: the axe check, finding a field by its label, logging in, reading an e-mail,
publishing a créneau, one SQL statement for a state another story builds.

Imported by the tests (`from e2e.etapes import check_a11y, login`); the fixtures stay in conftest.py.
"""

from __future__ import annotations

import asyncio
import io
import re
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import Locator, Page

from e2e.captures import capturer
from e2e.validation import Validation

VALIDATION: list[Validation] = []  # the session's, set by conftest (empty when etapes is used on its own)

# WCAG 2.0 and 2.1, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


_axe = Axe()


def check_a11y(page: Page, etape: str = "") -> None:
    """Run axe (WCAG 2.0/2.1, A and AA) on the page as it is now; fail listing every violation."""
    page.wait_for_load_state()
    capturer(page, etape)
    if VALIDATION:
        VALIDATION[0].garder(page)
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                      "resultTypes": ["violations"]})
    violations = results.response.get("violations", [])
    if not violations:
        return
    lines = [f"axe: {len(violations)} accessibility violation(s) on {page.url}" + (f" ({etape})" if etape else "")]
    for v in violations:
        lines.append(f"- {v['id']} [{v.get('impact') or '?'}] {v['help']} — {v.get('helpUrl', '')}")
        for node in v.get("nodes", []):
            target = " ".join(" >> ".join(t) if isinstance(t, list) else t for t in node.get("target", []))
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            lines.append(f"    {target}: {summary[:300]}")
    pytest.fail("\n".join(lines), pytrace=False)


# --------------------------------------------------------------------------- shared steps


def champ(scope: Page | Locator, libelle: str) -> Locator:
    """The field labelled exactly `libelle`, a required field's " *" marker allowed."""
    return scope.get_by_label(re.compile(rf"^{re.escape(libelle)}\s*\*?$"))


def login(page: Page, identifiant: str, mot_de_passe: str, *, gestion: bool = False) -> None:
    """Fill and submit a login form already on screen (doctors' one, or the back-office one)."""
    champ(page, "E-mail de l'Ordre" if gestion else "Nom d'utilisateur").fill(identifiant)
    champ(page, "Mot de passe de l'Ordre" if gestion else "Mot de passe").fill(mot_de_passe)
    page.get_by_role("button", name="Se connecter").click()


def deplier(page: Page, nom: str) -> None:
    """Open what a phone folds behind a button ("Menu", "Filtrer"): nothing to do on a wide screen."""
    bouton = page.get_by_role("button", name=re.compile(rf"^{re.escape(nom)}\b"))
    if bouton.is_visible() and bouton.get_attribute("aria-expanded") == "false":
        bouton.click()


def mail_pour(mail_dir: Path, destinataire: str, timeout: float = 10, sujet: str = "") -> EmailMessage:
    """The first .eml addressed to `destinataire` (whose subject contains `sujet`), waiting for the
    in-process worker to write it."""
    deadline = time.monotonic() + timeout
    while True:
        for eml in sorted(mail_dir.glob("*.eml")) if mail_dir.exists() else []:
            msg = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
            if destinataire in str(msg["To"]) and sujet in str(msg["Subject"]):
                return msg  # type: ignore[return-value]
        if time.monotonic() > deadline:
            pytest.fail(f"no e-mail to {destinataire} about « {sujet} » in {mail_dir} after {timeout} s")
        time.sleep(0.2)


def jpg(couleur: str = "navy") -> bytes:
    """A small real JPEG, as a phone's camera would send a document."""
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), couleur).save(buffer, "JPEG")
    return buffer.getvalue()


def pdf(texte: str = "Contrat") -> bytes:
    """A small real PDF, as a doctor uploads a signed document."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, texte)
    page.save()
    return buffer.getvalue()


def publier_creneau(page: Page, jour: date, heure: str, conseiller: str, lieu: str = "") -> None:
    """On a council's "Créneaux d'entretien" page: one 30-minute slot, by video when no place is given."""
    champ(page, "Date").fill(jour.isoformat())
    champ(page, "Heure").fill(heure)
    champ(page, "Durée (minutes)").fill("30")
    page.get_by_label("Visioconférence").set_checked(not lieu)
    champ(page, "Lieu").fill(lieu)
    champ(page, "Conseiller").fill(conseiller)
    page.get_by_role("button", name="Publier le créneau").click()


def sql(database_url: str, requete: str):
    """One statement on the app's database, its first value (None when it returns no row)."""
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as conn:
            row = conn.execute(requete).fetchone()
            return row[0] if row else None
    import asyncpg

    async def lancer():
        conn = await asyncpg.connect(database_url)
        try:
            return await conn.fetchval(requete)
        finally:
            await conn.close()

    with ThreadPoolExecutor(max_workers=1) as pool:  # Playwright's sync API runs an event loop in this thread
        return pool.submit(asyncio.run, lancer()).result()
