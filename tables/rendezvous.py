"""Rendez-vous of an inscription (SPEC_DEMARCHES §2.6): the council's créneaux d'entretien and the agenda of
its séances plénières.

A créneau is free while `dossier` is null; booking is one conditional UPDATE on that null, so two applicants
clicking the same slot give one booking. Once held, `statut` records the outcome ("realise", "absent").
`OrdreDuJour` puts a dossier on one `Seance` (tables/territoires.py); an adjourned dossier gets a new row.
"""

from piccolo.columns import ForeignKey, Integer, OnDelete, Timestamptz, Varchar
from piccolo.table import Table

from tables import horloge
from tables.demarches import Dossier
from tables.referentiel import Departement
from tables.territoires import Seance

VISIO = "Visioconférence"


class Creneau(Table, tablename="creneau"):
    """One slot published by a council: when, how long (minutes), where (or VISIO), with which conseiller."""

    departement = ForeignKey(references=Departement, index=True)
    debut = Timestamptz(index=True)
    duree = Integer(default=30)
    lieu = Varchar(length=200, default=VISIO)
    conseiller = Varchar(length=200, default="")
    dossier = ForeignKey(references=Dossier, null=True, default=None, index=True, on_delete=OnDelete.set_null)
    reserve_le = Timestamptz(null=True, default=None)
    statut = Varchar(length=20, default="")  # "" (to come), "realise", "absent"
    cree_le = Timestamptz(default=horloge.Maintenant())


class OrdreDuJour(Table, tablename="ordre_du_jour"):
    """A dossier on the agenda of a séance plénière, at rank `rang`."""

    seance = ForeignKey(references=Seance, index=True, on_delete=OnDelete.cascade)
    dossier = ForeignKey(references=Dossier, index=True, on_delete=OnDelete.cascade)
    rang = Integer(default=1)
    cree_le = Timestamptz(default=horloge.Maintenant())
