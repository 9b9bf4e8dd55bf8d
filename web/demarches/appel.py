"""The appeal of a refused inscription (SPEC_DEMARCHES §2.6, story 4): before which conseil, until when.

The appeal goes to the formation restreinte of the conseil régional of the council's région — interregional
for Antilles-Guyane and Réunion-Mayotte. Thirty days run from the notification: the registered letter's day
once the council enters it, else the decision's publication in MonEspace, which is then only indicative.
"""

from __future__ import annotations

from datetime import date

from tables import horloge
from tables.demarches import Dossier, DossierEvenement
from tables.referentiel import Departement
from web.demarches import delais
from web.demarches.moteur import type_de
from web.templating import date_fr

INTERREGIONS = {"01": "Antilles-Guyane", "02": "Antilles-Guyane", "03": "Antilles-Guyane",
                "04": "Réunion-Mayotte", "06": "Réunion-Mayotte"}


class Refus(Exception):
    """The French reason the notification date is not accepted."""


async def conseil_regional(departement: str | None) -> str:
    """"Conseil régional de l'Ordre des médecins Auvergne-Rhône-Alpes" for the département's région."""
    row = await Departement.select(Departement.region.code.as_alias("code"), Departement.region.nom.as_alias(
        "nom")).where(Departement.code == departement).first() if departement else None
    if row is None:
        return "Conseil régional de l'Ordre des médecins"
    if row["code"] in INTERREGIONS:
        return f"Conseil interrégional de l'Ordre des médecins {INTERREGIONS[row['code']]}"
    return f"Conseil régional de l'Ordre des médecins {row['nom']}"


def notification(d: dict) -> tuple[date | None, bool]:
    """(the day the refusal counts as notified, whether that day is only indicative)."""
    if d.get("notifie_le"):
        return d["notifie_le"], False
    decision = d.get("decision_le")
    return (decision.astimezone(horloge.PARIS).date() if decision else None), True


async def texte(d: dict) -> str:
    """The appeal sentence of the applicant's page and of E10; "" where the type has no appeal."""
    le, indicative = notification(d)
    if not type_de(d["type"]).appel or d.get("statut") != "refuse" or le is None:
        return ""
    avant = date_fr(delais.appel_avant(le)) + (" (date indicative)" if indicative else "")
    return (f"Vous pouvez faire appel de cette décision devant la formation restreinte du "
            f"{await conseil_regional(d.get('departement'))} dans un délai de trente jours à compter de sa "
            f"notification, soit au plus tard le {avant}. Cet appel n'est pas suspensif.")


async def noter_notification(d: dict, acteur: int, libelle: str, le: date) -> None:
    """"Date de notification par lettre recommandée": not before the decision, not in the future."""
    decision, _ = notification({**d, "notifie_le": None})
    if d["statut"] != "refuse" or not type_de(d["type"]).appel:
        raise Refus("Seul un refus se notifie par lettre recommandée.")
    if le > horloge.aujourdhui() or (decision and le < decision):
        raise Refus("La date de notification doit être comprise entre la décision et aujourd'hui.")
    async with Dossier._meta.db.transaction():
        await Dossier.update({Dossier.notifie_le: le, Dossier.version: d["version"] + 1}).where(Dossier.id == d["id"])
        await DossierEvenement.insert(DossierEvenement(
            dossier=d["id"], acteur=acteur, acteur_libelle=libelle, action="notification",
            motif=f"Refus notifié par lettre recommandée le {date_fr(le)}"))
