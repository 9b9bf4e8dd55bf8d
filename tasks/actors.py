"""Dramatiq actors. Importing tasks.broker first binds them to the configured broker.

This is the job half of the notification edge: each scheduled job runs through `executer()`, which
relays once at the end what its transactions recorded (tasks/relais.py); the web half is web/relais.py.
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine, Iterable
from typing import Any

import dramatiq

from tasks import outbox, relais
from tasks.broker import run_async
from web import limites
from web.alertes import rules as alertes
from web.annonces import echeances
from web.certification import conservation, controles, retard
from web.cotisations import envois as cotisations
from web.demarches import brouillons, digest, entretien
from web.demarches import echeances as echeances_demarches
from web.fichiers import depots
from web.fichiers.usages import USAGES
from web.horloge.rules import avec_horloge
from web.sessions import DatabaseStore

log = logging.getLogger("monespace.relais")


@dramatiq.actor(max_retries=8, min_backoff=5_000, max_backoff=600_000, queue_name="notifications")
def envoyer_notification(notification_id: int) -> None:
    run_async(outbox.envoyer(notification_id))


@dramatiq.actor(max_retries=3, queue_name="planifie")
def alertes_recherches(frequence: str) -> None:
    """Record what matches the saved searches, then mail the alerts of that frequency."""
    executer(alertes.detecter())
    executer(alertes.envoyer(frequence))


def relayer(notifications: Iterable[int], alertes_immediates: bool = False) -> None:
    """Hand rows to the broker; if it is down, the periodic sweep (or the 5-minute alert job) does it."""
    for nid in notifications:
        try:
            envoyer_notification.send(nid)
        except Exception:  # noqa: BLE001 - broker down: the sweep relays it later
            log.warning("notification %s gardée pour le prochain relais", nid)
    if alertes_immediates:
        try:
            alertes_recherches.send("immediate")
        except Exception:  # noqa: BLE001 - broker down: the periodic job will find it
            log.warning("alertes remises au prochain passage")


def relayer_collecte(collecte: relais.Collecte) -> None:
    relayer(collecte.notifications, collecte.alertes)


def executer(job: Coroutine[Any, Any, Any]) -> Any:
    """Run a job's coroutine, then relay once what it recorded (even if it failed midway: what committed)."""
    collecte = relais.Collecte()
    try:
        return run_async(relais.dans(collecte, avec_horloge(job)))
    finally:
        relayer_collecte(collecte)


@dramatiq.actor(max_retries=0, queue_name="planifie")
def relayer_en_attente() -> None:
    """The sweep: relay whatever is still unsent (broker was down, worker died mid-send)."""
    relayer(run_async(outbox.en_attente()))


@dramatiq.actor(max_retries=0, queue_name="planifie")
def purger_sessions() -> None:
    """Expired sessions, and rate-limit rows older than any window."""
    executer(DatabaseStore().purge())
    executer(limites.purger())


@dramatiq.actor(max_retries=3, queue_name="planifie")
def expirer_annonces() -> None:
    """Dépublie annonces past their fin de publication (and notifies their authors)."""
    executer(echeances.expirer())


@dramatiq.actor(max_retries=3, queue_name="planifie")
def rappeler_fins_proches() -> None:
    executer(echeances.rappeler())


@dramatiq.actor(max_retries=3, queue_name="planifie")
def rappeler_entretiens() -> None:
    executer(entretien.rappeler())


@dramatiq.actor(max_retries=3, queue_name="planifie")
def digest_conseils() -> None:
    executer(echeances.digest())


@dramatiq.actor(max_retries=3, queue_name="planifie")
def digest_demarches() -> None:
    executer(digest.digest())


@dramatiq.actor(max_retries=3, queue_name="planifie")
def expirer_delais() -> None:
    """Implicit rejections acquired overnight (inscription, L.4112-4), each recorded and told once."""
    executer(echeances_demarches.expirer())


@dramatiq.actor(max_retries=3, queue_name="planifie")
def purger_annonces() -> None:
    """RGPD retention of annonces and their photos (12 months after their end)."""
    executer(echeances.purger())


@dramatiq.actor(max_retries=3, queue_name="planifie")
def purger_fichiers() -> None:
    """Staged uploads past their expiry, and stored files no row references (web/fichiers/depots.py)."""
    executer(depots.purger(USAGES))


@dramatiq.actor(max_retries=3, queue_name="planifie")
def relancer_brouillons() -> None:
    """E13 to drafts left aside, then the purge of those untouched for 12 months (web/demarches/brouillons.py)."""
    executer(brouillons.relancer())
    executer(brouillons.purger())


@dramatiq.actor(max_retries=3, queue_name="planifie")
def alerter_certification() -> None:
    """The certification périodique's point d'étape to doctors late at 3 years, then each year (once each)."""
    executer(retard.alerter_en_retard())


@dramatiq.actor(max_retries=3, queue_name="planifie")
def ouvrir_controles() -> None:
    """A control dossier for each certification period that ended (web/certification/controles.py)."""
    executer(controles.ouvrir_controles())


@dramatiq.actor(max_retries=3, queue_name="planifie")
def purger_certification() -> None:
    """RGPD retention: actions and proofs of controls closed long enough (web/certification/conservation.py)."""
    executer(conservation.purger())


@dramatiq.actor(max_retries=3, queue_name="planifie")
def cotisations_quotidiennes() -> None:
    """Cotisations: the year's call on 01/01, then the graduated reminders, each once (web/cotisations/envois.py)."""
    executer(cotisations.quotidien())
