"""Contacter l'auteur: a message relayed by e-mail and into the author's inbox, never revealing the
author's address; replies go straight to the address the sender chose. Rate limited per sender."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tables.alertes import MessageContact
from tables.coordonnees import Coordonnee
from tables.messages import Message
from web import limites
from web.coordonnees.rules import email_ordre
from web.mails import mail, rendre
from web.security import Utilisateur

MAX_PAR_HEURE = 5
MAX_PAR_JOUR = 20


class ContactRefuse(Exception):
    """Shown to the sender as is."""


async def mes_emails(praticien_id: int) -> list[str]:
    """The sender's own addresses (from their coordonnées), the Ordre one first."""
    ordre = await email_ordre(praticien_id)
    rows = await Coordonnee.select(Coordonnee.email).where(
        (Coordonnee.praticien == praticien_id) & (Coordonnee.email != "")).order_by(Coordonnee.id)
    autres = [r["email"] for r in rows if r["email"] != ordre]
    return ([ordre] if ordre else []) + list(dict.fromkeys(autres))


async def _echange(annonce_id: int, expediteur: int) -> int:
    """Record this message; the exchange (one sender, one annonce: one inbox thread) is named by its first."""
    await MessageContact.insert(MessageContact(annonce=annonce_id, expediteur=expediteur))
    premier = await MessageContact.select(MessageContact.id).where(
        (MessageContact.annonce == annonce_id) & (MessageContact.expediteur == expediteur)).order_by(
        MessageContact.id).first()
    return premier["id"]


async def envoyer(user: Utilisateur, annonce: dict, texte: str, repondre_a: str) -> None:
    if annonce["auteur"] == user.praticien:
        raise ContactRefuse("Vous êtes l'auteur de cette annonce.")
    if repondre_a not in await mes_emails(user.praticien):
        raise ContactRefuse("Choisissez une de vos adresses e-mail.")
    destinataire = await email_ordre(annonce["auteur"])
    sujet = f"Ordre des médecins - Message à propos de l'annonce n°{annonce['id']}"
    contexte = {"annonce": annonce, "expediteur": f"{user.prenom} {user.nom}", "texte": texte}
    async with limites.verrou(f"contact:{user.id}"):  # counted and recorded as one step, whatever the process
        now = datetime.now(UTC)
        recents = await MessageContact.select(MessageContact.le).where(
            (MessageContact.expediteur == user.id) & (MessageContact.le > now - timedelta(days=1)))
        if len(recents) >= MAX_PAR_JOUR or sum(r["le"] > now - timedelta(hours=1) for r in recents) >= MAX_PAR_HEURE:
            raise ContactRefuse("Vous avez envoyé beaucoup de messages en peu de temps : réessayez plus tard.")
        fil = ("contact", await _echange(annonce["id"], user.id))
        if destinataire:
            await mail("contact_annonce", destinataire=destinataire, compte_id=annonce["compte"], inbox=True,
                       lien=f"/annonces/{annonce['id']}", repondre_a=repondre_a, sujet=sujet, fil=fil, **contexte)
        else:  # no e-mail on file: the inbox still gets it
            await Message.insert(Message(compte=annonce["compte"], sujet=sujet, lien=f"/annonces/{annonce['id']}",
                                         sujet_type=fil[0], sujet_id=fil[1],
                                         texte=rendre("contact_annonce", sujet=sujet, repondre_a=repondre_a,
                                                      **contexte)[0]))
