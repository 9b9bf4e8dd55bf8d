"""The councils' morning digest of démarches (SPEC_DEMARCHES §1.6): "Démarches en attente sur votre périmètre".

One e-mail a day to each gestionnaire of a council where something waits, each sent once (its key holds the
day) even when the job runs twice. Three grouped counts over the public types only: entraide and the other
confidential types are never counted.
"""

from __future__ import annotations

from datetime import date, timedelta

from tables import horloge
from tables.comptes import Compte
from tables.demarches import Dossier
from tables.referentiel import Conseil
from web.demarches.file import PUBLICS
from web.demarches.moteur import TERMINAUX
from web.mails import mail

SUJET = "Démarches en attente sur votre périmètre"
MESURES = {"nouvelles": "Nouvelles", "complements": "Compléments reçus", "echeances": "Échéance dans 15 jours"}
_DERNIER = ("(SELECT e.action FROM dossier_evenement e WHERE e.dossier = d.id AND e.action <> 'suivre' "
            "ORDER BY e.id DESC LIMIT 1) = 'transmettre_complements'")


def _marques(valeurs: tuple) -> str:
    return ", ".join("{}" for _ in valeurs)


async def comptes(aujourdhui: date) -> dict[str, dict[str, int]]:
    """{département: {mesure: n}} for the départements where something waits: one grouped statement."""
    ou = f"d.statut NOT IN ({_marques(TERMINAUX)}) AND d.type IN ({_marques(PUBLICS)})"  # placeholders only
    sql = (
        "SELECT d.departement, SUM(CASE WHEN d.statut = 'en_construction' THEN 1 ELSE 0 END) AS nouvelles, "
        f"SUM(CASE WHEN {_DERNIER} THEN 1 ELSE 0 END) AS complements, "
        "SUM(CASE WHEN d.echeance >= {} AND d.echeance <= {} THEN 1 ELSE 0 END) AS echeances FROM dossier d "
        f"WHERE {ou} AND d.departement IS NOT NULL GROUP BY d.departement")
    rows = await Dossier.raw(sql, aujourdhui, aujourdhui + timedelta(days=15), *TERMINAUX, *PUBLICS)
    return {r["departement"]: {m: int(r[m] or 0) for m in MESURES} for r in rows if any(r[m] for m in MESURES)}


def ligne(nombres: dict[str, int]) -> str:
    """"Nouvelles : 3 · Compléments reçus : 1 · Échéance dans 15 jours : 2"."""
    return " · ".join(f"{libelle} : {nombres[m]}" for m, libelle in MESURES.items())


async def digest(aujourdhui: date | None = None) -> int:
    aujourdhui = aujourdhui or horloge.aujourdhui()
    envoyes = 0
    for departement, nombres in (await comptes(aujourdhui)).items():
        conseil = await Conseil.select(Conseil.code).where(Conseil.departement == departement).first()
        if conseil is None:
            continue
        gestionnaires = await Compte.select(Compte.id, Compte.identifiant).where(
            (Compte.conseil == conseil["code"]) & (Compte.role == "gestionnaire") & (Compte.actif == True))  # noqa: E712
        for g in gestionnaires:
            envoyes += bool(await mail("digest_demarches", destinataire=g["identifiant"], compte_id=g["id"],
                                       sujet=SUJET, ligne=ligne(nombres),
                                       cle=f"demarches.{conseil['code']}.{g['id']}.{aujourdhui.isoformat()}"))
    return envoyes
