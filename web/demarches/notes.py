"""Notes internes (SPEC_DEMARCHES §1.5, DS "annotations privées") and the conseiller rapporteur (R.4112-2).

Only the perimeter's gestionnaires and national staff read notes: the council's controller is their only
reader — no applicant page, e-mail or PDF imports this module. The rapporteur (an elected member without an
account) is named here; his written report is a note of genre "rapport" the gestionnaire uploads.
"""

from __future__ import annotations

from tables.demarches import Dossier, DossierEvenement
from tables.pieces import DossierNote
from web.demarches import statuts
from web.demarches.televersement import oublier, recevoir
from web.fichiers.usages import FICHIERS_NOTE
from web.security import Utilisateur

GENRES = {"note": "Note", "rapport": "Rapport du conseiller rapporteur"}


class Refus(Exception):
    """The French reason a note or a designation is not possible."""


async def contexte(d: dict, erreur: str = "", saisie: dict | None = None) -> dict:
    notes = await DossierNote.select().where(DossierNote.dossier == d["id"]).order_by(DossierNote.le,
                                                                                      ascending=False)
    return {"notes": [{**n, "libelle_genre": GENRES.get(n["genre"], n["genre"])} for n in notes],
            "genres_note": GENRES, "erreur_note": erreur, "saisie_note": saisie or {}}


async def ajouter(d: dict, user: Utilisateur, genre: str, texte: str, envois: list) -> None:
    if genre not in GENRES:
        raise Refus("Choisissez le type de note.")
    texte = texte.replace("\x00", "").strip()[:10000]
    ecrits, erreurs = await recevoir(FICHIERS_NOTE, user.id, envois)
    if erreurs:
        raise Refus(" ".join(erreurs))
    if not texte and not ecrits:
        raise Refus("Écrivez la note ou joignez un fichier.")
    joint = {k: ecrits[0][k] for k in ("fichier", "nom_original", "type_mime")} if ecrits else {}
    try:
        await DossierNote.insert(DossierNote(dossier=d["id"], auteur=user.id, genre=genre, texte=texte,
                                             auteur_libelle=statuts.libelle_acteur(user), **joint))
    except BaseException:
        await oublier(FICHIERS_NOTE, ecrits)
        raise


async def note(d: dict, note_id: int) -> dict | None:
    return await DossierNote.select().where((DossierNote.id == note_id) & (DossierNote.dossier == d["id"])).first()


async def rapport_depose(dossier_id: int) -> bool:
    """Whether the "Rapport du conseiller rapporteur" is in (a séance's agenda needs it, §2.6)."""
    return await DossierNote.exists().where((DossierNote.dossier == dossier_id) & (DossierNote.genre == "rapport"))


async def designer_rapporteur(d: dict, user: Utilisateur, nom: str) -> None:
    """"Désigner le conseiller rapporteur": the applicant is shown the name; the Historique records it."""
    nom = " ".join(nom.split())[:200]
    if not nom:
        raise Refus("Indiquez le nom du conseiller rapporteur.")
    async with Dossier._meta.db.transaction():
        await Dossier.update({Dossier.rapporteur: nom}).where(Dossier.id == d["id"])
        await DossierEvenement.insert(DossierEvenement(
            dossier=d["id"], acteur=user.id, acteur_libelle=statuts.libelle_acteur(user), action="rapporteur",
            motif=f"Conseiller rapporteur : {nom}"))
