"""What a démarche type declares (SPEC_DEMARCHES §1): one frozen spec per type, read by the engine.

A type is data — its sections and fields with plain validation functions, its documents, its clock, the
labels of its states, the applicant's steps — plus optional hooks for what only it does (eligibility, the
decision's preconditions). The engine (statuts, rules, routes) reads these and nothing type-specific.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date

from tables import horloge
from web.demarches.delais import Delai
from web.forms import noms_date, parties_date, verifier_date

# "Obligatoire", "Facultatif", "Si vous êtes concerné" (shown when an answer needs it),
# "Peut être transmis plus tard" (seed 000: "Je transmettrai mes diplômes dès leur réception").
EXIGENCES = {"obligatoire": "Obligatoire", "facultatif": "Facultatif", "si_concerne": "Si vous êtes concerné",
             "plus_tard": "Peut être transmis plus tard"}
STATUTS = {"brouillon": "Brouillon", "en_construction": "Transmise", "en_instruction": "En instruction",
           "a_completer": "À compléter", "accepte": "Acceptée", "refuse": "Refusée", "sans_suite": "Classée sans suite"}
TERMINAUX = ("accepte", "refuse", "sans_suite")
# The Historique event that gives the dossier's council read access to a habilitation's dossier, with the
# applicant's consent (entraide: "Informer le conseil départemental", §4.7).
PARTAGE = "conseil_informe"

def objet(valeur: str | dict | None) -> dict:
    """A JSON column as read back (Piccolo returns its text unless asked to load it)."""
    return json.loads(valeur) if isinstance(valeur, str) else (valeur or {})


Condition = Callable[[dict], bool]  # on the form's values: whether a field or a document applies


@dataclass(frozen=True)
class Champ:
    nom: str
    libelle: str
    genre: str = "texte"  # texte, long, date, naissance (jour / mois / année), choix, radio, case, email, tel
    obligatoire: bool = True
    choix: tuple[tuple[str, str], ...] = ()
    aide: str = ""
    si: Condition | None = None
    autocomplete: str = ""
    lien: tuple[str, str] = ()  # (label, URL) after the help: "Déposer une annonce" beside the practice's future

    def applicable(self, valeurs: dict) -> bool:
        return self.si is None or self.si(valeurs)


@dataclass(frozen=True)
class Section:
    cle: str
    titre: str
    champs: tuple[Champ, ...] = ()
    # Cross-field checks beyond "required": {field: French message}.
    valider: Callable[[dict], dict[str, str]] | None = None
    pieces: bool = False  # the "Mes documents" page of the wizard


@dataclass(frozen=True)
class Piece:
    cle: str
    libelle: str
    exigence: str = "obligatoire"
    si: Condition | None = None
    authentifiable: bool = False  # the council may mark its files "Authentifié" (diplomas before inscription)
    manque: str = ""  # said at transmission when it is missing ("Ajoutez le récépissé de dépôt de plainte")

    def applicable(self, valeurs: dict) -> bool:
        return self.si is None or self.si(valeurs)


@dataclass(frozen=True)
class Etape:
    """One of the applicant's steps ("Étape 5 sur 10 — J'initie ma demande")."""

    libelle: str
    statuts: tuple[str, ...] = ()  # the dossier statuses that are this step
    si: Condition | None = None  # and, on the dossier row, when (a transfer's stage: which council holds it)


