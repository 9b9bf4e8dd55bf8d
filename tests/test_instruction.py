"""The council queue is a component: a second queue is a `File` configuration, rendered by the same macros,
with its own address, filters, sort, pages and batch reading (the moderation dashboard is tested in
test_gestion*.py)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from litestar.datastructures import MultiDict

from web.instruction.file import File, Page, fenetre, lire, lire_lot
from web.templating import moteur

# A second queue, as the démarches will declare theirs: only configuration.
DEMARCHES = File(chemin="/gestion/demarches", colonnes={"numero": "N°", "depose": "Déposé le", "nom": "Nom"},
                 tri_par_defaut=("depose", "asc"), sens_initial={"depose": "desc"}, textes=("numero",),
                 choix={"etat": ("a_suivre", "suivi", "traite")}, cases={"miens": False}, par_page=10)


def _relire(url: str):
    return lire(DEMARCHES, MultiDict(parse_qsl(urlsplit(url).query)))


def test_a_second_queue_keeps_its_state_in_its_own_address():
    etat = lire(DEMARCHES, MultiDict([("etat", "traite"), ("etat", "inconnu"), ("etat", "a_suivre"), ("miens", "1"),
                                      ("tri", "nom"), ("sens", "desc"), ("page", "3"), ("numero", " 12 ")]))
    assert etat.choix == {"etat": ["a_suivre", "traite"]} and etat.cases == {"miens": True} and etat.page == 3
    assert etat.url() == "/gestion/demarches?numero=12&etat=a_suivre&etat=traite&tri=nom&sens=desc&page=3"
    assert _relire(etat.url()).url() == etat.url()  # the address is the whole state
    assert etat.url_tri("nom") == "/gestion/demarches?numero=12&etat=a_suivre&etat=traite&tri=nom&sens=asc"
    assert etat.url_tri("depose") == "/gestion/demarches?numero=12&etat=a_suivre&etat=traite&tri=depose&sens=desc"
    assert etat.aria_sort("nom") == "descending" and etat.aria_sort("depose") is None and etat.actifs
    defaut = lire(DEMARCHES, MultiDict([("tri", "inconnu"), ("page", "-1")]))
    assert defaut.url() == "/gestion/demarches" and not defaut.actifs


def test_the_queue_macros_render_a_second_queue():
    etat = lire(DEMARCHES, MultiDict([("page", "2")]))
    page = Page(lignes=[{"id": 7, "version": 3, "selectionnable": True}], total=23, a_traiter=4, pages=3)
    html = moteur().engine.from_string(
        '{% from "instruction/_file.html" import entete, pagination, a_traiter, case_lot %}'
        '{{ entete(f, "nom", "Nom", "") }}{{ pagination(f, p, fenetre, 10, "") }}{{ a_traiter(f, p.a_traiter, "", '
        '"etat=a_suivre") }}{{ case_lot(p.lignes[0]) }}').render(f=etat, p=page, fenetre=fenetre(2, 3))
    assert 'href="/gestion/demarches?tri=nom&amp;sens=asc"' in html
    assert "11 - 20 sur 23" in html and 'href="/gestion/demarches?page=3"' in html
    assert 'href="/gestion/demarches?etat=a_suivre"' in html and "À traiter <span" in html and ">4<" in html
    assert 'value="7:3"' in html


def test_batch_reading():
    assert lire_lot(["3:1", "3:2", "x:1", "4:", 5, "12345678901:1"]) == [(3, 1), (4, -1)]
    assert len(lire_lot([f"{n}:0" for n in range(1, 300)])) == 100
