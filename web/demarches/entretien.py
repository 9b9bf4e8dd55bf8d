"""The entretien confraternel of an inscription (SPEC_DEMARCHES §2.6): the council publishes créneaux, the
applicant takes one (or the gestionnaire sets it), then the council records how it went.

Taking a slot is one UPDATE … WHERE dossier IS NULL: of two applicants clicking the same slot, one gets it and
the other reads why. Every booking or change sends E6 with the appointment as an .ics calendar.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from tables import horloge
from tables.demarches import DossierEvenement
from tables.rendezvous import VISIO, Creneau
from web.demarches import instruction, statuts
from web.demarches.courriels import notifier
from web.forms import Form
from web.security import Utilisateur
from web.templating import date_fr, heure_fr

PRIS = "Ce créneau vient d'être choisi par un autre candidat : choisissez-en un autre."
CHAMPS = ("date", "heure", "duree", "lieu", "visio", "conseiller")
LIBELLES = {"date": "Date", "heure": "Heure", "duree": "Durée (minutes)", "lieu": "Lieu", "conseiller": "Conseiller"}
RAPPEL_JOURS = 2
ISSUES = {"realise": "Entretien réalisé le {jour}", "absent": "Absent à l'entretien du {jour}"}


class Refus(instruction.Refus):
    """The French reason the slot cannot be taken, freed or recorded now."""


def lire(form: Form) -> dict | None:
    """The slot a council publishes, or None with the French errors set on `form`."""
    form.libelles.update(LIBELLES)
    form.required("date", "heure", "conseiller")
    if not form["visio"]:
        form.required("lieu")
    try:
        jour, heure = date.fromisoformat(form["date"]), time.fromisoformat(form["heure"])
    except ValueError:
        jour = heure = None
        if form["date"] and form["heure"]:
            form.error("date", "Indiquez une date et une heure valides.")
    duree = int(form["duree"]) if form["duree"].isdigit() else 0
    if not 10 <= duree <= 240:
        form.error("duree", "Indiquez une durée entre 10 et 240 minutes.")
    debut = datetime.combine(jour, heure, horloge.PARIS) if jour and heure else None
    if debut and debut <= horloge.maintenant():
        form.error("date", "Le créneau doit être dans le futur.")
    if form.errors:
        return None
    return {"debut": debut, "duree": duree, "lieu": VISIO if form["visio"] else form["lieu"][:200],
            "conseiller": form["conseiller"][:200]}


async def publier(departement: str, creneau: dict) -> int:
    rows = await Creneau.insert(Creneau(departement=departement, **creneau)).returning(Creneau.id)
    return rows[0]["id"]


async def supprimer(departement: str, creneau_id: int) -> bool:
    """Only a free slot goes: a booked one is changed by the applicant or the gestionnaire."""
    rows = await Creneau.delete().where((Creneau.id == creneau_id) & (Creneau.departement == departement)
                                        & Creneau.dossier.is_null()).returning(Creneau.id)
    return bool(rows)


async def calendrier(departement: str) -> list[dict]:
    """The council's slots from today on, with the dossier that holds each one."""
    debut = datetime.combine(horloge.aujourdhui(), time(), horloge.PARIS)
    return await Creneau.select(*Creneau.all_columns(), Creneau.dossier.numero.as_alias("numero")).where(
        (Creneau.departement == departement) & (Creneau.debut >= debut)).order_by(Creneau.debut)


async def libres(departement: str | None) -> list[dict]:
    return await Creneau.select().where((Creneau.departement == departement) & Creneau.dossier.is_null()
                                        & (Creneau.debut > horloge.maintenant())).order_by(Creneau.debut)


async def du_dossier(d: dict) -> dict | None:
    """The dossier's appointment: the one to come, else the last one held."""
    creneaux = await Creneau.select().where(Creneau.dossier == d["id"]).order_by(Creneau.debut, ascending=False)
    return next((c for c in creneaux if c["statut"] == ""), creneaux[0] if creneaux else None)


def realise(creneau: dict | None) -> bool:
    return bool(creneau and creneau["statut"] == "realise")


def _prochain(d: dict):
    return (Creneau.dossier == d["id"]) & (Creneau.statut == "")


async def _evenement(d: dict, user: Utilisateur, action: str, motif: str) -> None:
    await DossierEvenement.insert(DossierEvenement(dossier=d["id"], acteur=user.id, action=action, motif=motif,
                                                   acteur_libelle=statuts.libelle_acteur(user)))


def decrire(c: dict) -> str:
    return f"{date_fr(c['debut'])} à {heure_fr(c['debut'])} ({c['duree']} min) — {c['lieu']} — avec {c['conseiller']}"


