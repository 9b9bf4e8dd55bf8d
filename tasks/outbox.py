"""The notification outbox: rows written in the caller's transaction, relayed to Dramatiq after it.

Nothing is lost if the broker or SMTP is down (the sweep relays what is still unsent), and the
actor claims a row before sending, so a retry or a redelivery never sends twice.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from datetime import UTC, datetime, timedelta

from tables.messages import Message, Notification
from tasks.mail import PermanentFailure, build, deliver

log = logging.getLogger("monespace.outbox")
CLAIM_SECONDS = 300


def _now() -> datetime:
    return datetime.now(UTC)


async def enregistrer(*, destinataire: str, sujet: str, texte: str, html: str, nature: str,
                      compte_id: int | None = None, inbox: bool = False, lien: str = "") -> int:
    """Record one e-mail (and, if asked, its copy in the user's inbox). Call inside the transaction."""
    message_id = f"<{nature}.{secrets.token_hex(12)}@monespace.ordre.test>"
    rows = await Notification.insert(Notification(
        compte=compte_id, nature=nature, destinataire=destinataire, sujet=sujet, texte=texte,
        html=html, message_id=message_id,
    )).returning(Notification.id)
    if inbox and compte_id is not None:
        await Message.insert(Message(compte=compte_id, sujet=sujet, texte=texte, lien=lien))
    return rows[0]["id"]


def relayer(ids: list[int]) -> None:
    """Hand rows to the broker after commit; if it is down, the periodic sweep will do it."""
    from tasks.actors import envoyer_notification

    for nid in ids:
        try:
            envoyer_notification.send(nid)
        except Exception:  # noqa: BLE001 - broker down: the sweep relays it later
            log.warning("notification %s gardée pour le prochain relais", nid)


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
    msg = build(destinataire=row["destinataire"], sujet=row["sujet"], texte=row["texte"],
                html=row["html"], message_id=row["message_id"])
    try:
        await asyncio.to_thread(deliver, msg)
    except PermanentFailure as exc:
        await Notification.update({Notification.echec_le: _now(), Notification.erreur: str(exc)[:2000]}).where(
            Notification.id == nid)
        return "echec"
    except Exception as exc:
        await Notification.update({Notification.reserve_le: None, Notification.erreur: str(exc)[:2000]}).where(
            Notification.id == nid)
        raise
    await Notification.update({Notification.envoye_le: _now(), Notification.erreur: ""}).where(
        Notification.id == nid)
    return "envoyee"


async def en_attente(limit: int = 500) -> list[int]:
    """Unsent, unfailed, unclaimed (or stale-claimed) notifications, oldest first."""
    stale = _now() - timedelta(seconds=CLAIM_SECONDS)
    rows = await Notification.select(Notification.id).where(
        Notification.envoye_le.is_null() & Notification.echec_le.is_null()
        & (Notification.reserve_le.is_null() | (Notification.reserve_le < stale))
    ).order_by(Notification.id).limit(limit)
    return [r["id"] for r in rows]
