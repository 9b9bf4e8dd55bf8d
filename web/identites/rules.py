"""Requests to create one's space (issue 15 item 3): proven by the Tableau's e-mail, or checked by the council.

An account is only created by whoever follows a link sent to an address the Ordre vouches for: the
Tableau's e-mail of the identity, or, where the Tableau holds none, the address the council checked with
the doctor. Credentials are chosen after the link, so knowing an RPPS, a name and a birth date creates
nothing; a typed address never receives a link before the council has validated the identity.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tables.comptes import Compte, DemandeEspace, Praticien
from web.auth.rules import empreinte, nouveau_lien
from web.coordonnees.rules import ajouter_email_ordre
from web.mails import mail
from web.perimetre import dans_perimetre
from web.security import Utilisateur

# (statut, action) -> statut. "demander" opens a request: by the Tableau's e-mail, or for the council.
TRANSITIONS = {
    (None, "demander_tableau"): "lien_envoye",
    (None, "demander_conseil"): "a_valider",
    ("a_valider", "valider"): "lien_envoye",
    ("a_valider", "refuser"): "refusee",
    ("lien_envoye", "activer"): "activee",
    ("lien_envoye", "remplacer"): "remplacee",
}
DUREE_LIEN = timedelta(hours=48)
MOTIF_REFUS = ("Nous n'avons pas pu vérifier votre identité à partir de votre demande. Contactez votre conseil "
               "départemental pour créer votre espace.")
COLONNES_FILE = (DemandeEspace.id, DemandeEspace.email, DemandeEspace.demande_le, DemandeEspace.praticien.rpps,
                 DemandeEspace.praticien.nom, DemandeEspace.praticien.prenom, DemandeEspace.praticien.qualite,
                 DemandeEspace.praticien.date_naissance, DemandeEspace.praticien.departement.nom)


class DemandeImpossible(Exception):
    """An action the request's state does not allow; the message is shown as is."""


def _now() -> datetime:
    return datetime.now(UTC)  # a security clock: links expire in real time (tables/horloge.py)


def masquer(email: str) -> str:
    """"l****@exemple.fr": enough for the doctor to recognise the address, not enough to learn it."""
    local, _, domaine = email.partition("@")
    return f"{local[:1]}****@{domaine}"


def _vers(statut: str | None, action: str) -> str:
    return TRANSITIONS[(statut, action)]


async def _envoyer_lien(demande_id: int, email: str, nom_mail: str, sujet: str, **contexte) -> int | None:
    """A fresh activation link on the request (only its hash kept), mailed to the request's address."""
    jeton, hache = nouveau_lien()
    await DemandeEspace.update({DemandeEspace.empreinte: hache,
                                DemandeEspace.expire_le: _now() + DUREE_LIEN}).where(DemandeEspace.id == demande_id)
    return await mail(nom_mail, destinataire=email, sujet=sujet, jeton=jeton, **contexte)


async def demander(praticien: dict, email_saisi: str | None) -> tuple[str, list[int | None]]:
    """Open a request for this Tableau identity; returns its statut and the mails to relay.

    With a Tableau e-mail the typed address is ignored: the link goes to the Tableau's only."""
    async with DemandeEspace._meta.db.transaction():
        if praticien["email"]:
            await DemandeEspace.update({DemandeEspace.statut: _vers("lien_envoye", "remplacer")}).where(
                (DemandeEspace.praticien == praticien["id"]) & (DemandeEspace.statut == "lien_envoye"))
            statut, email = _vers(None, "demander_tableau"), praticien["email"]
        else:
            statut, email = _vers(None, "demander_conseil"), email_saisi or ""
        rows = await DemandeEspace.insert(DemandeEspace(praticien=praticien["id"], email=email, statut=statut)
                                          ).returning(DemandeEspace.id)
        if statut == "lien_envoye":
            ids = [await _envoyer_lien(rows[0]["id"], email, "activation", "Ordre des médecins - Créez votre "
                                       "espace MonEspace", prenom=praticien["prenom"])]
        else:
            ids = [await mail("demande_recue", destinataire=email, sujet="Ordre des médecins - Votre demande "
                              "de création d'espace est reçue", prenom=praticien["prenom"])]
    return statut, ids


