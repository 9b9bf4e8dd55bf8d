"""Annonce photos: real files made in memory are accepted, forged ones refused in French, storage is safe."""

from __future__ import annotations

import os
import struct
import zlib
from io import BytesIO

import pytest
from PIL import Image, ImageFile
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from web.fichiers import stockage
from web.fichiers import verifier as verification
from web.fichiers.usages import PHOTOS_ANNONCE
from web.fichiers.verifier import FichierRefuse as PhotoRefusee
from web.fichiers.verifier import nettoyer_nom

HTML = b"<html><script>alert(1)</script></html>"


def verifier(nom, contenu):
    return verification.verifier(PHOTOS_ANNONCE, nom, contenu)


def stocker(photo, dossier=None):
    return stockage.stocker(PHOTOS_ANNONCE, photo, dossier)


def chemin(nom, dossier=None):
    return stockage.chemin(PHOTOS_ANNONCE, nom, dossier)


def supprimer(nom, dossier=None):
    stockage.supprimer(PHOTOS_ANNONCE, nom, dossier)


def jpeg(taille=(320, 240), **options) -> bytes:
    out = BytesIO()
    Image.effect_noise(taille, 60).convert("RGB").save(out, "JPEG", **options)
    return out.getvalue()


def png(taille=(320, 240)) -> bytes:
    out = BytesIO()
    Image.effect_noise(taille, 60).convert("RGB").save(out, "PNG")
    return out.getvalue()


