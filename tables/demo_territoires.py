"""Demo territories (embedded default only): invented contacts for the 101 councils, their séances plénières,
and "Venir exercer" as a few Départements would write it. Everything is marked as demonstration.

Telephone numbers are in the range ARCEP keeps for fiction (01 99 00 00 00 – 01 99 99 99 99).
"""

from __future__ import annotations

from datetime import date

from tables.referentiel import Conseil
from tables.territoires import ConseilContact, Seance, TerritoireSection

MIS_A_JOUR = date(2026, 11, 2)
SEANCES = [date(2026, 12, 10), date(2027, 1, 14), date(2027, 2, 11), date(2027, 3, 11)]
HORAIRES = "Du lundi au vendredi, de 9h00 à 12h30 et de 13h30 à 17h00"
# Addresses of the councils the demo stories visit (invented, as every other one).
ADRESSES = {
    "38": "16 rue de la Démonstration\n38000 Grenoble",
    "69": "8 quai de la Démonstration\n69002 Lyon",
    "23": "3 place de la Démonstration\n23000 Guéret",
    "973": "12 avenue de la Démonstration\n97300 Cayenne",
    "48": "5 rue de la Démonstration\n48000 Mende",
}
DEMONSTRATION = "Contenu de démonstration : ce texte n'a pas été fourni par le Département."

SECTIONS = {
    "38": {
        "logement": "Le Département de l'Isère met à disposition des internes et des jeunes médecins des logements "
                    "meublés à loyer modéré près des hôpitaux de Voiron, Vienne, Bourgoin-Jallieu et La Mure, pour "
                    "un stage ou les premiers mois d'installation.\nDemande : https://www.isere.fr",
        "familles": "Un référent « accueil » aide votre conjoint dans sa recherche d'emploi et vous oriente vers "
                    "les places en crèche et les établissements scolaires de votre futur lieu d'exercice.",
        "telemedecine": "Des cabines et chariots de téléconsultation sont installés dans des maisons de santé du "
                        "Trièves, du Vercors et de la Matheysine ; le Département en finance l'équipement.",
        "dispositifs": "Le Département, le Conseil départemental de l'Ordre et les communautés professionnelles "
                       "territoriales de santé se réunissent chaque trimestre pour coordonner les projets de santé "
                       "de proximité.",
        "aides": "Aide à l'installation en zone sous-dotée, bourse pour les internes qui s'engagent à exercer en "
                 "Isère, prise en charge des frais de stage en zone rurale.",
        "contacts": "Mission démographie médicale du Département : demographie.medicale@demo.isere.test, "
                    "01 99 00 38 01.",
    },
    "69": {
        "logement": "Le Département du Rhône recense des logements pour les internes en stage dans le Beaujolais "
                    "et les monts du Lyonnais, à partir de 250 € par mois.",
        "familles": "Accompagnement personnalisé des familles : emploi du conjoint, modes de garde, scolarité.",
        "aides": "Prime à l'installation dans les communes signalées par l'agence régionale de santé, aide à "
                 "l'équipement des cabinets de groupe.\nEn savoir plus : https://www.rhone.fr",
        "contacts": "Service santé du Département : sante@demo.rhone.test, 01 99 00 69 01.",
    },
    "23": {
        "logement": "Le Département de la Creuse loue aux internes et aux remplaçants des studios meublés à "
                    "Guéret, Aubusson et La Souterraine, pour un mois ou pour un semestre.",
        "familles": "Un accueil sur mesure pour toute la famille : visite du territoire, mise en relation avec les "
                    "employeurs locaux, places réservées en crèche.",
        "telemedecine": "Télé-expertise avec les spécialistes du centre hospitalier de Guéret depuis les cabinets "
                        "de médecine générale du département.",
        "dispositifs": "Centres de santé départementaux : le Département salarie des médecins généralistes dans "
                       "plusieurs communes.",
        "aides": "Bourse d'études pour les étudiants et internes qui s'engagent à exercer en Creuse ; aide au "
                 "premier équipement.",
        "contacts": "Cellule d'accueil des professionnels de santé : accueil.sante@demo.creuse.test, "
                    "01 99 00 23 01.",
    },
    "973": {
        "logement": "La Collectivité territoriale de Guyane aide à trouver un logement à Cayenne, Kourou et "
                    "Saint-Laurent-du-Maroni, et loge les médecins des centres délocalisés de prévention et de soins.",
        "familles": "Accueil à l'arrivée, informations sur la scolarité et la vie quotidienne en Guyane.",
        "telemedecine": "Téléconsultation entre les centres de santé de l'intérieur, accessibles en pirogue ou en "
                        "avion, et les hôpitaux du littoral.",
        "contacts": "Direction de la santé : sante@demo.guyane.test, 01 99 00 97 31.",
    },
    "48": {
        "logement": "Le Département de la Lozère propose des logements temporaires aux stagiaires et remplaçants "
                    "à Mende, Marvejols et Langogne.",
        "aides": "Aide à l'installation, prise en charge des frais de déplacement des internes en stage.",
        "contacts": "Mission santé : sante@demo.lozere.test, 01 99 00 48 01.",
    },
}


async def charger_territoires() -> bool:
    """Load the demo territories; returns False when they were already there."""
    if await ConseilContact.exists().where(ConseilContact.demonstration == True):  # noqa: E712
        return False
    conseils = await Conseil.select(Conseil.code, Conseil.departement).where(Conseil.departement.is_not_null()
                                                                            ).order_by(Conseil.code)
    async with ConseilContact._meta.db.transaction():
        for i, c in enumerate(conseils):
            dep = c["departement"]
            await ConseilContact.insert(ConseilContact(
                conseil=c["code"], adresse=ADRESSES.get(dep, "Adresse de démonstration"), horaires=HORAIRES,
                telephone=f"01 99 00 {i // 100:02d} {i % 100:02d}", demonstration=True,
                email=f"contact.{c['code'].lower()}@demo.ordre.test"))
            await Seance.insert(*[Seance(conseil=c["code"], date=d, lieu="Siège du conseil départemental")
                                  for d in SEANCES])
        for dep, textes in SECTIONS.items():
            await TerritoireSection.insert(*[TerritoireSection(
                departement=dep, section=slug, texte=f"{texte}\n{DEMONSTRATION}", mis_a_jour_le=MIS_A_JOUR,
                demonstration=True, version=1) for slug, texte in textes.items()])
    return True
