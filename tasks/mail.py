"""Delivery of one e-mail: to the SMTP server of SMTP_URL, or one .eml file per message."""

from __future__ import annotations

import os
import smtplib
import ssl
import threading
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from config import settings

EXPEDITEUR = "Ordre des médecins <ne-pas-repondre@monespace.ordre.test>"


class PermanentFailure(Exception):
    """The server refused for good (5xx): retrying will not help."""


def build(*, destinataire: str, sujet: str, texte: str, html: str, message_id: str,
          reply_to: str | None = None, pieces_jointes: list[dict] | None = None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = os.environ.get("MAIL_FROM", EXPEDITEUR)
    msg["To"] = destinataire
    msg["Subject"] = sujet
    msg["Message-ID"] = message_id
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Auto-Submitted"] = "auto-generated"
    if reply_to:
        msg["Reply-To"] = reply_to
    msg.set_content(texte)
    msg.add_alternative(html, subtype="html")
    for piece in pieces_jointes or ():  # text attachments only (an .ics): {"nom", "type", "texte"}
        msg.add_attachment(piece["texte"], subtype=piece["type"].split("/")[1], filename=piece["nom"])
    return msg


def deliver(msg: EmailMessage) -> None:
    url = settings().smtp_url
    if url:
        _smtp(url, msg)
    else:
        _file(settings().mail_dir, msg)


def _file(folder: Path, msg: EmailMessage) -> None:
    """One file per Message-ID, written atomically: a second delivery overwrites nothing new."""
    folder.mkdir(parents=True, exist_ok=True)
    name = msg["Message-ID"].strip("<>").replace("/", "_").replace("@", "_at_")
    final = folder / f"{name}.eml"
    tmp = folder / f".{name}.tmp"
    tmp.write_bytes(bytes(msg))
    tmp.replace(final)


# Each thread keeps its connection to the SMTP server and reuses it while the server answers NOOP: a
# new connection (TCP, EHLO, STARTTLS, AUTH, QUIT) per e-mail costs more than the e-mail. Any error
# drops it; the next e-mail opens a fresh one.
_connexions = threading.local()


def _ouvrir(url: str) -> smtplib.SMTP:
    parts = urlsplit(url)
    secure = parts.scheme == "smtps"
    port = parts.port or (465 if secure else 25)
    cls = smtplib.SMTP_SSL if secure else smtplib.SMTP
    smtp = cls(parts.hostname or "127.0.0.1", port, timeout=30)
    try:
        if parts.scheme == "smtp+starttls":
            smtp.starttls(context=ssl.create_default_context())
        if parts.username:
            smtp.login(unquote(parts.username), unquote(parts.password or ""))
    except BaseException:
        smtp.close()
        raise
    return smtp


def _connexion(url: str) -> smtplib.SMTP:
    ouvertes = _connexions.__dict__
    smtp = ouvertes.get(url)
    if smtp is not None:
        try:
            if smtp.noop()[0] == 250:
                return smtp
        except (smtplib.SMTPException, OSError):
            pass
        _fermer(url)
    smtp = ouvertes[url] = _ouvrir(url)
    return smtp


def _fermer(url: str) -> None:
    smtp = _connexions.__dict__.pop(url, None)
    if smtp is not None:
        smtp.close()


def _smtp(url: str, msg: EmailMessage) -> None:
    try:
        _connexion(url).send_message(msg)
    except smtplib.SMTPResponseException as exc:
        _fermer(url)
        if 500 <= exc.smtp_code < 600:
            raise PermanentFailure(f"{exc.smtp_code} {exc.smtp_error!r}") from exc
        raise
    except smtplib.SMTPRecipientsRefused as exc:
        _fermer(url)
        codes = [code for code, _ in exc.recipients.values()]
        if all(500 <= code < 600 for code in codes):
            raise PermanentFailure(str(exc.recipients)) from exc
        raise
    except BaseException:
        _fermer(url)
        raise
