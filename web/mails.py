"""E-mails rendered from Jinja templates (text + HTML) and recorded in the outbox."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from config import settings
from tasks.outbox import enregistrer
from web.templating import date_fr, date_longue, heure_fr, template_directories


@lru_cache
def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(template_directories()),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    env.filters.update(date_fr=date_fr, heure_fr=heure_fr, date_longue=date_longue)
    return env


def rendre(nom: str, **context: Any) -> tuple[str, str]:
    """`nom` names a pair `mails/<nom>.txt` and `mails/<nom>.html`."""
    context = {"base_url": settings().base_url, **context}
    env = _env()
    return (env.get_template(f"mails/{nom}.txt").render(context),
            env.get_template(f"mails/{nom}.html").render(context))


async def mail(nom: str, *, destinataire: str, sujet: str, compte_id: int | None = None,
               inbox: bool = False, lien: str = "", cle: str | None = None, repondre_a: str = "",
               fil: tuple[str, int] | None = None, pieces_jointes: list[dict] | None = None,
               **context: Any) -> int | None:
    """Record one e-mail in the outbox, inside the caller's transaction; returns its id (None if skipped).
    `fil` is the inbox thread of its copy: ("annonce", 84), ("contact", exchange id)…"""
    texte, html = rendre(nom, sujet=sujet, repondre_a=repondre_a, **context)
    return await enregistrer(destinataire=destinataire, sujet=sujet, texte=texte, html=html, nature=nom,
                             compte_id=compte_id, inbox=inbox, lien=lien, cle=cle, repondre_a=repondre_a,
                             fil=fil, pieces_jointes=pieces_jointes)
