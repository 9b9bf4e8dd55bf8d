"""The one inbox: a user's messages grouped into one thread per subject, newest activity first.

A thread is keyed by (sujet_type, sujet_id) (tables/messages.py): each annonce, each contact exchange, each
saved search, each dossier of the démarches. A message without a key is a thread of its own, keyed
("message", its id). A user holds at most a few hundred messages: they are read once and grouped here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tables import horloge
from tables.alertes import MessageContact, RechercheEnregistree
from tables.annonces import Annonce
from tables.messages import Message

MAX_MESSAGES = 1000
# What a thread links to: its latest message's address, under this label.
LIENS = {"annonce": "Voir l'annonce", "contact": "Voir l'annonce", "recherche": "Voir les annonces trouvées",
         "dossier": "Voir le dossier"}
_COLONNES = (*Message.all_columns(), Message.copie_de.envoye_le.as_alias("email_envoye_le"),
             Message.copie_de.cree_le.as_alias("email_cree_le"))


@dataclass
class Fil:
    sujet_type: str
    sujet_id: int
    messages: list[dict] = field(default_factory=list)  # newest first
    titre: str = ""
    ouverts: int = 0  # messages this opening marked read: the header's unread count on this very page is less


    @property
    def non_lus(self) -> int:
        return sum(m["lu_le"] is None for m in self.messages)

    @property
    def derniere_activite(self) -> datetime:
        return self.messages[0]["cree_le"]

    @property
    def url(self) -> str:
        if self.sujet_type == "message":
            return f"/espace/messages/{self.sujet_id}"
        return f"/espace/messages/fils/{self.sujet_type}/{self.sujet_id}"

    @property
    def lien(self) -> tuple[str, str] | None:
        """(address, label) of the annonce or dossier the thread is about, if any."""
        adresse = next((m["lien"] for m in self.messages if m["lien"]), "")
        return (adresse, LIENS.get(self.sujet_type, "Voir")) if adresse else None


def cle(message: dict) -> tuple[str, int]:
    return (message["sujet_type"], message["sujet_id"]) if message["sujet_type"] else ("message", message["id"])


def _trouve(message: dict, recherche: str) -> bool:
    return recherche in message["sujet"].casefold() or recherche in message["texte"].casefold()


async def fils(compte_id: int, recherche: str = "") -> list[Fil]:
    """The user's threads, newest activity first; with `recherche`, only the messages that contain it."""
    rows = await Message.select(*_COLONNES).where(Message.compte == compte_id).order_by(
        Message.cree_le, ascending=False).order_by(Message.id, ascending=False).limit(MAX_MESSAGES)
    mot = recherche.strip().casefold()
    par_cle: dict[tuple[str, int], Fil] = {}
    for row in rows:
        if mot and not _trouve(row, mot):
            continue
        k = cle(row)
        par_cle.setdefault(k, Fil(*k)).messages.append(row)
    await _titrer(list(par_cle.values()))
    return list(par_cle.values())


async def fil(compte_id: int, sujet_type: str, sujet_id: int) -> Fil | None:
    """One thread of the user's (oldest message first), its unread messages now read; None if not theirs."""
    rows = await Message.select(*_COLONNES).where(
        (Message.compte == compte_id) & (Message.sujet_type == sujet_type) & (Message.sujet_id == sujet_id)
    ).order_by(Message.cree_le, ascending=False).order_by(Message.id, ascending=False).limit(MAX_MESSAGES)
    if not rows:
        return None
    lus = await Message.update({Message.lu_le: horloge.maintenant()}).where(
        Message.id.is_in([r["id"] for r in rows]) & Message.lu_le.is_null()).returning(Message.id)
    resultat = Fil(sujet_type, sujet_id, rows, ouverts=len(lus))
    await _titrer([resultat])
    return resultat


async def message(compte_id: int, message_id: int) -> tuple[dict, Fil] | None:
    """One message of the user's (marked read on first opening) and its thread, else None."""
    row = await Message.select(*_COLONNES).where((Message.id == message_id) & (Message.compte == compte_id)).first()
    if row is None:
        return None
    lus = await Message.update({Message.lu_le: horloge.maintenant()}).where(
        (Message.id == message_id) & Message.lu_le.is_null()).returning(Message.id)
    k = cle(row)
    if k[0] == "message":
        resultat = Fil(*k, [row])
    else:
        resultat = Fil(*k, await Message.select(*_COLONNES).where(
            (Message.compte == compte_id) & (Message.sujet_type == k[0]) & (Message.sujet_id == k[1])
        ).order_by(Message.cree_le, ascending=False).limit(MAX_MESSAGES))
    resultat.ouverts = len(lus)
    await _titrer([resultat])
    return row, resultat


async def _titrer(liste: list[Fil]) -> None:
    """Name each thread after what it is about: one query per kind of subject present."""
    ids: dict[str, set[int]] = {}
    for f in liste:
        ids.setdefault(f.sujet_type, set()).add(f.sujet_id)
    annonces = {r["id"]: r["titre"] for r in await Annonce.select(Annonce.id, Annonce.titre).where(
        Annonce.id.is_in(list(ids["annonce"])))} if "annonce" in ids else {}
    echanges = {r["id"]: r for r in await MessageContact.select(
        MessageContact.id, MessageContact.annonce, MessageContact.expediteur.praticien.prenom.as_alias("prenom"),
        MessageContact.expediteur.praticien.nom.as_alias("nom")).where(
        MessageContact.id.is_in(list(ids["contact"])))} if "contact" in ids else {}
    recherches = {r["id"]: r["nom"] for r in await RechercheEnregistree.select(
        RechercheEnregistree.id, RechercheEnregistree.nom).where(
        RechercheEnregistree.id.is_in(list(ids["recherche"])))} if "recherche" in ids else {}
    for f in liste:
        if f.sujet_type == "annonce":
            titre = annonces.get(f.sujet_id)
            f.titre = f"Annonce n°{f.sujet_id}" + (f" · {titre}" if titre else "")
        elif f.sujet_type == "contact" and (e := echanges.get(f.sujet_id)):
            f.titre = f"Message de {e['prenom'] or ''} {e['nom'] or ''} à propos de l'annonce n°{e['annonce']}"
        elif f.sujet_type == "recherche" and f.sujet_id in recherches:
            f.titre = f"Alertes de la recherche « {recherches[f.sujet_id]} »"
        else:
            f.titre = f.messages[-1]["sujet"]
