"""Status machines as data: transition rows, and the one `appliquer` that every machine shares.

A row says from which status an action leads to which, who may do it, which timestamp it sets and
which notification it sends; an optional guard refuses it with a French message. `transition` applies
one row as a conditional UPDATE on (status, version), so two people acting at once give one change,
and writes the event and the outbox row in the same transaction. What is specific to one machine
(the annonce's reroute on republier, its search index, its refusal counter) comes in as named hooks,
so this module knows no table: the annonce machine is its first user, the démarches the next.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from piccolo.columns.combination import Where, WhereRaw
from piccolo.engine.sqlite import SQLiteEngine, TransactionType
from piccolo.table import Table

from tables import horloge


class ActionRefusee(Exception):
    """Not possible from this status (or refused by a guard): the message is shown as is."""


class Conflit(Exception):
    """Somebody else changed the row first."""


@dataclass(frozen=True)
class Transition:
    de: str
    action: str
    vers: str
    qui: str  # the role that may do it for this row: "auteur", "gestion", "systeme"…
    libelle: str  # French label of the action (its button)
    horodatage: str | None = None  # column set to the current instant
    notification: str | None = None  # nature of the e-mail sent to the row's owner
    garde: Callable[[dict], str | None] | None = None  # the French reason it is refused now, or None


@dataclass(frozen=True)
class Resultat:
    statut: str
    notification: int | None
    transition: Transition


Hook = Callable[..., Awaitable[Any]]


@dataclass(frozen=True)
class Crochets:
    """The points where a machine adds what is its own; each one is optional.

    aiguiller(row, transition, contexte) -> Transition: another row of the same (de, action)
    valeurs(row, transition, contexte) -> {column: value}: more columns written by the UPDATE
    indexer(row, transition): inside the transaction, after the UPDATE and its event
    notifier(nature, row after the change) -> outbox id: writes the notification
    apres_validation(resultat): after commit (relaying beyond the outbox row)
    """

    aiguiller: Hook | None = None
    valeurs: Hook | None = None
    indexer: Hook | None = None
    notifier: Hook | None = None
    apres_validation: Callable[[Resultat], None] | None = None


@dataclass(frozen=True)
class Machine:
    """A status machine over one table; its events go to `evenements`, whose column `cle` points at the row."""

    table: type[Table]
    evenements: type[Table]
    cle: str
    transitions: tuple[Transition, ...]
    roles: Callable[[dict, Any], set[str]]  # what the user is for this row ("auteur", "gestion"…)
    statuts: dict[str, str]  # French labels, for the messages
    acteur: Callable[[Any], str]  # how the history names who acted
    crochets: Crochets = field(default_factory=Crochets)
    visibles: Callable[[type[Table]], Where | WhereRaw] = lambda t: WhereRaw("1 = 1")  # noqa: E731 - rows it may touch
    colonne_maj: str | None = None  # set at every transition
    impossible: str = "Cette action n'est pas possible depuis le statut « {statut} »."

    def possibles(self, statut: str, roles: set[str]) -> list[Transition]:
        """The rows open from `statut` to someone holding `roles`, in table order."""
        return [t for t in self.transitions if t.de == statut and t.qui in roles]

    def actions(self, row: dict, user: Any) -> set[str]:
        """What this user may do to this row now: the only source of the buttons a page shows."""
        return {t.action for t in self.possibles(row["statut"], self.roles(row, user))}

    def transaction(self):
        """On SQLite, take the write lock first (BEGIN IMMEDIATE): a concurrent change then waits and reads
        the new version (Conflit) instead of failing with "database is locked"."""
        db = self.table._meta.db
        return db.transaction(transaction_type=TransactionType.immediate) if isinstance(db, SQLiteEngine) \
            else db.transaction()


async def transition(machine: Machine, cle: int, action: str, user: Any, *, motif: str = "",
                     version: int | None = None, valeurs: dict | None = None, **contexte: Any) -> Resultat:
    """Apply `action` inside the caller's transaction; the caller relays the notification after commit."""
    t, c = machine.table, machine.crochets
    row = await t.select().where((t.id == cle) & machine.visibles(t)).first()
    if row is None:
        raise LookupError(cle)
    roles = machine.roles(row, user)
    if not {r.qui for r in machine.transitions if r.action == action} & roles:
        raise PermissionError(action)
    depart = row["statut"]
    if version is not None and version != row["version"]:
        raise Conflit(depart)
    choix = [r for r in machine.possibles(depart, roles) if r.action == action]
    if not choix:
        raise ActionRefusee(machine.impossible.format(statut=machine.statuts[depart]))
    regle = choix[0]
    if regle.garde and (raison := regle.garde(row)):
        raise ActionRefusee(raison)
    contexte["motif"] = motif
    if c.aiguiller:
        regle = await c.aiguiller(row, regle, contexte)
    now = horloge.maintenant()
    changes: dict = {**(valeurs or {}), t.statut: regle.vers, t.version: row["version"] + 1}
    if machine.colonne_maj:
        changes[getattr(t, machine.colonne_maj)] = now
    if regle.horodatage:
        changes[getattr(t, regle.horodatage)] = now
    if c.valeurs:
        changes.update(await c.valeurs(row, regle, contexte))
    done = await t.update(changes).where(
        (t.id == cle) & (t.statut == depart) & (t.version == row["version"])).returning(t.id)
    if not done:
        raise Conflit(depart)
    if regle.vers != depart or regle.horodatage:  # a change nobody would read in a history leaves none
        e = machine.evenements
        await e.insert(e(**{machine.cle: cle}, acteur=getattr(user, "id", None), acteur_libelle=machine.acteur(user),
                         action=action, de=depart, vers=regle.vers, motif=motif))
    if c.indexer:  # after the event: what it writes (a PDF issued, its own event) follows the change in a history
        await c.indexer(row, regle)
    apres = {**row, **{col._meta.name: v for col, v in changes.items()}}
    nid = await c.notifier(regle.notification, apres) if regle.notification and c.notifier else None
    return Resultat(regle.vers, nid, regle)


async def appliquer(machine: Machine, cle: int, action: str, user: Any, *,
                    ensuite: Callable[[Resultat], Awaitable[None]] | None = None, **contexte: Any) -> Resultat:
    """Apply `action` in its own transaction (with `ensuite`, the caller's own writes, in the same one), then
    the machine's after-commit hook; the outbox row is relayed by the request's or job's edge (tasks/relais)."""
    async with machine.transaction():
        resultat = await transition(machine, cle, action, user, **contexte)
        if ensuite:
            await ensuite(resultat)
    if machine.crochets.apres_validation:
        machine.crochets.apres_validation(resultat)
    return resultat
