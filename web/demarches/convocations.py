"""What the dossier pages show of the entretien, the séance and the appeal (SPEC_DEMARCHES §2.6), merged into
their context by one line each (routes.py, gestion.py); the applicant's step follows the appointment too.
"""

from __future__ import annotations

from web.demarches import appel, entretien, seances
from web.demarches.registre import type_de
from web.security import Utilisateur

FAVORABLE = "Décision favorable — en attente de l'authentification de vos attestations de réussite"


def _etape(d: dict, creneau: dict | None, seance: dict | None) -> tuple[int, int, str] | None:
    """The applicant's step inside instruction: entretien, séance, then the favourable decision."""
    etapes = [e.libelle for e in type_de(d["type"]).etapes]
    if d["statut"] != "en_instruction" or "Séance plénière" not in etapes:
        return None
    n = etapes.index("Séance plénière") + 1
    if d["avis"] == "favorable":
        return n + 1, len(etapes), FAVORABLE
    if seance and d["avis"] != "ajourne":
        return n, len(etapes), "Séance plénière"
    return (n - 1, len(etapes), "Entretien confraternel") if creneau else None


async def contexte(d: dict, user: Utilisateur) -> dict:
    """What both dossier pages show: the appointment, the séance, the appeal (the applicant's step too)."""
    demarche = type_de(d["type"])
    extra = {"appel": await appel.texte(d), "gestion": user.est_ordre}
    if not demarche.entretien:
        return extra
    creneau, seance = await entretien.du_dossier(d), await seances.du_dossier(d)
    libres = await entretien.libres(d["departement"]) if d["statut"] == "en_instruction" else []
    extra["rdv"] = {"creneau": creneau, "seance": seance, "libres": libres,
                    "a_venir": bool(creneau and creneau["statut"] == ""),
                    "seances": await seances.seances(d["departement"], futures=True),
                    "preconditions": await seances.preconditions_seance(d),
                    "avis": seance is not None and not d["avis"] and d["statut"] == "en_instruction"}
    if (etape := _etape(d, creneau, seance)) and not user.est_ordre:
        extra["etape"] = etape
    return extra