async def file(user: Utilisateur) -> list[dict]:
    """The identity requests waiting for this council, oldest first."""
    return await DemandeEspace.select(*COLONNES_FILE).where(
        (DemandeEspace.statut == "a_valider") & dans_perimetre(user, DemandeEspace.praticien.departement)
    ).order_by(DemandeEspace.demande_le)


async def verifier_perimetre(user: Utilisateur, demande_id: int) -> dict:
    row = await DemandeEspace.select(DemandeEspace.id, DemandeEspace.praticien, DemandeEspace.email,
                                     DemandeEspace.praticien.prenom).where(
        (DemandeEspace.id == demande_id) & dans_perimetre(user, DemandeEspace.praticien.departement)).first()
    if row is None:
        raise LookupError(demande_id)
    return row


async def _decider(user: Utilisateur, demande_id: int, action: str, **valeurs) -> bool:
    """One conditional UPDATE: of two staff deciding at once, one wins."""
    rows = await DemandeEspace.update({DemandeEspace.statut: _vers("a_valider", action),
                                       DemandeEspace.decide_le: _now(), DemandeEspace.decide_par: user.id,
                                       **valeurs}).where(
        (DemandeEspace.id == demande_id) & (DemandeEspace.statut == "a_valider")).returning(DemandeEspace.id)
    return bool(rows)


DEJA_TRAITEE = "Cette demande a déjà été traitée."


async def valider(user: Utilisateur, demande_id: int) -> list[int | None]:
    """The council vouches for the identity and its address: the activation link goes there."""
    row = await verifier_perimetre(user, demande_id)
    async with DemandeEspace._meta.db.transaction():
        if await Compte.exists().where(Compte.praticien == row["praticien"]):
            raise DemandeImpossible("Un espace existe déjà pour ce praticien : refusez cette demande.")
        if not await _decider(user, demande_id, "valider"):
            raise DemandeImpossible(DEJA_TRAITEE)
        return [await _envoyer_lien(demande_id, row["email"], "demande_validee", "Ordre des médecins - Votre "
                                    "identité est vérifiée : créez votre espace", prenom=row["praticien.prenom"])]


async def refuser(user: Utilisateur, demande_id: int, motif: str) -> list[int | None]:
    row = await verifier_perimetre(user, demande_id)
    async with DemandeEspace._meta.db.transaction():
        if not await _decider(user, demande_id, "refuser", motif=motif):
            raise DemandeImpossible(DEJA_TRAITEE)
        return [await mail("demande_refusee", destinataire=row["email"], sujet="Ordre des médecins - Votre "
                           "demande de création d'espace est refusée", motif=motif, prenom=row["praticien.prenom"])]


def _lien_valide(jeton: str):
    return ((DemandeEspace.empreinte == empreinte(jeton)) & (DemandeEspace.statut == "lien_envoye")
            & (DemandeEspace.expire_le > _now()))


async def par_lien(jeton: str) -> dict | None:
    """The request an activation link opens (while it is valid), with its identity."""
    return await DemandeEspace.select(DemandeEspace.email, DemandeEspace.praticien.nom,
                                      DemandeEspace.praticien.prenom).where(_lien_valide(jeton)).first()


async def activer(jeton: str, identifiant: str, mot_de_passe_hache: str) -> int | None:
    """Create the account with the credentials chosen after the link (once): its id, or None."""
    async with DemandeEspace._meta.db.transaction():
        rows = await DemandeEspace.update({DemandeEspace.statut: _vers("lien_envoye", "activer")}).where(
            _lien_valide(jeton)).returning(DemandeEspace.praticien, DemandeEspace.email)
        if not rows or await Compte.exists().where(Compte.praticien == rows[0]["praticien"]):
            return None
        praticien = await Praticien.select(Praticien.qualite).where(Praticien.id == rows[0]["praticien"]).first()
        compte = await Compte.insert(Compte(identifiant=identifiant, mot_de_passe=mot_de_passe_hache,
                                            role=praticien["qualite"], praticien=rows[0]["praticien"], actif=True)
                                     ).returning(Compte.id)
        await ajouter_email_ordre(rows[0]["praticien"], rows[0]["email"])
        return compte[0]["id"]
