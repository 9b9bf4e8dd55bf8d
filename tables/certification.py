"""Certification périodique (SPEC_DEMARCHES §3): a doctor's carnet per period, its actions and proofs, the
alerts sent, the RPPS e-mail's state and the exports to the ANS.

The carnet keeps its declared counts per bloc (b1…b4), written in the same transaction as the action that
changes them: the council's "En retard" list over tens of thousands of doctors reads them without counting.
"""

from piccolo.columns import Boolean, Date, ForeignKey, Integer, OnDelete, Text, Timestamptz, Varchar
from piccolo.table import Table

from tables import horloge
from tables.comptes import Compte, Praticien
from tables.demarches import Dossier
from tables.referentiel import Departement


class Carnet(Table, tablename="carnet"):
    """One doctor's period: 01/01/2023–31/12/2031 for those on the Tableau before 2023, else 6 years."""

    praticien = ForeignKey(references=Praticien, index=True)
    departement = ForeignKey(references=Departement, index=True)  # the perimeter, as the praticien's
    debut = Date()
    fin = Date()
    controle_avant = Date()  # fin + 6 months: "contrôle par l'Ordre au plus tard le"
    # "" | demandee | confirmee | refusee: bloc 3 exempt once a gestionnaire confirms (R. 4022-6).
    exoneration = Varchar(length=10, default="")
    exoneration_le = Timestamptz(null=True, default=None)
    b1 = Integer(default=0)  # declared actions per bloc ("Déclarée": what counts)
    b2 = Integer(default=0)
    b3 = Integer(default=0)
    b4 = Integer(default=0)
    derniere_alerte = Date(null=True, default=None)
    controle = ForeignKey(references=Dossier, null=True, default=None, on_delete=OnDelete.set_null)
    clos_le = Date(null=True, default=None)  # the control's decision: the retention runs out from here


class ActionCertification(Table, tablename="action_certification"):
    """One action of a carnet: from the référentiel (`code`) or "Autre action (hors liste)" (`code` = "")."""

    carnet = ForeignKey(references=Carnet, index=True, on_delete=OnDelete.cascade)
    bloc = Integer()
    code = Varchar(length=20, default="")
    intitule = Varchar(length=300)
    organisme = Varchar(length=200, default="")
    description = Text(default="")
    debut = Date(null=True, default=None)
    fin = Date(null=True, default=None)
    en_cours = Boolean(default=False)
    duree_heures = Integer(null=True, default=None)
    honneur = Boolean(default=False)  # "déclaration sur l'honneur" where the référentiel allows it
    # brouillon | declaree | a_confirmer | ecartee (web/certification/actions.py TRANSITIONS)
    statut = Varchar(length=12, default="brouillon", index=True)
    source = Varchar(length=12, default="medecin")  # medecin | organisme (a national CSV import)
    motif = Text(default="")  # why "Écartée au contrôle"
    controle = Varchar(length=10, default="")  # "" | verifiee | ecartee, during the control
    cree_le = Timestamptz(default=horloge.Maintenant())
    maj_le = Timestamptz(default=horloge.Maintenant())
    version = Integer(default=0)


class PreuveAction(Table, tablename="preuve_action"):
    """A proof file of an action, in the shared file store (web/fichiers)."""

    action = ForeignKey(references=ActionCertification, index=True, on_delete=OnDelete.cascade)
    fichier = Varchar(length=60, unique=True)
    nom_original = Varchar(length=150)
    type_mime = Varchar(length=40)
    taille = Integer()
    depose_le = Timestamptz(default=horloge.Maintenant())


class AlerteCertification(Table, tablename="alerte_certification"):
    """An alert sent to a doctor "En retard": by the scheduler (`annee` = years since the period began, sent
    once each) or by a gestionnaire (`par`)."""

    carnet = ForeignKey(references=Carnet, index=True, on_delete=OnDelete.cascade)
    envoyee_le = Timestamptz(default=horloge.Maintenant())
    annee = Integer(null=True, default=None)
    par = ForeignKey(references=Compte, null=True, default=None)


class EmailRpps(Table, tablename="email_rpps"):
    """What is known of a praticien's RPPS e-mail beyond the address (the "rpps" usage of Mes coordonnées):
    the address its owner confirmed, and the ANS's report on it."""

    praticien = ForeignKey(references=Praticien, unique=True)
    confirme = Varchar(length=254, default="")  # the address the confirmation link proved
    confirme_le = Timestamptz(null=True, default=None)
    signale = Varchar(length=254, default="")  # the address the ANS reported, and why
    signale_motif = Text(default="")
    signale_le = Timestamptz(null=True, default=None)
    relance_le = Timestamptz(null=True, default=None)


class ExportAns(Table, tablename="export_ans"):
    """Each "Exporter pour l'ANS": who, when, how many addresses."""

    par = ForeignKey(references=Compte)
    le = Timestamptz(default=horloge.Maintenant())
    nombre = Integer()
