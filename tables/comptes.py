"""Identities on the Tableau, the accounts that log in, one-time links, sessions, failed logins."""

from piccolo.columns import Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
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
    # The e-mail the Ordre holds for this person on the Tableau ("" when none): the only address an
    # account can be created from without the council checking the identity (issue 15 item 3).
    email = Varchar(length=254, default="")
    # The first inscription au Tableau (None: before 01/01/2023, as every doctor the Tableau held then): it
    # sets the certification period (SPEC_DEMARCHES §3.1).
    inscrit_le = Date(null=True, default=None)


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
    # Named national staff's habilitations, comma-separated: "entraide" (SPEC_DEMARCHES §1, §4.7).
    habilitations = Varchar(length=100, default="")


class Jeton(Table, tablename="jeton"):
    """A one-time link (confirmation, réinitialisation): only its SHA-256 is stored."""

    compte = ForeignKey(references=Compte, index=True)
    usage = Varchar(length=20)
    empreinte = Varchar(length=64, unique=True)
    expire_le = Timestamptz()
    utilise_le = Timestamptz(null=True, default=None)
    donnee = Varchar(length=254, default="")  # the e-mail a confirmation link proves


class DemandeEspace(Table, tablename="demande_espace"):
    """A request to create one's space: a link sent to the Tableau e-mail, or, where the Tableau holds
    none, an identity the council checks first (web/identites/)."""

    praticien = ForeignKey(references=Praticien, index=True)
    email = Varchar(length=254)  # where the activation link goes: the Tableau's, or the one the council checks
    statut = Varchar(length=20, index=True)  # web/identites/rules.py TRANSITIONS
    demande_le = Timestamptz(default=TimestamptzNow())
    decide_le = Timestamptz(null=True, default=None)
    decide_par = ForeignKey(references=Compte, null=True)
    motif = Text(default="")
    empreinte = Varchar(length=64, null=True, default=None, unique=True)  # SHA-256 of the activation link
    expire_le = Timestamptz(null=True, default=None)


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
