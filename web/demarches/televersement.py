"""One form's files for a dossier (documents, a message's attachment, a note's file): checked by the one
checker (web/fichiers), then written to the store at once — these forms hold nothing else that could fail
after, so nothing waits as a staged upload."""

from __future__ import annotations

from web.fichiers import depots
from web.fichiers.verifier import FichierRefuse, Usage


def envois(data, champ: str) -> list:
    """The files posted under `champ`: however many, none is read before the usage's cap is checked
    (web/fichiers/depots.recevoir)."""
    return data.getall(champ, [])


async def recevoir(usage: Usage, compte_id: int, envois: list, deja: int = 0) -> tuple[list[dict], list[str]]:
    """The stored files (fichier, nom_original, type_mime, taille) or, if any is refused, none and the French
    reasons; `deja` files are already kept (the usage's cap counts them). The caller inserts the rows, and
    calls `oublier` if its transaction fails."""
    lot, erreurs = await depots.recevoir(usage, compte_id, [], envois, deja=deja)
    if erreurs or not len(lot):
        return [], erreurs
    try:
        return await depots.enregistrer(lot, compte_id), []
    except FichierRefuse as exc:
        return [], [str(exc)]


async def oublier(usage: Usage, ecrits: list[dict]) -> None:
    await depots.supprimer(usage, [e["fichier"] for e in ecrits])
