"""Déposer une plainte contre un confrère (SPEC_DEMARCHES §4.9, L.4123-2, R.4123-19): a doctor's complaint, instructed
by the TARGETED doctor's council (`instruit_par`), with neutral e-mails.

The date of registration (transmission) starts two legal dates shown to staff on the dossier: "Convocation en
conciliation avant le <+1 mois>" and "Transmission à la chambre disciplinaire au plus tard le <+3 mois>" (the queue's
échéance). The council names the conciliators and convenes both parties (each told only "mise à jour"), then records
the outcome: "Conciliation réussie", "Non-conciliation — transmise à la chambre disciplinaire de première instance"
(its avis motivé as motif, the date of transmission), or "Plainte retirée".
"""

from __future__ import annotations

from datetime import date

from piccolo.columns.combination import WhereRaw

from tables.comptes import Praticien
from tables.demarches import Dossier
from tables.sql import pli, plier
from web.demarches.delais import Delai, ajouter_mois
from web.demarches.moteur import TERMINAUX, Champ, Demarche, Etape, Piece, Section, objet
from web.machine import ActionRefusee
from web.templating import PARIS, date_fr

EVENEMENTS = {"conciliateurs": "Conciliateurs désignés", "convocation": "Convocation en conciliation"}


def _vise_ok(v: dict) -> dict[str, str]:
    rpps = str(v.get("vise_rpps") or "").replace(" ", "")
    if rpps and not (rpps.isdigit() and len(rpps) == 11):
        return {"vise_rpps": "Le RPPS compte 11 chiffres."}
    if not rpps and not (str(v.get("vise_nom") or "").strip() and str(v.get("vise_commune") or "").strip()):
        return {"vise_nom": "Indiquez le RPPS du médecin visé, ou son nom et sa commune d'exercice."}
    return {}


async def vise(v: dict) -> dict | None:
    """The targeted doctor: by RPPS, else the only praticien of that name (accents and case aside)."""
    rpps = str(v.get("vise_rpps") or "").replace(" ", "")
    if rpps:
        return await Praticien.select().where(Praticien.rpps == rpps).first()
    nom = plier(str(v.get("vise_nom") or "").strip())
    trouves = await Praticien.select().where(WhereRaw(f"{pli('praticien.nom')} = {{}}", nom)).limit(2) if nom else []
    return trouves[0] if len(trouves) == 1 else None


async def conseil_du_vise(v: dict) -> str | None:
    cible = await vise(v)
    return cible["departement"] if cible else None


async def panneau(d: dict) -> dict:
    from web.demarches.historique import pour_gestion  # the registry holds this module: read at call time

    enregistree = d["transmise_le"].astimezone(PARIS).date() if d.get("transmise_le") else None
    faits = {e["quoi"]: e["motif"] for e in await pour_gestion(d) if e["quoi"] in EVENEMENTS.values()}
    return {"plainte": {"enregistree": enregistree, "ouverte": d["statut"] not in TERMINAUX,
                        "convoquer_avant": ajouter_mois(enregistree, 1) if enregistree else None,
                        "transmettre_avant": ajouter_mois(enregistree, 3) if enregistree else None,
                        "conciliateurs": faits.get(EVENEMENTS["conciliateurs"], ""),
                        "convocation": faits.get(EVENEMENTS["convocation"], ""),
                        "vise": await vise(objet(d["donnees"])), "copie": objet(d["donnees"]).get("copie")}}


async def agir(d: dict, data: dict) -> tuple[str, str]:
    """"Désigner le ou les conciliateurs" (R.4123-19), "Convoquer en conciliation" (both parties told)."""
    if d["statut"] in TERMINAUX:
        raise ActionRefusee("Cette plainte est close.")
    if data.get("geste") == "conciliateurs":
        if not (noms := data.get("conciliateurs", "").strip()):
            raise ActionRefusee("Indiquez le ou les conciliateurs.")
        return "conciliateurs", f"Conciliateurs : {noms}"
    if data.get("geste") == "convocation":
        try:
            le = date.fromisoformat(data.get("le", ""))
        except ValueError:
            le = None
        if not (le and data.get("lieu", "").strip()):
            raise ActionRefusee("Indiquez la date et le lieu de la conciliation.")
        await _prevenir(d)
        heure = f" à {data['heure'].strip()}" if data.get("heure", "").strip() else ""
        return "convocation", f"Conciliation le {date_fr(le)}{heure} — {data['lieu'].strip()}"
    raise ActionRefusee("Action inconnue.")


