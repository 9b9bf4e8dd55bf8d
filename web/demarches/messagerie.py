"""One message thread per dossier, applicant ↔ instructing council (SPEC_DEMARCHES §1.5).

Open from transmission to twelve months after the decision; no edit, no delete. A council message is
announced by E5, which never carries its content. Staff may tick "En attente de réponse": the dossier
waits until the applicant answers (`en_attente`, a queue badge, as `nouveaux_messages`).
"""

from __future__ import annotations

from itertools import groupby

from tables import horloge
from tables.pieces import DossierMessage
from web.demarches import delais
from web.demarches.courriels import instructeur, notifier
from web.demarches.televersement import oublier, recevoir
from web.fichiers.usages import FICHIERS_MESSAGE
from web.security import Utilisateur
from web.templating import date_fr

MOIS_APRES_DECISION = 12


class Refus(Exception):
    """The French reason a message cannot be sent."""


def ouverte(d: dict) -> bool:
    if d["statut"] == "brouillon":
        return False
    decision = d.get("decision_le")
    return decision is None or delais.ajouter_mois(decision.date(), MOIS_APRES_DECISION) >= horloge.aujourdhui()


async def fil(d: dict) -> list[dict]:
    return await DossierMessage.select(
        *DossierMessage.all_columns(), DossierMessage.auteur.identifiant.as_alias("identifiant"),
        DossierMessage.auteur.conseil.as_alias("auteur_conseil"),
        DossierMessage.auteur.praticien.prenom.as_alias("prenom"), DossierMessage.auteur.praticien.nom.as_alias("nom"),
    ).where(DossierMessage.dossier == d["id"]).order_by(DossierMessage.le, DossierMessage.id)


async def contexte(d: dict, user: Utilisateur, erreur: str = "", saisie: str = "") -> dict:
    """The thread by day, oldest first, each message signed for the reader: on the applicant's side the
    council's name, never a staff member's."""
    conseil = user.id != d["compte"]
    signature = await instructeur(d)
    messages = []
    for m in await fil(d):
        if m["du_conseil"]:
            auteur = f"{m['auteur_conseil'] or 'CNOM'} ({m['identifiant']})" if conseil else signature
        else:
            auteur = "Vous" if not conseil else f"{m['prenom']} {m['nom']}"
        messages.append({**m, "signature": auteur, "nouveau": m["lu_le"] is None and m["du_conseil"] != conseil})
    return {"messages": [(jour, list(ms)) for jour, ms in groupby(messages, key=lambda m: date_fr(m["le"]))],
            "messagerie_ouverte": ouverte(d), "erreur_message": erreur, "saisie_message": saisie,
            "attente_en_cours": d["id"] in await en_attente([d["id"]])}


async def marquer_lus(d: dict, user: Utilisateur) -> None:
    """The reader has seen what the other side wrote."""
    await DossierMessage.update({DossierMessage.lu_le: horloge.maintenant()}).where(
        (DossierMessage.dossier == d["id"]) & DossierMessage.lu_le.is_null()
        & (DossierMessage.du_conseil == (user.id == d["compte"])))


async def ecrire(d: dict, user: Utilisateur, texte: str, envois: list, attente: bool = False) -> None:
    """Post a message (the applicant's, or the council's with E5 in the same transaction)."""
    if not ouverte(d):
        raise Refus("La messagerie de cette demande est fermée.")
    texte = texte.replace("\x00", "").strip()[:5000]
    du_conseil = user.id != d["compte"]
    if not texte:
        raise Refus("Écrivez votre message.")
    ecrits, erreurs = await recevoir(FICHIERS_MESSAGE, user.id, envois)
    if erreurs:
        raise Refus(" ".join(erreurs))
    joint = {k: ecrits[0][k] for k in ("fichier", "nom_original", "type_mime")} if ecrits else {}
    try:
        async with DossierMessage._meta.db.transaction():
            await DossierMessage.insert(DossierMessage(dossier=d["id"], auteur=user.id, du_conseil=du_conseil,
                                                       texte=texte, attente=attente and du_conseil, **joint))
            if du_conseil:
                await notifier("dossier_message", d)
    except BaseException:
        await oublier(FICHIERS_MESSAGE, ecrits)
        raise


async def message(d: dict, message_id: int) -> dict | None:
    return await DossierMessage.select().where((DossierMessage.id == message_id)
                                               & (DossierMessage.dossier == d["id"])).first()


async def en_attente(dossier_ids) -> set[int]:
    """Dossiers whose last council message awaits an answer the applicant has not written yet."""
    ids = list(dossier_ids)
    if not ids:
        return set()
    rows = await DossierMessage.select(DossierMessage.dossier, DossierMessage.du_conseil, DossierMessage.attente
                                       ).where(DossierMessage.dossier.is_in(ids)).order_by(DossierMessage.le,
                                                                                           DossierMessage.id)
    dernier: dict[int, bool] = {}
    for r in rows:
        if r["du_conseil"]:
            dernier[r["dossier"]] = r["attente"]
        else:
            dernier[r["dossier"]] = False  # answered
    return {dossier for dossier, attend in dernier.items() if attend}


async def nouveaux_messages(dossier_ids) -> set[int]:
    """Dossiers with an applicant's message no staff member has read yet."""
    ids = list(dossier_ids)
    if not ids:
        return set()
    rows = await DossierMessage.select(DossierMessage.dossier).where(
        DossierMessage.dossier.is_in(ids) & (DossierMessage.du_conseil == False)  # noqa: E712
        & DossierMessage.lu_le.is_null())
    return {r["dossier"] for r in rows}
