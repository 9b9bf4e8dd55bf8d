"""The attestation d'inscription au Tableau (SPEC_DEMARCHES §2.8, a Decision: no official model found).

Built from the dossier as decided (form, séance, inscription day) and the Tableau; never a note interne.
"""

from __future__ import annotations

from datetime import date

from config import president_cdom
from tables.comptes import Praticien
from tables.referentiel import Specialite
from web.demarches.moteur import objet
from web.documents import rules
from web.services.qualifications import libelles as qualifications
from web.templating import date_fr


def _identite(v: dict) -> tuple[str, bool]:
    """"Madame Alice LEROY (nom de naissance : MARTIN)", and whether to write the feminine."""
    civilite = {"madame": "Madame ", "monsieur": "Monsieur "}.get(v.get("civilite", ""), "")
    naissance = (v.get("nom_naissance") or "").strip().upper()
    usage = (v.get("nom_usage") or "").strip().upper()
    nom = f"{civilite}{(v.get('prenoms') or '').strip()} {usage or naissance}"
    femme = v.get("civilite") == "madame"
    return (f"{nom} (nom de naissance : {naissance})" if usage and usage != naissance else nom), femme


def _naissance(v: dict, femme: bool) -> str:
    try:
        le = date_fr(date.fromisoformat(v.get("date_naissance") or ""))
    except ValueError:
        return ""
    lieu = (v.get("lieu_naissance") or "").strip()
    return f"né{'e' if femme else ''} le {le}" + (f" à {lieu}" if lieu else "")


async def emettre(d: dict) -> dict:
    """Issue it for `d` once `inscrit_le` is set (inside the acceptance's transaction)."""
    v = objet(d["donnees"])
    c = await rules.conseil(d["departement"])
    qui, femme = _identite(v)
    naissance = _naissance(v, femme)
    specialite = await Specialite.select(Specialite.libelle).where(Specialite.code == v.get("des")).first() \
        if v.get("des") else None
    p = await Praticien.select(Praticien.rpps).where(Praticien.id == d["praticien"]).first() \
        if d.get("praticien") else None
    inscrit = date_fr(d["inscrit_le"])
    lignes = [
        f"Le Conseil départemental de l'Ordre des médecins {c['de']} atteste que",
        qui + (f", {naissance}" if naissance else ""),
        f"est inscrit{'e' if femme else ''} au Tableau de l'Ordre des médecins {c['de']} depuis le {inscrit}",
        *([f"Qualification : {specialite['libelle']}"] if specialite else []),
        *await qualifications(d.get("praticien")),
        *([f"N° RPPS : {p['rpps']}"] if p and p["rpps"] else []),
        *([f"Décision du Conseil en séance plénière du {date_fr(d['avis_le'])}"] if d.get("avis_le") else []),
        f"Demande n°{d['numero']}",
    ]
    president = president_cdom(d["departement"])
    signature = [f"Fait à {c['siege']}, le {inscrit}" if c["siege"] else f"Fait le {inscrit}",
                 "Le Président du Conseil départemental", *([president] if president else [])]
    return await rules.emettre(d, "attestation", await rules.titulaire(d), {
        "entete": f"Ordre des médecins — {c['nom']}",
        "titre": "Attestation d'inscription au Tableau de l'Ordre des médecins",
        "lignes": lignes, "signature": signature})
