"""Transférer mon inscription vers un autre conseil (seed 002, SPEC_DEMARCHES §4.2, L.4112-1, L.4112-5).

Two stages (Decision): the doctor's own council checks the request, then "Transmettre au conseil de destination"
hands the dossier on — the destination's perimeter now holds it, unfollowed, in its "À traiter"; the origin keeps
reading it (the engine's `Dossier.origine`). The destination instructs as an inscription: its clock of 3 months
starts at its own "dossier complet"; on acceptance the doctor is on its Tableau.
"""

from __future__ import annotations

from tables.comptes import Praticien
from tables.demarches import Dossier
from tables.referentiel import Departement
from web.demarches.delais import Delai
from web.demarches.moteur import TERMINAUX, Champ, Demarche, Etape, Piece, Section, objet
from web.demarches.types import changement_adresse_lieu as lieu
from web.machine import ActionRefusee

MODES = (("liberal", "Libéral"), ("salarie", "Salarié"), ("mixte", "Mixte"), ("remplacements", "Remplacements"))
OUI_NON = (("oui", "Oui"), ("non", "Non"))
# Wording to validate with the Ordre (R.4112-4 refers to L.4112-5 for transferred practitioners).
PROVISOIRE = ("Dès le dépôt de votre demande, vous pouvez exercer à titre provisoire dans votre nouveau département, "
              "jusqu'à ce que le conseil de destination ait statué (articles L.4112-5 et R.4112-4 du code de la santé "
              "publique).")
TRANSMISSIBLES = ("en_construction", "en_instruction")
DEJA = "Ce dossier a déjà été transmis au conseil de destination."
EVENEMENTS = {"transfert_transmis": "Transmise au conseil de destination"}


def _chez_l_origine(d: dict) -> bool:
    return not d.get("origine")


async def _conseil(code: str) -> str:
    """"Conseil départemental du Rhône" (imported here: the e-mails module reads the registry of types)."""
    from web.demarches.courriels import nom_conseil
    return await nom_conseil(code)


async def _du(code: str) -> str:
    """"du Rhône", "de l'Isère": the département as its council's name says it."""
    return (await _conseil(code)).removeprefix("Conseil départemental ")


async def panneau(d: dict) -> dict:
    """The origin's one action, while the dossier is still its own and open."""
    destination = objet(d["donnees"]).get("destination") or ""
    return {"transfert": {"destination": await _conseil(destination) if destination else "",
                          "transmissible": _chez_l_origine(d) and d["statut"] in TRANSMISSIBLES}}


async def transmettre(d: dict, data: dict) -> tuple[str, str]:
    """"Transmettre au conseil de destination": the destination's perimeter, nobody following, the clock waiting
    for the destination's complete date; the origin is kept, to read it."""
    destination = objet(d["donnees"]).get("destination") or ""
    if not _chez_l_origine(d) or d["statut"] not in TRANSMISSIBLES:
        raise ActionRefusee(DEJA)
    if not await Departement.exists().where(Departement.code == destination):
        raise ActionRefusee("Le conseil de destination de cette demande est inconnu.")
    await Dossier.update({Dossier.origine: d["departement"], Dossier.departement: destination, Dossier.suivi_par: None,
                          Dossier.complet_le: None, Dossier.delai_depart: None, Dossier.echeance: None,
                          Dossier.suspendu_le: None, Dossier.jours_restants: None}).where(Dossier.id == d["id"])
    return "transfert_transmis", f"Vers le {await _conseil(destination)}"


async def inscrire(d: dict) -> None:
    """On the destination's Tableau from the decision: the praticien's département is the destination's."""
    if d.get("praticien"):
        await Praticien.update({Praticien.departement: d["departement"]}).where(Praticien.id == d["praticien"])


async def suites(d: dict) -> list[dict]:
    """The provisional exercise while it is examined; once accepted, the Tableau it is on."""
    if d["statut"] == "accepte":
        return [{"titre": f"Inscrit au tableau {await _du(d['departement'])}", "texte": "", "liens": []}]
    return [] if d["statut"] in TERMINAUX else [{"titre": "Exercice à titre provisoire", "texte": PROVISOIRE,
                                                 "liens": []}]


async def corps(nature: str, d: dict) -> list[str] | None:
    """E8 names the Tableau; every other e-mail is the engine's."""
    if nature != "dossier_accepte":
        return None
    return [f"Votre demande n°{d['numero']} - {DEMARCHE.libelle} a été acceptée : vous êtes inscrit au tableau "
            f"{await _du(d['departement'])}."]


def _destination(v: dict) -> dict[str, str]:
    if v.get("destination") and v.get("destination") == v.get(lieu.CONSEIL):
        return {"destination": "Choisissez le conseil de votre nouvelle résidence professionnelle, pas le vôtre."}
    return {}


def _adresse(v: dict) -> dict[str, str]:
    if erreurs := lieu.erreurs(v):
        return erreurs
    if v.get(lieu.DEPARTEMENT) and v.get("destination") and v[lieu.DEPARTEMENT] != v["destination"]:
        return {"commune": "Cette commune n'est pas dans le département du conseil de destination."}
    return {}


DEMARCHE = Demarche(
    cle="transfert",
    libelle="Transférer mon inscription vers un autre conseil",
    pour=("medecin",),
    intro=PROVISOIRE,
    appel=True,
    delai=Delai(mois=3, depart="complet",
                attente="Réponse habituelle sous 3 mois à compter de la réception de votre dossier complet par le "
                        "conseil de destination."),
    libelles={"accepte": "Inscrit au tableau", "refuse": "Transfert refusé"},
    libelles_actions={"accepter": "Inscrire au tableau"},
    sujet_accepte="inscription au Tableau",
    prefill=("destination", "adresse", "code_postal", "commune"),
    deduire=lieu.deduire, suites=suites, apres={"accepter": inscrire}, corps=corps,
    panneau="demarches/_transfert.html", contexte_panneau=panneau, agir_panneau=transmettre, evenements=EVENEMENTS,
    etapes=(
        Etape("J'initie ma demande", ("brouillon",)),
        Etape("Vérification par le conseil d'origine", ("en_construction", "en_instruction", "a_completer"),
              si=_chez_l_origine),
        Etape("Instruction par le conseil de destination", ("en_construction", "en_instruction", "a_completer")),
        Etape("Décision", TERMINAUX),
    ),
    sections=(
        Section("destination", "Conseil de destination", (
            Champ("destination", "Conseil de destination", "conseil",
                  aide="Le conseil départemental de votre nouvelle résidence professionnelle."),
            Champ("date_prevue", "Date prévue du transfert", "date"),
            Champ("mode_exercice", "Mode d'exercice", "radio", choix=MODES),
            Champ("motif", "Motif du transfert", "long"),
        ), valider=_destination),
        Section("adresse", "Nouvelle adresse", lieu.champs(), valider=_adresse),
        Section("contrats", "Contrats", (
            Champ("contrats", "Avez-vous conclu des contrats pour votre nouvel exercice ?", "radio", choix=OUI_NON,
                  aide="Ils sont à communiquer au conseil dans le mois qui suit leur conclusion (article L.4113-9)."),
        )),
        Section("documents", "Mes documents", pieces=True),
    ),
    pieces=(
        Piece("contrats", "Contrats et avenants pour votre nouvel exercice (article L.4113-9)", "si_concerne",
              si=lambda v: v.get("contrats") == "oui"),
    ),
)
