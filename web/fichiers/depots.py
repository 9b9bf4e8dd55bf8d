"""Uploads on their way to a form: counted before anything is read, checked, and written to the final store
only once the form is valid. Until then they wait as rows that expire (the database, not the upload folder,
holds them), so a validation error never makes the user send them again and a rejected request leaves
nothing on disk. A scheduled purge removes expired rows and files no row references.

Memory: Litestar spools each uploaded part to an anonymous temporary file beyond 1 Mo and the body is capped
(web/app.py); the count cap is checked before any part is read, then at most `max_fichiers` parts of
`max_octets` each are read, one at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from litestar.datastructures import UploadFile

from tables import horloge
from tables.fichiers import DepotFichier
from web.fichiers import stockage
from web.fichiers.verifier import FichierRefuse, FichierVerifie, Usage, verifier

log = logging.getLogger("monespace.fichiers")

MARGE_ORPHELINS = timedelta(hours=1)  # longer than any request: a file written just before its row's commit
_METADONNEES = (DepotFichier.jeton, DepotFichier.nom_original, DepotFichier.type_mime, DepotFichier.taille)


@dataclass
class Lot:
    """The files one form carries for one usage: staged by earlier requests, and checked in this one."""

    usage: Usage
    deposes: list[dict] = field(default_factory=list)  # jeton, nom_original, type_mime, taille (no content)
    recus: list[FichierVerifie] = field(default_factory=list)  # in memory, nothing written yet

    def __len__(self) -> int:
        return len(self.deposes) + len(self.recus)


def _vivants(usage: Usage, compte_id: int):
    return (DepotFichier.compte == compte_id) & (DepotFichier.usage == usage.nom) \
        & (DepotFichier.expire_le > horloge.maintenant())


async def recevoir(usage: Usage, compte_id: int, jetons: list, envois: list, deja: int = 0) -> tuple[Lot, list[str]]:
    """The form's files and the French errors: the cap (with `deja` files kept) first, then each file's content.

    Jetons of someone else, of another usage, expired or forged are ignored. Over the cap, no part is read.
    """
    jetons = [j for j in jetons if isinstance(j, str) and 0 < len(j) <= 40][:usage.max_fichiers]
    lot = Lot(usage, deposes=await DepotFichier.select(*_METADONNEES).where(
        _vivants(usage, compte_id) & DepotFichier.jeton.is_in(jetons)).order_by(DepotFichier.id) if jetons else [])
    envois = [e for e in envois if isinstance(e, UploadFile) and e.filename]
    try:
        if deja + len(lot) + len(envois) > usage.max_fichiers:
            return lot, [usage.message("trop_de_fichiers")]
        erreurs = []
        for envoi in envois:
            contenu = await envoi.read(usage.max_octets + 1)
            try:
                lot.recus.append(await asyncio.to_thread(verifier, usage, envoi.filename, contenu))
            except FichierRefuse as exc:
                erreurs.append(str(exc))
        return lot, erreurs
    finally:
        for envoi in envois:  # frees Litestar's spooled temporary file now, not at garbage collection
            await envoi.close()


async def mettre_en_attente(lot: Lot, compte_id: int) -> None:
    """The form is not valid: the checked files wait as rows (at most twice the cap per account and usage)."""
    if lot.recus:
        expire = horloge.maintenant() + lot.usage.attente
        lignes = [DepotFichier(jeton=secrets.token_urlsafe(24), compte=compte_id, usage=lot.usage.nom,
                               nom_original=f.nom_original, type_mime=f.type_mime, extension=f.extension,
                               taille=f.taille, contenu=f.contenu, expire_le=expire) for f in lot.recus]
        await DepotFichier.insert(*lignes)
        lot.deposes += [{c._meta.name: getattr(ligne, c._meta.name) for c in _METADONNEES} for ligne in lignes]
        lot.recus = []
    gardes = [d["jeton"] for d in lot.deposes]
    autres = await DepotFichier.select(DepotFichier.id).where(
        (DepotFichier.compte == compte_id) & (DepotFichier.usage == lot.usage.nom)
        & DepotFichier.jeton.not_in(gardes or [""])).order_by(DepotFichier.id, ascending=False)
    if trop := [r["id"] for r in autres[lot.usage.max_fichiers:]]:
        await DepotFichier.delete().where(DepotFichier.id.is_in(trop))


async def enregistrer(lot: Lot, compte_id: int) -> list[dict]:
    """The form is valid: every file of the lot to the final store; rows for the caller to insert are returned.

    The caller calls `consommer` in the transaction that references the files, and `supprimer` if it fails.
    On a write failure, what was already written is removed and FichierRefuse (in French) is raised.
    """
    ecrits: list[dict] = []
    try:
        for depose in lot.deposes:
            ligne = await DepotFichier.select(DepotFichier.contenu, DepotFichier.extension).where(
                _vivants(lot.usage, compte_id) & (DepotFichier.jeton == depose["jeton"])).first()
            if ligne is not None:  # expired between the form's reading and now: dropped like a forged token
                ecrits.append(await _stocker(lot.usage, FichierVerifie(
                    contenu=ligne["contenu"], type_mime=depose["type_mime"], extension=ligne["extension"],
                    nom_original=depose["nom_original"], taille=depose["taille"])))
        for recu in lot.recus:
            ecrits.append(await _stocker(lot.usage, recu))
    except FichierRefuse:
        await supprimer(lot.usage, [e["fichier"] for e in ecrits])
        raise
    return ecrits


async def _stocker(usage: Usage, fichier: FichierVerifie) -> dict:
    nom = await asyncio.to_thread(stockage.stocker, usage, fichier)
    return {"fichier": nom, "nom_original": fichier.nom_original, "type_mime": fichier.type_mime,
            "taille": fichier.taille}


async def consommer(lot: Lot, compte_id: int) -> None:
    """The staged rows of the lot are used: deleted in the caller's transaction."""
    if lot.deposes:
        await DepotFichier.delete().where((DepotFichier.compte == compte_id) & DepotFichier.jeton.is_in(
            [d["jeton"] for d in lot.deposes]))


async def supprimer(usage: Usage, noms: list[str]) -> None:
    """Files no row references any more: replaced, or written for a transaction that did not commit."""
    for nom in noms:
        with contextlib.suppress(OSError):  # the purge will find it later
            await asyncio.to_thread(stockage.supprimer, usage, nom)


async def purger(usages: tuple[Usage, ...], maintenant: datetime | None = None) -> dict[str, int]:
    """Expired staged rows, and files of the store no row references (older than the margin): removed."""
    maintenant = maintenant or horloge.maintenant()
    expires = await DepotFichier.delete().where(DepotFichier.expire_le <= maintenant).returning(DepotFichier.id)
    orphelins = 0
    avant = (maintenant - MARGE_ORPHELINS).timestamp()  # files' mtimes are wall-clock instants too
    for usage in usages:
        candidats = list(stockage.candidats_orphelins(usage, avant))
        colonne = usage.references
        for debut in range(0, len(candidats), 500):
            paquet = candidats[debut:debut + 500]
            utilises = {r[colonne._meta.name] for r in await colonne._meta.table.select(colonne).where(
                colonne.is_in([p.name for p in paquet]))}
            for fichier in paquet:
                if fichier.name not in utilises:
                    with contextlib.suppress(OSError):
                        fichier.unlink()
                        orphelins += 1
    if expires or orphelins:
        log.info("purge des fichiers : %d dépôts expirés, %d fichiers orphelins", len(expires), orphelins)
    return {"depots": len(expires), "orphelins": orphelins}
