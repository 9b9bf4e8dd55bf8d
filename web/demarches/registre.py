"""The one list of démarche types: adding a type is one module in types/ and one line here."""

from __future__ import annotations

from web.demarches.moteur import TYPES, Demarche, type_de  # noqa: F401 (type_de: read from here too)
from web.demarches.types import (
    carte_professionnelle,
    cessation,
    changement_adresse,
    contrat,
    controle_certification,
    entraide,
    inscription,
    perte_ordonnances,
    plainte,
    plainte_visee,
    qualification,
    transfert,
    vignette_urgence,
)

TYPES.update({d.cle: d for d in (
    inscription.DEMARCHE,
    controle_certification.DEMARCHE,
    perte_ordonnances.DEMARCHE, vignette_urgence.DEMARCHE, carte_professionnelle.DEMARCHE,
    changement_adresse.DEMARCHE, transfert.DEMARCHE,
    contrat.DEMARCHE, cessation.DEMARCHE, qualification.DEMARCHE,
    entraide.DEMARCHE,
    plainte.DEMARCHE,
    plainte_visee.DEMARCHE,
)})


def pour(role: str) -> list[Demarche]:
    """The types an account of `role` may start ("Commencer une démarche")."""
    return [d for d in TYPES.values() if role in d.pour]
