"""What a declaration of lost or stolen ordonnances issues and sends (SPEC_DEMARCHES §4.4).

The "Récépissé de déclaration" is issued at transmission and again at each "Compléter ma déclaration" (version
n+1, the older one no longer valid); the council's staff are told at once. The council's panel records the
authorities it informed (ARS, CPAM, pharmacies) and when.
"""

from __future__ import annotations

from datetime import date

from tables import horloge
from tables.comptes import Praticien
from tables.demarches import Dossier
from tables.documents import DocumentEmis
from web.demarches.moteur import TERMINAUX, objet
from web.documents import rules as documents
from web.machine import ActionRefusee
from web.templating import date_fr, heure_fr

GENRE = "declaration"
TITRE = "Récépissé de déclaration de perte ou de vol d'ordonnances"
EVENEMENTS = {"declaration_emis": "Récépissé de déclaration émis", "autorites_informees": "Autorités informées"}
AUTORITES = (("ars", "ARS"), ("cpam", "CPAM"), ("pharmacies", "Pharmacies"))
LIBELLES_OBJETS = {"objet_ordonnances": "Ordonnances", "objet_securisees": "Ordonnances sécurisées",
                   "objet_tampon": "Tampon"}


def series(v: dict) -> list[tuple[str, str]]:
    """The whole rows "du n° … au n° …" as typed (their zeros kept: 004501)."""
    rows = ((str(v.get(f"du_{i}") or "").strip(), str(v.get(f"au_{i}") or "").strip()) for i in range(1, 4))
    return [(du, au) for du, au in rows if du and au]


def _faits(v: dict) -> list[str]:
    nature = "Vol" if v.get("nature") == "vol" else "Perte"
    try:
        le = f" le {date_fr(date.fromisoformat(v.get('date_faits') or ''))}"
    except ValueError:
        le = ""
    commune = f" à {v['commune_faits']}" if v.get("commune_faits") else ""
    return [f"{nature}{le}{commune}"]


def _plainte(v: dict) -> list[str]:
    if not (v.get("plainte_le") or v.get("plainte_service") or v.get("plainte_pv")):
        return []
    try:
        le = f" le {date_fr(date.fromisoformat(v.get('plainte_le') or ''))}"
    except ValueError:
        le = ""
    service = f" auprès de {v['plainte_service']}" if v.get("plainte_service") else ""
    pv = f", procès-verbal n° {v['plainte_pv']}" if v.get("plainte_pv") else ""
    return [f"Plainte déposée{le}{service}{pv}."]


def objets(v: dict) -> list[str]:
    """"Ordonnances sécurisées", then each numbered row "Ordonnances n° 004501 à 004550"."""
    return [libelle for nom, libelle in LIBELLES_OBJETS.items() if v.get(nom) == "on"] + [
        f"Ordonnances n° {du} à {au}" for du, au in series(v)]


async def recepisse(d: dict) -> None:
    """Issue the récépissé de déclaration of `d` as it now reads (inside the action's transaction)."""
    v = objet(d["donnees"])
    version = await DocumentEmis.count().where((DocumentEmis.dossier == d["id"]) & (DocumentEmis.genre == GENRE)) + 1
    qui, c = await documents.titulaire(d), await documents.conseil(d["departement"])
    p = await Praticien.select(Praticien.rpps).where(Praticien.id == d["praticien"]).first()
    le, maintenant = d["transmise_le"] or horloge.maintenant(), horloge.maintenant()
    await documents.emettre(d, GENRE, qui, {
        "entete": f"Ordre des médecins — {c['nom']}", "titre": TITRE,
        "lignes": [f"Déclaration n°{d['numero']} — version {version}",
                   f"Le {c['nom']} atteste que {qui}" + (f" (RPPS {p['rpps']})" if p and p["rpps"] else "")
                   + f" a déclaré le {date_fr(le)} à {heure_fr(le)} :", *_faits(v), "Objets déclarés :"],
        "liste": objets(v),
        "signature": [*_plainte(v), *([f"Circonstances : {v['circonstances']}"] if v.get("circonstances") else []),
                      *([f"Déclaration complétée le {date_fr(maintenant)} à {heure_fr(maintenant)}."]
                        if version > 1 else []),
                      "Ce récépissé peut être présenté aux services de police ou de gendarmerie et aux pharmacies."],
    })


async def transmise(d: dict) -> None:
    """At transmission: the récépissé at once, and each gestionnaire of the council told by e-mail."""
    from web.demarches.courriels import prevenir_conseil  # it reads the registry, which lists this type

    await recepisse(d)
    v = objet(d["donnees"])
    qui = await documents.titulaire(d)
    await prevenir_conseil(d, f"Déclaration de perte ou vol d'ordonnances - Demande n°{d['numero']}", [
        f"{qui} a déclaré le {date_fr(d['transmise_le'])} à {heure_fr(d['transmise_le'])} : "
        f"{_faits(v)[0].lower()}.", "Objets déclarés : " + " ; ".join(objets(v)) + ".",
        "Informez sans attendre l'ARS, la CPAM et les pharmacies, puis notez-le dans le dossier."])


async def panneau(d: dict) -> dict:
    a = objet(d["donnees"]).get("autorites") or {}
    return {"perte": {"autorites": a, "choix": AUTORITES, "le": date_fr(date.fromisoformat(a["le"])) if a else "",
                      "ouvert": d["statut"] not in TERMINAUX, "aujourdhui": horloge.aujourdhui().isoformat()}}


async def autorites(d: dict, data: dict) -> tuple[str, str]:
    """"Autorités informées": which (ARS, CPAM, pharmacies) and on which day; the Historique line says so."""
    if d["statut"] in TERMINAUX:
        raise ActionRefusee("Cette déclaration est clôturée.")
    choisies = [cle for cle, _ in AUTORITES if data.get(cle) == "on"]
    if not choisies:
        raise ActionRefusee("Cochez les autorités informées.")
    try:
        le = date.fromisoformat(data.get("informees_le", ""))
    except ValueError:
        raise ActionRefusee("Indiquez la date à laquelle les autorités ont été informées.") from None
    if le > horloge.aujourdhui():
        raise ActionRefusee("La date ne peut pas être dans le futur.")
    await Dossier.update({Dossier.donnees: {**objet(d["donnees"]), "autorites": {
        "qui": choisies, "le": le.isoformat()}}}).where(Dossier.id == d["id"])
    libelles = ", ".join(libelle for cle, libelle in AUTORITES if cle in choisies)
    return "autorites_informees", f"{libelles} — le {date_fr(le)}"
