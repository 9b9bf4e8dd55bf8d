"""Cotisations (SPEC_DEMARCHES §4): statuses, money in French, the doctor's years, the council's payments.

A status is read from the row and the day (never stored): "Payée le …" once the payments reach the amount,
"Transmise au recouvrement" once national staff sent it, "En retard" after the due date, else "À payer".
`condition` writes the same rule as a where-clause, for the council list over every médecin.
Decision: no card processing — a doctor pays by virement (with the reference), chèque or prélèvement, and the
council records the payment.
"""

from __future__ import annotations

import re
from datetime import date

from piccolo.columns.combination import WhereRaw

from tables import horloge
from tables.cotisations import AppelCotisation, Cotisation, Reglement, RelanceCotisation
from web.certification.retard import transaction  # one engine: on SQLite, the write lock first
from web.perimetre import peut_agir
from web.security import Utilisateur
from web.templating import date_fr

MODES = {"virement": "Virement", "cheque": "Chèque", "prelevement": "Prélèvement"}
STATUTS = {"a_payer": "À payer", "payee": "Payée", "en_retard": "En retard",
           "recouvrement": "Transmise au recouvrement"}
# Relances graduées (Decision on the steps): rank → (days after the due date, subject suffix).
RELANCES = {1: (15, "rappel"), 2: (45, "deuxième relance"), 3: (90, "dernière relance avant recouvrement")}
SUJET = "Ordre des médecins - "


class Refus(Exception):
    """An action the row's state forbids; the message is shown as is."""


def euros(cents: int) -> str:
    """12345 → "123,45 €", 133500 → "1 335,00 €" (plain spaces: what a search, a test or a reader types)."""
    entier, reste = divmod(abs(cents), 100)
    milliers = f"{entier:,}".replace(",", " ")
    return f"{'-' if cents < 0 else ''}{milliers},{reste:02d} €"


def lire_euros(texte: str) -> int | None:
    """"335", "335,5", "1 335,00 €", "335.00" → cents; None when it is not an amount."""
    brut = re.sub(r"[\s\u00a0\u202f€]", "", texte or "").replace(",", ".")
    m = re.fullmatch(r"(\d{1,7})(?:\.(\d{1,2}))?", brut)
    return int(m.group(1)) * 100 + int((m.group(2) or "0").ljust(2, "0")) if m else None


def reference(rpps: str, annee: int) -> str:
    """The reference the doctor writes on the virement or the chèque: RPPS-year."""
    return f"{rpps}-{annee}"


def sujet_appel(annee: int) -> str:
    return f"{SUJET}Appel de cotisation {annee}"


def sujet_relance(annee: int, rang: int) -> str:
    return f"{SUJET}Cotisation {annee} : {RELANCES[rang][1]}"


def statut(c: dict, jour: date) -> tuple[str, str]:
    """(code, label) of a cotisation row on `jour`."""
    if c["regle"] >= c["montant"]:
        return "payee", f"Payée le {date_fr(c['payee_le'])}"
    if c["recouvrement_le"]:
        return "recouvrement", STATUTS["recouvrement"]
    if jour > c["echeance"]:
        return "en_retard", STATUTS["en_retard"]
    return "a_payer", STATUTS["a_payer"]


def condition(code: str, jour: date) -> WhereRaw:
    """`statut(c, jour)[0] == code`, as a where-clause on cotisation."""
    du = "cotisation.regle < cotisation.montant"
    sql = {"payee": ("cotisation.regle >= cotisation.montant", 0),
           "recouvrement": (f"{du} AND cotisation.recouvrement_le IS NOT NULL", 0),
           "en_retard": (f"{du} AND cotisation.recouvrement_le IS NULL AND cotisation.echeance < {{}}", 1),
           "a_payer": (f"{du} AND cotisation.recouvrement_le IS NULL AND cotisation.echeance >= {{}}", 1)}[code]
    return WhereRaw(f"({sql[0]})", *[jour] * sql[1])


def enrichir(c: dict, jour: date) -> dict:
    """The row as the pages show it: status, amounts in French, what is left to pay."""
    code, libelle = statut(c, jour)
    return {**c, "statut": code, "libelle": libelle, "montant_fr": euros(c["montant"]),
            "resume": f"Cotisation {c['annee']} · {libelle} · échéance {date_fr(c['echeance'])}",
            "regle_fr": euros(c["regle"]), "reste_fr": euros(max(0, c["montant"] - c["regle"])),
            "partiel": 0 < c["regle"] < c["montant"]}


