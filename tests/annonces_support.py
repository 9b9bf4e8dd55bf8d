"""Factories for annonces in tests: straight to the tables, with lieux resolved like the app does."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tables import horloge
from tables.annonces import Annonce, AnnonceLieu, AnnoncePeriode
from tables.comptes import Compte
from web.annonces.recherche import indexer
from web.lieux.rules import lieux as charger_lieux


async def creer_annonce(praticien: int, *, statut: str = "publiee", categorie: str = "remplacement",
                        cote: str = "offre", lieux: tuple[str, ...] = ("commune:38563",),
                        periodes: tuple[tuple[date, date | None], ...] = ((date(2026, 12, 1), None),),
                        titre: str = "Cherche remplaçant", departement: str = "38", specialite: str = "SM54",
                        fin: date | None = None, publiee_le: datetime | None = None) -> int:
    compte = await Compte.select(Compte.id).where(Compte.praticien == praticien).first()
    rows = await Annonce.insert(Annonce(
        auteur=praticien, compte=compte["id"] if compte else None, departement=departement, categorie=categorie,
        cote=cote, specialite=specialite, titre=titre, description="Cabinet de ville", statut=statut,
        fin_publication=fin or horloge.aujourdhui() + timedelta(days=90),
        publiee_le=(publiee_le or datetime.now(UTC)) if statut == "publiee" else None,
        transmise_le=datetime.now(UTC) if statut != "brouillon" else None,
    )).returning(Annonce.id)
    aid = rows[0]["id"]
    for lieu in await charger_lieux(list(lieux)):
        await AnnonceLieu.insert(AnnonceLieu(annonce=aid, cle=lieu.cle, libelle=lieu.libelle, region=lieu.region,
                                             departement=lieu.departement, commune=lieu.commune,
                                             arrondissement=lieu.arrondissement))
    for debut, fin_p in periodes:
        await AnnoncePeriode.insert(AnnoncePeriode(annonce=aid, debut=debut, fin=fin_p))
    await indexer([aid])
    return aid
