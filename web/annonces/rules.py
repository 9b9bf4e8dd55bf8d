"""Annonce content: saving it (with its lieux, périodes and photos), reading it back, the author's list.

Status changes go through `statuts.appliquer`; this module only writes content, inside the same
transaction as the transition that follows it.
"""

from __future__ import annotations

import hashlib
import json
import statistics
from datetime import date, timedelta
from typing import Any

from piccolo.columns.combination import Where

from tables import horloge
from tables.annonces import Annonce, AnnonceEvenement, AnnonceLieu, AnnoncePeriode, AnnoncePhoto
from tables.comptes import Compte, Praticien
from tables.coordonnees import Affectation
from web.annonces.recherche import joindre_lieux
from web.coordonnees.rules import coordonnees_usage
from web.lieux.rules import Lieu
from web.perimetre import peut_agir
from web.security import Utilisateur

CHAMPS = ("specialite", "titre", "description", "conditions", "temporalite")


def empreinte(contenu: dict, lieux: list[str], periodes: list[tuple], photos: list[str]) -> str:
    """A hash of what the council checks: republishing unchanged accepted content needs no new check."""
    data = {"champs": {c: contenu.get(c) or "" for c in CHAMPS}, "lieux": sorted(lieux),
            "periodes": sorted((str(d), str(f or "")) for d, f in periodes), "photos": sorted(photos)}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


async def empreinte_actuelle(annonce_id: int) -> str:
    annonce = await charger(annonce_id)
    if annonce is None:  # deleted meanwhile: as statuts.transition says it
        raise LookupError(annonce_id)
    return empreinte(annonce, [lieu["cle"] for lieu in annonce["lieux"]],
                     [(p["debut"], p["fin"]) for p in annonce["periodes"]],
                     [p["fichier"] for p in annonce["photos"]])


async def creer(user: Utilisateur, categorie: str, cote: str, fin_publication: date) -> int:
    rows = await Annonce.insert(Annonce(
        auteur=user.praticien, compte=user.id, departement=user.departement, categorie=categorie, cote=cote,
        titre="", description="", fin_publication=fin_publication, statut="brouillon",
    )).returning(Annonce.id)
    await AnnonceEvenement.insert(AnnonceEvenement(annonce=rows[0]["id"], acteur=user.id, action="creer",
                                                   acteur_libelle=f"{user.prenom} {user.nom}", vers="brouillon"))
    return rows[0]["id"]


async def ecrire_contenu(annonce_id: int, contenu: dict, lieux: list[Lieu], periodes: list[tuple],
                         photos_gardees: list[int], nouvelles_photos: list[dict]) -> list[str]:
    """Replace lieux and périodes, keep the chosen photos, attach new ones; returns files to delete."""
    await Annonce.update({getattr(Annonce, c): contenu.get(c) or ("" if c != "specialite" else None)
                          for c in CHAMPS}).where(Annonce.id == annonce_id)
    await AnnonceLieu.delete().where(AnnonceLieu.annonce == annonce_id)
    if lieux:
        await AnnonceLieu.insert(*[AnnonceLieu(
            annonce=annonce_id, cle=lieu.cle, libelle=lieu.libelle, region=lieu.region,
            departement=lieu.departement, commune=lieu.commune, arrondissement=lieu.arrondissement)
            for lieu in lieux])
    await AnnoncePeriode.delete().where(AnnoncePeriode.annonce == annonce_id)
    if periodes:
        await AnnoncePeriode.insert(*[AnnoncePeriode(annonce=annonce_id, debut=d, fin=f) for d, f in periodes])
    retirees = await AnnoncePhoto.delete().where(
        (AnnoncePhoto.annonce == annonce_id) & AnnoncePhoto.id.not_in(photos_gardees or [0])
    ).returning(AnnoncePhoto.fichier)
    if nouvelles_photos:
        await AnnoncePhoto.insert(*[AnnoncePhoto(annonce=annonce_id, **p) for p in nouvelles_photos])
    return [r["fichier"] for r in retirees]


def en_ligne(annonce: dict) -> bool:
    """"En ligne" (SPEC §3.2): published and not past its end date. `en_ligne_where` is the same for a query."""
    return annonce["statut"] == "publiee" and annonce["fin_publication"] >= horloge.aujourdhui()


def visible(annonce: dict, user: Utilisateur) -> bool:
    """Who sees an annonce (page and photos): every doctor while it is online; its author whatever its status;
    the council of its perimeter once it is transmitted (a draft is its author's alone, as in the back office)."""
    return ((en_ligne(annonce) and user.est_praticien) or user.praticien == annonce["auteur"]
            or (annonce["statut"] != "brouillon" and peut_agir(user, annonce["departement"])))


def en_ligne_where(cible: Any) -> Where:
    """`en_ligne` as a where-clause on `cible`: the Annonce table, or a foreign key to it (AnnoncePhoto.annonce)."""
    return (cible.statut == "publiee") & (cible.fin_publication >= horloge.aujourdhui())


