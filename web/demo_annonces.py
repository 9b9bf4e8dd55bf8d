"""Demo annonces: about 300 published across France, and the demo médecin's own in every status."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from faker import Faker

from tables import horloge
from tables.annonces import Annonce, AnnonceEvenement, AnnonceLieu, AnnoncePeriode
from tables.comptes import Compte, Praticien
from tables.messages import Message
from tables.referentiel import Commune, Specialite
from web.templating import MOIS

NB_PUBLIEES = 300
TITRES = {
    ("remplacement", "offre"): "Cherche remplaçant en {spe} – {mois}",
    ("remplacement", "demande"): "Remplaçant disponible en {spe} – {mois}",
    ("adjuvat", "offre"): "Je cherche un adjoint en {spe}",
    ("adjuvat", "demande"): "Je cherche un poste d'adjoint en {spe}",
    ("assistanat", "offre"): "Je cherche un assistant en {spe}",
    ("assistanat", "demande"): "Je cherche un poste d'assistant en {spe}",
    ("collaboration", "offre"): "Je cherche un collaborateur en {spe}",
    ("collaboration", "demande"): "Je cherche un poste de collaborateur en {spe}",
    ("association", "offre"): "Je cherche un associé en {spe}",
    ("association", "demande"): "Je cherche à m'associer en {spe}",
    ("succession", "offre"): "Je cède mon cabinet {de_spe}",
    ("succession", "demande"): "Je cherche un cabinet {de_spe} à reprendre",
}
# The demo médecin's own annonces, one per status (title, catégorie, statut, motif, month its period starts in:
# a summer replacement starts in July, not in a month from now).
MES_ANNONCES = [
    ("Remplaçant cherché pour l'été à Voiron", "remplacement", "publiee", "", 7),
    ("Collaboration en maison de santé", "collaboration", "en_attente", "", None),
    ("Cabinet à céder dans le Vercors", "succession", "brouillon", "", None),
    ("Adjoint pour la saison d'hiver", "adjuvat", "depubliee", "", 12),
    ("Assistanat en médecine générale", "assistanat", "refusee",
     "Votre annonce ne respecte pas les règles de publication. Nous vous invitons à en prendre connaissance et "
     "à modifier le contenu", None),
]


def de(libelle: str) -> str:
    """« de pédiatrie », « d'anatomie et cytologie pathologiques »: French elides de before a vowel or a mute h."""
    return f"d'{libelle}" if re.match(r"[aeiouyhàâéèêëîïôûù]", libelle) else f"de {libelle}"


def debut_periode(today: date, mois: int | None) -> date:
    """A month from today, or the first day of `mois` that comes at least a month from today."""
    debut = today + timedelta(days=30)
    if mois is None:
        return debut
    premier = date(debut.year, mois, 1)
    return premier if premier >= debut else date(debut.year + 1, mois, 1)


