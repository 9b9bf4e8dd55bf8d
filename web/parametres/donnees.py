"""RGPD: everything MonEspace holds on a user, as one JSON file (right of access and portability)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from tables.alertes import MessageContact, RechercheEnregistree, Signalement
from tables.annonces import Annonce, AnnonceEvenement, AnnonceLieu, AnnoncePeriode, AnnoncePhoto
from tables.comptes import Compte, DemandeEspace, Praticien
from tables.coordonnees import Affectation, ChangementEmail, Coordonnee
from tables.messages import Message, Notification, Preference
from web.security import Utilisateur

SECRETS = {"mot_de_passe", "jeton", "empreinte", "empreinte_acceptee"}


def _propre(rows: list[dict]) -> list[dict]:
    """JSON-ready rows without secrets (password hash, tokens)."""
    def valeur(v: Any) -> Any:
        return v.isoformat() if isinstance(v, date | datetime) else v
    return [{k: valeur(v) for k, v in row.items() if k not in SECRETS} for row in rows]


async def mes_donnees(user: Utilisateur) -> dict:
    annonces = await Annonce.select().where(Annonce.compte == user.id)
    ids = [a["id"] for a in annonces] or [0]
    donnees = {
        "compte": _propre(await Compte.select().where(Compte.id == user.id)),
        "messages": _propre(await Message.select().where(Message.compte == user.id)),
        "notifications": _propre(await Notification.select(
            Notification.nature, Notification.destinataire, Notification.sujet, Notification.cree_le,
            Notification.envoye_le).where(Notification.compte == user.id)),
        "parametres": _propre(await Preference.select().where(Preference.compte == user.id)),
        "recherches_enregistrees": _propre(await RechercheEnregistree.select().where(
            RechercheEnregistree.compte == user.id)),
        "messages_envoyes_aux_auteurs": _propre(await MessageContact.select().where(
            MessageContact.expediteur == user.id)),
        "signalements": _propre(await Signalement.select().where(Signalement.auteur == user.id)),
        "annonces": _propre(annonces),
        "annonces_lieux": _propre(await AnnonceLieu.select().where(AnnonceLieu.annonce.is_in(ids))),
        "annonces_periodes": _propre(await AnnoncePeriode.select().where(AnnoncePeriode.annonce.is_in(ids))),
        "annonces_photos": _propre(await AnnoncePhoto.select().where(AnnoncePhoto.annonce.is_in(ids))),
        "annonces_historique": _propre(await AnnonceEvenement.select().where(AnnonceEvenement.annonce.is_in(ids))),
    }
    if user.praticien:
        donnees["inscription_au_tableau"] = _propre(await Praticien.select().where(Praticien.id == user.praticien))
        donnees["coordonnees"] = _propre(await Coordonnee.select().where(Coordonnee.praticien == user.praticien))
        donnees["affectations"] = _propre(await Affectation.select().where(Affectation.praticien == user.praticien))
        donnees["demandes_de_creation_d_espace"] = _propre(await DemandeEspace.select().where(
            DemandeEspace.praticien == user.praticien))
        donnees["changements_d_email_de_l_ordre"] = _propre(await ChangementEmail.select().where(
            ChangementEmail.praticien == user.praticien))
    return donnees