async def mes_cotisations(praticien_id: int | None) -> list[dict]:
    """The doctor's years, the newest first."""
    if praticien_id is None:
        return []
    jour = horloge.aujourdhui()
    rows = await Cotisation.select().where(Cotisation.praticien == praticien_id).order_by(
        Cotisation.annee, ascending=False)
    return [enrichir(c, jour) for c in rows]


async def en_cours(praticien_id: int | None) -> str:
    """Mon espace's line: "Cotisation 2027 · À payer · échéance 31/03/2027" ("" without any)."""
    return next((c["resume"] for c in await mes_cotisations(praticien_id)), "")


async def la_mienne(praticien_id: int | None, cotisation_id: int) -> dict | None:
    if praticien_id is None:
        return None
    return await Cotisation.select().where(
        (Cotisation.id == cotisation_id) & (Cotisation.praticien == praticien_id)).first()


LIGNE = (*Cotisation.all_columns(), Cotisation.praticien.nom.as_alias("nom"),
         Cotisation.praticien.prenom.as_alias("prenom"), Cotisation.praticien.rpps.as_alias("rpps"))


async def du_perimetre(user: Utilisateur, cotisation_id: int) -> dict:
    """A cotisation the user may act on, with its payments and reminders; LookupError (the 404) otherwise."""
    c = await Cotisation.select(*LIGNE).where(Cotisation.id == cotisation_id).first()
    if c is None or not peut_agir(user, c["departement"]):
        raise LookupError(cotisation_id)
    c = enrichir(c, horloge.aujourdhui())
    c["reglements"] = await Reglement.select().where(Reglement.cotisation == cotisation_id).order_by(Reglement.le)
    c["relances"] = await RelanceCotisation.select().where(
        RelanceCotisation.cotisation == cotisation_id).order_by(RelanceCotisation.rang)
    return c


async def enregistrer_reglement(user: Utilisateur, cotisation_id: int, le: date, montant: int, mode: str,
                                ref: str) -> dict:
    """"Enregistrer un règlement": payments add up; the one reaching the amount dates "Payée le"."""
    async with transaction():
        c = await du_perimetre(user, cotisation_id)
        if c["regle"] >= c["montant"]:
            raise Refus("Cette cotisation est déjà entièrement réglée.")
        await regler(c, le, montant, mode, ref, par=user.id)
    return await du_perimetre(user, cotisation_id)


async def regler(c: dict, le: date, montant: int, mode: str, ref: str, par: int | None = None) -> None:
    """Record one payment on row `c` (as read in the caller's transaction) and add it up."""
    await Reglement.insert(Reglement(cotisation=c["id"], le=le, montant=montant, mode=mode, reference=ref, par=par))
    apres = await Cotisation.update({Cotisation.regle: Cotisation.regle + montant}).where(
        Cotisation.id == c["id"]).returning(Cotisation.regle, Cotisation.montant)  # two at once: both count
    if apres[0]["regle"] >= apres[0]["montant"]:
        await Cotisation.update({Cotisation.payee_le: le}).where(Cotisation.id == c["id"])


async def transmettre(user: Utilisateur, cotisation_id: int) -> dict:
    """National "Transmettre au recouvrement": after the last reminder, while something is left to pay."""
    async with transaction():
        c = await du_perimetre(user, cotisation_id)
        if c["statut"] == "payee":
            raise Refus("Cette cotisation est réglée : rien à recouvrer.")
        if c["recouvrement_le"]:
            raise Refus("Cette cotisation est déjà transmise au recouvrement.")
        if not any(r["rang"] == 3 for r in c["relances"]):
            raise Refus("La dernière relance avant recouvrement n'a pas encore été envoyée.")
        await Cotisation.update({Cotisation.recouvrement_le: horloge.aujourdhui()}).where(
            Cotisation.id == cotisation_id)
    return await du_perimetre(user, cotisation_id)


async def appels() -> list[dict]:
    return await AppelCotisation.select().order_by(AppelCotisation.annee, ascending=False)


async def fixer_appel(annee: int, montant: int, echeance: date) -> None:
    """National sets (or corrects, before it is issued) the year's call."""
    existant = await AppelCotisation.select().where(AppelCotisation.annee == annee).first()
    if existant and existant["emis_le"]:
        raise Refus(f"L'appel de cotisation {annee} est déjà émis : il ne peut plus être modifié.")
    if existant:
        await AppelCotisation.update({AppelCotisation.montant: montant, AppelCotisation.echeance: echeance}).where(
            AppelCotisation.annee == annee)
    else:
        await AppelCotisation.insert(AppelCotisation(annee=annee, montant=montant, echeance=echeance))
