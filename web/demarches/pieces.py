"""A dossier's documents (SPEC_DEMARCHES §1.2, §2.3): the applicant adds files per item, the council marks
each "Vérifié", "À corriger" (with a reason) or, for the items its type declares so, "Authentifié".

What the applicant may do to an item follows the dossier: anything while it is editable; once in instruction,
only the items still expected — "Peut être transmis plus tard", a file to correct, an item a complements
request targets. Each council verdict is a line of the Historique.
"""

from __future__ import annotations

from tables import horloge
from tables.demarches import DossierEvenement
from tables.pieces import DossierPiece
from web.demarches import statuts
from web.demarches.moteur import EXIGENCES, TERMINAUX, Demarche, Piece, objet
from web.demarches.registre import type_de
from web.demarches.rules import cible, modifiable, pieces_ciblees
from web.demarches.televersement import oublier, recevoir
from web.fichiers.usages import PIECES_DOSSIER
from web.security import Utilisateur

STATUTS = {"depose": "Déposé", "verifie": "Vérifié", "a_corriger": "À corriger", "authentifie": "Authentifié",
           "remplace": "Remplacé"}
RAISONS = ("Illisible", "Incomplet", "Périmé", "Ne correspond pas au document demandé", "Autre")
CONFLIT = "Ce dossier vient d'être modifié : rechargez la page."
VERDICTS = {"verifie": ("piece_verifiee", "Vérifié"), "a_corriger": ("piece_a_corriger", "À corriger"),
            "authentifie": ("piece_authentifiee", "Authentifié")}


class Refus(Exception):
    """The French reason a verdict is not possible now."""


class Conflit(Refus):
    """Another staff member judged this file since the page was loaded: one verdict wins, never two."""


async def fichiers(dossier_id: int) -> list[dict]:
    return await DossierPiece.select().where(DossierPiece.dossier == dossier_id).order_by(
        DossierPiece.depose_le, DossierPiece.id)


async def deposees(dossier_id: int) -> set[str]:
    """The items holding at least one file in force (a replaced one no longer counts)."""
    rows = await DossierPiece.select(DossierPiece.piece).where(
        (DossierPiece.dossier == dossier_id) & (DossierPiece.statut != "remplace"))
    return {r["piece"] for r in rows}


def _ciblees(d: dict) -> set[str]:
    return set(pieces_ciblees(d))


def _libre(d: dict) -> bool:
    """Editable, and no request for complements narrows what may change (targeted items: the rest is read-only)."""
    return modifiable(d) and not cible(d)


async def a_faire(d: dict) -> list[str]:
    """The labels of the targeted items without a file added since the request ("Transmettre mes compléments"
    waits for them as for the targeted fields)."""
    visees = pieces_ciblees(d)
    if not visees:
        return []
    demande = await DossierEvenement.select(DossierEvenement.le).where(
        (DossierEvenement.dossier == d["id"]) & (DossierEvenement.action == "demander_complements")).order_by(
        DossierEvenement.id, ascending=False).first()
    depuis = demande["le"] if demande else d["maj_le"]
    recus = {r["piece"] for r in await DossierPiece.select(DossierPiece.piece).where(
        (DossierPiece.dossier == d["id"]) & (DossierPiece.depose_le >= depuis))}
    libelles = {p.cle: p.libelle for p in type_de(d["type"]).pieces}
    return [libelles.get(cle, cle) for cle in visees if cle not in recus]


def ouverte(d: dict, piece: Piece, lignes: list[dict]) -> bool:
    """May the applicant add a file to this item now?"""
    if _libre(d):
        return True
    if d["statut"] in TERMINAUX:
        return False
    return piece.exigence == "plus_tard" or piece.cle in _ciblees(d) or any(
        ligne["statut"] == "a_corriger" for ligne in lignes)


def remplacable(d: dict, ligne: dict) -> bool:
    if d["statut"] in TERMINAUX or ligne["statut"] == "remplace":
        return False
    return ligne["statut"] == "a_corriger" or ligne["piece"] in _ciblees(d)


def supprimable(d: dict, ligne: dict) -> bool:
    """A file nobody looked at yet, of a dossier the applicant may still edit."""
    return _libre(d) and ligne["statut"] == "depose"


def applicables(demarche: Demarche, d: dict) -> list[Piece]:
    valeurs = objet(d["donnees"])
    return [p for p in demarche.pieces if p.applicable(valeurs)]


async def contexte(d: dict, erreurs: dict[str, list[str]] | None = None) -> dict:
    """The "Documents" of both sides: each item with its files and what may be done to them."""
    demarche = type_de(d["type"])
    lignes = await fichiers(d["id"])
    items = []
    for p in applicables(demarche, d):
        siens = [{**ligne, "libelle_statut": STATUTS[ligne["statut"]], "remplacable": remplacable(d, ligne),
                  "supprimable": supprimable(d, ligne)} for ligne in lignes if ligne["piece"] == p.cle]
        en_vigueur = [f for f in siens if f["statut"] != "remplace"]
        items.append({"piece": p, "exigence": EXIGENCES[p.exigence], "fichiers": siens, "ouverte": ouverte(d, p, siens),
                      "manquant": not en_vigueur})
    return {"pieces_dossier": items, "raisons_piece": RAISONS, "erreurs_pieces": erreurs or {},
            "documents_a_ajouter": [i for i in items if i["manquant"] and i["piece"].exigence == "obligatoire"]}


