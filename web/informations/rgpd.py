"""« Données personnelles » reads docs/RGPD.md, the one text that says what is kept and why: the page cannot
drift from the register. Only what that file uses is understood: paragraphs, one pipe table, **bold**, `code`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from markupsafe import Markup, escape

from config import ROOT

SOURCE = ROOT / "docs" / "RGPD.md"
TECHNIQUES = {"table"}  # columns for developers (the database table), left out of the public page
_EN_LIGNE = re.compile(r"\*\*(.+?)\*\*|`(.+?)`")


def en_ligne(texte: str) -> Markup:
    """Markdown's **bold** and `code` of one line, the rest escaped."""
    html, debut = [], 0
    for m in _EN_LIGNE.finditer(texte):
        html.append(escape(texte[debut:m.start()]))
        html.append(Markup("<strong>{}</strong>").format(m.group(1)) if m.group(1) else
                    Markup("<code>{}</code>").format(m.group(2)))
        debut = m.end()
    html.append(escape(texte[debut:]))
    return Markup("").join(html)


@dataclass
class Registre:
    titre: str = ""
    avant: list[Markup] = field(default_factory=list)  # paragraphs before the table
    colonnes: list[str] = field(default_factory=list)
    lignes: list[list[Markup]] = field(default_factory=list)
    apres: list[Markup] = field(default_factory=list)


def _cellules(ligne: str) -> list[str]:
    return [c.strip() for c in ligne.strip().strip("|").split("|")]


@cache
def registre() -> Registre:
    r, paragraphe, entete, gardees = Registre(), [], None, []

    def clore() -> None:
        if paragraphe:
            (r.apres if r.colonnes else r.avant).append(en_ligne(" ".join(paragraphe)))
            paragraphe.clear()

    for ligne in SOURCE.read_text(encoding="utf-8").splitlines():
        if ligne.startswith("# "):
            r.titre = ligne[2:].strip()
        elif ligne.startswith("|"):
            clore()
            cellules = _cellules(ligne)
            if entete is None:
                entete = cellules
                gardees = [i for i, c in enumerate(cellules) if c not in TECHNIQUES]
                r.colonnes = [cellules[i][:1].upper() + cellules[i][1:] for i in gardees]
            elif not set(ligne) <= set("|-: "):
                r.lignes.append([en_ligne(cellules[i]) for i in gardees])
        elif ligne.strip():
            paragraphe.append(ligne.strip())
        else:
            clore()
    clore()
    return r
