"""Déclarer une perte ou un vol d'ordonnances (seed 002, SPEC_DEMARCHES §4.4): a declaration, not a request.

Declarative: the system takes it into instruction at transmission and the "Récépissé de déclaration" (for the
police or a pharmacy) comes at once, while the council's staff get an immediate e-mail and an "Urgent" row.
The doctor may complete it until closure (each time a new version of the récépissé); the council records the
authorities it informed (its panel) and "Clôturer". What it issues and sends: perte_ordonnances_suites.py.
"""

from __future__ import annotations

from web.demarches.moteur import TERMINAUX, Champ, Demarche, Etape, Section
from web.demarches.types import perte_ordonnances_suites as suites
from web.demarches.types import services

NATURES = (("perte", "Perte"), ("vol", "Vol"))
OBJETS = (("objet_ordonnances", "Ordonnances"), ("objet_securisees", "Ordonnances sécurisées"),
          ("objet_tampon", "Tampon"))
SERIES = 3  # rows "du n° … au n° …"


def _numerotees(v: dict) -> bool:
    return v.get("objet_ordonnances") == "on" or v.get("objet_securisees") == "on"


def _faits(v: dict) -> dict[str, str]:
    return {} if any(v.get(nom) == "on" for nom, _ in OBJETS) else {
        "objet_ordonnances": "Cochez au moins un objet perdu ou volé."}


def _series(v: dict) -> dict[str, str]:
    """Each row whole, in digits, its first number not after its last; one at least for ordonnances."""
    erreurs = {}
    for i in range(1, SERIES + 1):
        du, au = (str(v.get(f"{n}_{i}") or "").strip() for n in ("du", "au"))
        if not du and not au:
            continue
        if not du or not au:
            erreurs[f"du_{i}" if not du else f"au_{i}"] = "Indiquez le premier et le dernier numéro de la série."
        elif not (du.isdigit() and au.isdigit()):
            erreurs[f"du_{i}" if not du.isdigit() else f"au_{i}"] = "Un numéro s'écrit en chiffres (004501)."
        elif int(du) > int(au):
            erreurs[f"au_{i}"] = "Le dernier numéro doit être supérieur ou égal au premier."
    if _numerotees(v) and not suites.series(v) and not erreurs:
        erreurs["du_1"] = "Indiquez les numéros des ordonnances perdues ou volées."
    return erreurs


DEMARCHE = Demarche(
    cle="perte_ordonnances",
    libelle="Déclarer une perte ou un vol d'ordonnances",
    pour=("medecin",),
    intro=("Déclarez sans attendre la perte ou le vol de vos ordonnances ou de votre tampon : un récépissé de "
           "déclaration vous est remis dès la transmission et le conseil départemental est prévenu."),
    declaratif=True, urgent=True, completable=True,
    libelles={"en_instruction": "Déclaration transmise", "accepte": "Déclaration enregistrée"},
    libelles_actions={"accepter": "Clôturer"}, sujet_accepte="déclaration enregistrée",
    apres={"transmettre": suites.transmise, "completer": suites.recepisse},
    panneau="demarches/_perte_ordonnances.html", contexte_panneau=suites.panneau,
    agir_panneau=suites.autorites, evenements=suites.EVENEMENTS,
    etapes=(Etape("Je déclare", ("brouillon",)),
            Etape("Ma déclaration est transmise", ("en_construction", "en_instruction", "a_completer")),
            Etape("Déclaration enregistrée", TERMINAUX)),
    sections=(
        Section("faits", "Les faits", (
            Champ("nature", "S'agit-il d'une perte ou d'un vol ?", "radio", choix=NATURES),
            Champ("date_faits", "Date des faits", "date"),
            Champ("commune_faits", "Commune des faits"),
            *(Champ(nom, libelle, "case", obligatoire=False) for nom, libelle in OBJETS),
            Champ("circonstances", "Circonstances", "long", obligatoire=False),
        ), valider=_faits),
        Section("numeros", "Numéros des ordonnances", tuple(
            Champ(f"{n}_{i}", f"Série {i} : {libelle} n°", obligatoire=False, aide="Par exemple : 004501" if
                  i == 1 and n == "du" else "") for i in range(1, SERIES + 1) for n, libelle in (("du", "du"),
                                                                                                ("au", "au"))),
            valider=_series),
        Section("plainte", "Plainte", (
            Champ("plainte_le", "Plainte déposée le", "date", obligatoire=False),
            Champ("plainte_service", "Service (commissariat, brigade de gendarmerie)", obligatoire=False),
            Champ("plainte_pv", "N° de procès-verbal", obligatoire=False),
        )),
        Section("documents", "Mes documents", pieces=True),
    ),
    pieces=(services.recepisse_plainte("nature"),),
)
