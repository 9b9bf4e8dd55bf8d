"""Identities on the Tableau, the accounts that log in, one-time links, sessions, failed logins."""

from piccolo.columns import Boolean, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from tables.referentiel import Conseil, Departement, Specialite

ROLES_PRATICIEN = ("medecin", "interne", "docteur_junior")
ROLES_ORDRE = ("gestionnaire", "national")


class Praticien(Table, tablename="praticien"):
    """A person on the Tableau (imported): what an account must match to be created."""

    rpps = Varchar(length=11, unique=True)
    nom = Varchar(length=100)
    prenom = Varchar(length=100)
    date_naissance = Varchar(length=10)  # ISO date: only compared, never computed on
    qualite = Varchar(length=20)  # medecin | interne | docteur_junior
    departement = ForeignKey(references=Departement, index=True)
    specialite = ForeignKey(references=Specialite, null=True)


class Compte(Table, tablename="compte"):
    """Who logs in: a praticien (username) or Ordre staff (Ordre e-mail), with one role."""

    identifiant = Varchar(length=254, unique=True)
    mot_de_passe = Varchar(length=200)
    role = Varchar(length=20)
    praticien = ForeignKey(references=Praticien, null=True, unique=True)
    conseil = ForeignKey(references=Conseil, null=True)
    actif = Boolean(default=False)
    cree_le = Timestamptz(default=TimestamptzNow())
    # First visit to Annonces: show the Ordre coordonnées on annonces? "" = not asked yet.
    choix_contact_annonces = Varchar(length=10, default="")


class Jeton(Table, tablename="jeton"):
    """A one-time link (confirmation, réinitialisation): only its SHA-256 is stored."""

    compte = ForeignKey(references=Compte, index=True)
    usage = Varchar(length=20)
    empreinte = Varchar(length=64, unique=True)
    expire_le = Timestamptz()
    utilise_le = Timestamptz(null=True, default=None)
    donnee = Varchar(length=254, default="")  # the e-mail a confirmation link proves


class TentativeConnexion(Table, tablename="tentative_connexion"):
    """One failed login, keyed per account and per address, counted across processes."""

    cle = Varchar(length=300, index=True)
    le = Timestamptz(default=TimestamptzNow(), index=True)


class Cle(Table, tablename="cle"):
    """Key-value rows with an expiry: the server-side session store."""

    cle = Varchar(length=100, primary_key=True)
    valeur = Text()
    expire_le = Timestamptz(null=True, default=None, index=True)
    version = Integer(default=0)
