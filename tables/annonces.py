"""Annonces, their lieux, périodes and photos, and the event trail of every status change (SPEC §3)."""

from piccolo.columns import Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table

from tables import horloge
from tables.comptes import Compte, Praticien
from tables.referentiel import Specialite


class Annonce(Table, tablename="annonce"):
    """One annonce; its public number is its id. `departement` is the author's, fixing the perimeter."""

    auteur = ForeignKey(references=Praticien, index=True)
    compte = ForeignKey(references=Compte, index=True)
    departement = Varchar(length=3, index=True)
    categorie = Varchar(length=20)
    cote = Varchar(length=10)  # offre ("je cherche quelqu'un") | demande ("je me propose")
    specialite = ForeignKey(references=Specialite, null=True)
    titre = Varchar(length=150)
    description = Text()
    conditions = Text(default="")
    temporalite = Varchar(length=20, default="")
    fin_publication = Date()
    statut = Varchar(length=12, index=True)
    cree_le = Timestamptz(default=horloge.Maintenant())
    maj_le = Timestamptz(default=horloge.Maintenant(), index=True)
    transmise_le = Timestamptz(null=True, default=None)
    publiee_le = Timestamptz(null=True, default=None, index=True)
    supprimee_le = Timestamptz(null=True, default=None)
    refus = Integer(default=0)
    motif_refus = Text(default="")
    empreinte_acceptee = Varchar(length=64, default="")
    version = Integer(default=0)


class AnnonceLieu(Table, tablename="annonce_lieu"):
    """A lieu with its whole hierarchy, so that containment is equality on one indexed column."""

    annonce = ForeignKey(references=Annonce, index=True)
    cle = Varchar(length=20)
    libelle = Varchar(length=150)
    region = Varchar(length=3, null=True, default=None)
    departement = Varchar(length=3, null=True, default=None)
    commune = Varchar(length=5, null=True, default=None, index=True)
    arrondissement = Varchar(length=5, null=True, default=None, index=True)


class AnnoncePeriode(Table, tablename="annonce_periode"):
    annonce = ForeignKey(references=Annonce, index=True)
    debut = Date()
    fin = Date(null=True, default=None)


class AnnonceTrouvable(Table, tablename="annonce_trouvable"):
    """What Trouver reads: for each annonce online, one row per lieu × période with the fields the search
    filters on, rewritten by `recherche.indexer` in the transaction of every change of the annonce, so that a
    search is a few index scans and never joins the annonces (m0013, bench/README.md)."""

    annonce = ForeignKey(references=Annonce, index=True)
    publiee_le = Timestamptz(null=True, default=None)
    fin_publication = Date()
    categorie = Varchar(length=20)
    cote = Varchar(length=10)
    specialite = Varchar(length=5, null=True, default=None)
    region = Varchar(length=3, null=True, default=None)
    departement = Varchar(length=3, null=True, default=None)
    commune = Varchar(length=5, null=True, default=None)
    arrondissement = Varchar(length=5, null=True, default=None)
    debut = Date()
    fin = Date(null=True, default=None)


class AnnoncePhoto(Table, tablename="annonce_photo"):
    annonce = ForeignKey(references=Annonce, index=True)
    fichier = Varchar(length=60, unique=True)
    nom_original = Varchar(length=150)
    type_mime = Varchar(length=40)
    taille = Integer()


class AnnonceEvenement(Table, tablename="annonce_evenement"):
    """Who changed the status, when, from what to what, and why: kept even when the annonce is deleted."""

    annonce = ForeignKey(references=Annonce, index=True)
    acteur = ForeignKey(references=Compte, null=True)
    acteur_libelle = Varchar(length=200)
    le = Timestamptz(default=horloge.Maintenant())
    action = Varchar(length=20)
    de = Varchar(length=12, default="")
    vers = Varchar(length=12, default="")
    motif = Text(default="")