async def charger(annonce_id: int, publiee_seulement: bool = False) -> dict | None:
    """The annonce with its lieux, périodes, photos and spécialité label; deleted ones are gone."""
    query = Annonce.select(*Annonce.all_columns(), Annonce.specialite.libelle.as_alias("specialite_libelle"),
                           Annonce.auteur.rpps.as_alias("rpps"), Annonce.auteur.nom.as_alias("auteur_nom"),
                           Annonce.auteur.prenom.as_alias("auteur_prenom"),
                           Annonce.auteur.qualite.as_alias("qualite")).where(
        (Annonce.id == annonce_id) & Annonce.supprimee_le.is_null())
    if publiee_seulement:
        query = query.where(en_ligne_where(Annonce))
    annonce = await query.first()
    if annonce is None:
        return None
    annonce["lieux"] = await AnnonceLieu.select().where(AnnonceLieu.annonce == annonce_id).order_by(AnnonceLieu.id)
    annonce["periodes"] = await AnnoncePeriode.select().where(AnnoncePeriode.annonce == annonce_id).order_by(
        AnnoncePeriode.debut)
    annonce["photos"] = await AnnoncePhoto.select().where(AnnoncePhoto.annonce == annonce_id).order_by(
        AnnoncePhoto.id)
    return annonce


async def contact(praticien_id: int) -> dict[str, str]:
    """The author's Annonces e-mail and phones, read live (never copied into the annonce)."""
    return await coordonnees_usage(praticien_id, "annonces")


async def a_un_contact(praticien_id: int) -> bool:
    c = await contact(praticien_id)
    return bool(c["email"] or c["mobile"] or c["fixe"])


async def mes_annonces(praticien_id: int, statut: str | None = None, categorie: str | None = None) -> list[dict]:
    query = Annonce.select(
        Annonce.id, Annonce.categorie, Annonce.cote, Annonce.titre, Annonce.statut, Annonce.transmise_le,
        Annonce.publiee_le, Annonce.maj_le, Annonce.fin_publication, Annonce.motif_refus, Annonce.version,
        Annonce.temporalite, Annonce.specialite.libelle.as_alias("specialite"),
    ).where((Annonce.auteur == praticien_id) & Annonce.supprimee_le.is_null())
    if statut:
        query = query.where(Annonce.statut == statut)
    if categorie:
        query = query.where(Annonce.categorie == categorie)
    rows = await query.order_by(Annonce.maj_le, ascending=False)
    await joindre_lieux(rows)
    return rows


# What the doctor reads after the first-visit choice, on the page it was made from (?contact=…).
CONTACT_CONFIRME = {
    "accepte": "C'est noté : vos coordonnées de l'Ordre seront affichées sur vos annonces. Vous pouvez les "
               "changer à tout moment dans Coordonnées.",
    "refuse": "C'est noté : vos coordonnées de l'Ordre ne seront pas affichées sur vos annonces. Pour publier, "
              "indiquez un e-mail ou un téléphone pour l'usage Annonces dans Coordonnées.",
}
PAGES_CHOIX_CONTACT = ("/annonces/deposer", "/espace/coordonnees")


async def specialite_de(praticien: int | None) -> str:
    """The doctor's own specialty code, which a new annonce starts with ("" if the Tableau has none)."""
    row = await Praticien.select(Praticien.specialite).where(Praticien.id == praticien).first() if praticien else None
    return (row or {}).get("specialite") or ""


async def choisir_contact(user: Utilisateur, accepte: bool) -> None:
    """First visit: show the Ordre coordonnées on annonces (Accepter) or not (Refuser)."""
    async with Compte._meta.db.transaction():
        await Compte.update({Compte.choix_contact_annonces: "accepte" if accepte else "refuse"}).where(
            Compte.id == user.id)
        if not accepte or await a_un_contact(user.praticien):
            return
        ordre = await Affectation.select().where(
            (Affectation.praticien == user.praticien) & (Affectation.usage == "ordre")).first()
        if ordre is None:
            return
        valeurs = {"email": ordre["email"], "mobile": ordre["mobile"], "fixe": ordre["fixe"]}
        await Affectation.delete().where(
            (Affectation.praticien == user.praticien) & (Affectation.usage == "annonces"))
        await Affectation.insert(Affectation(praticien=user.praticien, usage="annonces", **valeurs))


async def delai_moderation(departement: str, jours: int = 90) -> float | None:
    """The council's median delay, in days, from transmission to decision over the last `jours` days."""
    depuis = horloge.maintenant() - timedelta(days=jours)
    events = await AnnonceEvenement.select(AnnonceEvenement.annonce, AnnonceEvenement.le, AnnonceEvenement.action,
                                           AnnonceEvenement.vers).where(
        (AnnonceEvenement.annonce.departement == departement) & (AnnonceEvenement.le > depuis - timedelta(days=30))
        & ((AnnonceEvenement.vers == "en_attente") | AnnonceEvenement.action.is_in(["accepter", "refuser"]))
    ).order_by(AnnonceEvenement.annonce).order_by(AnnonceEvenement.le)
    delais, transmise = [], {}
    for e in events:
        if e["vers"] == "en_attente" and e["action"] not in ("accepter", "refuser"):
            transmise[e["annonce"]] = e["le"]
        elif e["annonce"] in transmise and e["le"] > depuis:
            delais.append((e["le"] - transmise.pop(e["annonce"])).total_seconds() / 86400)
    return statistics.median(delais) if delais else None
