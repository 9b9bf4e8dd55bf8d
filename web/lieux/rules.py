"""Lieux: all of France, régions, départements and communes, found by prefix and named by a stable key.

An annonce matches a search when one of its lieux and one searched lieu overlap, that is when one
contains the other (Andrésy ⊂ Yvelines ⊂ Île-de-France ⊂ France). Each Lieu therefore carries its
whole hierarchy, so containment is a comparison of codes, in Python here and in SQL elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from piccolo.columns import Column
from piccolo.columns.combination import Where
from piccolo.query import Min

from tables.reference.texte import normaliser
from tables.referentiel import CodePostal, Commune, Departement, Region

NIVEAUX = ("region", "departement", "commune", "arrondissement")
MAX_CLES = 100  # keys read from a form: more than any real annonce or search needs
_CLE = re.compile(r"(region|departement|commune):([0-9AB]{1,5})")
_NUMERO = re.compile(r"\d{2,5}|2[AB]")
_AVEC_CODE = re.compile(r"(.+?)\s*\(\s*([0-9AaBb]{2,5})\s*\)")
# "St Étienne" is how people type Saint-Étienne; the reference data always spells the word out.
_SAINTS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


@dataclass(frozen=True)
class Lieu:
    """`commune` is the parent city's code for an arrondissement municipal (75056 for 75111)."""

    cle: str
    type: str
    libelle: str
    region: str | None = None
    departement: str | None = None
    commune: str | None = None
    arrondissement: str | None = None


FRANCE = Lieu(cle="france", type="france", libelle="Toute la France")


def contient(a: Lieu, b: Lieu) -> bool:
    """Every level `a` pins down, `b` shares: France contains all, Paris contains its arrondissements."""
    return all(getattr(a, n) is None or getattr(a, n) == getattr(b, n) for n in NIVEAUX)


def se_chevauchent(a: Lieu, b: Lieu) -> bool:
    """One contains the other (the rule of the annonce search, and the oracle of its tests)."""
    return contient(a, b) or contient(b, a)


def _commence(colonne: Column, prefixe: str) -> Where:
    """`colonne` starts with `prefixe`, as a range a plain b-tree index serves (byte order: see m0003)."""
    suivant = prefixe[:-1] + chr(ord(prefixe[-1]) + 1)
    return (colonne >= prefixe) & (colonne < suivant)


async def _regions(where: Where, limite: int) -> list[Lieu]:
    rows = await Region.select(Region.code, Region.nom).where(where).order_by(Region.nom_normalise).limit(limite)
    return [Lieu(f"region:{r['code']}", "region", r["nom"], region=r["code"]) for r in rows]


async def _departements(where: Where, limite: int) -> list[Lieu]:
    rows = await Departement.select(Departement.code, Departement.nom, Departement.region).where(
        where).order_by(Departement.code).limit(limite)
    return [Lieu(f"departement:{r['code']}", "departement", f"{r['nom']} ({r['code']})",
                 region=r["region"], departement=r["code"]) for r in rows]


async def _communes(where: Where, limite: int) -> list[Lieu]:
    """Most populated first; shown with their first postcode, as people know them."""
    rows = await Commune.select(
        Commune.code, Commune.nom, Commune.parent, Commune.departement,
        Commune.departement.region.as_alias("region"),
    ).where(where).order_by(Commune.population, ascending=False).order_by(Commune.code).limit(limite)
    if not rows:
        return []
    postaux = {r["commune"]: r["cp"] for r in await CodePostal.select(
        CodePostal.commune, Min(CodePostal.code_postal, alias="cp"),
    ).where(CodePostal.commune.is_in([r["code"] for r in rows])).group_by(CodePostal.commune)}
    return [Lieu(
        f"commune:{r['code']}", "commune",
        f"{r['nom']} ({postaux[r['code']]})" if r["code"] in postaux else r["nom"],
        region=r["region"], departement=r["departement"], commune=r["parent"] or r["code"],
        arrondissement=r["code"] if r["parent"] else None,
    ) for r in rows]


def _saints(texte: str) -> str:
    """"st etienne" → "saint etienne"; a last word still being typed ("st") is left alone."""
    mots = texte.split(" ")
    return " ".join([_SAINTS.get(m, m) for m in mots[:-1]] + mots[-1:])


# The referential does not change while the process runs (migrations load it): what a key or a typed
# text resolves to is kept, up to CACHE entries each, so that searches and the autocomplete do not ask
# the database again for the same lieux.
CACHE = 4096
_par_cle: dict[str, Lieu] = {}
_suggestions: dict[tuple[str, int], list[Lieu]] = {}