async def _prevenir(d: dict) -> None:
    """Both parties get the (neutral) e-mail, each about his own dossier: the complaint, and its copy."""
    from web.demarches.courriels import notifier

    await notifier("dossier_entretien", d)
    numero = objet(d["donnees"]).get("copie")
    if numero and (copie := await Dossier.select().where(Dossier.numero == numero).first()):
        await notifier("dossier_entretien", copie)


async def informer_le_vise(d: dict) -> None:
    """On registration, in its transaction: the targeted doctor's own dossier ("Plainte vous concernant"), at
    the same council, holding the facts only — his thread is his own."""
    from tables.comptes import Compte
    from web.demarches.rules import ouvrir_par_le_systeme  # the registry holds this module: read at call time
    from web.demarches.types import plainte_visee

    valeurs = objet(d["donnees"])
    cible = await vise(valeurs)
    if cible is None:
        return  # named without an RPPS nor a unique name: the council identifies him first
    compte = await Compte.select(Compte.id).where(Compte.praticien == cible["id"]).first()
    copie = await ouvrir_par_le_systeme(plainte_visee.DEMARCHE, compte=compte["id"] if compte else None,
                                praticien=cible["id"], departement=d["departement"],
                                motif=f"Plainte n°{d['numero']} enregistrée",
                                donnees={"plainte": d["numero"], **{k: valeurs.get(k, "") for k in ("faits",
                                                                                                      "date_faits")}})
    await Dossier.update({Dossier.donnees: {**valeurs, "copie": copie["numero"]}}).where(Dossier.id == d["id"])


DEMARCHE = Demarche(
    cle="plainte",
    libelle="Déposer une plainte contre un confrère",
    pour=("medecin",),
    neutre=True, instruit_par=conseil_du_vise,
    intro="Votre plainte est instruite par le conseil départemental du médecin visé, qui vous convoque en "
          "conciliation (article L.4123-2 du code de la santé publique).",
    delai=Delai(mois=3, depart="transmission", nature="legal"),
    libelles={"en_construction": "Enregistrée", "accepte": "Conciliation réussie",
              "refuse": "Non-conciliation — transmise à la chambre disciplinaire de première instance",
              "sans_suite": "Plainte retirée"},
    libelles_actions={"accepter": "Conciliation réussie", "refuser": "Non-conciliation : transmettre à la chambre",
                      "classer_sans_suite": "Plainte retirée"},
    champs_decision={"accepter": (Champ("proces_verbal", "Procès-verbal de conciliation : date de la réunion",
                                        "date"),),
                     "refuser": (Champ("transmise_chambre_le", "Date de transmission à la chambre disciplinaire",
                                       "date"),)},
    apres={"transmettre": informer_le_vise},
    panneau="demarches/_plainte_panneau.html", contexte_panneau=panneau, agir_panneau=agir, evenements=EVENEMENTS,
    etapes=(
        Etape("Je dépose ma plainte", ("brouillon",)),
        Etape("Ma plainte est enregistrée", ("en_construction",)),
        Etape("Conciliation", ("en_instruction", "a_completer")),
        Etape("Issue", TERMINAUX),
    ),
    sections=(
        Section("vise", "Le médecin visé", (
            Champ("vise_rpps", "RPPS du médecin visé", obligatoire=False, aide="11 chiffres, s'il vous est connu."),
            Champ("vise_nom", "Nom du médecin visé", obligatoire=False),
            Champ("vise_commune", "Commune d'exercice du médecin visé", obligatoire=False),
        ), valider=_vise_ok),
        Section("faits", "Les faits", (
            Champ("faits", "Exposé des faits", "long"),
            Champ("date_faits", "Date des faits", "date"),
        )),
        Section("documents", "Mes pièces", pieces=True),
    ),
    pieces=(Piece("pieces", "Pièces à l'appui de la plainte", "facultatif"),),
)
