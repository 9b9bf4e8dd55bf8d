"""Démarches (SPEC_DEMARCHES §1): a dossier per procedure, its history, and the yearly number sequence."""

from piccolo.columns import JSON, Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table

from tables import horloge
from tables.comptes import Compte, Praticien
from tables.referentiel import Departement


class NumeroDossier(Table, tablename="numero_dossier"):
    """The last number given in a year: D-2026-000042 is allocated once, never reused."""

    annee = Integer(primary_key=True)
    dernier = Integer(default=0)


_NUMERO = ("INSERT INTO numero_dossier (annee, dernier) VALUES ({}, 1) ON CONFLICT (annee) DO UPDATE "
           "SET dernier = numero_dossier.dernier + 1 RETURNING dernier")


async def nouveau_numero(annee: int) -> str:
    """D-2026-000042: one atomic statement per number, so parallel drafts never share one."""
    rows = await NumeroDossier.raw(_NUMERO, annee)
    return f"D-{annee}-{rows[0]['dernier']:06d}"


class Dossier(Table, tablename="dossier"):
    """One démarche of one applicant, instructed by the council of `departement` (None until chosen)."""

    numero = Varchar(length=16, unique=True)
    type = Varchar(length=40, index=True)
    compte = ForeignKey(references=Compte, index=True)  # the demandeur
    praticien = ForeignKey(references=Praticien, null=True)
    departement = ForeignKey(references=Departement, null=True, index=True)
    statut = Varchar(length=20, default="brouillon", index=True)
    version = Integer(default=0)
    donnees = JSON(default="{}")  # the form as typed, section by section: saved on every change
    section = Varchar(length=40, default="")  # where the applicant was last
    suivi_par = ForeignKey(references=Compte, null=True, index=True)
    cree_le = Timestamptz(default=horloge.Maintenant())
    maj_le = Timestamptz(default=horloge.Maintenant(), index=True)
    transmise_le = Timestamptz(null=True, default=None)
    decision_le = Timestamptz(null=True, default=None)
    motif = Text(default="")
    # The open request for complements: its reason, targeted items and message, and its due date.
    complements = JSON(default="{}")
    reponse_avant = Date(null=True, default=None)
    # The clock (web/demarches/delais.py): the day it started, its deadline, or where it stands while paused.
    complet_le = Date(null=True, default=None)
    delai_depart = Date(null=True, default=None)
    echeance = Date(null=True, default=None, index=True)
    suspendu_le = Date(null=True, default=None)
    jours_restants = Integer(null=True, default=None)
    prolonge = Boolean(default=False)
    rejet_implicite_le = Date(null=True, default=None)
    # Inscription (SPEC_DEMARCHES §2.6): the named rapporteur, the séance's opinion and its day, the day the
    # refusal was notified by registered letter (else the publication in MonEspace counts), the inscription day.
    rapporteur = Varchar(length=200, default="")
    avis = Varchar(length=20, default="")
    avis_le = Date(null=True, default=None)
    notifie_le = Date(null=True, default=None)
    inscrit_le = Date(null=True, default=None)
    # The council that handed the dossier on to `departement` (a transfer, SPEC_DEMARCHES §4.2): it keeps
    # reading the dossier, without acting on it.
    origine = ForeignKey(references=Departement, null=True, default=None)


class DossierEvenement(Table, tablename="dossier_evenement"):
    """One line of a dossier's Historique: transitions, clock events, documents, PDFs issued."""

    dossier = ForeignKey(references=Dossier, index=True)
    acteur = ForeignKey(references=Compte, null=True)
    acteur_libelle = Varchar(length=200)  # as staff read it ("CD38 Claire DUPONT"); applicants read the council
    action = Varchar(length=40)
    de = Varchar(length=20, default="")
    vers = Varchar(length=20, default="")
    motif = Text(default="")
    le = Timestamptz(default=horloge.Maintenant(), index=True)
