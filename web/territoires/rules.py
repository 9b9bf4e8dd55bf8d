"""Territoires (SPEC_DEMARCHES §5): what a département's page shows, and how its council edits "Venir exercer".

The sections are plain text written by the council's gestionnaires for the Département (collectivité):
stored as typed, shown escaped with only http(s) addresses as links (web/templating.liens_web). Each change
of a section is one conditional UPDATE on its version plus a history row (before/after), in one transaction.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

import asyncpg

from tables import horloge
from tables.referentiel import Conseil, Departement
from tables.territoires import ConseilContact, Seance, TerritoireModification, TerritoireSection
from web.perimetre import peut_agir
from web.security import Utilisateur

# "Venir exercer en …": the seed's sections, then two of ours (Decision, SPEC_DEMARCHES §5), in this order.
SECTIONS = {
    "logement": "Logement",
    "familles": "Accueil des familles",
    "telemedecine": "Télémédecine territoriale",
    "dispositifs": "Dispositifs coordonnés de santé de proximité",
    "aides": "Aides à l'installation",
    "contacts": "Contacts",
}
MAX_TEXTE = 4000  # below the 5,000 characters a form field keeps (web/forms.py), so that too long is said
NB_SEANCES = 3
# Where "de …" reads "à …": a city and two islands.
_A = {"75", "974", "976"}


@dataclass(frozen=True)
class Territoire:
    code: str
    nom: str  # Isère
    region: str
    conseil_code: str
    conseil: str  # Conseil départemental de l'Isère de l'Ordre des médecins

    @property
    def complement(self) -> str:
        """"de l'Isère", "du Rhône", "des Hautes-Alpes": read from the council's name."""
        return self.conseil.removeprefix("Conseil départemental ").removesuffix(" de l'Ordre des médecins")

    @property
    def departement(self) -> str:
        """The collectivité that provides the information: "Département de l'Isère"."""
        return f"Département {self.complement}"

    @property
    def en(self) -> str:
        """"en Isère", "dans le Rhône", "dans les Hautes-Alpes", "à Paris"."""
        for article, dans in (("du ", "dans le "), ("des ", "dans les ")):
            if self.complement.startswith(article):
                return dans + self.complement.removeprefix(article)
        return ("à " if self.code in _A else "en ") + self.nom


class Conflit(Exception):
    """Someone saved a section while this editor was typing: their text is not overwritten."""


def peut_modifier(user: Utilisateur | None, code: str) -> bool:
    """That council's gestionnaires and the national role (the one perimeter rule of the back-office)."""
    return user is not None and peut_agir(user, code)


async def territoire(code: str) -> Territoire | None:
    row = await Departement.select(Departement.code, Departement.nom, Departement.region.nom.as_alias("region")).where(
        Departement.code == code).first()
    conseil = await Conseil.select(Conseil.code, Conseil.nom).where(Conseil.departement == code).first()
    if row is None or conseil is None:
        return None
    return Territoire(row["code"], row["nom"], row["region"], conseil["code"], conseil["nom"])


async def contact(t: Territoire) -> dict | None:
    return await ConseilContact.select().where(ConseilContact.conseil == t.conseil_code).first()


async def prochaines_seances(t: Territoire, aujourdhui: date | None = None) -> list[dict]:
    return await Seance.select(Seance.date, Seance.lieu).where(
        (Seance.conseil == t.conseil_code) & (Seance.date >= (aujourdhui or horloge.aujourdhui()))
    ).order_by(Seance.date).limit(NB_SEANCES)


async def sections(code: str) -> dict[str, dict]:
    """Every section of the département by slug, an empty one for those never written."""
    rows = {r["section"]: r for r in await TerritoireSection.select().where(TerritoireSection.departement == code)}
    return {slug: rows.get(slug) or {"section": slug, "texte": "", "version": 0, "mis_a_jour_le": None,
                                     "demonstration": False} for slug in SECTIONS}


def apercu(actuelles: dict[str, dict], textes: dict[str, str]) -> dict[str, dict]:
    """The sections as they would read once saved: a changed one is dated today and no longer a demo."""
    return {slug: s if textes[slug] == s["texte"] else {
        **s, "texte": textes[slug], "mis_a_jour_le": horloge.aujourdhui(), "demonstration": False}
        for slug, s in actuelles.items()}


def erreurs(textes: dict[str, str]) -> dict[str, str]:
    return {slug: f"Le texte de « {SECTIONS[slug]} » ne doit pas dépasser 4\u202f000 caractères."
            for slug, t in textes.items() if len(t) > MAX_TEXTE}


async def enregistrer(user: Utilisateur, code: str, textes: dict[str, str], versions: dict[str, int]) -> list[str]:
    """Save the sections whose text changed; returns their slugs. Raises Conflit if one changed meanwhile."""
    actuelles = await sections(code)
    changees = [slug for slug in SECTIONS if textes[slug] != actuelles[slug]["texte"]]
    aujourdhui = horloge.aujourdhui()
    async with TerritoireSection._meta.db.transaction():
        for slug in changees:
            avant = actuelles[slug]
            if avant["version"] != versions.get(slug) or not await _ecrire(code, slug, avant, textes[slug], aujourdhui):
                raise Conflit(SECTIONS[slug])
            await TerritoireModification.insert(TerritoireModification(
                departement=code, section=slug, avant=avant["texte"], apres=textes[slug], par=user.id,
                par_libelle=user.identifiant))
    return changees


async def _ecrire(code: str, slug: str, avant: dict, texte: str, aujourdhui: date) -> bool:
    if "id" not in avant:  # never written: the unique index on (département, section) refuses a second insert
        try:
            await TerritoireSection.insert(TerritoireSection(
                departement=code, section=slug, texte=texte, mis_a_jour_le=aujourdhui, version=1))
        except (sqlite3.IntegrityError, asyncpg.UniqueViolationError):
            return False
        return True
    return bool(await TerritoireSection.update({
        TerritoireSection.texte: texte, TerritoireSection.mis_a_jour_le: aujourdhui,
        TerritoireSection.demonstration: False, TerritoireSection.version: avant["version"] + 1,
    }).where((TerritoireSection.id == avant["id"]) & (TerritoireSection.version == avant["version"])).returning(
        TerritoireSection.id))


async def historique(code: str, limite: int = 100) -> list[dict]:
    return await TerritoireModification.select().where(TerritoireModification.departement == code).order_by(
        TerritoireModification.le, ascending=False).order_by(TerritoireModification.id, ascending=False).limit(limite)