def pdf(modifier=None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if modifier:
        modifier(writer)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_manuel(entete: bytes = b"%PDF-1.4\n") -> bytes:
    """A minimal one-page PDF with correct xref offsets, whatever the header lines."""
    objets = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << >> >>"]
    corps, offsets = bytearray(entete), []
    for numero, objet in enumerate(objets, 1):
        offsets.append(len(corps))
        corps += b"%d 0 obj\n%s\nendobj\n" % (numero, objet)
    xref = len(corps)
    corps += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    corps += b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(corps)


def png_declare(largeur: int, hauteur: int) -> bytes:
    """A tiny PNG whose IHDR claims huge dimensions (a decompression bomb, without the memory)."""
    def chunk(type_: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + type_ + data + struct.pack(">I", zlib.crc32(type_ + data))
    ihdr = struct.pack(">IIBBBBB", largeur, hauteur, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 1024)) \
        + chunk(b"IEND", b"")


def refus(nom: str, contenu: bytes) -> str:
    with pytest.raises(PhotoRefusee) as exc:
        verifier(nom, contenu)
    return str(exc.value)


@pytest.mark.parametrize(("nom", "contenu", "type_mime", "extension"), [
    ("cabinet.jpg", jpeg(), "image/jpeg", "jpg"),
    ("Cabinet.JPEG", jpeg(progressive=True), "image/jpeg", "jpg"),
    ("salle.png", png(), "image/png", "png"),
    ("plan.pdf", pdf(), "application/pdf", "pdf"),
    ("plan-manuel.pdf", pdf_manuel(), "application/pdf", "pdf"),
    ("renomme.jpg", png(), "image/png", "png"),  # a genuine PNG named .jpg: kept, with its real type
    ("renomme.png", jpeg(), "image/jpeg", "jpg"),
])
def test_fichiers_reels_acceptes(nom, contenu, type_mime, extension):
    photo = verifier(nom, contenu)
    assert (photo.type_mime, photo.extension, photo.nom_original) == (type_mime, extension, nom)
    assert photo.contenu == contenu and photo.taille == len(contenu)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_mpo_de_telephone_accepte_comme_jpeg():
    out = BytesIO()
    Image.new("RGB", (120, 90), "red").save(out, "MPO", save_all=True, append_images=[Image.new("RGB", (60, 45))])
    photo = verifier("iphone.jpg", out.getvalue())
    assert photo.type_mime == "image/jpeg"
    assert Image.open(BytesIO(photo.contenu)).size == (120, 90)


@pytest.mark.parametrize(("nom", "contenu"), [("poly.jpg", jpeg()), ("poly.png", png())])
def test_donnees_apres_la_fin_de_l_image_retirees(nom, contenu):
    """Pillow ignores bytes after EOI/IEND: an image+HTML polyglot is stored without its tail."""
    photo = verifier(nom, contenu + HTML)
    assert photo.contenu == contenu and photo.taille == len(contenu)


def test_donnees_apres_eof_du_pdf_retirees():
    assert verifier("scan.pdf", pdf() + b"\0\0 \r\n").contenu == pdf()


def test_vide_et_trop_gros():
    assert refus("vide.jpg", b"") == "« vide.jpg » est vide."
    gros = jpeg() + bytes(16 * 1024 * 1024)
    assert refus("gros.jpg", gros) == "« gros.jpg » dépasse 15 Mo."
    assert refus("gros.exe", gros) == "« gros.exe » dépasse 15 Mo."


@pytest.mark.parametrize("nom", ["vacances.svg", "photo.gif", "photo.jpg.exe", "sans-extension", "../x"])
def test_extension_refusee(nom):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    attendu = nettoyer_nom(nom)
    assert refus(nom, svg) == f"« {attendu} » : seuls les formats JPG, PNG et PDF sont acceptés."


def test_nom_avec_chemin_nettoye_et_contenu_verifie():
    assert verifier("../../etc/passwd.jpg", jpeg()).nom_original == "passwd.jpg"
    assert verifier("..\\..\\Windows\\photo.png", png()).nom_original == "photo.png"
    assert refus("../../etc/passwd.jpg", b"root:x:0:0:root:/root:/bin/bash\n") == \
        "« passwd.jpg » n'est pas une image JPG ou PNG valide."


@pytest.mark.parametrize(("nom", "contenu"), [
    ("photo.jpg", Image.new("RGB", (8, 8)).tobytes()),  # random-looking bytes
    ("anime.jpg", None),  # a GIF renamed .jpg
    ("scan.png", pdf()),  # a PDF renamed .png
    ("dessin.png", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
])
def test_contenu_qui_n_est_pas_une_image(nom, contenu):
    if contenu is None:
        out = BytesIO()
        Image.new("RGB", (10, 10)).save(out, "GIF")
        contenu = out.getvalue()
    assert refus(nom, contenu) == f"« {nom} » n'est pas une image JPG ou PNG valide."


@pytest.mark.parametrize("contenu", [
    png()[: len(png()) // 2],
    png()[:-12],  # no IEND
    jpeg()[: len(jpeg()) // 2],
    jpeg()[:-2],  # no EOI
    jpeg(progressive=True)[:-200],  # a progressive JPEG cut short: Pillow alone would decode it
])
def test_image_tronquee(contenu):
    assert refus("photo.png", contenu) == "« photo.png » est une image illisible ou tronquée."


def test_png_au_crc_faux():
    contenu = bytearray(png())
    contenu[100] ^= 0xFF  # inside the first IDAT: only its CRC tells
    assert refus("photo.png", bytes(contenu)) == "« photo.png » est une image illisible ou tronquée."


@pytest.mark.parametrize("taille", [(20000, 20000), (8200, 6200)])  # beyond Pillow's limit; beyond ours only
def test_bombe_de_decompression(taille):
    bombe = png_declare(*taille)
    assert len(bombe) < 200
    assert refus("bombe.png", bombe) == "« bombe.png » a des dimensions trop grandes."


@pytest.mark.parametrize("contenu", [
    os.urandom(4096),
    b"%PDF-1.4\n" + os.urandom(4096),
    b"%PDF-1.4\n" + HTML,
    b"%PDF-1.4\n" + HTML + b"\n%%EOF\n",
    pdf_manuel(b"%PDF-1.4\n%" + HTML + b"\n"),  # structurally valid: pypdf strict accepts it
    pdf() + HTML,
    b"\n" + pdf(),  # bytes before the header
    pdf()[:-100],
    jpeg(),
])
def test_pdf_invalide(contenu):
    assert refus("scan.pdf", contenu) == "« scan.pdf » n'est pas un PDF valide."


def test_pdf_refuses_pour_leur_contenu():
    assert refus("a.pdf", pdf(lambda w: w.encrypt("secret"))) == \
        "« a.pdf » est protégé par un mot de passe : enregistrez-le sans protection."
    vide = BytesIO()
    PdfWriter().write(vide)
    assert refus("b.pdf", vide.getvalue()) == "« b.pdf » ne contient aucune page."
    actif = "contient du code ou des fichiers joints : ce PDF n'est pas accepté."
    assert refus("c.pdf", pdf(lambda w: w.add_open_action(JavaScript("app.alert(1)")))) == f"« c.pdf » {actif}"
    assert refus("d.pdf", pdf(lambda w: w.add_attachment("x.exe", b"MZ"))) == f"« d.pdf » {actif}"


def test_nettoyer_nom():
    assert nettoyer_nom("a\u202egpj.exe\x00\n.png") == "agpj.exe.png"
    assert nettoyer_nom("a..b.jpg") == "a.b.jpg"
    assert nettoyer_nom("") == nettoyer_nom("..") == nettoyer_nom("/") == "photo"
    long = nettoyer_nom("é" * 300 + ".jpeg")
    assert len(long) == 120 and long.endswith(".jpeg")
