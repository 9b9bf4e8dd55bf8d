"""A doctor's actions of certification (SPEC_DEMARCHES §3.3): their statuses as a transition table, the carnet's
kept counts, the exemption request.

Only "Déclarée" counts; Carnet.b1…b4 are recounted by `recompter` in the transaction of every change that
makes an action declared or stops it being so, so the council's lists read the counts without counting.
"Écartée au contrôle" is the control's (the council side): the doctor reads it and can do nothing to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from piccolo.query.functions.aggregate import Count

from tables import horloge
from tables.certification import ActionCertification, Carnet, PreuveAction
from web.certification.periode import BLOCS
from web.fichiers import depots
from web.fichiers.usages import PREUVES_CERTIFICATION
from web.machine import ActionRefusee, Conflit, Transition

STATUTS = {"brouillon": "Brouillon", "declaree": "Déclarée", "a_confirmer": "À confirmer",
           "ecartee": "Écartée au contrôle"}
NOUVELLE = ""  # the status of an action not written yet
SUPPRIMEE = "supprimee"  # the row is deleted: "Supprimer", or "Ce n'est pas moi" for a third party's deposit

# Decision: a declared action may go back to draft (its owner corrects it) until the control marks it.
TRANSITIONS = (
    Transition(NOUVELLE, "brouillon", "brouillon", "medecin", "Enregistrer en brouillon"),
    Transition(NOUVELLE, "declarer", "declaree", "medecin", "Déclarer l'action"),
    Transition("brouillon", "brouillon", "brouillon", "medecin", "Enregistrer en brouillon"),
    Transition("brouillon", "declarer", "declaree", "medecin", "Déclarer l'action"),
    Transition("brouillon", "supprimer", SUPPRIMEE, "medecin", "Supprimer"),
    Transition("declaree", "brouillon", "brouillon", "medecin", "Enregistrer en brouillon"),
    Transition("declaree", "declarer", "declaree", "medecin", "Déclarer l'action"),
    Transition("declaree", "supprimer", SUPPRIMEE, "medecin", "Supprimer"),
    Transition("a_confirmer", "confirmer", "declaree", "medecin", "Confirmer"),
    Transition("a_confirmer", "rejeter", SUPPRIMEE, "medecin", "Ce n'est pas moi"),
)
MODIFIABLES = {t.de for t in TRANSITIONS if t.action == "declarer"} - {NOUVELLE}
CONFLIT = "Cette action vient d'être modifiée : rechargez la page."


def regle(statut: str, action: str) -> Transition:
    """The row of the table, or ActionRefusee in French."""
    trouvee = next((t for t in TRANSITIONS if t.de == statut and t.action == action), None)
    if trouvee is None:
        raise ActionRefusee(f"Cette action n'est pas possible depuis le statut « {STATUTS.get(statut, statut)} ».")
    return trouvee


def possibles(statut: str) -> set[str]:
    """What the doctor may do to an action in this status: the only source of its buttons."""
    return {t.action for t in TRANSITIONS if t.de == statut}


def compte(de: str, vers: str) -> bool:
    """The change touches what counts."""
    return "declaree" in (de, vers)


async def recompter(carnet_id: int) -> None:
    """Carnet.b1…b4 = its "Déclarée" actions per bloc; called inside the transaction of the change (the
    doctor's, or the control's "Écartée")."""
    rows = await ActionCertification.select(ActionCertification.bloc, Count(alias="n")).where(
        (ActionCertification.carnet == carnet_id) & (ActionCertification.statut == "declaree")).group_by(
        ActionCertification.bloc)
    par_bloc = {r["bloc"]: r["n"] for r in rows}
    await Carnet.update({getattr(Carnet, f"b{b}"): par_bloc.get(b, 0) for b in BLOCS}).where(Carnet.id == carnet_id)


async def lister(carnet_id: int) -> list[dict]:
    """The carnet's actions, with their proofs' names (for the dashboard)."""
    actions = await ActionCertification.select().where(ActionCertification.carnet == carnet_id).order_by(
        ActionCertification.bloc, ActionCertification.debut, ActionCertification.id)
    preuves = await PreuveAction.select(PreuveAction.id, PreuveAction.action, PreuveAction.nom_original).where(
        PreuveAction.action.is_in([a["id"] for a in actions] or [0])).order_by(PreuveAction.id)
    for a in actions:
        a["preuves"] = [p for p in preuves if p["action"] == a["id"]]
        a["libelle_statut"] = STATUTS[a["statut"]]
        a["possibles"] = possibles(a["statut"])
    return actions


async def charger(carnet_id: int, action_id: int) -> dict | None:
    """An action of this carnet (None for anyone else's: the caller answers 404)."""
    action = await ActionCertification.select().where(
        (ActionCertification.id == action_id) & (ActionCertification.carnet == carnet_id)).first()
    if action:
        action["preuves"] = await PreuveAction.select().where(PreuveAction.action == action_id).order_by(
            PreuveAction.id)
    return action


async def preuve(carnet_id: int, preuve_id: int) -> dict | None:
    """A proof of an action of this carnet (None for anyone else's)."""
    ligne = await PreuveAction.select(*PreuveAction.all_columns(), PreuveAction.action.carnet.as_alias("carnet")).where(
        PreuveAction.id == preuve_id).first()
    return ligne if ligne and ligne["carnet"] == carnet_id else None


async def deja_declarees(carnet_id: int, code: str, sauf: int | None) -> int:
    """How many times this action of the référentiel already counts in the carnet (`sauf` the one edited)."""
    where = (ActionCertification.carnet == carnet_id) & (ActionCertification.code == code) & (
        ActionCertification.statut == "declaree")
    if sauf is not None:
        where &= ActionCertification.id != sauf
    return await ActionCertification.count().where(where)


@dataclass
class Ecriture:
    """What a valid form writes: the columns, the decision (a TRANSITIONS action) and the files to attach."""

    valeurs: dict
    decision: str
    lot: depots.Lot
    gardees: list[int]  # the proofs already attached that stay; the others are removed


async def enregistrer(carnet_id: int, compte_id: int, action: dict | None, ecriture: Ecriture) -> int:
    """Create or update the action as its form says, its proofs and the counts, in one transaction."""
    de = action["statut"] if action else NOUVELLE
    retirees = [p for p in action["preuves"] if p["id"] not in ecriture.gardees] if action else []
    t = regle(de, ecriture.decision)
    ecrits = await depots.enregistrer(ecriture.lot, compte_id)
    try:
        async with ActionCertification._meta.db.transaction():
            valeurs = {**ecriture.valeurs, "statut": t.vers, "maj_le": horloge.maintenant()}
            if action is None:
                ligne = await ActionCertification.insert(ActionCertification(
                    carnet=carnet_id, source="medecin", **valeurs)).returning(ActionCertification.id)
                action_id = ligne[0]["id"]
            else:
                action_id = action["id"]
                cols = {getattr(ActionCertification, k): v for k, v in valeurs.items()}
                cols[ActionCertification.version] = action["version"] + 1
                fait = await ActionCertification.update(cols).where(
                    (ActionCertification.id == action_id) & (ActionCertification.version == action["version"])
                ).returning(ActionCertification.id)
                if not fait:
                    raise Conflit(de)
            if retirees:
                await PreuveAction.delete().where((PreuveAction.action == action_id) & PreuveAction.id.is_in(
                    [p["id"] for p in retirees]))
            if ecrits:
                await PreuveAction.insert(*(PreuveAction(action=action_id, **e) for e in ecrits))
            await depots.consommer(ecriture.lot, compte_id)
            if compte(de, t.vers):
                await recompter(carnet_id)
    except BaseException:
        await depots.supprimer(PREUVES_CERTIFICATION, [e["fichier"] for e in ecrits])
        raise
    await depots.supprimer(PREUVES_CERTIFICATION, [p["fichier"] for p in retirees])
    return action_id


async def appliquer(carnet_id: int, action: dict, nom: str) -> Transition:
    """A button of the dashboard (Confirmer, Ce n'est pas moi, Supprimer) on one action of the carnet."""
    t = regle(action["statut"], nom)
    condition = (ActionCertification.id == action["id"]) & (ActionCertification.version == action["version"])
    async with ActionCertification._meta.db.transaction():
        if t.vers == SUPPRIMEE:
            fait = await ActionCertification.delete().where(condition).returning(ActionCertification.id)
        else:
            fait = await ActionCertification.update({
                ActionCertification.statut: t.vers, ActionCertification.version: action["version"] + 1,
                ActionCertification.maj_le: horloge.maintenant()}).where(condition).returning(ActionCertification.id)
        if not fait:
            raise Conflit(action["statut"])
        if compte(action["statut"], t.vers):
            await recompter(carnet_id)
    if t.vers == SUPPRIMEE:  # the rows went with the action (cascade); the files follow, after the commit
        await depots.supprimer(PREUVES_CERTIFICATION, [p["fichier"] for p in action.get("preuves", [])])
    return t


EXONERATIONS = {
    "demandee": "Demande d'exonération du bloc 3 envoyée à votre conseil départemental",
    "refusee": "Votre conseil départemental a refusé l'exonération du bloc 3 : ce bloc reste requis.",
}


async def demander_exoneration(carnet: dict) -> bool:
    """"Je n'ai pas d'activité de soins directe auprès des patients": the request waits for a gestionnaire
    (who confirms or refuses it on the council side). Once only, unless refused."""
    if carnet["exoneration"] not in ("", "refusee"):
        return False
    await Carnet.update({Carnet.exoneration: "demandee", Carnet.exoneration_le: horloge.maintenant()}).where(
        (Carnet.id == carnet["id"]) & (Carnet.exoneration == carnet["exoneration"]))
    return True
