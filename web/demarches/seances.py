"""The séance plénière of an inscription (SPEC_DEMARCHES §2.6): the council's dates, the agenda, the opinion.

A dossier goes on the agenda of one séance of its council once `preconditions_seance` has nothing against it
(E7); after the séance its opinion is "favorable" (E8 "décision favorable", the dossier waits in instruction
for the authenticated diplomas), "ajourne" (it goes on a later séance) or the engine's `refuser`.
"""

from __future__ import annotations

from datetime import date

from piccolo.query.functions.aggregate import Max

from tables import horloge
from tables.demarches import Dossier, DossierEvenement
from tables.referentiel import Conseil, Specialite
from tables.rendezvous import OrdreDuJour
from tables.territoires import Seance
from web.demarches import entretien, instruction, notes, statuts
from web.demarches.courriels import nom_conseil, notifier
from web.demarches.moteur import objet
from web.machine import Conflit
from web.security import Utilisateur
from web.templating import date_fr

AVIS = {"favorable": "Avis favorable à l'inscription", "ajourne": "Ajourné"}
LIBELLES = {"date": "Date", "lieu": "Lieu"}


class Refus(instruction.Refus):
    """The French reason a séance step is not possible now."""


async def conseil_de(departement: str | None) -> str | None:
    """CD38 for "38": séances belong to the council, dossiers and slots to its département."""
    row = await Conseil.select(Conseil.code).where(Conseil.departement == departement).first() if departement \
        else None
    return row["code"] if row else None


async def seances(departement: str, futures: bool = False, nombre: int | None = None) -> list[dict]:
    where = Seance.conseil == await conseil_de(departement)
    if futures:
        where &= Seance.date >= horloge.aujourdhui()
    query = Seance.select().where(where).order_by(Seance.date)
    return await (query.limit(nombre) if nombre else query)


async def ajouter(departement: str, le: date, lieu: str) -> None:
    if le < horloge.aujourdhui():
        raise Refus("La date de la séance ne peut pas être passée.")
    await Seance.insert(Seance(conseil=await conseil_de(departement), date=le, lieu=lieu.strip()[:200]))


async def seance(departement: str, seance_id: int) -> dict | None:
    return await Seance.select().where((Seance.id == seance_id)
                                       & (Seance.conseil == await conseil_de(departement))).first()


async def du_dossier(d: dict) -> dict | None:
    """The séance the dossier is (or was last) on the agenda of."""
    return await OrdreDuJour.select(OrdreDuJour.rang, OrdreDuJour.seance.id.as_alias("id"),
                                    OrdreDuJour.seance.date.as_alias("date"),
                                    OrdreDuJour.seance.lieu.as_alias("lieu")).where(
        OrdreDuJour.dossier == d["id"]).order_by(OrdreDuJour.id, ascending=False).first()


async def preconditions_seance(d: dict) -> str | None:
    """Why the dossier cannot go on a séance's agenda yet, or None: entretien done, rapporteur named and his
    written report in the notes internes (R.4112-2)."""
    if d["statut"] != "en_instruction":
        return "Seul un dossier en instruction peut être inscrit à l'ordre du jour."
    if not entretien.realise(await entretien.du_dossier(d)):
        return "L'entretien confraternel doit avoir été réalisé."
    if not d["rapporteur"].strip():
        return "Désignez d'abord le conseiller rapporteur."
    if not await notes.rapport_depose(d["id"]):
        return "Ajoutez d'abord le rapport du conseiller rapporteur (notes internes)."
    return None


async def _changer(d: dict, valeurs: dict, user: Utilisateur, action: str, motif: str) -> None:
    """One change of the dossier guarded by its version (two staff: one wins) and its Historique line."""
    rows = await Dossier.update({**valeurs, Dossier.version: d["version"] + 1}).where(
        (Dossier.id == d["id"]) & (Dossier.version == d["version"])).returning(Dossier.id)
    if not rows:
        raise Conflit(d["statut"])
    await DossierEvenement.insert(DossierEvenement(dossier=d["id"], acteur=user.id, action=action, motif=motif,
                                                   acteur_libelle=statuts.libelle_acteur(user)))


