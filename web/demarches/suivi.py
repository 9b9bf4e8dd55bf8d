"""Who follows a dossier ("Suivre", "Ne plus suivre", "Affecter à…"), one by one or for a selection (§1.6).

Following is not a transition: it changes no state, only the tab a dossier sits in, and leaves a line in
the staff Historique. A batch applies each row at the version the table showed and reports every row it
left alone with its reason, as the annonces' batch does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tables.demarches import Dossier, DossierEvenement
from web import machine
from web.demarches import file, instruction, messagerie, statuts
from web.demarches.moteur import TERMINAUX
from web.demarches.registre import type_de
from web.machine import ActionRefusee, Conflit
from web.security import Utilisateur

ACTIONS_LOT = {"instruire": "Passer en instruction", "suivre": "Suivre", "affecter": "Affecter à…",
               "message": "Envoyer un message", "accepter": "Accepter"}
FAITS = {"instruire": "passé{s} en instruction", "suivre": "suivi{s} par vous", "affecter": "affecté{s} à {qui}",
         "message": "avec votre message (demandeur{s} prévenu{s} par e-mail)", "accepter": "accepté{s}"}


Refus = instruction.Refus  # the French reason a row or a request is left alone

@dataclass
class Bilan:
    action: str
    qui: str = ""
    faits: list[str] = field(default_factory=list)
    ignores: list[tuple[str, str]] = field(default_factory=list)

    @property
    def phrase(self) -> str:
        n = len(self.faits)
        fait = FAITS[self.action].format(s="s" if n > 1 else "", qui=self.qui)
        return f"{n} dossier{'s' if n > 1 else ''} {fait}" + (f" : {', '.join(self.faits)}." if n else ".")


async def collegue(user: Utilisateur, compte_id: int | None, habilitation: str = "") -> dict:
    """The colleague named by the form, only among those `user` may give a dossier to."""
    trouve = next((c for c in await file.collegues(user, habilitation) if c["id"] == compte_id), None)
    if trouve is None:
        raise Refus("Choisissez à qui confier le dossier.")
    return trouve


async def suivre(d: dict, user: Utilisateur, compte: dict | None, version: int) -> None:
    """`compte` follows the dossier from now on (None: nobody). Refused on a decided or changed dossier."""
    if d["statut"] in TERMINAUX:
        raise Refus("Ce dossier est traité : il n'est plus suivi.")
    motif = f"Suivi par {compte['identifiant']}" if compte else "Plus suivi"
    async with statuts.DOSSIER.transaction():
        rows = await Dossier.update({Dossier.suivi_par: compte["id"] if compte else None,
                                     Dossier.version: version + 1}).where(
            (Dossier.id == d["id"]) & (Dossier.version == version)).returning(Dossier.id)
        if not rows:
            raise Conflit()
        await DossierEvenement.insert(DossierEvenement(dossier=d["id"], acteur=user.id, action="suivre",
                                                       acteur_libelle=statuts.libelle_acteur(user), motif=motif))


async def depuis_formulaire(d: dict, user: Utilisateur, data) -> None:
    """The dossier page's "Suivre" (suivre=1), "Ne plus suivre" (suivre=0) or "Affecter à…" (compte=<id>)."""
    compte_id = data.get("compte")
    if compte_id:
        compte = await collegue(user, int(compte_id) if str(compte_id).isdigit() and len(compte_id) < 10 else None,
                                type_de(d["type"]).habilitation)
    else:
        compte = {"id": user.id, "identifiant": user.identifiant} if data.get("suivre") == "1" else None
    version = str(data.get("version", ""))
    await suivre(d, user, compte, int(version) if version.isdigit() and len(version) < 10 else -1)


async def _instruire(d: dict, user: Utilisateur, version: int, lot: dict) -> None:
    await statuts.appliquer(d["id"], "instruire", user, version=version, suivre=True)


async def _suivre(d: dict, user: Utilisateur, version: int, lot: dict) -> None:
    await suivre(d, user, lot["cible"], version)


async def _ecrire(d: dict, user: Utilisateur, version: int, lot: dict) -> None:
    """The same message in each dossier's thread (E5 to each applicant); a message changes no version."""
    await messagerie.ecrire(d, user, lot["texte"], [])


async def _accepter(d: dict, user: Utilisateur, version: int, lot: dict) -> None:
    """Only for the types that allow it (vignette, carte professionnelle: §1.6), never inscription; a dossier
    just transmitted is taken into instruction and accepted in one transaction."""
    if not type_de(d["type"]).lot_accepter:
        raise Refus("cette démarche ne s'accepte pas par lot")
    if d["statut"] != "en_construction":
        await statuts.appliquer(d["id"], "accepter", user, version=version)
        return

    async def accepter(_resultat) -> None:
        await machine.transition(statuts.DOSSIER, d["id"], "accepter", user, user_id=user.id)
    await statuts.appliquer(d["id"], "instruire", user, version=version, suivre=True, ensuite=accepter)


EFFETS = {"accepter": _accepter, "instruire": _instruire, "suivre": _suivre, "affecter": _suivre, "message": _ecrire}


async def lot(user: Utilisateur, action: str, demandes: list[tuple[int, int]], compte_id: int | None,
              texte: str = "", habilitation: str = "") -> Bilan:
    """Apply `action` to each ticked (id, version) of the user's queue (that of `habilitation`: entraide); the
    others are reported."""
    if action not in ACTIONS_LOT:
        raise Refus("Choisissez ce que vous voulez faire de la sélection.")
    if not demandes:
        raise Refus("Cochez au moins un dossier.")
    if action == "message" and not texte.strip():
        raise Refus("Écrivez le message à envoyer aux demandeurs.")
    moi = {"id": user.id, "identifiant": user.identifiant}
    cible = await collegue(user, compte_id, habilitation) if action == "affecter" else moi
    bilan = Bilan(action=action, qui=cible["identifiant"])
    lignes = {r["id"]: r for r in await Dossier.select().where(file.visibles(user, habilitation) & Dossier.id.is_in(
        [i for i, _ in demandes]))}
    for dossier_id, version in demandes:
        d = lignes.get(dossier_id)
        if d is None:
            continue  # not of this perimeter: nothing is said of it
        try:
            await EFFETS[action](d, user, version, {"cible": cible, "texte": texte})
            bilan.faits.append(d["numero"])
        except Conflit:
            bilan.ignores.append((d["numero"], "il vient d'être modifié : rechargez la page"))
        except (ActionRefusee, PermissionError, Refus, messagerie.Refus) as refus:
            bilan.ignores.append((d["numero"], str(refus) or "action impossible dans son état"))
    return bilan
