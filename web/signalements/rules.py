"""Signaler une annonce: a doctor's report reaches the author's council, which dismisses it or refuses
the annonce through the dashboard's own refusal (version seen, checked explanation), so the author gets
the motif, the history keeps it, and a refusal that fails leaves the report open."""

from __future__ import annotations

from piccolo.query.methods.count import Count

from tables import horloge
from tables.alertes import Signalement
from tables.annonces import Annonce
from web.gestion import moderation
from web.perimetre import dans_perimetre, peut_agir
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
        Signalement.annonce.departement.as_alias("departement"),
    ).where(Signalement.traite_le.is_null() & dans_perimetre(user, Signalement.annonce.departement)).order_by(
        Signalement.cree_le)


def ouverts(user: Utilisateur) -> Count:
    """The open reports in the user's perimeter, as a count query (the dashboard runs it with its own)."""
    return Signalement.count().where(
        Signalement.traite_le.is_null() & dans_perimetre(user, Signalement.annonce.departement))


async def traiter(user: Utilisateur, signalement_id: int, decision: str, motif_refus: str = "",
                  version: int = -1) -> None:
    """Dismiss the report, or refuse its annonce (at the `version` the gestionnaire saw); a refusal then
    closes every open report on that annonce, in the refusal's transaction."""
    row = await Signalement.select(Signalement.annonce, Signalement.traite_le,
                                   Signalement.annonce.departement.as_alias("dep")).where(
        Signalement.id == signalement_id).first()
    if row is None:
        raise LookupError(signalement_id)
    if not peut_agir(user, row["dep"]):
        raise PermissionError(signalement_id)
    if row["traite_le"] is not None:
        raise DejaTraite(signalement_id)

    async def clore(_resultat=None) -> None:
        cibles = Signalement.id == signalement_id
        if decision == "refuse":
            cibles = (Signalement.annonce == row["annonce"]) & Signalement.traite_le.is_null()
        done = await Signalement.update({Signalement.traite_le: horloge.maintenant(), Signalement.traite_par: user.id,
                                         Signalement.decision: decision}).where(
            cibles & Signalement.traite_le.is_null()).returning(Signalement.id)
        if not done:
            raise DejaTraite(signalement_id)

    if decision == "refuse":
        await moderation.refuser(row["annonce"], user, version, motif_refus, ensuite=clore)
        return
    async with Annonce._meta.db.transaction():
        await clore()