def _piece(d: dict, cle: str) -> Piece:
    piece = next((p for p in applicables(type_de(d["type"]), d) if p.cle == cle), None)
    if piece is None:
        raise PermissionError(cle)
    return piece


async def deposer(d: dict, user: Utilisateur, cle: str, envois: list, remplace: dict | None = None) -> list[str]:
    """Add the posted files to item `cle` (replacing `remplace`, a file of it): [] or the French reasons of
    a refusal, and then nothing is kept."""
    piece = _piece(d, cle)
    if user.id != d["compte"]:
        raise PermissionError(cle)
    siens = [f for f in await fichiers(d["id"]) if f["piece"] == cle]
    if remplace is None and not ouverte(d, piece, siens):
        raise PermissionError(cle)
    en_vigueur = sum(f["statut"] != "remplace" for f in siens) - (remplace is not None)
    ecrits, erreurs = await recevoir(PIECES_DOSSIER, user.id, envois, deja=en_vigueur)
    if erreurs or not ecrits:
        return erreurs or ["Choisissez un fichier."]
    try:
        async with DossierPiece._meta.db.transaction():
            await DossierPiece.insert(*(DossierPiece(dossier=d["id"], piece=cle, **e) for e in ecrits))
            if remplace is not None:
                await DossierPiece.update({DossierPiece.statut: "remplace"}).where(DossierPiece.id == remplace["id"])
                await _evenement(d, user, "piece_remplacee", f"{piece.libelle} : « {remplace['nom_original']} » "
                                 f"remplacé par « {ecrits[0]['nom_original']} »")
    except BaseException:
        await oublier(PIECES_DOSSIER, ecrits)
        raise
    return []


async def ligne(d: dict, piece_id: int) -> dict | None:
    return await DossierPiece.select().where((DossierPiece.id == piece_id) & (DossierPiece.dossier == d["id"])).first()


async def remplacer(d: dict, user: Utilisateur, piece_id: int, envois: list) -> tuple[str, list[str]]:
    """"Remplacer": (its item, the French reasons of a refusal or [])."""
    f = await ligne(d, piece_id)
    if f is None or not remplacable(d, f):
        raise PermissionError(piece_id)
    return f["piece"], await deposer(d, user, f["piece"], envois, remplace=f)


async def supprimer(d: dict, user: Utilisateur, piece_id: int) -> str:
    f = await ligne(d, piece_id)
    if f is None or user.id != d["compte"] or not supprimable(d, f):
        raise PermissionError(piece_id)
    await DossierPiece.delete().where(DossierPiece.id == piece_id)
    await oublier(PIECES_DOSSIER, [f])
    return f["piece"]


async def juger(d: dict, user: Utilisateur, piece_id: int, verdict: str, raison: str = "", texte: str = "",
                de: str | None = None) -> None:
    """The council's "Vérifié" / "À corriger" (reason and text) / "Authentifié", written to the Historique.
    `de` is the file's status the page showed: if it has changed since, Conflit."""
    f = await ligne(d, piece_id)
    if f is None or verdict not in VERDICTS or d["statut"] in TERMINAUX:
        raise Refus("Ce document ne peut plus être vérifié.")
    if de is not None and de != f["statut"]:
        raise Conflit(CONFLIT)
    piece = _piece(d, f["piece"])
    if f["statut"] == "remplace":
        raise Refus("Ce document a été remplacé par le demandeur : rechargez la page.")
    if verdict == "authentifie" and not piece.authentifiable:
        raise Refus("Ce document ne s'authentifie pas.")
    texte = texte.strip()[:2000]
    if verdict == "a_corriger" and raison not in RAISONS:
        raise Refus("Choisissez la raison de la correction.")
    if verdict != "a_corriger":
        raison, texte = "", ""
    action, libelle = VERDICTS[verdict]
    motif = f"{piece.libelle} (« {f['nom_original']} ») : {libelle}" + (f" — {raison}" if raison else "") + (
        f" : {texte}" if texte else "")
    async with DossierPiece._meta.db.transaction():
        jugee = await DossierPiece.update({
            DossierPiece.statut: verdict, DossierPiece.raison: raison, DossierPiece.texte: texte,
            DossierPiece.verifie_par: user.id, DossierPiece.verifie_le: horloge.maintenant(),
        }).where((DossierPiece.id == piece_id) & (DossierPiece.statut == f["statut"])).returning(DossierPiece.id)
        if not jugee:
            raise Conflit(CONFLIT)
        await _evenement(d, user, action, motif)


async def _evenement(d: dict, user: Utilisateur, action: str, motif: str) -> None:
    await DossierEvenement.insert(DossierEvenement(dossier=d["id"], acteur=user.id, action=action, motif=motif,
                                                   acteur_libelle=statuts.libelle_acteur(user)))
