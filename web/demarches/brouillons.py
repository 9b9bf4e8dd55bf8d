"""Drafts left aside (SPEC_DEMARCHES §1, §2.5): E13 "demande non transmise" after 7 idle days and 30 days
before the purge, then the purge of drafts untouched for 12 months (Decision), as one daily job.

Each e-mail goes once per idle period: its outbox key is the dossier and its last change, so a job run
twice (or two workers at once) records nothing more, and a draft taken up again can be reminded again.
The number of a purged draft is never given again (the yearly sequence only moves forward).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from tables import horloge
from tables.demarches import Dossier, DossierEvenement
from tables.documents import DocumentEmis
from web.demarches.courriels import notifier
from web.demarches.delais import ajouter_mois

INACTIF = timedelta(days=7)
CONSERVATION_MOIS = 12
PREAVIS = timedelta(days=30)


def purge_le(d: dict) -> date:
    """The day a draft untouched since `maj_le` is deleted."""
    return ajouter_mois(d["maj_le"].astimezone(horloge.PARIS).date(), CONSERVATION_MOIS)


async def _brouillons(avant: date) -> list[dict]:
    """The drafts last changed before the day `avant` (Paris time)."""
    debut = datetime.combine(avant, time(), horloge.PARIS)
    return await Dossier.select().where((Dossier.statut == "brouillon") & (Dossier.maj_le < debut)).order_by(
        Dossier.id)


async def relancer() -> int:
    """E13 to each draft idle 7 days (or within 30 days of its purge); returns how many were recorded."""
    aujourdhui, envoyes = horloge.aujourdhui(), 0
    for d in await _brouillons(aujourdhui - INACTIF + timedelta(days=1)):
        purge = purge_le(d)
        if purge <= aujourdhui:
            continue  # the purge's, not a reminder's
        nature = "brouillon_a_purger" if aujourdhui >= purge - PREAVIS else "brouillon_inactif"
        cle = f"{nature}.{d['id']}.{d['maj_le']:%Y%m%d%H%M%S%f}"
        async with Dossier._meta.db.transaction():
            if await notifier(nature, {**d, "purge_le": purge}, cle=cle):
                envoyes += 1
    return envoyes


async def purger() -> int:
    """Delete the drafts whose purge day has come, with their history."""
    aujourdhui = horloge.aujourdhui()
    ids = [d["id"] for d in await _brouillons(ajouter_mois(aujourdhui, -CONSERVATION_MOIS) + timedelta(days=1))
           if purge_le(d) <= aujourdhui]
    if ids:
        async with Dossier._meta.db.transaction():
            for table in (DossierEvenement, DocumentEmis):
                await table.delete().where(table.dossier.is_in(ids))
            await Dossier.delete().where(Dossier.id.is_in(ids) & (Dossier.statut == "brouillon"))
    return len(ids)
