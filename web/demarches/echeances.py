"""What the clock does by itself or at the council's word (SPEC_DEMARCHES §1.4, §2.6): extension, expiry.

"Prolonger à 6 mois" (L.4112-3) moves the deadline and tells the applicant (E9). At a deadline passed in silence,
a type whose silence is a decision (inscription: rejet implicite, L.4112-4) records it once — the daily job may
run twice — and tells the applicant with the 30-day appeal date; the dossier stays in instruction so that the
council can still decide.
"""

from __future__ import annotations

from datetime import date

from tables import horloge
from tables.demarches import Dossier, DossierEvenement
from web.demarches import delais, statuts
from web.demarches.courriels import notifier
from web.demarches.registre import TYPES, type_de
from web.machine import Conflit
from web.security import Utilisateur
from web.templating import date_fr

ARTICLE = "(article L.4112-4 du code de la santé publique)"


class Refus(Exception):
    """The French reason the clock cannot be moved now."""


def prolongeable(d: dict) -> bool:
    delai = type_de(d["type"]).delai
    return bool(delai and delai.prolongation_mois and d["statut"] == "en_instruction" and d.get("delai_depart")
                and not d.get("prolonge"))


async def prolonger(d: dict, user: Utilisateur, version: int) -> None:
    """The legal delay becomes 6 months (an inquiry outside metropolitan France): E9 with the new date."""
    if not prolongeable(d):
        raise Refus("Le délai de ce dossier ne peut pas être prolongé.")
    delai = type_de(d["type"]).delai
    etat = delais.prolonger(delai, delais.etat_de(d))
    motif = (f"Délai prolongé à {delai.prolongation_mois} mois (enquête hors de France métropolitaine) : "
             f"{delais.ligne(delai, etat)}")
    async with statuts.DOSSIER.transaction():
        rows = await Dossier.update({**statuts.colonnes(etat), Dossier.version: version + 1}).where(
            (Dossier.id == d["id"]) & (Dossier.version == version)).returning(Dossier.id)
        if not rows:
            raise Conflit()
        await DossierEvenement.insert(DossierEvenement(
            dossier=d["id"], acteur=user.id, acteur_libelle=statuts.libelle_acteur(user), action="delai_prolonge",
            motif=motif))
        await notifier("dossier_prolonge", {**d, "echeance": etat.echeance, "jours_restants": etat.jours_restants,
                                            "suspendu_le": etat.suspendu_le, "prolonge": True, "motif": motif})


async def expirer(aujourdhui: date | None = None) -> int:
    """Record each implicit rejection acquired by now, once; returns how many were recorded."""
    aujourdhui = aujourdhui or horloge.aujourdhui()
    types = [c for c, t in TYPES.items() if t.delai and t.delai.silence == "rejet_implicite"]
    if not types:
        return 0
    candidats = await Dossier.select().where(
        Dossier.type.is_in(types) & Dossier.statut.is_in(["en_construction", "en_instruction"])
        & Dossier.rejet_implicite_le.is_null() & Dossier.suspendu_le.is_null() & (Dossier.echeance < aujourdhui))
    faits = 0
    for d in candidats:
        acquis = delais.rejet_implicite(type_de(d["type"]).delai, delais.etat_de(d), aujourdhui)
        if acquis is None:
            continue
        motif = f"Décision implicite de rejet acquise le {date_fr(acquis)} {ARTICLE}"
        async with statuts.DOSSIER.transaction():
            rows = await Dossier.update({Dossier.rejet_implicite_le: acquis}).where(
                (Dossier.id == d["id"]) & Dossier.rejet_implicite_le.is_null()).returning(Dossier.id)
            if not rows:
                continue
            await DossierEvenement.insert(DossierEvenement(dossier=d["id"], acteur_libelle="MonEspace",
                                                           action="rejet_implicite", motif=motif))
            await notifier("dossier_expire", {**d, "rejet_implicite_le": acquis})
        faits += 1
    return faits