async def charger_annonces(rnd: random.Random, fake: Faker) -> int:
    """Insert the demo annonces in batches; returns how many."""
    from web.annonces.recherche import indexer
    from web.lieux.rules import lieux as resoudre

    specialites = {r["code"]: r["libelle"] for r in await Specialite.select(Specialite.code, Specialite.libelle)}
    communes = await Commune.select(Commune.code, Commune.population).where(
        Commune.population > 5000).order_by(Commune.population, ascending=False)
    poids = [c["population"] for c in communes]
    auteurs = await Praticien.select(Praticien.id, Praticien.departement).where(Praticien.qualite == "medecin")
    demo = await Compte.select(Compte.id, Compte.praticien, Compte.praticien.departement.as_alias("dep")).where(
        Compte.identifiant == "demo.medecin").first()
    today = horloge.aujourdhui()
    lignes = []
    for _ in range(NB_PUBLIEES):
        categorie, cote = rnd.choice(list(TITRES))
        spe = rnd.choice(list(specialites))
        debut = today + timedelta(days=rnd.randint(-20, 200))
        cles = [f"commune:{c['code']}" for c in rnd.choices(communes, weights=poids, k=rnd.choice((1, 1, 2, 3)))]
        if rnd.random() < 0.15:
            cles.append(rnd.choice(("departement:38", "region:84", "region:53", "france", "departement:75")))
        auteur = rnd.choice(auteurs)
        lignes.append({
            "auteur": auteur["id"], "departement": auteur["departement"], "categorie": categorie, "cote": cote,
            "specialite": spe, "statut": "publiee", "cles": cles,
            "titre": TITRES[(categorie, cote)].format(spe=specialites[spe].lower(), de_spe=de(specialites[spe].lower()),
                                                   mois=MOIS[debut.month - 1]),
            "description": fake.paragraph(nb_sentences=4), "temporalite": rnd.choice(("", "", "urgent", "disponible")),
            "periodes": [(debut, debut + timedelta(days=rnd.randint(7, 90)) if rnd.random() < 0.7 else None)],
            "publiee_le": horloge.maintenant() - timedelta(days=rnd.randint(0, 60), minutes=rnd.randint(0, 1440)),
        })
    for titre, categorie, statut, motif, mois in MES_ANNONCES:
        lignes.append({
            "auteur": demo["praticien"], "departement": demo["dep"], "categorie": categorie, "cote": "offre",
            "specialite": "SM54", "statut": statut, "cles": ["commune:38563", "departement:38"], "titre": titre,
            "description": "Cabinet de ville\nPatientèle fidèle\nHoraires de 8h à 18h, du lundi au vendredi",
            "temporalite": "urgent", "periodes": [(debut_periode(today, mois), None)], "motif": motif,
            "publiee_le": horloge.maintenant() if statut == "publiee" else None, "compte": demo["id"],
        })
    comptes = {r["praticien"]: r["id"] for r in await Compte.select(Compte.praticien, Compte.id).where(
        Compte.praticien.is_not_null())}
    # the history names the author who transmitted, as the app writes it (statuts.libelle_acteur)
    noms = {r["id"]: f"{r['prenom']} {r['nom']}" for r in await Praticien.select(
        Praticien.id, Praticien.prenom, Praticien.nom)}
    for debut in range(0, len(lignes), 200):
        lot = lignes[debut:debut + 200]
        ids = await Annonce.insert(*[Annonce(
            auteur=a["auteur"], compte=comptes.get(a["auteur"]), departement=a["departement"], categorie=a["categorie"],
            cote=a["cote"], specialite=a["specialite"], titre=a["titre"], description=a["description"],
            temporalite=a["temporalite"], statut=a["statut"],
            fin_publication=today + timedelta(days=rnd.randint(30, 180)),
            publiee_le=a["publiee_le"], transmise_le=None if a["statut"] == "brouillon" else horloge.maintenant(),
            refus=1 if a.get("motif") else 0, motif_refus=a.get("motif", ""),
        ) for a in lot]).returning(Annonce.id)
        lieux_rows, periodes_rows, events = [], [], []
        for a, row in zip(lot, ids, strict=True):
            for lieu in await resoudre(a["cles"]):
                lieux_rows.append(AnnonceLieu(annonce=row["id"], cle=lieu.cle, libelle=lieu.libelle, region=lieu.region,
                                              departement=lieu.departement, commune=lieu.commune,
                                              arrondissement=lieu.arrondissement))
            periodes_rows += [AnnoncePeriode(annonce=row["id"], debut=d, fin=f) for d, f in a["periodes"]]
            if a["statut"] != "brouillon":
                events.append(AnnonceEvenement(annonce=row["id"], acteur=comptes.get(a["auteur"]), action="transmettre",
                                               acteur_libelle=noms[a["auteur"]], de="brouillon", vers="en_attente"))
            if a.get("motif"):  # the refused one: its refusal is in the history too
                events.append(AnnonceEvenement(annonce=row["id"], action="refuser", acteur_libelle="CD38",
                                               de="en_attente", vers="refusee", motif=a["motif"]))
        await AnnonceLieu.insert(*lieux_rows)
        await AnnoncePeriode.insert(*periodes_rows)
        await indexer([row["id"] for row in ids])
        if events:
            await AnnonceEvenement.insert(*events)
    # The demo médecin's published annonce was accepted as it is: republishing it needs no new check.
    from web.annonces.rules import empreinte_actuelle

    for row in await Annonce.select(Annonce.id).where((Annonce.auteur == demo["praticien"])
                                                      & (Annonce.statut.is_in(["publiee", "depubliee"]))):
        await Annonce.update({Annonce.empreinte_acceptee: await empreinte_actuelle(row["id"])}).where(
            Annonce.id == row["id"])
    await _messages(demo["id"], demo["praticien"])
    return len(lignes)


# What the demo médecin's inbox holds about each of their annonces, by status: the e-mails of its history.
HISTOIRES = {"publiee": ("annonce_transmise", "annonce_publiee"), "en_attente": ("annonce_transmise",),
             "depubliee": ("annonce_transmise", "annonce_publiee", "annonce_depubliee"),
             "refusee": ("annonce_transmise", "annonce_refusee")}


async def _messages(compte: int, praticien: int) -> None:
    """The inbox of the demo médecin: one thread per annonce, in the words of the real e-mails, unread."""
    from web.annonces.statuts import SUJETS
    from web.mails import rendre

    motifs = {titre: motif for titre, _, _, motif, _ in MES_ANNONCES}
    debut = horloge.maintenant() - timedelta(days=5)
    messages = []
    for a in await Annonce.select().where(Annonce.auteur == praticien).order_by(Annonce.id):
        for n, nature in enumerate(HISTOIRES.get(a["statut"], ())):
            sujet = f"Ordre des médecins - Annonce n°{a['id']} : {SUJETS[nature]}"
            texte = rendre(nature, sujet=sujet, annonce={**a, "motif_refus": motifs.get(a["titre"], "")},
                           conseil="Conseil départemental de l'Isère")[0]
            messages.append(Message(compte=compte, sujet=sujet, texte=texte, lien=f"/annonces/{a['id']}",
                                    sujet_type="annonce", sujet_id=a["id"],
                                    cree_le=debut + timedelta(hours=a["id"] % 24 + n * 30)))
    if messages:
        await Message.insert(*messages)
