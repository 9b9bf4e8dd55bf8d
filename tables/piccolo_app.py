"""The single Piccolo app holding every table and migration."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from tables.alertes import AlerteRecherche, MessageContact, RechercheEnregistree, Signalement
from tables.annonces import Annonce, AnnonceEvenement, AnnonceLieu, AnnoncePeriode, AnnoncePhoto, AnnonceTrouvable
from tables.certification import ActionCertification, AlerteCertification, Carnet, EmailRpps, ExportAns, PreuveAction
from tables.comptes import Cle, Compte, DemandeEspace, Jeton, Praticien, TentativeConnexion
from tables.coordonnees import Affectation, ChangementEmail, Coordonnee
from tables.cotisations import AppelCotisation, Cotisation, Reglement, RelanceCotisation
from tables.demarches import Dossier, DossierEvenement, NumeroDossier
from tables.documents import DocumentEmis
from tables.fichiers import DepotFichier
from tables.horloge import HorlogeDemo
from tables.messages import Message, Notification, Preference
from tables.pieces import DossierMessage, DossierNote, DossierPiece
from tables.referentiel import CodePostal, Commune, Conseil, Departement, Region, Specialite
from tables.rendezvous import Creneau, OrdreDuJour
from tables.services import AnnoncePourvue, DossierPartie, Qualification
from tables.territoires import ConseilContact, Seance, TerritoireModification, TerritoireSection

TABLES = [
    Region, Departement, Commune, CodePostal, Conseil, Specialite,
    Praticien, Compte, Jeton, DemandeEspace, TentativeConnexion, Cle,
    Coordonnee, Affectation, ChangementEmail, Notification, Message, Preference,
    Annonce, AnnonceLieu, AnnoncePeriode, AnnoncePhoto, AnnonceEvenement, AnnonceTrouvable,
    RechercheEnregistree, AlerteRecherche, MessageContact, Signalement, DepotFichier,
    ConseilContact, Seance, TerritoireSection, TerritoireModification,
    NumeroDossier, Dossier, DossierEvenement, DocumentEmis, HorlogeDemo, Creneau, OrdreDuJour,
    DossierPiece, DossierMessage, DossierNote,
    Carnet, ActionCertification, PreuveAction, AlerteCertification, EmailRpps, ExportAns,
    AppelCotisation, Cotisation, Reglement, RelanceCotisation,
    Qualification, DossierPartie, AnnoncePourvue,
]

APP_CONFIG = AppConfig(
    app_name="tables",
    migrations_folder_path=str(Path(__file__).parent / "migrations"),
    table_classes=TABLES,
    migration_dependencies=[],
    commands=[],
)
