"""What an applicant does to a dossier before and around its transitions: start it, save as typed, check it.

Every field is saved as entered (server-side, any device); the checks that gate "Transmettre ma demande"
read the type's spec, so a type adds fields without adding code here.
"""

from __future__ import annotations

from datetime import date

from tables import horloge
from tables.demarches import Dossier, DossierEvenement, nouveau_numero
from web.demarches import statuts
from web.demarches.courriels import notifier
from web.demarches.moteur import TERMINAUX, TYPES, Demarche, Section, erreur_date, objet, type_de
from web.security import Utilisateur

MODIFIABLES = ("brouillon", "en_construction", "a_completer")  # frozen for the applicant once in instruction


def modifiable(d: dict) -> bool:
    """Whether the applicant may still change it (a completable type also while in instruction)."""
    return d["statut"] in MODIFIABLES or (d["statut"] == "en_instruction" and type_de(d["type"]).completable)


class Refus(Exception):
    """Not possible now: the message is shown as is."""


async def en_cours(compte_id: int, type_: str) -> dict | None:
    return await Dossier.select().where((Dossier.compte == compte_id) & (Dossier.type == type_)
                                        & Dossier.statut.not_in(list(TERMINAUX))).first()


async def commencer(user: Utilisateur, demarche: Demarche, eligibilite: dict) -> dict:
    """"Commencer la démarche": the type's eligibility, one open dossier per type, a number at once. The
    applicant's own council instructs it unless the form names another (the inscription's "departement")."""
    if user.role not in demarche.pour or user.praticien is None:
        raise PermissionError(demarche.cle)
    if demarche.eligibilite and (raison := demarche.eligibilite(eligibilite, horloge.aujourdhui())):
        raise Refus(raison)
    if not demarche.plusieurs and (deja := await en_cours(user.id, demarche.cle)):
        return deja
    eligibilite = await _deduire(demarche, eligibilite, user.departement)
    async with Dossier._meta.db.transaction():
        n = await nouveau_numero(horloge.aujourdhui().year)
        rows = await Dossier.insert(Dossier(
            numero=n, type=demarche.cle, compte=user.id, praticien=user.praticien, statut="brouillon",
            departement=user.departement, donnees={**eligibilite}, section=demarche.sections[0].cle)
        ).returning(*Dossier.all_columns())
        await DossierEvenement.insert(DossierEvenement(
            dossier=rows[0]["id"], acteur=user.id, acteur_libelle=statuts.libelle_acteur(user), action="commencer",
            vers="brouillon"))
    return rows[0]


async def ouvrir_par_le_systeme(demarche: Demarche, *, compte: int | None, praticien: int, departement: str,
                                statut: str = "en_instruction", echeance: date | None = None, motif: str = "",
                                donnees: dict | None = None) -> dict:
    """A dossier the system opens (a type nobody starts: the certification's control, a complaint's copy for the
    targeted doctor), numbered as any other, in the caller's transaction; its first line of Historique says so
    and the applicant is told (E2)."""
    n = await nouveau_numero(horloge.aujourdhui().year)
    rows = await Dossier.insert(Dossier(
        numero=n, type=demarche.cle, compte=compte, praticien=praticien, departement=departement, statut=statut,
        transmise_le=horloge.maintenant(), echeance=echeance, donnees=donnees or {})).returning(*Dossier.all_columns())
    await DossierEvenement.insert(DossierEvenement(
        dossier=rows[0]["id"], acteur=None, acteur_libelle=statuts.libelle_acteur(None), action="ouvrir",
        vers=statut, motif=motif))
    if statut == "en_instruction":
        await notifier("dossier_en_instruction", rows[0])
    return rows[0]


async def _deduire(demarche: Demarche, valeurs: dict, departement: str | None) -> dict:
    """The values with what the type reads from them in the database (web/demarches/moteur.py `deduire`)."""
    return {**valeurs, **await demarche.deduire(valeurs, departement)} if demarche.deduire else valeurs


def manquants(demarche: Demarche, section: Section, valeurs: dict, deposees: set[str] | None = None) -> dict[str, str]:
    """{field or document: French message} of what this section still needs before transmission; the
    documents are counted when `deposees` (the items holding a file, web/demarches/pieces.py) is given."""
    erreurs = {c.nom: "Ce champ est obligatoire." for c in section.champs
               if c.obligatoire and c.applicable(valeurs) and not str(valeurs.get(c.nom) or "").strip()}
    if section.pieces and deposees is not None:
        erreurs.update({p.cle: p.manque or "Ajoutez ce document."
                        for p in pieces_manquantes(demarche, valeurs, deposees)})
    for c in section.champs:
        if c.genre == "naissance" and c.nom not in erreurs and (message := erreur_date(str(valeurs.get(c.nom) or ""))):
            erreurs[c.nom] = message
    if section.valider:
        erreurs.update({k: v for k, v in section.valider(valeurs).items() if k not in erreurs})
    return erreurs


def pieces_manquantes(demarche: Demarche, valeurs: dict, deposees: set[str]) -> list:
    return [p for p in demarche.pieces if p.exigence == "obligatoire" and p.applicable(valeurs)
            and p.cle not in deposees]


def sections_incompletes(demarche: Demarche, valeurs: dict, deposees: set[str] | None = None) -> list[str]:
    return [s.cle for s in demarche.sections if manquants(demarche, s, valeurs, deposees)]


