"""Recherches enregistrées and their alerts: matched by the very search of Trouver (one implementation).

A job records each (search, annonce) once (a unique index), then mails new ones at once or in one
daily summary; the row is marked sent in the same transaction as the e-mail enters the outbox.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode

from litestar.datastructures import MultiDict

from tables import horloge
from tables.alertes import AlerteRecherche, RechercheEnregistree
from tables.annonces import Annonce
from web.annonces.recherche import criteres_depuis, ids_correspondants
from web.coordonnees.rules import email_ordre
from web.forms import TropDeValeurs, une_ligne
from web.mails import mail

log = logging.getLogger("monespace.alertes")

FREQUENCES = {"immediate": "Dès la publication", "quotidienne": "Un résumé quotidien"}
FENETRE = timedelta(days=3)  # how far back a new search, or a job that was down, looks
CHAMPS_REQUETE = ("categorie", "cote", "specialite", "lieux", "du", "au")


def requete_propre(query: str) -> str:
    """Keep only the search criteria of a query string (no page, no free text)."""
    return urlencode([(k, v) for k, v in parse_qsl(query) if k in CHAMPS_REQUETE and v])


async def enregistrer(compte_id: int, nom: str, query: str, frequence: str) -> int:
    rows = await RechercheEnregistree.insert(RechercheEnregistree(
        compte=compte_id, nom=nom, requete=requete_propre(query), jeton=secrets.token_urlsafe(32),
        frequence=frequence if frequence in FREQUENCES else "immediate")).returning(RechercheEnregistree.id)
    return rows[0]["id"]


async def mes_recherches(compte_id: int) -> list[dict]:
    return await RechercheEnregistree.select().where(RechercheEnregistree.compte == compte_id).order_by(
        RechercheEnregistree.cree_le, ascending=False)


async def modifier(compte_id: int, recherche_id: int, nom: str, frequence: str, actif: bool) -> bool:
    rows = await RechercheEnregistree.update({
        RechercheEnregistree.nom: nom, RechercheEnregistree.actif: actif,
        RechercheEnregistree.frequence: frequence if frequence in FREQUENCES else "immediate",
    }).where((RechercheEnregistree.id == recherche_id) & (RechercheEnregistree.compte == compte_id)
             ).returning(RechercheEnregistree.id)
    return bool(rows)


async def supprimer(compte_id: int, recherche_id: int) -> bool:
    async with RechercheEnregistree._meta.db.transaction():
        owned = await RechercheEnregistree.exists().where(
            (RechercheEnregistree.id == recherche_id) & (RechercheEnregistree.compte == compte_id))
        if owned:
            await AlerteRecherche.delete().where(AlerteRecherche.recherche == recherche_id)
            await RechercheEnregistree.delete().where(RechercheEnregistree.id == recherche_id)
    return owned


async def desabonner(jeton: str) -> dict | None:
    rows = await RechercheEnregistree.update({RechercheEnregistree.actif: False}).where(
        RechercheEnregistree.jeton == jeton).returning(RechercheEnregistree.nom)
    return rows[0] if rows else None


async def detecter(maintenant: datetime | None = None) -> int:
    """Record the newly published annonces matching each active saved search; returns how many."""
    maintenant = maintenant or horloge.maintenant()
    nouveaux = 0
    for r in await RechercheEnregistree.select().where(RechercheEnregistree.actif == True):  # noqa: E712
        try:
            criteres = (await criteres_depuis(MultiDict(parse_qsl(r["requete"]))))[0]
        except TropDeValeurs:  # saved before lists were capped: Trouver refuses it too
            log.warning("recherche %s ignorée : trop de valeurs", r["id"])
            continue
        criteres.publiees_depuis = max(r["cree_le"], maintenant - FENETRE)
        ids = await ids_correspondants(criteres, maintenant.date())
        if ids:
            deja = {a["annonce"] for a in await AlerteRecherche.select(AlerteRecherche.annonce).where(
                (AlerteRecherche.recherche == r["id"]) & AlerteRecherche.annonce.is_in(ids))}
            neufs = [AlerteRecherche(recherche=r["id"], annonce=i) for i in ids if i not in deja]
            if neufs:
                await AlerteRecherche.insert(*neufs).on_conflict(action="DO NOTHING")
                nouveaux += len(neufs)
    return nouveaux


async def envoyer(frequence: str) -> int:
    """Mail what is recorded and unsent for searches of this frequency: one e-mail per search."""
    ids = []
    recherches = await RechercheEnregistree.select(
        *RechercheEnregistree.all_columns(), RechercheEnregistree.compte.praticien.as_alias("praticien")).where(
        (RechercheEnregistree.actif == True) & (RechercheEnregistree.frequence == frequence))  # noqa: E712
    for r in recherches:
        try:
            ids.append(await _envoyer_une(r))
        except Exception:  # one search whose e-mail cannot be made must not hold back the others' alerts
            log.exception("alerte de la recherche %s non envoyée", r["id"])
    return len([i for i in ids if i])


async def _envoyer_une(r: dict) -> int | None:
    """One search's unsent alerts marked sent, in the transaction that records their e-mail."""
    async with AlerteRecherche._meta.db.transaction():
        alertes = await AlerteRecherche.update({AlerteRecherche.envoyee_le: horloge.maintenant()}).where(
            (AlerteRecherche.recherche == r["id"]) & AlerteRecherche.envoyee_le.is_null()
        ).returning(AlerteRecherche.annonce)
        destinataire = await email_ordre(r["praticien"]) if alertes else None
        if not destinataire:
            return None
        annonces = await Annonce.select(Annonce.id, Annonce.titre).where(
            Annonce.id.is_in([a["annonce"] for a in alertes])).order_by(Annonce.id)
        # A name saved before names were kept to one line must not break the subject either.
        return await mail("alerte_recherche", destinataire=destinataire, compte_id=r["compte"], inbox=True,
                          lien=f"/annonces?{r['requete']}", recherche=r, annonces=annonces,
                          fil=("recherche", r["id"]),
                          sujet=f"Ordre des médecins - Nouvelles annonces pour « {une_ligne(r['nom'])} »")
