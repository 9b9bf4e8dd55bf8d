"""The qualifications and diplomas of a dossier ordinal (SPEC_DEMARCHES §4.10): written when the council
records one, read by Mon compte, the attestation d'inscription and the annonces' badge."""

from __future__ import annotations

from tables.services import Qualification

NATURES = (("specialiste", "Qualification de spécialiste"), ("complementaire", "Droit d'exercice complémentaire"),
           ("du", "DU / DIU"), ("capacite", "Capacité"), ("etranger", "Diplôme étranger reconnu"))


async def du_praticien(praticien: int | None) -> list[dict]:
    if praticien is None:
        return []
    rows = await Qualification.select().where(Qualification.praticien == praticien).order_by(Qualification.obtenue_le)
    return [{**r, "libelle": f"{dict(NATURES).get(r['nature'], 'Diplôme')} : {r['intitule']}"} for r in rows]


async def libelles(praticien: int | None) -> list[str]:
    return [q["libelle"] for q in await du_praticien(praticien)]
