"""A new professional address, as the change of address (§4.1) and the transfer (§4.2) ask it.

The code postal is checked against the commune with the reference data (tables/referentiel.py): what the check
finds — the commune's code and département — is kept beside the values (the engine's `deduire`), so that the
sections' plain checks, the council's page and the acceptance read it without asking the database again.
"""

from __future__ import annotations

from tables.reference.texte import normaliser
from tables.referentiel import CodePostal
from web.demarches.moteur import Champ

COMMUNE, DEPARTEMENT, CONSEIL = "_commune", "_departement_adresse", "_conseil"  # deduced, never typed
INCOHERENT = "Ce code postal ne correspond pas à la commune indiquée."


def champs(si=None) -> tuple[Champ, ...]:
    return (
        Champ("adresse", "Adresse (numéro et voie)", autocomplete="street-address", si=si),
        Champ("code_postal", "Code postal", autocomplete="postal-code", aide="Par exemple : 69003", si=si),
        Champ("commune", "Commune", autocomplete="address-level2", aide="Par exemple : Lyon", si=si),
    )


async def deduire(valeurs: dict, conseil: str | None) -> dict:
    """The commune the code postal and the name designate together ("" when none: they do not match), its
    département, and the applicant's council (for the checks that compare them)."""
    code_postal, commune = (str(valeurs.get(n) or "").strip() for n in ("code_postal", "commune"))
    trouvee = await CodePostal.select(CodePostal.commune, CodePostal.commune.departement.as_alias("dep")).where(
        (CodePostal.code_postal == code_postal) & (CodePostal.commune.nom_normalise == normaliser(commune))
    ).first() if code_postal and commune else None
    return {COMMUNE: trouvee["commune"] if trouvee else "", DEPARTEMENT: trouvee["dep"] if trouvee else "",
            CONSEIL: conseil or ""}


def erreurs(valeurs: dict) -> dict[str, str]:
    """The code postal's French error when both are typed and the reference data knows no such pair."""
    if str(valeurs.get("code_postal") or "").strip() and str(valeurs.get("commune") or "").strip() \
            and not valeurs.get(COMMUNE):
        return {"code_postal": INCOHERENT}
    return {}


def autre_departement(valeurs: dict) -> bool:
    """The new address is in another département than the applicant's council."""
    return bool(valeurs.get(DEPARTEMENT)) and valeurs.get(DEPARTEMENT) != valeurs.get(CONSEIL)


def texte(valeurs: dict) -> str:
    """"12 rue de la République 69003 Lyon"."""
    return " ".join(filter(None, (str(valeurs.get(n) or "").strip() for n in ("adresse", "code_postal", "commune"))))
