"""The form of an action (SPEC_DEMARCHES §3.3): read, checked against the référentiel and the period, every error
in French beside its field, what was typed kept (and the files, which wait as staged uploads)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from web.certification import actions
from web.certification.periode import BLOCS, DEBUT_TRANSITOIRE
from web.certification.referentiels import ActionReferentiel, Referentiel
from web.demarches.televersement import envois
from web.fichiers import depots
from web.fichiers.usages import PREUVES_CERTIFICATION
from web.forms import Form

AUTRE = "autre"  # "Autre action (hors liste)"
CHAMPS = ("bloc", "code", "intitule", "organisme", "description", "debut", "fin", "en_cours", "duree_heures",
          "honneur")
LIBELLES = {"bloc": "Bloc", "code": "Action du référentiel", "intitule": "Intitulé", "organisme": "Organisme",
            "description": "Description", "debut": "Date de début", "fin": "Date de fin",
            "en_cours": "En cours", "duree_heures": "Durée (heures)", "honneur": "Déclaration sur l'honneur",
            "preuves": "Justificatifs"}
AVANT_2023 = "Seules les actions réalisées depuis le 01/01/2023 sont comptabilisées"
DECISIONS = ("brouillon", "declarer")


def formulaire(values: dict[str, str]) -> Form:
    return Form(values, libelles=LIBELLES)


def depuis_action(action: dict) -> Form:
    """The form of a saved action, as its fields show it."""
    v = {c: action[c] for c in CHAMPS}
    return formulaire({**{k: "" if x is None else str(x) for k, x in v.items()}, "code": action["code"] or AUTRE,
                       "en_cours": "on" if action["en_cours"] else "", "honneur": "on" if action["honneur"] else ""})


@dataclass
class Saisie:
    form: Form
    bouton: str  # brouillon | declarer | actualiser
    lot: depots.Lot = field(default_factory=lambda: depots.Lot(PREUVES_CERTIFICATION))
    choisie: ActionReferentiel | None = None
    gardees: list[int] = field(default_factory=list)  # the ids of the proofs already attached that stay

    def ecriture(self) -> actions.Ecriture:
        f = self.form
        return actions.Ecriture(valeurs={
            "bloc": int(f["bloc"]), "code": "" if f["code"] == AUTRE else f["code"], "intitule": f["intitule"],
            "organisme": f["organisme"], "description": f["description"],
            "debut": date.fromisoformat(f["debut"]) if f["debut"] else None,
            "fin": date.fromisoformat(f["fin"]) if f["fin"] else None, "en_cours": f["en_cours"] == "on",
            "duree_heures": int(f["duree_heures"]) if f["duree_heures"] else None,
            "honneur": f["honneur"] == "on"}, decision=self.bouton, lot=self.lot, gardees=self.gardees)


def bloc_de(valeur: str) -> int | None:
    return int(valeur) if valeur.isdigit() and int(valeur) in BLOCS else None


async def lire(request, compte_id: int, action: dict | None) -> Saisie:
    """The posted form and its files: the proofs of `action` still ticked, the staged ones, the new ones."""
    data = await request.form()
    form = formulaire({n: v.replace("\x00", "").strip()[:5000] if isinstance(v := data.get(n, ""), str) else ""
                       for n in CHAMPS})
    bouton = data.get("bouton", "")
    saisie = Saisie(form=form, bouton=bouton if bouton in (*DECISIONS, "actualiser") else "brouillon")
    maximum = PREUVES_CERTIFICATION.max_fichiers
    existantes = {p["id"] for p in action["preuves"]} if action else set()
    saisie.gardees = [int(v) for v in form.liste(data, "preuves_gardees", maximum, "justificatifs", "preuves")
                      if v.isdigit() and int(v) in existantes]
    saisie.lot, erreurs = await depots.recevoir(
        PREUVES_CERTIFICATION, compte_id, form.liste(data, "preuves_en_attente", maximum, "justificatifs", "preuves"),
        envois(data, "preuves"), deja=len(saisie.gardees))
    for erreur in erreurs:
        form.error("preuves", erreur)
    return saisie


def _date(form: Form, nom: str) -> date | None:
    if not form[nom]:
        return None
    try:
        return date.fromisoformat(form[nom])
    except ValueError:
        form.error(nom, "Saisissez une date au format jj/mm/aaaa.")
        return None


async def verifier(saisie: Saisie, carnet: dict, ref: Referentiel, action: dict | None, aujourdhui: date) -> None:
    """Every rule of §3.3, each error beside its field; a draft needs only its bloc and intitulé."""
    f, declarer = saisie.form, saisie.bouton == "declarer"
    bloc = bloc_de(f["bloc"])
    if bloc is None:
        f.error("bloc", "Choisissez le bloc de l'action.")
    choisie = ref.action(f["code"]) if f["code"] and f["code"] != AUTRE else None
    if bloc is not None and choisie is None and f["code"] != AUTRE:
        f.values["code"] = ""
        f.error("code", "Choisissez une action du référentiel ou « Autre action (hors liste) ».")
    elif choisie is not None and choisie not in ref.actions(bloc or 0):
        f.error("code", "Cette action n'est pas au référentiel de ce bloc : choisissez-en une de la liste.")
    saisie.choisie = choisie
    if choisie and not f["intitule"]:
        f.values["intitule"] = choisie.libelle
    f.values["intitule"], f.values["organisme"] = f["intitule"][:300], f["organisme"][:200]
    f.required("intitule")
    if f["code"] == AUTRE:
        f.required("description")
    if f["duree_heures"] and not (f["duree_heures"].isdigit() and 0 < int(f["duree_heures"]) <= 10_000):
        f.error("duree_heures", "Indiquez un nombre d'heures entier, par exemple 7.")
    if not (choisie and choisie.honneur):
        f.values["honneur"] = ""
    _dates(f, carnet, aujourdhui, declarer)
    if declarer:
        if not (len(saisie.lot) or saisie.gardees or f["honneur"]):
            f.error("preuves", "Ajoutez un justificatif" + (" ou cochez la déclaration sur l'honneur"
                                                           if choisie and choisie.honneur else "") + ".")
        if choisie and f.ok:
            maximum = choisie.max_par_periode or 1
            if await actions.deja_declarees(carnet["id"], choisie.code, action["id"] if action else None) >= maximum:
                f.error("code", f"Cette action du référentiel est déjà déclarée pour cette période "
                                f"({maximum} fois au plus).")


def _dates(f: Form, carnet: dict, aujourdhui: date, declarer: bool) -> None:
    debut, fin = _date(f, "debut"), _date(f, "fin")
    if f["en_cours"] == "on":
        f.values["fin"], fin = "", None
    if declarer:
        f.required("debut")
        if not fin and f["en_cours"] != "on" and "fin" not in f.errors:
            f.error("fin", "Indiquez la date de fin ou cochez « en cours ».")
    if debut and debut > aujourdhui:
        f.error("debut", "Cette date est dans le futur : vérifiez l'année.")
    if debut and debut > carnet["fin"]:
        f.error("debut", f"Cette date est après la fin de votre période de certification ({carnet['fin']:%d/%m/%Y}).")
    if fin is None:
        return
    if fin < DEBUT_TRANSITOIRE:
        f.error("fin", AVANT_2023)
    elif fin < carnet["debut"]:
        f.error("fin", f"Cette date est avant le début de votre période de certification ({carnet['debut']:%d/%m/%Y}).")
    elif fin > carnet["fin"]:
        f.error("fin", f"Cette date est après la fin de votre période de certification ({carnet['fin']:%d/%m/%Y}).")
    elif fin > aujourdhui:
        f.error("fin", "Cette date est dans le futur : cochez « en cours » si l'action se poursuit.")
    elif debut and fin < debut:
        f.error("fin", "La date de fin doit suivre la date de début.")
