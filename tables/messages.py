"""The notification outbox and the in-app "Message" inbox (SPEC §5)."""

from piccolo.columns import JSON, Boolean, ForeignKey, Integer, OnDelete, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from tables.comptes import Compte


class Notification(Table, tablename="notification"):
    """An e-mail to send, written in the same transaction as the change that causes it."""

    compte = ForeignKey(references=Compte, null=True, index=True)
    nature = Varchar(length=40)
    destinataire = Varchar(length=254)
    sujet = Varchar(length=300)
    texte = Text()
    html = Text()
    message_id = Varchar(length=200, unique=True)
    repondre_a = Varchar(length=254, default="")  # Reply-To of a message relayed between doctors
    cree_le = Timestamptz(default=TimestamptzNow())
    reserve_le = Timestamptz(null=True, default=None)
    envoye_le = Timestamptz(null=True, default=None, index=True)
    echec_le = Timestamptz(null=True, default=None)
    essais = Integer(default=0)
    erreur = Text(default="")
    # Text attachments as [{"nom": "entretien.ics", "type": "text/calendar", "texte": "…"}] (E6's calendar).
    pieces_jointes = JSON(default="[]")


class Message(Table, tablename="message"):
    """One message of a user's MonEspace inbox, in the thread of what it is about (m0048).

    The thread key is (sujet_type, sujet_id): "annonce" + annonce id, "contact" + the first MessageContact
    id of an exchange, "recherche" + saved search id, "dossier" + dossier id for the démarches; "" for a
    message that stands alone. `copie_de` is the e-mail it copies, if one was sent.
    """

    compte = ForeignKey(references=Compte, index=True)
    sujet = Varchar(length=300)
    texte = Text()
    lien = Varchar(length=300, default="")
    cree_le = Timestamptz(default=TimestamptzNow(), index=True)
    lu_le = Timestamptz(null=True, default=None)
    sujet_type = Varchar(length=20, default="")
    sujet_id = Integer(null=True, default=None)
    copie_de = ForeignKey(references=Notification, null=True, default=None, on_delete=OnDelete.set_null)


class Preference(Table, tablename="preference"):
    """Paramètres: whether a kind of notification also goes by e-mail (the inbox always gets it)."""

    compte = ForeignKey(references=Compte, index=True)
    nature = Varchar(length=40)
    email = Boolean(default=True)
