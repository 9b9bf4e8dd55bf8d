"""Mon espace: what the home page shows and the services (the Message inbox is fils.py)."""

from __future__ import annotations

from web.demarches import registre

# Mes services (SPEC §2): each a real page; those not built yet say so plainly.
SERVICES = {
    "abonnements": ("Abonnements", "Gérez vos abonnements aux lettres et publications de l'Ordre.", None),
    "cotisations": ("Cotisations", "Consultez vos appels de cotisation, leur statut et vos reçus.",
                    "/espace/cotisations"),
    "message": ("Message", "Les messages que l'Ordre vous adresse.", "/espace/messages"),
    "annonces": ("Annonces", "Trouvez ou déposez une annonce de remplacement, collaboration, succession…",
                 "/annonces"),
    "entraide": ("Entraide", "Demandez une aide confidentielle à la commission d'entraide de l'Ordre "
                             "(numéro vert 0800 288 038).", "/demarches/commencer/entraide"),
    "parametres": ("Paramètres", "Choisissez comment l'Ordre vous informe.", "/espace/parametres"),
}


COMMENCER = "/demarches/commencer/"


def services(role: str) -> dict[str, tuple[str, str, str | None]]:
    """The tiles for this role: a démarche's start page only for those who may start it (an interne's Entraide
    tile opens the service's page, with the numéro vert, not a 404)."""
    return {slug: (titre, description, lien if ouvert(lien, role) else None)
            for slug, (titre, description, lien) in SERVICES.items()}


def ouvert(lien: str | None, role: str) -> bool:
    if lien and lien.startswith(COMMENCER):
        cle = lien.removeprefix(COMMENCER)
        return cle in registre.TYPES and role in registre.type_de(cle).pour
    return bool(lien)

