"""Wording and typography a French reader expects (issue 19, item 9): ordinals, elisions, link texts, names."""

import csv
import gzip
import re
from datetime import date
from pathlib import Path

from web.demo_annonces import MES_ANNONCES, de, debut_periode
from web.templating import date_longue

ROOT = Path(__file__).resolve().parent.parent


def test_le_premier_du_mois_s_ecrit_1er() -> None:
    assert date_longue(date(2026, 12, 1)) == "1er décembre 2026"
    assert date_longue(date(2026, 12, 2)) == "2 décembre 2026"


def test_de_s_elide_devant_une_voyelle_ou_un_h_muet() -> None:
    assert de("anatomie et cytologie pathologiques") == "d'anatomie et cytologie pathologiques"
    assert de("hématologie") == "d'hématologie"
    assert de("pédiatrie") == "de pédiatrie"


def test_le_remplacement_d_ete_de_la_demo_commence_en_juillet() -> None:
    assert debut_periode(date(2026, 12, 3), 7) == date(2027, 7, 1)
    assert debut_periode(date(2026, 3, 1), 7) == date(2026, 7, 1)
    assert debut_periode(date(2026, 12, 3), None) == date(2027, 1, 2)
    ete = next(a for a in MES_ANNONCES if "l'été" in a[0])
    assert ete[-1] == 7


def test_aucun_lien_ne_dit_cliquez_ici() -> None:
    fautifs = []
    for gabarit in [*ROOT.glob("web/**/*.html"), *ROOT.glob("components/*.html")]:
        texte = gabarit.read_text(encoding="utf-8")
        if re.search(r"cliquez\s*(ici|<a)|<a\b[^>]*>\s*(ici|cliquez[^<]*)</a>", texte, re.IGNORECASE):
            fautifs.append(str(gabarit.relative_to(ROOT)))
    assert fautifs == []


def test_les_arrondissements_s_ecrivent_en_minuscule() -> None:
    with gzip.open(ROOT / "tables/reference/data/communes.csv.gz", "rt", encoding="utf-8") as f:
        noms = [ligne[1] for ligne in csv.reader(f, delimiter=";")]
    assert "Lyon 3e arrondissement" in noms and "Marseille 1er arrondissement" in noms
    assert not [n for n in noms if "Arrondissement" in n]


def test_une_ligne_une_seule_forme_de_date() -> None:
    """« Transmise le 02/12/2026 – fin de publication le 01/03/2027 », not a long date beside a short one."""
    for gabarit in [*ROOT.glob("web/**/*.html"), *ROOT.glob("components/*.html")]:
        for n, ligne in enumerate(gabarit.read_text(encoding="utf-8").splitlines(), 1):
            assert not ("|date_longue" in ligne and "|date_fr" in ligne), f"{gabarit.relative_to(ROOT)}:{n}"


def test_courriel_sur_les_formulaires_et_les_fiches() -> None:
    """One word for e-mail on forms and contact cards, the seed's « Courriel » (the council login keeps the
    seed's « E-mail de l'Ordre »)."""
    for gabarit in [*ROOT.glob("web/**/*.html"), *ROOT.glob("components/*.html")]:
        texte = gabarit.read_text(encoding="utf-8")
        assert not re.search(r"<dt>\s*E-?mail\s*</dt>|\(\"email\", \"E-?mail\"\)|\"email\": \"E-?mail\"", texte), \
            gabarit.relative_to(ROOT)
