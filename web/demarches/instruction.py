"""The council's side of a dossier (SPEC_DEMARCHES §1.3, §2.6): opening it, its history, the steps it instructs.

A dossier is opened through the queue's rule (web/demarches/file.py `accessible`): one of another perimeter, or of a
habilitation the user does not hold, answers the French 404.
"""

from __future__ import annotations

from datetime import date, timedelta

from tables import horloge
from tables.comptes import Praticien
from tables.demarches import Dossier, DossierEvenement
from web.demarches import delais, file, statuts
from web.demarches.moteur import objet
from web.demarches.registre import type_de
from web.security import Utilisateur

RAISONS = {"incorrect": "incorrect — Le dossier n'est pas valide et nécessite une correction",
           "incomplet": "incomplet — Le dossier est incomplet et nécessite d'être complété",
           "a_mettre_a_jour": "à mettre à jour — Le dossier doit être mis à jour et revalidé"}
REPONSE_JOURS = 30


class Refus(Exception):
    """The French reason an instruction step is not possible now."""


async def dossier(user: Utilisateur, numero: str, lecture: bool = False) -> dict | None:
    """The dossier of this number if `user` may open it, else None; with `lecture`, also one only to read (its
    council handed it on to another, or the commission shared it), marked "lecture": never acted on."""
    d = await Dossier.select().where(Dossier.numero == numero).first()
    if d is None or not await file.accessible(user, d, lecture):
        return None
    return {**d, "lecture": lecture and not await file.accessible(user, d)}


async def demandeur(d: dict) -> dict:
    return await Praticien.select().where(Praticien.id == d["praticien"]).first() or {}


def ciblables(d: dict) -> list[tuple[str, str]]:
    """(field, label) of what a request for complements may target: the fields that apply to this dossier."""
    valeurs = objet(d["donnees"])
    return [(c.nom, c.libelle) for s in type_de(d["type"]).sections for c in s.champs if c.applicable(valeurs)]


def pieces_ciblables(d: dict) -> list[tuple[str, str]]:
    """(item, label) of the documents a request may target: those that apply to this dossier."""
    valeurs = objet(d["donnees"])
    return [(p.cle, p.libelle) for p in type_de(d["type"]).pieces if p.applicable(valeurs)]


async def demander_complements(d: dict, user: Utilisateur, raison: str, texte: str, version: int,
                               cibles: list[str] = (), pieces: list[str] = ()) -> None:
    """Reason, targeted fields (the rest stays read-only for the applicant) and message; the values as they
    stand are kept, so that "Transmettre mes compléments" waits until each targeted field has changed."""
    if raison not in RAISONS:
        raise Refus("Choisissez la raison de la demande de compléments.")
    if not texte.strip():
        raise Refus("Dites au demandeur ce qu'il doit compléter.")
    connus, documents = dict(ciblables(d)), dict(pieces_ciblables(d))
    visees = [c for c in dict.fromkeys(cibles) if c in connus]
    items = [p for p in dict.fromkeys(pieces) if p in documents]
    valeurs = objet(d["donnees"])
    await statuts.appliquer(d["id"], "demander_complements", user, version=version,
                            reponse_avant=horloge.aujourdhui() + timedelta(days=REPONSE_JOURS), motif=RAISONS[raison],
                            complements={"raison": raison, "texte": texte.strip()[:2000], "cibles": visees,
                                         "pieces": items,
                                         "libelles": [connus[c] for c in visees] + [documents[p] for p in items],
                                         "avant": {c: valeurs.get(c, "") for c in visees}})


async def declarer_complet(d: dict, user: Utilisateur, le: date) -> None:
    """"Déclarer le dossier complet": the legal clock starts that day (back-dated, never post-dated)."""
    demarche = type_de(d["type"])
    if demarche.delai is None or demarche.delai.depart != "complet":
        raise Refus("Cette démarche n'a pas de date de dossier complet.")
    if le > horloge.aujourdhui():
        raise Refus("La date du dossier complet ne peut pas être dans le futur.")
    if d["statut"] != "en_instruction":
        raise Refus("Passez d'abord le dossier en instruction.")
    etat = delais.demarrer(demarche.delai, le)
    async with Dossier._meta.db.transaction():
        await Dossier.update({Dossier.complet_le: le, **statuts.colonnes(etat), Dossier.version: d["version"] + 1}
                             ).where(Dossier.id == d["id"])
        await DossierEvenement.insert(DossierEvenement(
            dossier=d["id"], acteur=user.id, acteur_libelle=statuts.libelle_acteur(user), action="dossier_complet",
            motif=f"Dossier complet le {le:%d/%m/%Y} : {delais.ligne(demarche.delai, etat)}"))


async def agir_panneau(d: dict, user: Utilisateur, data: dict) -> None:
    """The type's panel action (web/demarches/moteur.py `agir_panneau`) and the Historique line it returns,
    in one transaction; the dossier's version moves, so a page read before it reloads."""
    async with statuts.DOSSIER.transaction():
        action, motif = await type_de(d["type"]).agir_panneau(d, data)
        await Dossier.update({Dossier.version: Dossier.version + 1, Dossier.maj_le: horloge.maintenant()}).where(
            Dossier.id == d["id"])
        await DossierEvenement.insert(DossierEvenement(
            dossier=d["id"], acteur=user.id, acteur_libelle=statuts.libelle_acteur(user), action=action,
            motif=motif))
