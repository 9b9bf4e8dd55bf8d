"""Render an issued document as an A4 PDF (reportlab, the Vera TTF it ships, so that accents print).

The same stored content gives the same bytes (`invariant`: no creation date nor random id in the file),
so a document is rendered again at each download instead of being stored.
"""

from __future__ import annotations

from functools import cache
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

POLICES = Path(reportlab.__file__).parent / "fonts"


@cache
def _styles() -> dict[str, ParagraphStyle]:
    """Registered once per process."""
    pdfmetrics.registerFont(TTFont("Vera", str(POLICES / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("VeraBd", str(POLICES / "VeraBd.ttf")))
    base = ParagraphStyle("corps", fontName="Vera", fontSize=11, leading=16, spaceAfter=6)
    return {"corps": base,
            "entete": ParagraphStyle("entete", parent=base, fontName="VeraBd", fontSize=10, spaceAfter=18),
            "titre": ParagraphStyle("titre", parent=base, fontName="VeraBd", fontSize=16, leading=20,
                                    spaceAfter=18),
            "pied": ParagraphStyle("pied", parent=base, fontSize=9, leading=12)}


def rendre(contenu: dict) -> bytes:
    """contenu: {"entete", "titre", "lignes", "liste"?, "signature"?, "pied"?, "code"?, "url"?} as issued."""
    s = _styles()
    corps = [Paragraph(escape(contenu["entete"]), s["entete"]), Paragraph(escape(contenu["titre"]), s["titre"])]
    corps += [Paragraph(escape(ligne), s["corps"]) for ligne in contenu.get("lignes", [])]
    if contenu.get("liste"):
        corps.append(ListFlowable([ListItem(Paragraph(escape(x), s["corps"])) for x in contenu["liste"]],
                                  bulletType="bullet", bulletFontName="Vera"))
    corps += [Paragraph(escape(ligne), s["corps"]) for ligne in contenu.get("signature", [])]
    corps += [Spacer(1, 12 * mm), *(Paragraph(escape(ligne), s["pied"]) for ligne in contenu.get("pied", []))]
    if contenu.get("code"):  # a document issued with a code (web/documents/rules.py); a cotisation's has none
        corps += [Paragraph(escape(f"Code de vérification : {contenu['code']}"), s["pied"]),
                  Paragraph(escape(f"Vérifier ce document : {contenu['url']}"), s["pied"])]
    tampon = BytesIO()
    doc = SimpleDocTemplate(tampon, pagesize=A4, invariant=1, title=contenu["titre"], author="Ordre des médecins",
                            leftMargin=22 * mm, rightMargin=22 * mm, topMargin=22 * mm, bottomMargin=22 * mm)
    doc.build(corps)
    return tampon.getvalue()