def etape(demarche: Demarche, d: dict) -> tuple[int, int, str]:
    """(5, 10, "J'initie ma demande"): the applicant's step for a dossier's status."""
    for i, e in enumerate(demarche.etapes, 1):
        if d["statut"] in e.statuts and (e.si is None or e.si(d)):
            return i, len(demarche.etapes), e.libelle
    return 0, len(demarche.etapes), ""


def cibles(dossier: dict) -> list[str]:
    """The fields an open request for complements targets ([] when it names none: then everything is open)."""
    return list(objet(dossier.get("complements")).get("cibles") or []) if dossier["statut"] == "a_completer" else []


def pieces_ciblees(dossier: dict) -> list[str]:
    """The document items an open request for complements targets."""
    return list(objet(dossier.get("complements")).get("pieces") or []) if dossier["statut"] == "a_completer" else []


def cible(dossier: dict) -> bool:
    """Whether an open request names what to correct (then the rest is read-only)."""
    return bool(cibles(dossier) or pieces_ciblees(dossier))


def ouverts(dossier: dict, section: Section) -> set[str]:
    """The fields of `section` the applicant may change now: all of them, or only the targeted ones."""
    visees = cibles(dossier)
    return {c.nom for c in section.champs if not cible(dossier) or c.nom in visees}


def complements_a_faire(dossier: dict) -> list[str]:
    """The labels of the targeted fields not changed since the request ("Transmettre mes compléments" waits)."""
    avant = objet(dossier.get("complements")).get("avant") or {}
    valeurs = objet(dossier["donnees"])
    libelles = {c.nom: c.libelle for s in type_de(dossier["type"]).sections for c in s.champs}
    return [libelles.get(nom, nom) for nom in cibles(dossier) if nom in libelles
            and str(valeurs.get(nom) or "") == str(avant.get(nom) or "")]


# A run of changes within this long is one "Demande modifiée" line of the Historique, not one per field.
REGROUPER = 30 * 60


async def _noter_modification(dossier: dict, user: Utilisateur, libelles: list[str]) -> None:
    """"Demande modifiée : Nom d'usage, Commune d'exercice" once transmitted (a draft's edits are its own)."""
    dernier = await DossierEvenement.select().where(DossierEvenement.dossier == dossier["id"]).order_by(
        DossierEvenement.id, ascending=False).first()
    if dernier and dernier["action"] == "modifier" and dernier["acteur"] == user.id and \
            (horloge.maintenant() - dernier["le"]).total_seconds() < REGROUPER:
        deja = dernier["motif"].removeprefix("Demande modifiée : ").split(", ")
        motif = "Demande modifiée : " + ", ".join(dict.fromkeys([*deja, *libelles]))
        await DossierEvenement.update({DossierEvenement.motif: motif}).where(DossierEvenement.id == dernier["id"])
        return
    await DossierEvenement.insert(DossierEvenement(
        dossier=dossier["id"], acteur=user.id, acteur_libelle=statuts.libelle_acteur(user), action="modifier",
        motif="Demande modifiée : " + ", ".join(libelles)))


async def enregistrer(dossier: dict, user: Utilisateur, section: str, valeurs: dict) -> dict:
    """Save what was typed in `section` as is (no validation: nothing typed is ever lost). During a request
    for complements only the targeted fields change; after transmission each change is in the Historique."""
    demarche = type_de(dossier["type"])
    s = demarche.section(section)
    if s is None or user.id != dossier["compte"] or not modifiable(dossier):
        raise PermissionError(section)
    anciennes = objet(dossier["donnees"])
    gardees = {c.nom: str(valeurs.get(c.nom, "")).strip()[:2000] for c in s.champs if c.nom in ouverts(dossier, s)}
    donnees = await _deduire(demarche, {**anciennes, **gardees},
                             dossier.get("origine") or dossier["departement"])
    changes = [c.libelle for c in s.champs if c.nom in gardees and gardees[c.nom] != str(anciennes.get(c.nom) or "")]
    async with statuts.DOSSIER.transaction():
        await Dossier.update({Dossier.donnees: donnees, Dossier.section: section,
                              Dossier.maj_le: horloge.maintenant()}).where(Dossier.id == dossier["id"])
        if changes and dossier["statut"] != "brouillon":
            await _noter_modification(dossier, user, changes)
    return donnees


async def mes_demarches(compte_id: int, archives: bool = False) -> list[dict]:
    """Mon espace's "Mes démarches" (Identifiant, Démarche, Statut, Transmise le, Prochaine étape), or the
    archived ones (terminal)."""
    terminal = Dossier.statut.is_in(list(TERMINAUX)) if archives else Dossier.statut.not_in(list(TERMINAUX))
    rows = await Dossier.select(Dossier.numero, Dossier.type, Dossier.statut, Dossier.transmise_le,
                                Dossier.origine, Dossier.donnees).where(
        (Dossier.compte == compte_id) & terminal & Dossier.type.is_in(list(TYPES))).order_by(
        Dossier.cree_le, ascending=False)
    lignes = []
    for r in rows:
        demarche = type_de(r["type"])
        n, total, libelle = etape(demarche, r)
        lignes.append({**r, "demarche": demarche.libelle,
                       "libelle_statut": demarche.libelle_statut(r["statut"], objet(r["donnees"])),
                       "etape": f"Étape {n} sur {total}" if n else "", "prochaine": libelle})
    return lignes
