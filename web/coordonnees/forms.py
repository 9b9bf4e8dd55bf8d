"""Validation of one coordonnées row: e-mail syntax, French phone numbers, postcode against commune."""

from __future__ import annotations

import re

from tables.reference.texte import normaliser
from tables.referentiel import CodePostal
from web.forms import Form, email_normalise

CHAMPS_LIGNE = ("voie", "code_postal", "commune", "email", "mobile", "fixe")
# Overseas numbers dialled from abroad: +590 690 … is 0690 … in France.
_INDICATIFS = ("590", "594", "596", "262", "269", "508", "33")


def telephone(value: str) -> str | None:
    """A French number (overseas included) as "06 45 88 49 18", or None."""
    digits = re.sub(r"[\s.\-()/]", "", value)
    if digits.startswith("+") or digits.startswith("00"):
        digits = digits.removeprefix("+").removeprefix("00")
        for code in _INDICATIFS:
            if digits.startswith(code):
                digits = "0" + digits[len(code):]
                break
        else:
            return None
    if not re.fullmatch(r"0[1-9]\d{8}", digits):
        return None
    return " ".join(digits[i:i + 2] for i in range(0, 10, 2))


async def commune_du_code(code_postal: str, nom: str) -> str | None:
    """The INSEE code of the commune called `nom` that has this postcode, or None."""
    rows = await CodePostal.select(CodePostal.commune.code, CodePostal.commune.nom_normalise).where(
        CodePostal.code_postal == code_postal)
    wanted = normaliser(nom)
    return next((r["commune.code"] for r in rows if r["commune.nom_normalise"] == wanted), None)


async def communes_du_code(code_postal: str) -> list[str]:
    if not re.fullmatch(r"\d{5}", code_postal):
        return []
    rows = await CodePostal.select(CodePostal.commune.nom).where(CodePostal.code_postal == code_postal)
    return sorted({r["commune.nom"] for r in rows})


async def valider_ligne(form: Form) -> dict | None:
    """The row to store, or None with `form.errors` filled (everything typed is kept)."""
    ligne: dict = {"voie": form["voie"], "code_postal": form["code_postal"], "commune": None,
                   "email": "", "mobile": "", "fixe": ""}
    if not any(form[c] for c in CHAMPS_LIGNE):
        form.error("voie", "Renseignez au moins une adresse, un e-mail, un mobile ou un fixe.", seule=True)
    if form["email"]:
        ligne["email"] = email_normalise(form["email"]) or ""
        if not ligne["email"]:
            form.error("email", "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.")
    for champ, debut, exemple in (("mobile", "67", "06 12 34 56 78"), ("fixe", "1234589", "01 23 45 67 89")):
        if form[champ]:
            numero = telephone(form[champ])
            if numero is None or numero[1] not in debut:
                genre = "de mobile" if champ == "mobile" else "de téléphone fixe"
                form.error(champ, f"Saisissez un numéro {genre} français à 10 chiffres, par exemple {exemple}.")
            else:
                ligne[champ] = numero
    if any(form[c] for c in ("voie", "code_postal", "commune")):
        form.required("voie", "code_postal", "commune")
        if form["code_postal"] and not re.fullmatch(r"\d{5}", form["code_postal"]):
            form.error("code_postal", "Le code postal compte 5 chiffres, par exemple 38500.")
        elif form["code_postal"] and form["commune"]:
            ligne["commune"] = await commune_du_code(form["code_postal"], form["commune"])
            if ligne["commune"] is None:
                form.error("commune", f"Aucune commune « {form['commune']} » n'a le code postal "
                                      f"{form['code_postal']}.")
    return ligne if form.ok else None
