"""APScheduler enqueues the periodic actors; alone (`make scheduler`) or inside the web process."""

from __future__ import annotations

import logging

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

import tasks.broker  # noqa: F401 - the broker first
from tasks import actors

JOBS = [  # times are Europe/Paris
    (actors.relayer_en_attente, {"trigger": "interval", "minutes": 1}),
    (actors.purger_sessions, {"trigger": "interval", "hours": 1}),
    (actors.expirer_annonces, {"trigger": "cron", "minute": 5}),
    (actors.rappeler_fins_proches, {"trigger": "cron", "hour": 7, "minute": 0}),
    (actors.digest_conseils, {"trigger": "cron", "hour": 8, "minute": 0}),
    (actors.digest_demarches, {"trigger": "cron", "hour": 8, "minute": 0}),
    (actors.expirer_delais, {"trigger": "cron", "hour": 0, "minute": 20}),
    (actors.rappeler_entretiens, {"trigger": "cron", "hour": 8, "minute": 15}),
    (actors.purger_annonces, {"trigger": "cron", "hour": 3, "minute": 30}),
    (actors.purger_fichiers, {"trigger": "cron", "minute": 40}),
    (actors.relancer_brouillons, {"trigger": "cron", "hour": 9, "minute": 15}),
    (actors.alertes_recherches, {"trigger": "interval", "minutes": 5, "args": ["immediate"],
                                 "id": "alertes_immediates"}),
    (actors.alertes_recherches, {"trigger": "cron", "hour": 7, "minute": 30, "args": ["quotidienne"],
                                 "id": "alertes_quotidiennes"}),
    (actors.alerter_certification, {"trigger": "cron", "hour": 9, "minute": 30}),
    (actors.ouvrir_controles, {"trigger": "cron", "hour": 0, "minute": 40}),
    (actors.purger_certification, {"trigger": "cron", "hour": 3, "minute": 50}),
    (actors.cotisations_quotidiennes, {"trigger": "cron", "hour": 6, "minute": 10}),
]


def configure(scheduler: BackgroundScheduler) -> BackgroundScheduler:
    for actor, trigger in JOBS:
        trigger = {"id": actor.actor_name, **trigger}
        scheduler.add_job(actor.send, replace_existing=True, coalesce=True, max_instances=1, **trigger)
    return scheduler


def background() -> BackgroundScheduler:
    return configure(BackgroundScheduler(timezone="Europe/Paris"))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    configure(BlockingScheduler(timezone="Europe/Paris")).start()
