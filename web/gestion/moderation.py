"""Accepting and refusing annonces (SPEC §4), always through `statuts.appliquer`.

Every action carries the version the gestionnaire saw: `statuts` turns a stale one into `Conflit`,
so two gestionnaires acting at once never both win. The perimeter is the one rule of `web.perimetre`,
checked by the machine whatever the request says; the buttons shown are the actions the table allows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tables.annonces import AnnonceEvenement
from web.annonces import rules, statuts
from web.annonces.vocabulaire import STATUTS
from web.perimetre import peut_agir
from web.security import Utilisateur

MOTIF_PAR_DEFAUT = ("Votre annonce ne respecte pas les règles de publication. Nous vous invitons à en prendre "
                    "connaissance et à modifier le contenu")
MOTIF_MAX = 2000
RAISONS = {statuts.Conflit: "traitée entre-temps par un autre gestionnaire", PermissionError: "hors de votre périmètre",
           statuts.ActionRefusee: "n'est plus en attente", LookupError: "introuvable"}


async def fiche(numero: int, user: Utilisateur) -> dict:
    """The annonce as the panel shows it, with what this user may do; drafts and deleted ones are not found."""
    annonce = await rules.charger(numero)
    if annonce is None or annonce["statut"] == "brouillon":
        raise LookupError(numero)
    annonce["peut_agir"] = peut_agir(user, annonce["departement"])
    annonce["actions"] = statuts.actions(annonce, user)
    return annonce


async def historique(numero: int) -> list[dict]:
    """Every event of the annonce, newest first, with the label of the status it led to."""
    evenements = await AnnonceEvenement.select(
        AnnonceEvenement.acteur_libelle, AnnonceEvenement.le, AnnonceEvenement.action, AnnonceEvenement.vers,
        AnnonceEvenement.motif,
    ).where(AnnonceEvenement.annonce == numero).order_by(AnnonceEvenement.le, ascending=False).order_by(
        AnnonceEvenement.id, ascending=False)
    for e in evenements:
        e["libelle"] = "Supprimée" if e["action"] == "supprimer" else STATUTS.get(e["vers"], e["vers"])
    return evenements


def verifier_motif(motif: str) -> str | None:
    """The French error for a refusal explanation, or None."""
    if not motif.strip():
        return "Saisissez l'explication du refus : elle est affichée au médecin sur son annonce."
    if len(motif) > MOTIF_MAX:
        return f"L'explication du refus compte {MOTIF_MAX} caractères au plus."
    return None


async def accepter(numero: int, user: Utilisateur, version: int) -> statuts.Resultat:
    """Publish at once; `statuts` keeps the accepted content's hash (read in its transaction), so that an
    unchanged republication later skips moderation."""
    return await statuts.appliquer(numero, "accepter", user, version=version)


async def refuser(numero: int, user: Utilisateur, version: int, motif: str, ensuite=None) -> statuts.Resultat:
    """Refuse with the version the gestionnaire saw and a checked explanation (the dashboard's panel and
    Signalements alike); `ensuite` adds the caller's writes to the same transaction."""
    if erreur := verifier_motif(motif):
        raise MotifInvalide(erreur)
    return await statuts.appliquer(numero, "refuser", user, version=version, motif=motif.strip(), ensuite=ensuite)


class MotifInvalide(ValueError):
    """The refusal's explanation is missing or too long: the French message is shown by the field."""


@dataclass
class Bilan:
    publiees: list[int] = field(default_factory=list)
    ignorees: list[tuple[int, str]] = field(default_factory=list)  # (numéro, raison)


async def accepter_lot(user: Utilisateur, demandes: list[tuple[int, int]]) -> Bilan:
    """Accept each (numéro, version) in its own transaction: one event and one e-mail each; the saved
    searches' alerts leave once for the whole batch, at the end of the request (tasks/relais)."""
    bilan = Bilan()
    for numero, version in demandes:  # at most LOT_MAX: instruction.lire_lot
        try:
            await accepter(numero, user, version)
        except tuple(RAISONS) as exc:
            bilan.ignorees.append((numero, next(r for t, r in RAISONS.items() if isinstance(exc, t))))
        else:
            bilan.publiees.append(numero)
    return bilan