async def inscrire(d: dict, seance_id: int, user: Utilisateur) -> None:
    """"Inscrire à l'ordre du jour de la séance du 14/01/2027": at the end of its agenda; E7."""
    if raison := await preconditions_seance(d):
        raise Refus(raison)
    s = await seance(d["departement"], seance_id)
    if s is None or s["date"] < horloge.aujourdhui():
        raise Refus("Choisissez une séance à venir de votre conseil.")
    actuelle = await du_dossier(d)
    if actuelle and d["avis"] != "ajourne":
        raise Refus(f"Ce dossier est déjà inscrit à l'ordre du jour de la séance du {date_fr(actuelle['date'])}.")
    async with statuts.DOSSIER.transaction():
        dernier = await OrdreDuJour.select(Max(OrdreDuJour.rang).as_alias("rang")).where(
            OrdreDuJour.seance == seance_id).first()
        await OrdreDuJour.insert(OrdreDuJour(seance=seance_id, dossier=d["id"], rang=(dernier["rang"] or 0) + 1))
        le = date_fr(s["date"])
        await _changer(d, {Dossier.avis: "", Dossier.avis_le: None}, user, "seance",
                       f"Inscrit à l'ordre du jour de la séance du {le}")
        conseil = await nom_conseil(d["departement"])
        await notifier("dossier_seance", d, lignes=[
            f"Votre demande sera présentée en séance plénière du {conseil} le {le}."])


async def rendre_avis(d: dict, avis: str, user: Utilisateur, motif: str = "") -> None:
    """After the séance: "favorable" or "ajourne" here, "refus" through the engine's `refuser` (E10)."""
    s = await du_dossier(d)
    if s is None or d["avis"] or d["statut"] != "en_instruction":
        raise Refus("Ce dossier n'attend pas d'avis de séance.")
    if s["date"] > horloge.aujourdhui():
        raise Refus(f"L'avis se rend après la séance du {date_fr(s['date'])}.")
    if avis == "refus":
        if not motif.strip():
            raise Refus("Le motif est obligatoire pour cette action.")
        await statuts.appliquer(d["id"], "refuser", user, version=d["version"], motif=motif.strip()[:2000])
        return
    async with statuts.DOSSIER.transaction():
        await _changer(d, {Dossier.avis: avis, Dossier.avis_le: s["date"]}, user, f"avis_{avis}",
                       f"{AVIS[avis]} (séance du {date_fr(s['date'])})")
        if avis == "favorable":
            conseil = await nom_conseil(d["departement"])
            await notifier("dossier_favorable", {**d, "avis": avis}, lignes=[
                f"Le {conseil} a rendu en séance plénière du {date_fr(s['date'])} un avis favorable à votre "
                "inscription au Tableau.", "Votre inscription sera prononcée dès que le Conseil aura reçu et "
                "authentifié vos attestations de réussite, voire vos diplômes."])


async def ordre_du_jour(seance_id: int) -> list[dict]:
    """The printable agenda: n°, nom, DES, rapporteur (and the dossier's number)."""
    dossier = OrdreDuJour.dossier
    rows = await OrdreDuJour.select(
        OrdreDuJour.rang, dossier.numero.as_alias("numero"), dossier.donnees.as_alias("donnees"),
        dossier.rapporteur.as_alias("rapporteur"), dossier.praticien.nom.as_alias("nom"),
        dossier.praticien.prenom.as_alias("prenom")).where(OrdreDuJour.seance == seance_id).order_by(OrdreDuJour.rang)
    des = {s["code"]: s["libelle"] for s in await Specialite.select(Specialite.code, Specialite.libelle)}
    return [{**r, "des": des.get(code := objet(r["donnees"]).get("des", ""), code)} for r in rows]


async def nombres(seance_ids: list[int]) -> dict[int, int]:
    """How many dossiers each séance's agenda holds."""
    rows = await OrdreDuJour.select(OrdreDuJour.seance).where(OrdreDuJour.seance.is_in(seance_ids or [0]))
    return {i: sum(1 for r in rows if r["seance"] == i) for i in seance_ids}