@dataclass(frozen=True)
class Demarche:
    cle: str
    libelle: str
    pour: tuple[str, ...]  # account roles that may start it
    sections: tuple[Section, ...]
    pieces: tuple[Piece, ...] = ()
    delai: Delai | None = None
    etapes: tuple[Etape, ...] = ()
    libelles: dict[str, str] = field(default_factory=dict)  # this type's names for the states
    declaratif: bool = False  # the system takes it into instruction on transmission (§4.4)
    neutre: bool = False  # its e-mails say only "mise à jour", whatever happened (entraide, plaintes, §1.8)
    # The habilitation whose national holders alone see and instruct it ("entraide", §4.7): outside every
    # council queue, count, digest, search and export; its URLs a 404 for anyone else (but PARTAGE).
    habilitation: str = ""
    instructeur: str = ""  # whom the applicant reads as instructing it, instead of his council
    encart: str = ""  # a template shown first on the applicant's pages (entraide's helpline)
    # The département whose council instructs it, read from its fields at transmission (a complaint: the
    # targeted doctor's); None keeps the applicant's.
    instruit_par: Callable[[dict], Awaitable[str | None]] | None = None
    sujet_accepte: str = "acceptée"  # E8's subject suffix
    appel: bool = False  # a refusal carries the appeal text before the conseil régional (§2.6)
    entretien: bool = False  # instructed with an entretien confraternel and a séance plénière (§2.6)
    intro: str = ""
    # Who may start it now: None, or the French reason why not yet (with the date it opens).
    eligibilite: Callable[[dict, date], str | None] | None = None
    libelles_actions: dict[str, str] = field(default_factory=dict)  # this type's names for the buttons
    # Before "accepter": None, or the French reason why not yet (it may read the pièces, hence async).
    avant_acceptation: Callable[[dict], Awaitable[str | None]] | None = None
    # The type's own writes in the transaction of an action ({"accepter": …}), on the row after the change.
    apres: dict[str, Callable[[dict], Awaitable[None]]] = field(default_factory=dict)
    attestation: bool = False  # a PDF comes with the acceptance: E8 says it is in Mon Espace
    # Columns of its own in the council queue filtered on this type (§2.7: "Dossier complet le", "Entretien",
    # "Séance"), and their text for a page of rows: {dossier id: {column: text}}.
    colonnes_file: tuple[tuple[str, str], ...] = ()
    valeurs_file: Callable[[list[dict]], Awaitable[dict[int, dict[str, str]]]] | None = None
    # Actions of the one transition table this type never allows (the control: its applicant cannot withdraw it).
    interdites: tuple[str, ...] = ()
    # A panel of its own on the council's dossier page (a template included there) and what it reads.
    panneau: str = ""
    contexte_panneau: Callable[[dict], Awaitable[dict]] | None = None
    # Fields the council fills with an action ({"refuser": (Champ("suites", …),)}), kept in the dossier's data.
    champs_decision: dict[str, tuple[Champ, ...]] = field(default_factory=dict)
    # Its own e-mail subject suffixes ({nature: suffix}) and bodies (None: the engine's body of that nature).
    sujets: dict[str, str] = field(default_factory=dict)
    # The panel's one action, on its form as posted ({name: value}): it returns the Historique line it makes
    # (event, motif) — written by the engine in its transaction — or refuses with machine.ActionRefusee.
    agir_panneau: Callable[[dict, dict], Awaitable[tuple[str, str]]] | None = None
    evenements: dict[str, str] = field(default_factory=dict)
    corps: Callable[[str, dict], Awaitable[list[str] | None]] | None = None
    # Fields another page may fill in when it offers this démarche (a follow-on after a change of address, a
    # contract from a filled annonce): "/demarches/commencer/<cle>?<field>=…" carries them into the new dossier.
    prefill: tuple[str, ...] = ()
    urgent: bool = False  # an "Urgent" badge in the council queue until it is decided (§4.4)
    lot_accepter: bool = False  # "Accepter" among the queue's batch actions (vignette, carte: §1.6)
    # The applicant may complete it while in instruction ("Compléter ma déclaration", §4.4): its sections stay
    # open and each "completer" runs apres["completer"] (a document issued again).
    completable: bool = False
    # Lines of its own on both dossier pages, from the row ("Envoyée le 12/12/2026", "Date limite de
    # communication : …").
    infos: Callable[[dict], list[str]] | None = None
    # What the form's values imply, read from the database when saved (the département of a commune and its
    # code postal): {key: value} kept beside them, so that the sections' plain checks can read it. It is given
    # the values and the applicant's council.
    deduire: Callable[[dict, str | None], Awaitable[dict]] | None = None
    # What the applicant's dossier page offers next ("Demander le transfert…", follow-on démarches prefilled):
    # [{"titre": …, "texte": …, "liens": [(label, href), …]}], on the dossier row.
    suites: Callable[[dict], Awaitable[list[dict]]] | None = None
    plusieurs: bool = False  # several open dossiers of this type at once (one per contract communicated)
    # A clock that depends on an answer (a draft contract 1 month, a signed one 6): the form's values → its delay.
    delai_selon: Callable[[dict], Delai] | None = None
    # A state's label that depends on the council's decision fields ("Examiné — avec observations").
    libelle_selon: Callable[[str, dict], str | None] | None = None
    # Extra staff badges for a page of queue rows ("Communiqué hors délai"): {dossier id: [badge]}.
    badges_file: Callable[[list[int]], Awaitable[dict[int, list[str]]]] | None = None

    def libelle_action(self, action: str, defaut: str) -> str:
        return self.libelles_actions.get(action, defaut)

    def libelle_statut(self, statut: str, valeurs: dict | None = None) -> str:
        propre = self.libelle_selon(statut, valeurs) if self.libelle_selon and valeurs is not None else None
        return propre or self.libelles.get(statut, STATUTS[statut])

    def delai_de(self, valeurs: dict) -> Delai | None:
        return self.delai_selon(valeurs) if self.delai_selon else self.delai

    def section(self, cle: str) -> Section | None:
        return next((s for s in self.sections if s.cle == cle), None)


def lire(champ: Champ, data) -> str:
    """What the form posted for `champ`, as it is saved: a date asked in three boxes is aaaa-mm-jj once whole
    and real, else its parts as typed (« 31/2/1985 »), so that nothing typed is lost."""
    if champ.genre != "naissance":
        return data.get(champ.nom, "")
    jour, mois, annee = (str(data.get(n, "")).strip()[:4] for n in noms_date(champ.nom))
    valeur, _ = verifier_date(jour, mois, annee, horloge.aujourdhui())
    return valeur.isoformat() if valeur else (f"{jour}/{mois}/{annee}" if jour or mois or annee else "")


def erreur_date(valeur: str) -> str:
    """The French message of a date saved as typed but not (yet) a real one; "" when it is one or empty."""
    return verifier_date(*parties_date(valeur), horloge.aujourdhui())[1] if "/" in valeur else ""


# The registered types, which web/demarches/registre.py fills as it is imported (the app's routes, the worker's
# jobs and the demo import it). The engine's modules that a type may call itself (courriels, rules, statuts,
# historique, appel) read them here, so that a type's hooks use the engine without an import cycle.
TYPES: dict[str, Demarche] = {}


def type_de(cle: str) -> Demarche:
    return TYPES[cle]

