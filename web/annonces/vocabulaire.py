"""The words of Annonces (SPEC §3.1): catégories, situations by side, statuses, temporalités."""

from __future__ import annotations

CATEGORIES = {
    "adjuvat": "Adjuvat",
    "assistanat": "Assistanat",
    "association": "Association",
    "collaboration": "Collaboration",
    "remplacement": "Remplacement",
    "succession": "Succession / cession",
}

# (catégorie, côté) -> "Ma situation". offre = je cherche quelqu'un ; demande = je me propose.
SITUATIONS = {
    ("remplacement", "offre"): "Je cherche un remplaçant",
    ("remplacement", "demande"): "Je suis remplaçant",
    ("adjuvat", "offre"): "Je cherche un adjoint",
    ("adjuvat", "demande"): "Je cherche un poste d'adjoint",
    ("assistanat", "offre"): "Je cherche un assistant",
    ("assistanat", "demande"): "Je cherche un poste d'assistant",
    ("collaboration", "offre"): "Je cherche un collaborateur",
    ("collaboration", "demande"): "Je cherche un poste de collaborateur",
    ("association", "offre"): "Je cherche un associé",
    ("association", "demande"): "Je cherche à m'associer",
    ("succession", "offre"): "Je cède mon cabinet",
    ("succession", "demande"): "Je cherche un cabinet à reprendre",
}

# Internes and docteurs juniors only propose themselves, and never for Association or Succession.
SITUATIONS_INTERNES = {("remplacement", "demande"), ("adjuvat", "demande"), ("assistanat", "demande"),
                       ("collaboration", "demande")}

# "Ma situation" in the search: the searcher's side; results show the opposite side.
COTES_RECHERCHE = {
    "offre": "Je cherche un remplaçant, un adjoint, …",
    "demande": "Je suis remplaçant, adjoint, …",
}
OPPOSE = {"offre": "demande", "demande": "offre"}

STATUTS = {
    "brouillon": "Brouillon",
    "en_attente": "En attente",
    "publiee": "Publiée",
    "depubliee": "Dépubliée",
    "refusee": "Refusée",
}

TEMPORALITES = {"urgent": "Urgent", "disponible": "Disponible immédiatement"}


def situations_permises(role: str, categorie: str) -> list[tuple[str, str]]:
    """The (côté, libellé) choices of "Ma situation" for this catégorie and this user."""
    interne = role in ("interne", "docteur_junior")
    return [(cote, SITUATIONS[(categorie, cote)]) for cote in ("offre", "demande")
            if (categorie, cote) in SITUATIONS and (not interne or (categorie, cote) in SITUATIONS_INTERNES)]


def categories_permises(role: str) -> dict[str, str]:
    return {code: libelle for code, libelle in CATEGORIES.items() if situations_permises(role, code)}
