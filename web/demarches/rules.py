"""What an applicant does to a dossier before and around its transitions: start it, save as typed, check it.

Every field is saved as entered (server-side, any device); the checks that gate "Transmettre ma demande"
read the type's spec, so a type adds fields without adding code here.
"""

from __future__ import annotations

from tables import horloge
from tables.demarches import Dossier, DossierEvenement, nouveau_numero
from web.demarches import statuts
from web.demarches.moteur import TERMINAUX, Demarche, Section, erreur_date, objet
from web.demarches.registre import TYPES, type_de
from web.security import Utilisateur

MODIFIABLES = ("brouillon", "en_construction", "a_completer")  # frozen for the applicant once in instruction


class Refus(Exception):
    """Not possible now: the message is shown as is."""


async def en_cours(compte_id: int, type_: str) -> dict | None:
    return await Dossier.select().where((Dossier.compte == compte_id) & (Dossier.type == type_)
                                        & Dossier.statut.not_in(list(TERMINAUX))).first()


async def commencer(user: Utilisateur, demarche: Demarche, eligibilite: dict) -> dict:
    """"Commencer la démarche": the type's eligibility, one open dossier per type, a number at once."""
    if user.role not in demarche.pour or user.praticien is None:
        raise PermissionError(demarche.cle)
    if demarche.eligibilite and (raison := demarche.eligibilite(eligibilite, horloge.aujourdhui())):
        raise Refus(raison)
    if deja := await en_cours(user.id, demarche.cle):
        return deja
    async with Dossier._meta.db.transaction():
        n = await nouveau_numero(horloge.aujourdhui().year)
        rows = await Dossier.insert(Dossier(
            numero=n, type=demarche.cle, compte=user.id, praticien=user.praticien, statut="brouillon",
            donnees={**eligibilite}, section=demarche.sections[0].cle)).returning(*Dossier.all_columns())
        await DossierEvenement.insert(DossierEvenement(
            dossier=rows[0]["id"], acteur=user.id, acteur_libelle=statuts.libelle_acteur(user), action="commencer",
            vers="brouillon"))
    return rows[0]


def manquants(demarche: Demarche, section: Section, valeurs: dict, deposees: set[str] | None = None) -> dict[str, str]:
    """{field or document: French message} of what this section still needs before transmission; the
    documents are counted when `deposees` (the items holding a file, web/demarches/pieces.py) is given."""
    erreurs = {c.nom: "Ce champ est obligatoire." for c in section.champs
               if c.obligatoire and c.applicable(valeurs) and not str(valeurs.get(c.nom) or "").strip()}
    if section.pieces and deposees is not None:
        erreurs.update({p.cle: "Ajoutez ce document." for p in demarche.pieces if p.exigence == "obligatoire"
                        and p.applicable(valeurs) and p.cle not in deposees})
    for c in section.champs:
        if c.genre == "naissance" and c.nom not in erreurs and (message := erreur_date(str(valeurs.get(c.nom) or ""))):
            erreurs[c.nom] = message
    if section.valider:
        erreurs.update({k: v for k, v in section.valider(valeurs).items() if k not in erreurs})
    return erreurs


def sections_incompletes(demarche: Demarche, valeurs: dict, deposees: set[str] | None = None) -> list[str]:
    return [s.cle for s in demarche.sections if manquants(demarche, s, valeurs, deposees)]


def etape(demarche: Demarche, statut: str) -> tuple[int, int, str]:
    """(5, 10, "J'initie ma demande"): the applicant's step for a status."""
    for i, e in enumerate(demarche.etapes, 1):
        if statut in e.statuts:
            return i, len(demarche.etapes), e.libelle
    return 0, len(demarche.etapes), ""


async def enregistrer(dossier: dict, user: Utilisateur, section: str, valeurs: dict) -> dict:
    """Save what was typed in `section` as is (no validation: nothing typed is ever lost)."""
    demarche = type_de(dossier["type"])
    s = demarche.section(section)
    if s is None or user.id != dossier["compte"] or dossier["statut"] not in MODIFIABLES:
        raise PermissionError(section)
    gardees = {c.nom: str(valeurs.get(c.nom, "")).strip()[:2000] for c in s.champs}
    donnees = {**objet(dossier["donnees"]), **gardees}
    await Dossier.update({Dossier.donnees: donnees, Dossier.section: section, Dossier.maj_le: horloge.maintenant()}
                         ).where(Dossier.id == dossier["id"])
    return donnees


async def mes_demarches(compte_id: int, archives: bool = False) -> list[dict]:
    """Mon espace's "Mes démarches" (Identifiant, Démarche, Statut, Transmise le, Prochaine étape), or the
    archived ones (terminal)."""
    terminal = Dossier.statut.is_in(list(TERMINAUX)) if archives else Dossier.statut.not_in(list(TERMINAUX))
    rows = await Dossier.select(Dossier.numero, Dossier.type, Dossier.statut, Dossier.transmise_le).where(
        (Dossier.compte == compte_id) & terminal & Dossier.type.is_in(list(TYPES))).order_by(
        Dossier.cree_le, ascending=False)
    lignes = []
    for r in rows:
        demarche = type_de(r["type"])
        n, total, libelle = etape(demarche, r["statut"])
        lignes.append({**r, "demarche": demarche.libelle, "libelle_statut": demarche.libelle_statut(r["statut"]),
                       "etape": f"Étape {n} sur {total}" if n else "", "prochaine": libelle})
    return lignes
