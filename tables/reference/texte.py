"""Text folding shared by the reference loader and the search code.

Names are stored once as typed (`nom`) and once folded (`nom_normalise`) so that a search for
"st etienne" or "lhay" can be a plain indexed comparison on both SQLite and PostgreSQL, which
do not agree on accent- or case-insensitive collations.
"""

import re
import unicodedata

# Ligatures are not decomposed by NFKD ("Œ" stays "Œ"), yet users type "oe": fold them by hand.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
# Apostrophes (straight, typographic, modifier letters), hyphens and dashes, any whitespace.
_SEPARATEURS = re.compile(r"[\s'’‘`´ʼ\-‐‑‒–—]+")


def normaliser(texte: str) -> str:
    """Lowercase, strip accents, fold apostrophes/hyphens/runs of spaces to one space, trim.

    "Saint" and "St" are deliberately left alone: rewriting them is a search-side concern.

    >>> normaliser("Saint-Étienne")
    'saint etienne'
    >>> normaliser("L'Haÿ-les-Roses")
    'l hay les roses'
    """
    texte = unicodedata.normalize("NFKD", texte.translate(_LIGATURES))
    texte = "".join(c for c in texte if not unicodedata.combining(c))
    return _SEPARATEURS.sub(" ", texte.lower()).strip()