async def reserver(d: dict, creneau_id: int, user: Utilisateur) -> dict:
    """"Choisir ce créneau" (applicant, when none is held) or the gestionnaire setting one (moving any held)."""
    if d["statut"] != "en_instruction":
        raise Refus("L'entretien se fixe pendant l'instruction de la demande.")
    async with statuts.DOSSIER.transaction():
        tenu = await Creneau.exists().where(_prochain(d))
        if tenu and user.id == d["compte"]:
            raise Refus("Vous avez déjà un rendez-vous : demandez un autre créneau pour en changer.")
        if tenu:
            await Creneau.update({Creneau.dossier: None, Creneau.reserve_le: None}).where(_prochain(d))
        rows = await Creneau.update({Creneau.dossier: d["id"], Creneau.reserve_le: horloge.maintenant()}).where(
            (Creneau.id == creneau_id) & Creneau.dossier.is_null() & (Creneau.departement == d["departement"])
            & (Creneau.debut > horloge.maintenant())).returning(*Creneau.all_columns())
        if not rows:
            raise Refus(PRIS)
        c = rows[0]
        await _evenement(d, user, "entretien_fixe", f"Entretien le {decrire(c)}")
        await notifier("dossier_entretien", d, lignes=lignes_e6(c), pieces_jointes=[ics(c, d)])
    return c


async def liberer(d: dict, user: Utilisateur) -> None:
    """"Demander un autre créneau", once and without a message: later changes go through the thread."""
    async with statuts.DOSSIER.transaction():
        if await DossierEvenement.exists().where((DossierEvenement.dossier == d["id"])
                                                 & (DossierEvenement.action == "entretien_libere")):
            raise Refus("Vous avez déjà demandé un autre créneau : écrivez au Conseil pour en changer.")
        rows = await Creneau.update({Creneau.dossier: None, Creneau.reserve_le: None}).where(
            _prochain(d) & (Creneau.debut > horloge.maintenant())).returning(Creneau.debut)
        if not rows:
            raise Refus("Vous n'avez pas de rendez-vous à venir.")
        await _evenement(d, user, "entretien_libere", "Autre créneau demandé")


async def constater(d: dict, issue: str, user: Utilisateur) -> None:
    """"Entretien réalisé le …" or "Absent": an event of the Historique, the slot keeps its outcome."""
    async with statuts.DOSSIER.transaction():
        rows = await Creneau.update({Creneau.statut: issue}).where(
            _prochain(d) & (Creneau.debut <= horloge.maintenant())).returning(Creneau.debut)
        if not rows:
            raise Refus("Aucun entretien passé n'attend son compte rendu.")
        await _evenement(d, user, f"entretien_{issue}", ISSUES[issue].format(jour=date_fr(rows[0]["debut"])))


def lignes_e6(c: dict) -> list[str]:
    return [f"Vous êtes convoqué(e) à un entretien confraternel le {date_fr(c['debut'])} à {heure_fr(c['debut'])}.",
            f"Lieu : {c['lieu']}", f"Interlocuteur : {c['conseiller']}",
            "Pour changer de créneau, connectez-vous à Mon Espace."]


async def rappeler() -> int:
    """The J-2 reminder of every appointment held for the day after tomorrow (a daily job; once per slot)."""
    jour = horloge.aujourdhui() + timedelta(days=RAPPEL_JOURS)
    debut = datetime.combine(jour, time(), horloge.PARIS)
    rows = await Creneau.select(*Creneau.all_columns(), Creneau.dossier.all_columns(exclude=["id"])).where(
        Creneau.dossier.is_not_null() & (Creneau.statut == "") & (Creneau.debut >= debut)
        & (Creneau.debut < debut + timedelta(days=1)))
    envoyes = 0
    for c in rows:
        d = {k.removeprefix("dossier."): v for k, v in c.items() if k.startswith("dossier.")} | {"id": c["dossier"]}
        async with statuts.DOSSIER.transaction():
            envoyes += bool(await notifier("dossier_entretien", d, lignes=["Rappel : " + lignes_e6(c)[0],
                                                                           *lignes_e6(c)[1:]],
                                           pieces_jointes=[ics(c, d)], cle=f"rappel-{c['id']}-{c['dossier']}"))
    return envoyes


def _texte_ics(valeur: str) -> str:
    return valeur.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics(c: dict, d: dict) -> dict:
    """The appointment as an iCalendar event (times in UTC), attached to E6."""
    utc = "%Y%m%dT%H%M%SZ"
    debut = c["debut"].astimezone(UTC)
    fin = debut + timedelta(minutes=c["duree"])
    lignes = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Ordre des medecins//MonEspace//FR", "METHOD:PUBLISH",
              "BEGIN:VEVENT", f"UID:creneau-{c['id']}-{d['numero']}@monespace.ordre.test",
              f"DTSTAMP:{horloge.maintenant().astimezone(UTC):{utc}}", f"DTSTART:{debut:{utc}}", f"DTEND:{fin:{utc}}",
              f"SUMMARY:{_texte_ics('Entretien confraternel - Demande n°' + d['numero'])}",
              f"LOCATION:{_texte_ics(c['lieu'])}", f"DESCRIPTION:{_texte_ics('Avec ' + c['conseiller'])}",
              "END:VEVENT", "END:VCALENDAR"]
    return {"nom": "entretien.ics", "type": "text/calendar", "texte": "\r\n".join(lignes) + "\r\n"}
