"""The "Rédiger une annonce" form: read, check, and keep everything typed or uploaded on error.

Photos go through the file store (web/fichiers): counted, then checked; until the annonce is saved they
wait as expiring rows whose tokens travel in the form, so a validation error never makes the user upload
them again and nothing reaches the upload folder before the form is valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from tables import horloge
from tables.referentiel import Specialite
from web.annonces.recherche import MAX_LIEUX, MAX_PERIODES
from web.annonces.vocabulaire import TEMPORALITES, categories_permises, situations_permises
from web.fichiers import depots
from web.fichiers.usages import PHOTOS_ANNONCE
from web.forms import Form
from web.lieux.rules import Lieu, resoudre_saisie
from web.security import Utilisateur

TEXTES = ("categorie", "cote", "specialite", "titre", "description", "conditions", "temporalite",
          "fin_publication", "lieux_saisie")
DEBUT_PERIODE = "À partir du"  # the label of a période's first date, which its error messages quote
ETAPES = (("etape-annonce", "L'annonce"), ("etape-lieux", "Lieux et périodes"), ("etape-photos", "Photos"),
          ("etape-verifier", "Vérifier"))  # the numbered sections of the form, (anchor, title)
LIBELLES = {"categorie": "Catégorie", "cote": "Ma situation", "specialite": "Spécialité", "titre": "Titre",
            "description": "Description", "conditions": "Conditions financières", "temporalite": "Temporalité",
            "lieux": "Lieu(x)", "periodes": "Période(s)", "photos": "Photos", "fin_publication": "Fin de publication"}


def fin_par_defaut(aujourdhui: date | None = None) -> date:
    """Today + 6 months (same day of month, or the month's last day)."""
    d = aujourdhui or horloge.aujourdhui()
    mois, an = (d.month + 6 - 1) % 12 + 1, d.year + (d.month + 6 - 1) // 12
    for jour in (d.day, 30, 29, 28):
        try:
            return date(an, mois, jour)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def fin_maximale(aujourdhui: date | None = None) -> date:
    d = aujourdhui or horloge.aujourdhui()
    return d.replace(year=d.year + 1) if not (d.month == 2 and d.day == 29) else d + timedelta(days=365)


@dataclass
class Saisie:
    form: Form
    action: str = "brouillon"
    lieux: list[Lieu] = field(default_factory=list)
    periodes: list[tuple[str, str]] = field(default_factory=list)  # as typed, for re-display
    dates: list[tuple[date, date | None]] = field(default_factory=list)
    photos_gardees: list[int] = field(default_factory=list)
    photos: depots.Lot = field(default_factory=lambda: depots.Lot(PHOTOS_ANNONCE))

    @property
    def contenu(self) -> dict:
        return {c: self.form[c] for c in ("specialite", "titre", "description", "conditions", "temporalite")}


def formulaire(values: dict[str, str]) -> Form:
    """The form with its labels, which the template and the error summary both show."""
    return Form(values, libelles=LIBELLES)


async def lire(request, user: Utilisateur, annonce: dict | None = None) -> Saisie:
    """Read and check the posted form; `annonce` (when editing) fixes catégorie and situation."""
    data = await request.form()
    form = formulaire({n: v if isinstance(v := data.get(n, ""), str) else "" for n in TEXTES})
    form.values = {k: v.replace("\x00", "").strip()[:5000] for k, v in form.values.items()}
    if annonce:
        form.values.update(categorie=annonce["categorie"], cote=annonce["cote"])
    saisie = Saisie(form=form, action="publier" if data.get("action") == "publier" else "brouillon")
    await _lieux(saisie, form.liste(data, "lieux", MAX_LIEUX, "lieux"))
    _periodes(saisie, form.liste(data, "periode_debut", MAX_PERIODES, "périodes", "periodes"),
              form.liste(data, "periode_fin", MAX_PERIODES, "périodes", "periodes"))
    maximum = PHOTOS_ANNONCE.max_fichiers
    existantes = {p["id"] for p in annonce["photos"]} if annonce else set()
    saisie.photos_gardees = [int(v) for v in form.liste(data, "photos_gardees", maximum, "photos", "photos")
                             if v.isdigit() and int(v) in existantes]
    saisie.photos, erreurs = await depots.recevoir(
        PHOTOS_ANNONCE, user.id, form.liste(data, "photos_en_attente", maximum, "photos", "photos"),
        data.getall("photos", []), deja=len(saisie.photos_gardees))
    for erreur in erreurs:
        saisie.form.error("photos", erreur)
    await _verifier(saisie, user, complet=saisie.action == "publier")
    return saisie


async def _lieux(saisie: Saisie, cles: list[str]) -> None:
    saisie.lieux, erreur = await resoudre_saisie(cles, saisie.form["lieux_saisie"])
    if erreur:
        saisie.form.error("lieux", erreur)
    else:
        saisie.form.values["lieux_saisie"] = ""


def _periodes(saisie: Saisie, debuts: list[str], fins: list[str]) -> None:
    for debut, fin in zip(debuts, fins + [""] * len(debuts), strict=False):
        debut, fin = debut.strip(), fin.strip()
        if not debut and not fin:
            continue
        saisie.periodes.append((debut, fin))
        try:
            d = date.fromisoformat(debut)
            f = date.fromisoformat(fin) if fin else None
        except ValueError:
            saisie.form.error("periodes", f"Saisissez les dates au format jj/mm/aaaa ; la date « {DEBUT_PERIODE} » "
                                          "est obligatoire.")
            continue
        if f is not None and f < d:
            saisie.form.error("periodes", f"La date « au » doit suivre la date « {DEBUT_PERIODE} ».")
            continue
        saisie.dates.append((d, f))


async def _verifier(saisie: Saisie, user: Utilisateur, complet: bool) -> None:
    f = saisie.form
    if f["categorie"] not in categories_permises(user.role):
        f.error("categorie", "Choisissez une catégorie.")
    elif f["cote"] not in dict(situations_permises(user.role, f["categorie"])):
        f.error("cote", "Choisissez votre situation.")
    if f["specialite"] and not await Specialite.exists().where(Specialite.code == f["specialite"]):
        f.error("specialite", "Choisissez une spécialité de la liste.")
    if f["temporalite"] and f["temporalite"] not in TEMPORALITES:
        f.error("temporalite", "Choisissez une temporalité de la liste.")
    for champ, limite in (("titre", 150), ("description", 5000), ("conditions", 2000)):
        if len(f[champ]) > limite:
            f.error(champ, f"{limite} caractères au plus.")
    try:
        fin = date.fromisoformat(f["fin_publication"]) if f["fin_publication"] else fin_par_defaut()
    except ValueError:
        f.error("fin_publication", "Saisissez une date au format jj/mm/aaaa.")
        fin = fin_par_defaut()
    if fin < horloge.aujourdhui():
        f.error("fin_publication", "La fin de publication ne peut pas être passée.")
    elif fin > fin_maximale():
        f.error("fin_publication", f"La fin de publication est au plus tard le {fin_maximale():%d/%m/%Y}.")
    f.values["fin_publication"] = fin.isoformat()
    if complet:
        f.required("specialite", "titre", "description")
        if not saisie.lieux and "lieux" not in f.errors:
            f.error("lieux", "Ajoutez au moins un lieu.")
        if not saisie.dates and "periodes" not in f.errors:
            f.error("periodes", f"Ajoutez au moins une période (la date « {DEBUT_PERIODE} » est obligatoire).")
