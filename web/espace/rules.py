"""Mon espace: what the home page shows and the services (the Message inbox is fils.py)."""

from __future__ import annotations

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

