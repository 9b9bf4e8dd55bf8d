"""Demander l'aide de l'entraide (seed 002, SPEC_DEMARCHES §4.7): a confidential request to the commission d'entraide.

Only the national staff holding the `entraide` habilitation see and instruct it (web/perimetre.py `habilite`): it is
in no council queue, count, digest, search or export, and its URLs answer the French 404 to anyone else. Its e-mails
say only "mise à jour" (`neutre`). The doctor's council is involved only with his explicit consent (unticked by
default), when the commission uses "Informer le conseil départemental": the council's gestionnaires get a link and
may then read the dossier (moteur.PARTAGE). Kept 5 years after closure (Decision, §4.7; no purge job yet).
"""

from __future__ import annotations

from tables.comptes import Compte
from tables.demarches import DossierEvenement
from tables.referentiel import Conseil
from web.demarches.moteur import PARTAGE, TERMINAUX, Champ, Demarche, Etape, Piece, Section, objet
from web.machine import ActionRefusee
from web.mails import mail

NATURES = (("financieres", "Difficultés financières"),
           ("judiciaire", "Liquidation ou redressement judiciaire"), ("sante", "Santé"),
           ("familiale", "Situation familiale"), ("professionnelles", "Difficultés professionnelles"))
CONSENTEMENT = "J'accepte que mon conseil départemental soit informé de ma demande et y participe"


def _montant(v: dict) -> dict[str, str]:
    texte = str(v.get("montant") or "").replace(" ", "").replace("€", "").replace(",", ".")
    try:
        ok = not texte or float(texte) >= 0
    except ValueError:
        ok = False
    return {} if ok else {"montant": "Indiquez un montant en euros, par exemple 1500."}


async def _nom_conseil(d: dict) -> str:
    from web.demarches.courriels import nom_conseil  # courriels reads the registry, which holds this module

    return await nom_conseil(d["departement"])


async def _informe(d: dict) -> bool:
    return await DossierEvenement.exists().where((DossierEvenement.dossier == d["id"])
                                                 & (DossierEvenement.action == PARTAGE))


async def panneau(d: dict) -> dict:
    return {"entraide": {"consentement": objet(d["donnees"]).get("consentement") == "on",
                         "informe": await _informe(d), "conseil": await _nom_conseil(d)}}


async def informer(d: dict, data: dict) -> tuple[str, str]:
    """"Informer le conseil départemental": only with the doctor's consent, once; the council's gestionnaires get
    the dossier's link (nothing of its content) and may read it from then on."""
    valeurs = objet(d["donnees"])
    if valeurs.get("consentement") != "on":
        raise ActionRefusee("Le médecin n'a pas accepté que son conseil départemental soit informé.")
    conseil = await Conseil.select(Conseil.code).where(Conseil.departement == d["departement"]).first()
    if conseil is None:
        raise ActionRefusee("Ce médecin n'a pas de conseil départemental.")
    if await _informe(d):
        raise ActionRefusee("Le conseil départemental a déjà été informé.")
    gestionnaires = await Compte.select(Compte.id, Compte.identifiant).where(
        (Compte.conseil == conseil["code"]) & (Compte.role == "gestionnaire") & (Compte.actif == True))  # noqa: E712
    for g in gestionnaires:
        await mail("dossier", destinataire=g["identifiant"], compte_id=g["id"],
                   lien=f"/gestion/demarches/{d['numero']}",
                   sujet=f"Ordre des médecins - Demande n°{d['numero']} : mise à jour",
                   cle=f"entraide.{d['id']}.{g['id']}",
                   lignes=[f"La commission d'entraide vous informe, avec l'accord du médecin, de la demande "
                           f"n°{d['numero']}. Pour la consulter, connectez-vous à MonEspace : "
                           f"/gestion/demarches/{d['numero']}."])
    return PARTAGE, f"{await _nom_conseil(d)} informé, avec l'accord du médecin"


DEMARCHE = Demarche(
    cle="entraide",
    libelle="Demander l'aide de l'entraide",
    pour=("medecin",),
    neutre=True, habilitation="entraide", instructeur="Commission d'entraide de l'Ordre des médecins",
    encart="demarches/_entraide_encart.html",
    intro=("La commission d'entraide évalue chaque situation de manière confidentielle. Votre conseil "
           "départemental n'en est informé que si vous l'acceptez."),
    libelles={"en_instruction": "Examinée par la commission d'entraide", "accepte": "Aide accordée",
              "refuse": "Aide non accordée"},
    libelles_actions={"instruire": "Examiner la demande", "accepter": "Accorder l'aide",
                      "refuser": "Ne pas accorder l'aide"},
    champs_decision={"accepter": (Champ("aide_accordee", "Aide directe du fonds d'entraide : montant (euros)"),)},
    interdites=("reaffecter",),  # the commission's, wherever the doctor practises
    panneau="demarches/_entraide_panneau.html", contexte_panneau=panneau, agir_panneau=informer,
    evenements={PARTAGE: "Conseil départemental informé"},
    etapes=(
        Etape("Je dépose ma demande", ("brouillon",)),
        Etape("Ma demande est transmise", ("en_construction",)),
        Etape("Examinée par la commission d'entraide", ("en_instruction", "a_completer")),
        Etape("Décision", TERMINAUX),
    ),
    sections=(
        Section("demande", "Ma demande", (
            Champ("nature", "Nature de la difficulté", "radio", choix=NATURES),
            Champ("description", "Décrivez votre situation", "long"),
            Champ("montant", "Montant sollicité (euros)", obligatoire=False,
                  aide="Si vous sollicitez une aide financière. Par exemple : 1500"),
        ), valider=_montant),
        Section("rappel", "Être rappelé", (
            Champ("telephone", "Téléphone où vous joindre", "tel", autocomplete="tel"),
            Champ("creneaux", "Créneaux où vous joindre", aide="Par exemple : en semaine après 18h"),
        )),
        Section("consentement", "Mon conseil départemental", (
            Champ("consentement", CONSENTEMENT, "case", obligatoire=False),
        )),
        Section("documents", "Mes documents", pieces=True),
    ),
    pieces=(Piece("justificatifs", "Justificatifs utiles à la commission", "facultatif"),),
)
