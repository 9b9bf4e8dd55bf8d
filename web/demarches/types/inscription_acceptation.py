""""Prononcer l'inscription" (SPEC_DEMARCHES §2.6): what the inscription type adds to the engine's `accepter`.

Preconditions: the séance's favourable opinion, and the DEDM and DES pièces "Authentifié". Effects, in the
transaction of the acceptance: inscribed that day, the attestation issued, the account a médecin's. The role
is read with the session on every request, so it applies from the applicant's next page — at the latest at
their next login (Decision of §2.6).
"""

from __future__ import annotations

from tables import horloge
from tables.comptes import Compte, Praticien
from tables.demarches import Dossier
from tables.pieces import authentifiees
from web.documents import attestation

AVIS_REQUIS = ("L'inscription ne peut être prononcée qu'après l'avis favorable du Conseil en séance plénière.")
PIECES_REQUISES = ("Authentifiez d'abord le diplôme d'État de docteur en médecine et le diplôme du DES (ou leurs "
                   "attestations de réussite) avant de prononcer l'inscription.")
A_AUTHENTIFIER = ("dedm", "des")


async def avant_acceptation(d: dict) -> str | None:
    if d.get("avis") != "favorable":
        return AVIS_REQUIS
    if not await authentifiees(d["id"], A_AUTHENTIFIER):
        return PIECES_REQUISES
    return None


async def prononcer(d: dict) -> None:
    jour = horloge.aujourdhui()
    await Dossier.update({Dossier.inscrit_le: jour}).where(Dossier.id == d["id"])
    await Compte.update({Compte.role: "medecin"}).where(Compte.id == d["compte"])
    if d.get("praticien"):
        await Praticien.update({Praticien.qualite: "medecin", Praticien.departement: d["departement"],
                                Praticien.inscrit_le: jour}).where(Praticien.id == d["praticien"])
    await attestation.emettre({**d, "inscrit_le": jour})


async def rouvrir(d: dict) -> None:
    """The decision no longer applies: no inscription day (the engine has made the attestation invalid)."""
    await Dossier.update({Dossier.inscrit_le: None}).where(Dossier.id == d["id"])
