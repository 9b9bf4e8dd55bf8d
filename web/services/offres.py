"""From a filled annonce to a communicated contract (issue 21, SPEC_DEMARCHES §4.8): closed "Poste pourvu",
the annonce remembers with whom (an optional RPPS); its author — on the annonce's page and in Gérer mes
annonces — and that doctor — in Mon compte — are offered "Communiquer un contrat" prefilled from it
(`/demarches/commencer/contrat?…`, the engine's `Demarche.prefill`). The L.4113-9 deadline counts from the
signature date they enter.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from tables.annonces import Annonce, AnnonceLieu, AnnoncePeriode
from tables.comptes import Praticien
from tables.services import AnnoncePourvue

# Annonce catégorie → contract type (web/demarches/types/contrat_regles.py TYPES_CONTRAT).
TYPE_CONTRAT = {"remplacement": "remplacement", "collaboration": "collaboration", "association": "association",
                "succession": "autre", "adjuvat": "autre", "assistanat": "autre"}
RPPS = re.compile(r"\d{11}")


async def pourvoir(annonce_id: int, rpps: str) -> None:
    await AnnoncePourvue.delete().where(AnnoncePourvue.annonce == annonce_id)
    await AnnoncePourvue.insert(AnnoncePourvue(annonce=annonce_id, rpps=rpps))


async def _nom(rpps: str) -> str:
    p = await Praticien.select(Praticien.prenom, Praticien.nom).where(Praticien.rpps == rpps).first() if rpps else None
    return f"{p['prenom']} {p['nom'].upper()}" if p else ""


async def lien(annonce_id: int, pour_auteur: bool) -> str:
    """The prefilled start of "Communiquer un contrat" for one side of a filled annonce."""
    a = await Annonce.select(Annonce.id, Annonce.categorie, Annonce.auteur.rpps.as_alias("rpps"),
                             Annonce.auteur.prenom.as_alias("prenom"), Annonce.auteur.nom.as_alias("nom")).where(
        Annonce.id == annonce_id).first()
    pourvue = await AnnoncePourvue.select().where(AnnoncePourvue.annonce == annonce_id).first()
    if a is None or pourvue is None:
        return ""
    periode = await AnnoncePeriode.select().where(AnnoncePeriode.annonce == annonce_id).order_by(
        AnnoncePeriode.debut).first()
    lieux = await AnnonceLieu.select(AnnonceLieu.libelle).where(AnnonceLieu.annonce == annonce_id).order_by(
        AnnonceLieu.id)
    autre = pourvue["rpps"] if pour_auteur else a["rpps"]
    nom = await _nom(pourvue["rpps"]) if pour_auteur else f"{a['prenom']} {a['nom'].upper()}"
    champs = {"type_contrat": TYPE_CONTRAT.get(a["categorie"], "autre"), "annonce": str(a["id"]),
              "effet_le": periode["debut"].isoformat() if periode else "",
              "fin_le": periode["fin"].isoformat() if periode and periode["fin"] else "",
              "lieu": ", ".join(x["libelle"] for x in lieux), "cocontractants": nom, "cocontractants_rpps": autre or ""}
    return "/demarches/commencer/contrat?" + urlencode({k: v for k, v in champs.items() if v})


async def liens_auteur(annonce_ids: list[int]) -> dict[int, str]:
    """Gérer mes annonces: the filled ones among `annonce_ids`, with their offer."""
    rows = await AnnoncePourvue.select(AnnoncePourvue.annonce).where(AnnoncePourvue.annonce.is_in(annonce_ids)) \
        if annonce_ids else []
    return {r["annonce"]: await lien(r["annonce"], True) for r in rows}


async def a_communiquer(rpps: str) -> list[dict]:
    """Mon compte of the doctor an annonce was filled with: its offer."""
    if not rpps:
        return []
    rows = await AnnoncePourvue.select(AnnoncePourvue.annonce, AnnoncePourvue.annonce.titre.as_alias("titre")).where(
        (AnnoncePourvue.rpps == rpps) & AnnoncePourvue.annonce.supprimee_le.is_null())
    return [{**r, "lien": await lien(r["annonce"], False)} for r in rows]
