"""Small helpers shared by the feature forms: typed values kept, errors in French per field."""

from __future__ import annotations

import re
import unicodedata
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from email_validator import EmailNotValidError, validate_email
from litestar.exceptions import ClientException


@dataclass
class Form:
    """What the user typed (always re-shown), the French error of each field, and the fields' labels, which the
    error summary names ("Titre : ce champ est obligatoire.", not the same sentence three times)."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    libelles: dict[str, str] = field(default_factory=dict)
    seules: set[str] = field(default_factory=set)  # fields whose error is about the whole form: said alone

    @classmethod
    async def read(cls, request: Any, *names: str, raw: tuple[str, ...] = ()) -> Form:
        """Read `names` from the posted form; `raw` ones (passwords) are kept exactly as typed."""
        data = await request.form()
        values = {n: _clean(data.get(n, "")) for n in names}
        values.update({n: (v if isinstance(v := data.get(n, ""), str) else "")[:200] for n in raw})
        return cls(values)

    def __getitem__(self, name: str) -> str:
        return self.values.get(name, "")

    def error(self, name: str, message: str, seule: bool = False) -> None:
        """`seule`: the message speaks of the whole form ("Identifiant ou mot de passe incorrect."), so the
        summary does not put a field's label before it."""
        if name not in self.errors and seule:
            self.seules.add(name)
        self.errors.setdefault(name, message)

    def required(self, *names: str) -> None:
        for name in names:
            if not self[name]:
                self.error(name, "Ce champ est obligatoire.")

    def liste(self, data: Any, nom: str, maximum: int, libelle: str, champ: str | None = None) -> list[str]:
        """`valeurs`, a refusal shown as the error of `champ` (`nom` by default) in the form, not as a 400 page."""
        try:
            return valeurs(data, nom, maximum, libelle)
        except TropDeValeurs as exc:
            self.error(champ or nom, exc.message)
            return []

    @property
    def ok(self) -> bool:
        return not self.errors

    def resume(self, libelles: dict[str, str] | None = None) -> list[tuple[str, str]]:
        """(field, sentence) of each error for the summary, the field's label first when it has one (declared by
        the form, or by the template that shows it)."""
        connus = {**self.libelles, **(libelles or {})}
        return [(nom, f"{connus[nom]} : {minuscule(message)}" if nom in connus and nom not in self.seules
                 else message)
                for nom, message in self.errors.items()]


def minuscule(phrase: str) -> str:
    """A sentence put after a colon: its first letter lowered, unless the word is an acronym ("RPPS")."""
    return phrase[0].lower() + phrase[1:] if phrase[1:2].islower() else phrase


def _clean(value: Any) -> str:
    """Text only, trimmed, without NUL or bidi-override characters, at most 5,000 characters."""
    text = value if isinstance(value, str) else ""
    for bad in ("\x00", "\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069"):
        text = text.replace(bad, "")
    return text.strip()[:5000]


class TropDeValeurs(ClientException):
    """More values of a repeated parameter than any of our forms sends: refused, in French, rather than cut
    silently or echoed (2,000 date pairs once made the map 14 MB). A 400 page showing `message`; a form turns
    it into the field's error."""

    def __init__(self, maximum: int, libelle: str) -> None:
        self.message = f"{maximum} {libelle} au plus."
        super().__init__(detail=self.message)


def valeurs(params: Any, nom: str, maximum: int, libelle: str) -> list[str]:
    """The text values of a repeated parameter of a query string or a form: the one way every parser reads a
    list, so that every list has its cap (`libelle` names the values in the message: "20 lieux au plus.")."""
    trouvees = params.getall(nom, [])
    if len(trouvees) > maximum:
        raise TropDeValeurs(maximum, libelle)
    return [v for v in trouvees if isinstance(v, str)]


def une_ligne(texte: str) -> str:
    """Text that must stay on one line (a name that becomes an e-mail subject): every control or line-separator
    character, CR and LF included, becomes a space; spaces are collapsed."""
    texte = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in texte)
    return re.sub(r"\s+", " ", texte).strip()


def email_normalise(value: str) -> str | None:
    """The e-mail in its normal form, or None when its syntax is wrong (no DNS look-up)."""
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


def mot_de_passe(form: Form, name: str = "mot_de_passe", confirmation: str = "confirmation") -> None:
    """12 to 128 characters, no composition rule (NIST 800-63B), typed twice alike."""
    value = form[name]
    if not 12 <= len(value) <= 128:
        form.error(name, "Le mot de passe doit compter entre 12 et 128 caractères.")
    elif form[confirmation] != value:
        form.error(confirmation, "Les deux mots de passe ne sont pas identiques.")


PARTIES_DATE = ("jour", "mois", "annee")


def noms_date(name: str) -> tuple[str, ...]:
    """The three posted fields of a date asked as jour / mois / année (components/ui.html date_en_trois)."""
    return tuple(f"{name}_{partie}" for partie in PARTIES_DATE)


def parties_date(valeur: str) -> tuple[str, str, str]:
    """The three boxes of a date kept: from aaaa-mm-jj (« 14 », « 7 », « 1985 ») or from its parts as typed."""
    if valeur.count("-") == 2:
        annee, mois, jour = valeur.split("-")
        return jour.lstrip("0"), mois.lstrip("0"), annee
    if valeur.count("/") == 2:
        jour, mois, annee = valeur.split("/")
        return jour, mois, annee
    return "", "", ""


def verifier_date(jour: str, mois: str, annee: str, aujourdhui: date, depuis: int = 1900) -> tuple[date | None, str]:
    """A date typed as jour / mois / année, or None with the French message that says what is wrong: a part
    missing, a day the month has not (31/02), a future date, a year before `depuis` ("" when nothing is typed)."""
    if not (jour or mois or annee):
        return None, ""
    if not (jour and mois and annee):
        return None, "Indiquez le jour, le mois et l'année, par exemple 14 7 1985."
    valeur = None
    if f"{jour}{mois}{annee}".isdigit() and len(annee) == 4:
        with suppress(ValueError):
            valeur = date(int(annee), int(mois), int(jour))
    if valeur is None:
        return None, (f"Le {jour}/{mois}/{annee} n'existe pas : vérifiez le jour, le mois et l'année (4 chiffres), "
                      "par exemple 14 7 1985.")
    if valeur > aujourdhui:
        return None, "Cette date est dans le futur : vérifiez l'année."
    if valeur.year < depuis:
        return None, f"L'année doit être {depuis} ou après."
    return valeur, ""


def date_en_trois(form: Form, name: str, aujourdhui: date, depuis: int = 1900) -> date | None:
    """The date typed in three fields, kept in `form[name]` as aaaa-mm-jj; or None with its French error."""
    parties = [form[n] for n in noms_date(name)]
    valeur, message = verifier_date(*parties, aujourdhui, depuis)
    if valeur is not None:
        form.values[name] = valeur.isoformat()
    elif not any(parties):
        form.required(name)
    else:
        form.error(name, message)
    return valeur
