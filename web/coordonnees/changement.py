"""Changing the Ordre e-mail (issue 15 item 3): it takes effect once the new address follows its link.

Reset links and every notification go to the Ordre e-mail, so moving it moves the account. The new
address proves itself by a link; the old one is told at once, with "Ce n'est pas moi", which cancels the
change (or undoes it when already confirmed), ends every session of the account and tells the council.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from tables.comptes import Compte
from tables.coordonnees import Affectation, ChangementEmail, Coordonnee
from tables.referentiel import Conseil
from web.auth.rules import DUREES, annuler_jetons, consommer_jeton, emettre_jeton
from web.mails import mail
from web.sessions import revoquer_sessions

journal = logging.getLogger("monespace.securite")


def _depuis() -> datetime:
    """Changes requested since then still wait: older ones' links have expired."""
    return datetime.now(UTC) - DUREES["email_ordre"]


async def en_attente(praticien_id: int) -> dict | None:
    return await ChangementEmail.select(ChangementEmail.ancien, ChangementEmail.nouveau).where(
        (ChangementEmail.praticien == praticien_id) & (ChangementEmail.statut == "en_attente")
        & (ChangementEmail.demande_le > _depuis())).first()


async def demander(praticien_id: int, compte_id: int, coordonnee_id: int, ancien: str, nouveau: str, *,
                   modification: bool) -> list[int | None]:
    """Record the change (in the caller's transaction); a link to the new address, a notice to the old one."""
    await ChangementEmail.update({ChangementEmail.statut: "remplace"}).where(
        (ChangementEmail.praticien == praticien_id) & (ChangementEmail.statut == "en_attente"))
    rows = await ChangementEmail.insert(ChangementEmail(
        praticien=praticien_id, compte=compte_id, coordonnee=coordonnee_id, modification=modification,
        ancien=ancien, nouveau=nouveau)).returning(ChangementEmail.id)
    cid = str(rows[0]["id"])
    confirmer = await emettre_jeton(compte_id, "email_ordre", donnee=cid)
    # Every "Ce n'est pas moi" link stays valid: a second change must not silence the first one's notice.
    pas_moi = await emettre_jeton(compte_id, "pas_moi", donnee=cid, seul=False)
    return [await mail("email_ordre_confirmer", destinataire=nouveau, compte_id=compte_id, jeton=confirmer,
                       sujet="Ordre des médecins - Confirmez votre nouvel e-mail de l'Ordre"),
            await mail("email_ordre_ancien", destinataire=ancien, compte_id=compte_id, jeton=pas_moi,
                       nouveau=nouveau, sujet="Ordre des médecins - Changement de votre e-mail de l'Ordre")]


async def _affecter_ordre(praticien_id: int, coordonnee_id: int) -> None:
    await Affectation.update({Affectation.email: coordonnee_id}).where(
        (Affectation.praticien == praticien_id) & (Affectation.usage == "ordre"))


async def confirmer(jeton: str) -> dict | None:
    """Follow the new address's link (once): the change applies; None if the link or the change is gone."""
    async with ChangementEmail._meta.db.transaction():
        lien = await consommer_jeton(jeton, "email_ordre")
        change = lien and await ChangementEmail.select(
            ChangementEmail.id, ChangementEmail.praticien, ChangementEmail.coordonnee, ChangementEmail.modification,
            ChangementEmail.nouveau).where(
            (ChangementEmail.id == int(lien["donnee"])) & (ChangementEmail.statut == "en_attente")).first()
        if not change:
            return None
        ligne = (Coordonnee.id == change["coordonnee"]) & (Coordonnee.praticien == change["praticien"])
        # Moving the usage needs the chosen row to hold the new address still (it may have been edited or deleted).
        possible = change["coordonnee"] is not None and (change["modification"] or await Coordonnee.exists().where(
            ligne & (Coordonnee.email == change["nouveau"])))
        await ChangementEmail.update({ChangementEmail.statut: "confirme" if possible else "annule"}).where(
            ChangementEmail.id == change["id"])
        if not possible:
            return None
        if change["modification"]:
            await Coordonnee.update({Coordonnee.email: change["nouveau"]}).where(ligne)
        else:
            await _affecter_ordre(change["praticien"], change["coordonnee"])
        return change


async def _retablir(praticien_id: int, ancien: str) -> None:
    """The old address is the Ordre e-mail again (its row found, or written anew)."""
    row = await Coordonnee.select(Coordonnee.id).where(
        (Coordonnee.praticien == praticien_id) & (Coordonnee.email == ancien)).first()
    cid = row["id"] if row else (await Coordonnee.insert(Coordonnee(praticien=praticien_id, email=ancien))
                                 .returning(Coordonnee.id))[0]["id"]
    await _affecter_ordre(praticien_id, cid)


async def signaler(jeton: str) -> list[int | None] | None:
    """"Ce n'est pas moi": cancel or undo, end every session, kill pending links, tell the council."""
    async with ChangementEmail._meta.db.transaction():
        lien = await consommer_jeton(jeton, "pas_moi")
        if lien is None:
            return None
        change = await ChangementEmail.select(
            ChangementEmail.id, ChangementEmail.praticien, ChangementEmail.compte, ChangementEmail.statut,
            ChangementEmail.ancien, ChangementEmail.nouveau, ChangementEmail.praticien.departement,
            ChangementEmail.praticien.rpps, ChangementEmail.praticien.nom, ChangementEmail.praticien.prenom,
        ).where(ChangementEmail.id == int(lien["donnee"])).first()
        depuis = (ChangementEmail.praticien == change["praticien"]) & (ChangementEmail.id >= change["id"])
        if await ChangementEmail.exists().where(depuis & (ChangementEmail.statut == "confirme")):
            await _retablir(change["praticien"], change["ancien"])
        await ChangementEmail.update({ChangementEmail.statut: "annule"}).where(
            depuis & ChangementEmail.statut.is_in(["en_attente", "confirme"]))
        await annuler_jetons(change["compte"], "email_ordre", "reinitialisation")
        await revoquer_sessions(change["compte"])
        journal.warning("Changement d'e-mail de l'Ordre contesté : compte %s, RPPS %s, nouvelle adresse %s",
                        change["compte"], change["praticien.rpps"], change["nouveau"])
        return await _prevenir_conseil(change)


async def _prevenir_conseil(change: dict) -> list[int | None]:
    conseil = await Conseil.select(Conseil.code).where(
        Conseil.departement == change["praticien.departement"]).first()
    if conseil is None:
        return []
    gestionnaires = await Compte.select(Compte.id, Compte.identifiant).where(
        (Compte.conseil == conseil["code"]) & (Compte.role == "gestionnaire") & (Compte.actif == True))  # noqa: E712
    return [await mail("email_ordre_conteste", destinataire=g["identifiant"], compte_id=g["id"], change=change,
                       sujet="MonEspace - Changement d'e-mail de l'Ordre contesté par un praticien")
            for g in gestionnaires]

