"""Saved searches with their alerts, and messages relayed to annonce authors (issue: beyond the seeds)."""

from piccolo.columns import Boolean, ForeignKey, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from tables import horloge
from tables.annonces import Annonce
from tables.comptes import Compte


class RechercheEnregistree(Table, tablename="recherche_enregistree"):
    """A named Trouver query; `frequence` = immediate | quotidienne; the token unsubscribes in one click."""

    compte = ForeignKey(references=Compte, index=True)
    nom = Varchar(length=100)
    requete = Text()  # the query string of /annonces, as the user saved it
    frequence = Varchar(length=12, default="immediate")
    actif = Boolean(default=True)
    jeton = Varchar(length=64, unique=True)
    cree_le = Timestamptz(default=horloge.Maintenant())


class AlerteRecherche(Table, tablename="alerte_recherche"):
    """One annonce found for one saved search: recorded once, mailed once (alone or in the daily summary)."""

    recherche = ForeignKey(references=RechercheEnregistree, index=True)
    annonce = ForeignKey(references=Annonce, index=True)
    cree_le = Timestamptz(default=horloge.Maintenant())
    envoyee_le = Timestamptz(null=True, default=None)


class MessageContact(Table, tablename="message_contact"):
    """A message relayed to an annonce's author: the sender never sees the author's address."""

    annonce = ForeignKey(references=Annonce, index=True)
    expediteur = ForeignKey(references=Compte, index=True)
    le = Timestamptz(default=TimestamptzNow(), index=True)  # a rate limit: the real clock


class Signalement(Table, tablename="signalement"):
    """A doctor's report on a published annonce, for the author's council to dismiss or act upon; one per doctor
    and annonce (unique index, m0040)."""

    annonce = ForeignKey(references=Annonce, index=True)
    auteur = ForeignKey(references=Compte, index=True)
    motif = Varchar(length=30)
    commentaire = Text(default="")
    cree_le = Timestamptz(default=horloge.Maintenant())
    traite_le = Timestamptz(null=True, default=None, index=True)
    traite_par = ForeignKey(references=Compte, null=True)
    decision = Varchar(length=10, default="")  # ecarte | refuse
