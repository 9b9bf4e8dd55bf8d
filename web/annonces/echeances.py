"""Scheduled work on annonces (SPEC §5): end-of-publication sweep, J-7 reminders, the councils' digest.

Each job is idempotent: the sweep only moves annonces still published past their end, and the
e-mails carry a key (annonce and date, council and day) that the outbox records once.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta

from tables import horloge
from tables.alertes import AlerteRecherche, MessageContact, Signalement
from tables.annonces import Annonce, AnnonceEvenement, AnnonceLieu, AnnoncePeriode, AnnoncePhoto
from tables.comptes import Compte
from tables.referentiel import Conseil
from web.annonces import statuts
from web.coordonnees.rules import email_ordre
from web.fichiers import depots
from web.fichiers.usages import PHOTOS_ANNONCE
from web.mails import mail

log = logging.getLogger("monespace.echeances")
RAPPEL_JOURS = 7


async def expirer(aujourdhui: date | None = None) -> int:
    """Dépublie every published annonce whose fin de publication is past; returns how many."""
    aujourdhui = aujourdhui or horloge.aujourdhui()
    rows = await Annonce.select(Annonce.id).where(
        (Annonce.statut == "publiee") & (Annonce.fin_publication < aujourdhui) & Annonce.supprimee_le.is_null())
    faites = 0
    for row in rows:
        try:
            await statuts.appliquer(row["id"], "expirer", None)
            faites += 1
        except (statuts.Conflit, statuts.ActionRefusee, LookupError):
            continue  # changed meanwhile (edited, deleted): nothing to do
    return faites


async def rappeler(aujourdhui: date | None = None) -> int:
    """Mail each author whose published annonce ends in 7 days, once per (annonce, fin de publication)."""
    aujourdhui = aujourdhui or horloge.aujourdhui()
    echeance = aujourdhui + timedelta(days=RAPPEL_JOURS)
    rows = await Annonce.select().where((Annonce.statut == "publiee") & (Annonce.fin_publication == echeance)
                                        & Annonce.supprimee_le.is_null())
    ids = []
    for annonce in rows:
        destinataire = await email_ordre(annonce["auteur"])
        if not destinataire:
            continue
        ids.append(await mail(
            "annonce_fin_proche", destinataire=destinataire, compte_id=annonce["compte"], inbox=True,
            lien=f"/annonces/gerer#annonce-{annonce['id']}", cle=f"{annonce['id']}.{echeance.isoformat()}",
            fil=("annonce", annonce["id"]),
            sujet=f"Ordre des médecins - Annonce n°{annonce['id']} : fin de publication proche", annonce=annonce))
    return len([i for i in ids if i])


async def digest(aujourdhui: date | None = None) -> int:
    """One "Annonces en attente de publication" e-mail per gestionnaire of each council with pending ones."""
    aujourdhui = aujourdhui or horloge.aujourdhui()
    attente = await Annonce.raw(
        "SELECT departement, COUNT(*) AS n FROM annonce WHERE statut = 'en_attente' AND supprimee_le IS NULL "
        "GROUP BY departement")
    ids = []
    for row in attente:
        conseil = await Conseil.select(Conseil.code).where(Conseil.departement == row["departement"]).first()
        if conseil is None:
            continue
        gestionnaires = await Compte.select(Compte.id, Compte.identifiant).where(
            (Compte.conseil == conseil["code"]) & (Compte.role == "gestionnaire") & (Compte.actif == True))  # noqa: E712
        for g in gestionnaires:
            ids.append(await mail("digest", destinataire=g["identifiant"], compte_id=g["id"],
                                  sujet="Annonces en attente de publication", nombre=row["n"],
                                  cle=f"{conseil['code']}.{g['id']}.{aujourdhui.isoformat()}"))
    return len([i for i in ids if i])


CONSERVATION = timedelta(days=365)


async def purger(aujourdhui: date | None = None) -> int:
    """RGPD retention: annonces (and their photos) whose end passed 12 months ago are deleted for good;
    deleted-by-author ones too, 12 months after deletion. Their event trail goes with them."""
    limite = (aujourdhui or horloge.aujourdhui()) - CONSERVATION
    rows = await Annonce.select(Annonce.id).where(
        (Annonce.fin_publication < limite) | (Annonce.supprimee_le < datetime.combine(limite, time(), UTC)))
    ids = [r["id"] for r in rows]
    if not ids:
        return 0
    async with Annonce._meta.db.transaction():
        fichiers = await AnnoncePhoto.delete().where(AnnoncePhoto.annonce.is_in(ids)).returning(AnnoncePhoto.fichier)
        for table in (AnnonceLieu, AnnoncePeriode, AnnonceEvenement, AlerteRecherche, MessageContact, Signalement):
            await table.delete().where(table.annonce.is_in(ids))
        await Annonce.delete().where(Annonce.id.is_in(ids))
    await depots.supprimer(PHOTOS_ANNONCE, [f["fichier"] for f in fichiers])
    return len(ids)
