"""Lieux: all of France, régions, départements and communes, found by prefix and named by a stable key.

An annonce matches a search when one of its lieux and one searched lieu overlap, that is when one
contains the other (Andrésy ⊂ Yvelines ⊂ Île-de-France ⊂ France). Each Lieu therefore carries its
whole hierarchy, so containment is a comparison of codes, in Python here and in SQL elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tables.reference.texte import normaliser
from tables.sql import fetch

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


def _commence(colonne: str, prefixe: str) -> tuple[str, list]:
    """`colonne` starts with `prefixe`, as a range a plain b-tree index serves (byte order: see m0003)."""
    return f"{colonne} >= {{}} AND {colonne} < {{}}", [prefixe, prefixe[:-1] + chr(ord(prefixe[-1]) + 1)]


def _dans(colonne: str, codes: list[str]) -> tuple[str, list]:
    return f"{colonne} IN ({', '.join('{}' for _ in codes)})", list(codes)


# One statement whatever the levels asked. Each level's part is numbered in its own order (by name, by
# number, most populated first) and cut to the limit; only then are the labels built, communes with their
# first postcode as people know them (one lookup per lieu shown, not per commune matching "sa"; GROUP BY
# keeps PostgreSQL from reading min() off the postcode index, scanning it for the commune).
_COLONNES = ("rang", "n", "type", "code", "nom", "region", "departement", "commune", "arrondissement")
_NIVEAUX_SQL = {niveau: (
    "SELECT rang, n, type, code, " + libelle + " AS libelle, region, departement, commune, arrondissement FROM ("
    "SELECT " + ", ".join(f"{expr} AS {nom}" for expr, nom in zip(exprs, _COLONNES, strict=True))
    + f" FROM {source} WHERE {{}}) p WHERE n <= {{}}") for niveau, source, exprs, libelle in (
    ("region", "region r", ("0", "ROW_NUMBER() OVER (ORDER BY r.nom_normalise)", "'region'", "r.code", "r.nom",
                            "r.code", "NULL", "NULL", "NULL"), "nom"),
    ("departement", "departement d", ("1", "ROW_NUMBER() OVER (ORDER BY d.code)", "'departement'", "d.code",
                                      "d.nom", "d.region", "d.code", "NULL", "NULL"), "nom || ' (' || code || ')'"),
    ("commune", "commune c JOIN departement dc ON dc.code = c.departement", (
        "2", "ROW_NUMBER() OVER (ORDER BY c.population DESC, c.code)", "'commune'", "c.code", "c.nom", "dc.region",
        "c.departement", "coalesce(c.parent, c.code)", "CASE WHEN c.parent IS NOT NULL THEN c.code END"),
     "nom || coalesce(' (' || (SELECT min(cp.code_postal) FROM code_postal cp WHERE cp.commune = p.code "
     "GROUP BY cp.commune) || ')', '')"),
)}


async def _trouver(parties: list[tuple[str, str, list]], limite: int) -> list[Lieu]:
    """(level, condition, args) parts: at most `limite` lieux each, régions first, then départements, then
    communes, each in its own order."""
    if not parties:
        return []
    sql = " UNION ALL ".join(_NIVEAUX_SQL[niveau].format(cond, "{}") for niveau, cond, _ in parties)
    rows = await fetch(sql, *[v for _, _, args in parties for v in (*args, limite)])
    rows.sort(key=lambda r: (r["rang"], r["n"]))
    return [Lieu(f"{r['type']}:{r['code']}", r["type"], r["libelle"], region=r["region"],
                 departement=r["departement"], commune=r["commune"], arrondissement=r["arrondissement"])
            for r in rows]


def _saints(texte: str) -> str:
    """"st etienne" → "saint etienne"; a last word still being typed ("st") is left alone."""
    mots = texte.split(" ")
    return " ".join([_SAINTS.get(m, m) for m in mots[:-1]] + mots[-1:])


# The referential does not change while the process runs (migrations load it): what a key or a typed
# text resolves to is kept, up to CACHE entries each, so that searches and the autocomplete do not ask
# the database again for the same lieux.
# Measured (bench/lisibilite.py): a suggestion 0.6 µs from here, 7.7–16.8 ms from the database; 3 keys 1.9 µs, 4.1 ms.
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
    parties = []
    if _NUMERO.fullmatch(numero):
        if len(numero) <= 3:  # a département number first; "20" is Corsica's postcode prefix
            parties.append(("departement", *_dans("d.code", ["2A", "2B"] if numero == "20" else [numero])))
        if numero.isdigit():
            cond, args = _commence("code_postal", numero)
            parties.append(("commune", f"c.code IN (SELECT commune FROM code_postal WHERE {cond})", args))
        return (await _trouver(parties, limite))[:limite]
    texte = _saints(texte)
    trouves = [FRANCE] if "toute la france".startswith(texte) or "france".startswith(texte) else []
    parties = [(niveau, *_commence(f"{alias}.nom_normalise", texte))
               for niveau, alias in (("region", "r"), ("departement", "d"), ("commune", "c"))]
    return (trouves + await _trouver(parties, limite))[:limite]


def _uniques(cles: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(cles))


async def lieux(cles: list[str]) -> list[Lieu]:
    """The known lieux among `cles`, in their order, once each: one query per level, not per key."""
    cles = _uniques(c.strip() for c in cles if isinstance(c, str))[:MAX_CLES]
    codes: dict[str, list[str]] = {"region": [], "departement": [], "commune": []}
    for cle in cles:
        if m := _CLE.fullmatch(cle):
            codes[m[1]].append(m[2])
    alias = {"region": "r", "departement": "d", "commune": "c"}
    trouves = [FRANCE] if "france" in cles else []
    trouves += await _trouver([(niveau, *_dans(f"{alias[niveau]}.code", liste))
                               for niveau, liste in codes.items() if liste], MAX_CLES)
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
