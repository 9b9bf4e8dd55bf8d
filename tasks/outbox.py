"""The notification outbox: rows written in the caller's transaction, relayed to Dramatiq after it
by the one edge (tasks/relais.py).

Nothing is lost if the broker or SMTP is down (the sweep relays what is still unsent), and the
actor claims a row before sending, so a retry or a redelivery never sends twice.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from datetime import UTC, datetime, timedelta

from tables.messages import Message, Notification, Preference
from tasks import relais
from tasks.mail import PermanentFailure, build, deliver

CLAIM_SECONDS = 300
log = logging.getLogger("monespace.outbox")


def _now() -> datetime:
    return datetime.now(UTC)


async def enregistrer(*, destinataire: str, sujet: str, texte: str, html: str, nature: str,
                      compte_id: int | None = None, inbox: bool = False, lien: str = "",
                      cle: str | None = None, repondre_a: str = "", fil: tuple[str, int] | None = None,
                      pieces_jointes: list[dict] | None = None) -> int | None:
    """Record one e-mail and, if asked, its copy in the user's inbox, in the thread `fil` (sujet_type,
    sujet_id: tables/messages.py). Call inside the transaction.

    `cle` makes a scheduled job idempotent: a second call with the same key records nothing. The
    e-mail is skipped (the inbox copy kept) when the user turned this kind off in Paramètres.
    """
    message_id = f"<{nature}.{cle or secrets.token_hex(12)}@monespace.ordre.test>"
    if cle and await Notification.exists().where(Notification.message_id == message_id):
        return None
    nid = None
    if compte_id is None or await email_voulu(compte_id, nature):
        rows = await Notification.insert(Notification(
            compte=compte_id, nature=nature, destinataire=destinataire, sujet=sujet, texte=texte,
            html=html, message_id=message_id, repondre_a=repondre_a, pieces_jointes=pieces_jointes or [],
        )).returning(Notification.id)
        nid = rows[0]["id"]
        relais.notifier([nid])
    if inbox and compte_id is not None:
        sujet_type, sujet_id = fil or ("", None)
        await Message.insert(Message(compte=compte_id, sujet=sujet, texte=texte, lien=lien, sujet_type=sujet_type,
                                     sujet_id=sujet_id, copie_de=nid))
    return nid


async def email_voulu(compte_id: int, nature: str) -> bool:
    row = await Preference.select(Preference.email).where(
        (Preference.compte == compte_id) & (Preference.nature == nature)).first()
    return row is None or row["email"]


async def _claim(nid: int) -> dict | None:
    now = _now()
    free = Notification.reserve_le.is_null() | (Notification.reserve_le < now - timedelta(seconds=CLAIM_SECONDS))
    rows = await Notification.update(
        {Notification.reserve_le: now, Notification.essais: Notification.essais + 1}
    ).where(
        (Notification.id == nid) & Notification.envoye_le.is_null() & Notification.echec_le.is_null() & free
    ).returning(*Notification.all_columns())
    return rows[0] if rows else None


async def envoyer(nid: int) -> str:
    """Send one notification at most once; returns what happened (for logs and tests)."""
    row = await _claim(nid)
    if row is None:
        return "deja-traitee"
    try:
        msg = build(destinataire=row["destinataire"], sujet=row["sujet"], texte=row["texte"],
                    html=row["html"], message_id=row["message_id"], reply_to=row["repondre_a"] or None,
                    pieces_jointes=_pieces(row["pieces_jointes"]))
    except Exception as exc:  # noqa: BLE001 - e.g. a line break in a header: the same row fails the same way again
        log.warning("notification %s impossible à construire : %r", nid, exc)
        await _echouer(nid, f"E-mail impossible à construire : {exc}")
        return "echec"
    try:
        await asyncio.to_thread(deliver, msg)
    except PermanentFailure as exc:
        await _echouer(nid, str(exc))
        return "echec"
    except Exception as exc:
        await Notification.update({Notification.reserve_le: None, Notification.erreur: str(exc)[:2000]}).where(
            Notification.id == nid)
        raise
    await Notification.update({Notification.envoye_le: _now(), Notification.erreur: ""}).where(
        Notification.id == nid)
    return "envoyee"


def _pieces(valeur: str | list | None) -> list[dict]:
    """The JSON column as read back (its text on PostgreSQL and SQLite)."""
    return json.loads(valeur) if isinstance(valeur, str) else (valeur or [])


async def _echouer(nid: int, erreur: str) -> None:
    """Failed for good: shown on the failed-mail page (web/notifications/), sent again only by "Renvoyer"."""
    await Notification.update({Notification.echec_le: _now(), Notification.erreur: erreur[:2000]}).where(
        Notification.id == nid)


async def en_attente(limit: int = 500) -> list[int]:
    """Unsent, unfailed, unclaimed (or stale-claimed) notifications, oldest first."""
    stale = _now() - timedelta(seconds=CLAIM_SECONDS)
    rows = await Notification.select(Notification.id).where(
        Notification.envoye_le.is_null() & Notification.echec_le.is_null()
        & (Notification.reserve_le.is_null() | (Notification.reserve_le < stale))
    ).order_by(Notification.id).limit(limit)
    return [r["id"] for r in rows]
