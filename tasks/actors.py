"""Dramatiq actors. Importing tasks.broker first binds them to the configured broker."""

from __future__ import annotations

import dramatiq

from tasks import outbox
from tasks.broker import run_async


@dramatiq.actor(max_retries=8, min_backoff=5_000, max_backoff=600_000, queue_name="notifications")
def envoyer_notification(notification_id: int) -> None:
    run_async(outbox.envoyer(notification_id))


@dramatiq.actor(max_retries=0, queue_name="planifie")
def relayer_en_attente() -> None:
    """The sweep: relay whatever is still unsent (broker was down, worker died mid-send)."""
    outbox.relayer(run_async(outbox.en_attente()))


@dramatiq.actor(max_retries=0, queue_name="planifie")
def purger_sessions() -> None:
    from web.sessions import DatabaseStore

    run_async(DatabaseStore().purge())


@dramatiq.actor(max_retries=3, queue_name="planifie")
def expirer_annonces() -> None:
    """Dépublie annonces past their fin de publication (and notifies their authors)."""
    from web.annonces.echeances import expirer

    run_async(expirer())


@dramatiq.actor(max_retries=3, queue_name="planifie")
def rappeler_fins_proches() -> None:
    from web.annonces.echeances import rappeler

    run_async(rappeler())


@dramatiq.actor(max_retries=3, queue_name="planifie")
def digest_conseils() -> None:
    from web.annonces.echeances import digest

    run_async(digest())


@dramatiq.actor(max_retries=3, queue_name="planifie")
def alertes_recherches(frequence: str) -> None:
    """Record what matches the saved searches, then mail the alerts of that frequency."""
    from web.alertes.rules import detecter, envoyer

    run_async(detecter())
    run_async(envoyer(frequence))


@dramatiq.actor(max_retries=3, queue_name="planifie")
def purger_annonces() -> None:
    """RGPD retention of annonces and their photos (12 months after their end)."""
    from web.annonces.echeances import purger

    run_async(purger())


@dramatiq.actor(max_retries=3, queue_name="planifie")
def purger_fichiers() -> None:
    """Staged uploads past their expiry, and stored files no row references (web/fichiers/depots.py)."""
    from web.fichiers.depots import purger
    from web.fichiers.usages import USAGES

    run_async(purger(USAGES))
