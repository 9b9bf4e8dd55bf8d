"""Inscription au Tableau (seed 000, SPEC_DEMARCHES §2): the first démarche type on the engine."""

from __future__ import annotations

from datetime import date

from web.demarches.delais import Delai
from web.demarches.moteur import Champ, Demarche, Etape, Piece, Section
from web.demarches.types import inscription_acceptation as acceptation
from web.demarches.types import inscription_file as file
from web.templating import date_fr

OUI_NON = (("oui", "Oui"), ("non", "Non"))


def _francais(v: dict) -> bool:
    return (v.get("nationalite") or "").strip().lower() in ("", "française", "francaise", "france")


def eligibilite(v: dict, aujourdhui: date) -> str | None:
    """From the start of the last semester before the DES and/or the DEDM (seed); docteurs juniors too."""
    if v.get("docteur_junior") == "oui":
        return None
    debut = v.get("dernier_semestre")
    if not debut:
        return "Indiquez la date de début de votre dernier semestre."
    try:
        jour = date.fromisoformat(debut)
    except ValueError:
        return "Indiquez une date valide, au format jj/mm/aaaa."
    if jour > aujourdhui:
        return f"Vous pourrez commencer votre demande à partir du {date_fr(jour)}."
    return None


def _declarations(v: dict) -> dict[str, str]:
    return {n: "Cochez cette case pour transmettre votre demande." for n in ("declaration_instance",
            "declaration_exactitude") if v.get(n) != "on"}


DEMARCHE = Demarche(
    cle="inscription",
    libelle="Inscription au Tableau",
    pour=("interne", "docteur_junior"),
    intro=("Je prévois une vingtaine de minutes pour remplir ma demande. Il est préférable de le faire depuis un "
           "ordinateur."),
    eligibilite=eligibilite,
    appel=True,
    entretien=True,
    sujet_accepte="inscription au Tableau",
    delai=Delai(mois=3, depart="complet", nature="legal", silence="rejet_implicite", prolongation_mois=6),
    libelles={"accepte": "Inscrit au Tableau", "refuse": "Inscription refusée"},
    libelles_actions={"accepter": "Prononcer l'inscription"}, attestation=True,
    colonnes_file=file.COLONNES, valeurs_file=file.valeurs,
    avant_acceptation=acceptation.avant_acceptation, apres={"accepter": acceptation.prononcer,
                                                            "rouvrir": acceptation.rouvrir},
    etapes=(
        Etape("J'anticipe"), Etape("Je me connecte"), Etape("J'identifie mon CDOM"),
        Etape("Je télécharge mes documents"), Etape("J'initie ma demande", ("brouillon",)),
        Etape("Ma demande est transmise", ("en_construction",)),
        Etape("Ma demande est instruite", ("en_instruction", "a_completer")),
        Etape("Entretien confraternel"), Etape("Séance plénière"),
        Etape("Décision", ("accepte", "refuse", "sans_suite")),
    ),
    sections=(
        Section("conseil", "Mon conseil départemental", (
            Champ("departement", "Conseil départemental", "conseil",
                  aide=("Choisissez-le en cohérence avec mon projet professionnel. Vous serez inscrit au tableau du "
                        "département de votre résidence professionnelle.")),
        )),
        Section("documents", "Mes documents", pieces=True),
        Section("identite", "Identité", (
            Champ("civilite", "Civilité", "radio", choix=(("madame", "Madame"), ("monsieur", "Monsieur"))),
            Champ("nom_naissance", "Nom de naissance", autocomplete="family-name"),
            Champ("nom_usage", "Nom d'usage", obligatoire=False),
            Champ("prenoms", "Prénoms", autocomplete="given-name"),
            Champ("date_naissance", "Date de naissance", "naissance", autocomplete="bday",
                  aide="Par exemple : 14 7 1985"),
            Champ("lieu_naissance", "Lieu de naissance"),
            Champ("nationalite", "Nationalité(s)", aide="Par exemple : française"),
        )),
        Section("coordonnees", "Coordonnées"),
        Section("etudes", "Études", (
            Champ("universite", "Université du 3e cycle"),
            Champ("subdivision", "Subdivision"),
            Champ("des", "Diplôme d'études spécialisées (DES)", "specialite"),
            Champ("option", "Option ou formation spécialisée transversale (FST)", obligatoire=False),
            Champ("docteur_junior", "Êtes-vous docteur junior ?", "radio", choix=OUI_NON),
            Champ("these_le", "Thèse soutenue le", "date", obligatoire=False),
            Champ("des_obtenu_le", "DES obtenu le", "date", obligatoire=False),
            Champ("licence_numero", "Licence de remplacement : numéro", obligatoire=False),
            Champ("licence_conseil", "Licence de remplacement : conseil", obligatoire=False),
        )),
        Section("projet", "Projet professionnel", (
            Champ("mode_exercice", "Mode d'exercice envisagé", "radio", choix=(
                ("liberal", "Libéral"), ("salarie", "Salarié"), ("mixte", "Mixte"),
                ("remplacements", "Remplacements"))),
            Champ("commune_exercice", "Commune d'exercice"),
            Champ("structure", "Structure ou employeur", obligatoire=False),
            Champ("debut_exercice", "Date souhaitée de début d'exercice", "date"),
            Champ("attentes", "Ce que j'attends du Conseil départemental", "long", obligatoire=False,
                  aide="L'aide que pourra m'apporter le Conseil."),
        )),
        Section("situation", "Situation ordinale", (
            Champ("deja_inscrit", "Avez-vous déjà été inscrit à un tableau de l'Ordre, en France ou à l'étranger ?",
                  "radio", choix=OUI_NON),
            Champ("contrats", "Avez-vous conclu des contrats pour votre futur exercice ?", "radio", choix=OUI_NON),
        )),
        Section("declarations", "Déclarations", (
            Champ("declaration_instance", "Je déclare sur l'honneur qu'aucune instance pouvant donner lieu à "
                  "condamnation ou sanction susceptible d'avoir des conséquences sur mon inscription au tableau "
                  "n'est en cours à mon encontre.", "case"),
            Champ("declaration_exactitude", "Je certifie l'exactitude des informations fournies.", "case"),
        ), valider=_declarations),
    ),
    pieces=(
        Piece("identite", "Pièce d'identité en cours de validité"),
        Piece("nationalite", "Certificat de nationalité", "si_concerne", si=lambda v: not _francais(v)),
        Piece("dedm", "Diplôme d'État de docteur en médecine ou attestation de réussite", "plus_tard",
              authentifiable=True),
        Piece("des", "Diplôme ou attestation de réussite du DES", "plus_tard", authentifiable=True),
        Piece("casier", "Extrait de casier judiciaire de moins de 3 mois", "si_concerne",
              si=lambda v: not _francais(v)),
        Piece("radiation", "Certificat de radiation", "si_concerne", si=lambda v: v.get("deja_inscrit") == "oui"),
        Piece("contrats", "Contrats et avenants déjà conclus pour votre futur exercice", "si_concerne",
              si=lambda v: v.get("contrats") == "oui"),
        Piece("photo", "Photo d'identité", "facultatif"),
    ),
)
