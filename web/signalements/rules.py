"""Signaler une annonce: a doctor's report reaches the author's council, which dismisses it or refuses
the annonce (through the transition table, so the author gets the motif and the history keeps it)."""

from __future__ import annotations

from piccolo.query.methods.count import Count

from tables import horloge
from tables.alertes import Signalement
from tables.annonces import Annonce
from tasks.outbox import relayer
from web.annonces import statuts
from web.gestion.perimetre import dans_perimetre
from web.security import Utilisateur


class DejaTraite(Exception):
    """Another gestionnaire handled this report first."""


MOTIFS = {
    "poste_pourvu": "Poste pourvu",
    "doublon": "Doublon",
    "contenu_inapproprie": "Contenu inapproprié",
    "mauvaise_categorie": "Mauvaise catégorie",
    "autre": "Autre",
}


def peut_signaler(user: Utilisateur, annonce: dict) -> bool:
    """Anyone who reads an annonce may report it, but its author."""
    return annonce["auteur"] != user.praticien


async def deja_signale(user: Utilisateur, annonce_id: int) -> bool:
    return await Signalement.exists().where((Signalement.annonce == annonce_id) & (Signalement.auteur == user.id))


async def signaler(user: Utilisateur, annonce_id: int, motif: str, commentaire: str) -> bool:
    """Record the report; False if this doctor already reported this annonce (one each, a unique index: m0040)."""
    rows = await Signalement.insert(Signalement(annonce=annonce_id, auteur=user.id, motif=motif,
                                                commentaire=commentaire[:1000])
                                    ).on_conflict(action="DO NOTHING").returning(Signalement.id)
    return bool(rows)


async def a_traiter(user: Utilisateur) -> list[dict]:
    """Open reports on annonces of the user's perimeter, oldest first."""
    return await Signalement.select(
        *Signalement.all_columns(), Signalement.annonce.titre.as_alias("titre"),
        Signalement.annonce.statut.as_alias("statut"), Signalement.annonce.version.as_alias("version"),
    ).where(Signalement.traite_le.is_null() & dans_perimetre(user, Signalement.annonce.departement)).order_by(
        Signalement.cree_le)


def ouverts(user: Utilisateur) -> Count:
    """The open reports in the user's perimeter, as a count query (the dashboard runs it with its own)."""
    return Signalement.count().where(
        Signalement.traite_le.is_null() & dans_perimetre(user, Signalement.annonce.departement))


async def traiter(user: Utilisateur, signalement_id: int, decision: str, motif_refus: str = "") -> None:
    """Dismiss the report, or refuse its annonce; every open report on that annonce is then closed."""
    row = await Signalement.select(Signalement.annonce, Signalement.traite_le,
                                   Signalement.annonce.departement.as_alias("dep")).where(
        Signalement.id == signalement_id).first()
    if row is None:
        raise LookupError(signalement_id)
    if not (user.role == "national" or (user.role == "gestionnaire" and user.departement == row["dep"])):
        raise PermissionError(signalement_id)
    if row["traite_le"] is not None:
        raise DejaTraite(signalement_id)
    async with Annonce._meta.db.transaction():
        cibles = Signalement.id == signalement_id
        if decision == "refuse":
            resultat = await statuts.transition(row["annonce"], "refuser", user, motif=motif_refus)
            cibles = (Signalement.annonce == row["annonce"]) & Signalement.traite_le.is_null()
        done = await Signalement.update({Signalement.traite_le: horloge.maintenant(), Signalement.traite_par: user.id,
                                         Signalement.decision: decision}).where(
            cibles & Signalement.traite_le.is_null()).returning(Signalement.id)
        if not done:
            raise DejaTraite(signalement_id)
    if decision == "refuse" and resultat.notification:
        relayer([resultat.notification])