def _garder(cache: dict, cle: object, valeur: object) -> None:
    if len(cache) >= CACHE:
        cache.pop(next(iter(cache)))  # the oldest
    cache[cle] = valeur


async def chercher(q: str, limite: int = 10) -> list[Lieu]:
    """The lieux whose name, number or postcode starts with `q` (2 characters at least), broadest first."""
    cle = (q[:100], limite)
    if cle not in _suggestions:
        _garder(_suggestions, cle, await _chercher(q, limite))
    return list(_suggestions[cle])


async def _chercher(q: str, limite: int) -> list[Lieu]:
    texte = normaliser(q[:100])
    if len(texte) < 2 or limite < 1:
        return []
    numero = re.sub(r"\s", "", q).upper()
    if _NUMERO.fullmatch(numero):
        trouves: list[Lieu] = []
        if len(numero) <= 3:  # a département number first; "20" is Corsica's postcode prefix
            codes = ["2A", "2B"] if numero == "20" else [numero]
            trouves += await _departements(Departement.code.is_in(codes), limite)
        if numero.isdigit():
            communes = CodePostal.select(CodePostal.commune).where(_commence(CodePostal.code_postal, numero))
            trouves += await _communes(Commune.code.is_in(communes), limite)
        return trouves[:limite]
    texte = _saints(texte)
    trouves = [FRANCE] if "toute la france".startswith(texte) or "france".startswith(texte) else []
    trouves += await _regions(_commence(Region.nom_normalise, texte), limite)
    trouves += await _departements(_commence(Departement.nom_normalise, texte), limite)
    if len(trouves) < limite:
        trouves += await _communes(_commence(Commune.nom_normalise, texte), limite - len(trouves))
    return trouves[:limite]


def _uniques(cles: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(cles))


async def lieux(cles: list[str]) -> list[Lieu]:
    """The known lieux among `cles`, in their order, once each: one query per level, not per key."""
    cles = _uniques(c.strip() for c in cles if isinstance(c, str))[:MAX_CLES]
    codes: dict[str, list[str]] = {"region": [], "departement": [], "commune": []}
    for cle in cles:
        if m := _CLE.fullmatch(cle):
            codes[m[1]].append(m[2])
    trouves = [FRANCE] if "france" in cles else []
    if codes["region"]:
        trouves += await _regions(Region.code.is_in(codes["region"]), MAX_CLES)
    if codes["departement"]:
        trouves += await _departements(Departement.code.is_in(codes["departement"]), MAX_CLES)
    if codes["commune"]:
        trouves += await _communes(Commune.code.is_in(codes["commune"]), MAX_CLES)
    par_cle = {lieu.cle: lieu for lieu in trouves}
    return [par_cle[c] for c in cles if c in par_cle]


async def lieux_memorises(cles: list[str]) -> list[Lieu]:
    """lieux(), remembered per key: every search resolves the same keys again."""
    cles = _uniques(c.strip() for c in cles if isinstance(c, str))[:MAX_CLES]
    connus = {c: _par_cle[c] for c in cles if c in _par_cle}
    if manquantes := [c for c in cles if c not in connus]:
        for trouve in await lieux(manquantes):
            connus[trouve.cle] = trouve
            _garder(_par_cle, trouve.cle, trouve)
    return [connus[c] for c in cles if c in connus]


async def lieu(cle: str) -> Lieu | None:
    trouves = await lieux([cle])
    return trouves[0] if trouves else None


def _nom(libelle: str) -> str:
    """"Voiron (38500)" → "Voiron"."""
    return re.sub(r"\s*\([^)]*\)$", "", libelle)


async def _meilleur(texte: str) -> Lieu | None:
    """What free text most likely means: an exact name (or "Nom (code)") wins, else the first match."""
    voulu = normaliser(texte)
    m = _AVEC_CODE.fullmatch(texte)
    par_nom = await chercher(m[1] if m else texte)
    par_code = await chercher(m[2], limite=50) if m else []
    exacts = [x for x in par_code + par_nom if voulu in (normaliser(x.libelle), normaliser(_nom(x.libelle)))]
    return exacts[0] if exacts else next(iter(par_nom), None)


async def resoudre_saisie(cles: list[str], saisie: str) -> tuple[list[Lieu], str | None]:
    """The chosen lieux plus what the text box still holds (a form posted without JS), or an error."""
    choisis = await lieux_memorises(cles)
    texte = saisie.strip()[:100]
    if not texte:
        return choisis, None
    trouve = await _meilleur(texte)
    if trouve is None:
        return choisis, f"Aucun lieu ne correspond à « {texte} »."
    if trouve.cle in {x.cle for x in choisis}:
        return choisis, None
    return [*choisis, trouve], None
