"""What `make run` tells a newcomer: one line when the app is up, and a README that lists every demo account."""

from pathlib import Path

from web.app import _annoncer_pret
from web.demo import ENTRAIDE, IDENTITES, IDENTITES_DEMARCHES, ORDRE

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_une_ligne_quand_l_application_est_prete(capsys) -> None:
    _annoncer_pret("http://127.0.0.1:8000", demo=True)
    sortie = capsys.readouterr().out
    assert sortie.count("\n") == 1
    assert sortie.startswith("MonEspace est prêt : http://127.0.0.1:8000 — médecin demo.medecin / Demo-medecin-2026!")
    assert "conseil cd38@demo.ordre.test / Demo-gestion-2026!" in sortie
    assert sortie.rstrip().endswith("Ctrl+C pour arrêter.")


def test_sans_demo_la_ligne_ne_donne_aucun_compte(capsys) -> None:
    _annoncer_pret("https://monespace.example", demo=False)
    assert capsys.readouterr().out == "MonEspace est prêt : https://monespace.example\n"


def test_le_readme_donne_chaque_compte_de_demo_en_francais() -> None:
    comptes = [(i[0], i[1]) for i in IDENTITES + IDENTITES_DEMARCHES if i[0]] + [(o[0], o[1]) for o in ORDRE]
    comptes.append(ENTRAIDE)
    for identifiant, mot_de_passe in comptes:
        assert f"- `{identifiant}` / `{mot_de_passe}` — " in README
    section = README.split("## Comptes de démonstration", 1)[1].split("\n## ", 1)[0]
    assert " of the " not in section and "council" not in section
    assert "make clean" in README and "Ctrl+C" in README
