"""The inscription's own columns in the council queue (SPEC_DEMARCHES §2.7): complete date, entretien, séance."""

from __future__ import annotations

from tables.demarches import Dossier
from tables.rendezvous import Creneau, OrdreDuJour
from web.templating import date_fr, heure_fr

COLONNES = (("complet", "Dossier complet le"), ("entretien", "Entretien"), ("seance", "Séance"))
ISSUES = {"realise": "réalisé", "absent": "absent"}


async def valeurs(lignes: list[dict]) -> dict[int, dict[str, str]]:
    """Three statements for a page of rows, whatever its length."""
    ids = [r["id"] for r in lignes]
    if not ids:
        return {}
    textes = {i: {"complet": "", "entretien": "", "seance": ""} for i in ids}
    for d in await Dossier.select(Dossier.id, Dossier.complet_le).where(Dossier.id.is_in(ids)):
        textes[d["id"]]["complet"] = date_fr(d["complet_le"])
    for c in await Creneau.select(Creneau.dossier, Creneau.debut, Creneau.statut).where(
            Creneau.dossier.is_in(ids)).order_by(Creneau.debut):  # the latest one wins
        issue = f" ({ISSUES[c['statut']]})" if c["statut"] in ISSUES else ""
        textes[c["dossier"]]["entretien"] = f"{date_fr(c['debut'])} à {heure_fr(c['debut'])}{issue}"
    for o in await OrdreDuJour.select(OrdreDuJour.dossier, OrdreDuJour.seance.date.as_alias("le")).where(
            OrdreDuJour.dossier.is_in(ids)).order_by(OrdreDuJour.id):
        textes[o["dossier"]]["seance"] = date_fr(o["le"])
    return textes
