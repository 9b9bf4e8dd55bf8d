"""RGPD retention of the certification (SPEC_DEMARCHES §3.3, seed 001 "Conservation des données sur 6 ans": "Vos
données sont archivées pendant la durée du cycle de certification").

Decision: a period's actions and their proof files are kept for the period and until its control closes, then
CONSERVATION more — two months for a recours contentieux against the decision (R. 421-1 du code de justice
administrative), past the council's 30 days to reopen it, and a month's margin — and deleted for good. The carnet
stays, with its dates, its counts per bloc and the control's dossier: what the Ordre decided, not what was proved.
"""

from __future__ import annotations

from datetime import date, timedelta

from tables import horloge
from tables.certification import ActionCertification, Carnet, PreuveAction
from web.fichiers import depots
from web.fichiers.usages import PREUVES_CERTIFICATION

CONSERVATION = timedelta(days=92)
LOT = 500  # actions per transaction


async def purger(aujourdhui: date | None = None) -> int:
    """Delete the actions and proofs of carnets closed more than CONSERVATION ago; how many actions went."""
    limite = (aujourdhui or horloge.aujourdhui()) - CONSERVATION
    closes = Carnet.select(Carnet.id).where(Carnet.clos_le < limite)
    supprimees = 0
    while ids := [a["id"] for a in await ActionCertification.select(ActionCertification.id).where(
            ActionCertification.carnet.is_in(closes)).limit(LOT)]:
        async with Carnet._meta.db.transaction():
            fichiers = await PreuveAction.delete().where(PreuveAction.action.is_in(ids)).returning(
                PreuveAction.fichier)
            await ActionCertification.delete().where(ActionCertification.id.is_in(ids))
        await depots.supprimer(PREUVES_CERTIFICATION, [f["fichier"] for f in fichiers])
        supprimees += len(ids)
    return supprimees
