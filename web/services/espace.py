"""What the services add to Mon compte: the qualifications of the dossier ordinal, the dossiers concerning me
(a contract I am party to), the contracts to communicate after a filled annonce."""

from __future__ import annotations

from web.security import Utilisateur
from web.services import offres, parties, qualifications


async def contexte(user: Utilisateur) -> dict:
    return {"qualifications": await qualifications.du_praticien(user.praticien),
            "concernant": await parties.me_concernant(user.rpps),
            "a_communiquer": await offres.a_communiquer(user.rpps)}
