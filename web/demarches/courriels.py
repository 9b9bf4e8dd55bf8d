"""The e-mails of a dossier (SPEC_DEMARCHES §1.8, E1–E12): one subject rule, one body per event.

Each goes to the applicant's Ordre e-mail, is copied into "Message" and recorded in the outbox in the
transaction of the change. A neutral type (entraide, plaintes) says only "mise à jour", whatever
happened: a subject line or an inbox preview must not reveal it.
"""

from __future__ import annotations

from tables.comptes import Compte
from tables.referentiel import Conseil
from web.coordonnees.rules import email_ordre
from web.demarches import appel, delais
from web.demarches.moteur import objet, type_de
from web.mails import mail
from web.templating import date_fr

SUFFIXES = {"dossier_transmis": "transmise", "dossier_en_instruction": "en cours d'instruction",
            "dossier_complements": "compléments demandés", "dossier_complements_recus": "compléments reçus",
            "dossier_accepte": "acceptée", "dossier_refuse": "refusée", "dossier_sans_suite": "classée sans suite",
            "dossier_reexamine": "réexaminée", "dossier_prolonge": "délai d'instruction prolongé",
            "dossier_expire": "délai d'instruction expiré", "brouillon_inactif": "demande non transmise",
            "brouillon_a_purger": "demande non transmise", "dossier_entretien": "convocation à un entretien",
            "dossier_seance": "examen en séance plénière", "dossier_favorable": "décision favorable",
            "dossier_message": "nouveau message"}
NON_TRANSMISE = "Votre demande n'a pas encore été transmise. Vous pouvez la reprendre là où vous l'aviez laissée."
NEUTRE = ("Votre demande n°{numero} a été mise à jour. Connectez-vous à Mon Espace pour la consulter.")


async def nom_conseil(departement: str | None) -> str:
    """"Conseil départemental de l'Isère" (without "de l'Ordre des médecins")."""
    row = await Conseil.select(Conseil.nom).where(Conseil.departement == departement).first() if departement else None
    return row["nom"].replace(" de l'Ordre des médecins", "") if row else "votre conseil départemental"


async def instructeur(d: dict) -> str:
    """Whom the applicant reads as instructing the dossier: the type's body (the commission d'entraide), else
    the council."""
    return type_de(d["type"]).instructeur or await nom_conseil(d.get("departement"))


def corps(nature: str, d: dict, conseil: str) -> list[str]:
    demarche = type_de(d["type"])
    n, libelle = d["numero"], demarche.libelle
    horloge_ = delais.ligne(demarche.delai_de(objet(d.get("donnees"))), delais.etat_de(d))
    complements = objet(d.get("complements"))
    lignes = {
        "dossier_transmis": [f"Votre demande n°{n} - {libelle} a été transmise au {conseil} le "
                             f"{date_fr(d.get('transmise_le'))}. Vous pouvez suivre son avancement et échanger avec "
                             "le Conseil depuis Mon Espace.", horloge_],
        "dossier_en_instruction": [f"Votre demande n°{n} - {libelle} est en cours d'instruction par le {conseil}."],
        "dossier_complements": [
            f"Afin de poursuivre l'instruction, le {conseil} vous demande de compléter votre demande avant le "
            f"{date_fr(d.get('reponse_avant'))} : " + (f"{', '.join(complements['libelles'])}. " if complements.get(
                "libelles") else "") + complements.get("texte", ""),
            "Le délai d'instruction est suspendu jusqu'à réception de vos compléments."],
        "dossier_complements_recus": ["Vos compléments ont bien été reçus le "
                                      f"{date_fr(d.get('maj_le'))}.", horloge_],
        "dossier_accepte": [f"Votre demande n°{n} - {libelle} a été acceptée : "
                            f"{demarche.libelle_statut('accepte', objet(d.get('donnees')))}.",
                            "Votre attestation est disponible dans Mon Espace." if demarche.attestation else ""],
        "dossier_refuse": [f"Nous ne pouvons pas donner suite favorable à votre demande n°{n} - {libelle}.",
                           f"Motif : {d.get('motif', '')}"],
        "dossier_sans_suite": [f"Votre demande n°{n} - {libelle} a été classée sans suite.",
                               f"Motif : {d.get('motif', '')}"],
        "dossier_message": [f"Le {conseil} vous a adressé un message concernant votre demande n°{n}. Pour le lire "
                            "et y répondre, connectez-vous à Mon Espace."],
        "dossier_reexamine": ["La précédente décision n'est plus applicable ; votre demande est de nouveau en cours "
                              "d'instruction."],
        "dossier_prolonge": [f"Le délai d'instruction de votre demande n°{n} - {libelle} est prolongé à "
                             f"{demarche.delai.prolongation_mois if demarche.delai else ''} mois (enquête hors de "
                             "France métropolitaine, article L.4112-3 du code de la santé publique).", horloge_],
        "dossier_expire": [
            f"Le délai d'instruction de votre demande n°{n} - {libelle} est expiré : la décision implicite de rejet "
            f"est acquise le {date_fr(d.get('rejet_implicite_le'))} (article L.4112-4 du code de la santé publique).",
            "Vous pouvez faire appel de cette décision devant le conseil régional de l'Ordre des médecins dans un "
            "délai de trente jours, soit au plus tard le "
            f"{date_fr(delais.appel_avant(d['rejet_implicite_le'])) if d.get('rejet_implicite_le') else ''}. "
            f"Le {conseil} peut encore se prononcer sur votre demande."],
        "brouillon_inactif": [NON_TRANSMISE],
        "brouillon_a_purger": [NON_TRANSMISE, "Sans nouvelle action de votre part, ce brouillon sera supprimé le "
                               f"{date_fr(d.get('purge_le'))}."],
    }[nature]
    return [ligne for ligne in lignes if ligne]


async def notifier(nature: str, d: dict, cle: str | None = None, lignes: list[str] | None = None,
                   pieces_jointes: list[dict] | None = None) -> int | None:
    """Record the e-mail of `nature` for dossier `d` (its row after the change) in the outbox; a job passes
    `cle` to record it once; `lignes` is the body of an event of a type's own steps (entretien, séance:
    web/demarches/entretien.py, seances.py)."""
    destinataire = await email_ordre(d["praticien"]) if d.get("praticien") else None
    if not destinataire:
        return None
    demarche = type_de(d["type"])
    conseil = await instructeur(d)
    confidentiel = demarche.neutre
    suffixe = "mise à jour" if confidentiel else demarche.sujets.get(nature, SUFFIXES[nature])
    if nature == "dossier_accepte" and not confidentiel:
        suffixe = demarche.sujet_accepte
    if not confidentiel and not lignes and demarche.corps:
        lignes = await demarche.corps(nature, d)
    lignes = [NEUTRE.format(numero=d["numero"])] if confidentiel else lignes or corps(nature, d, conseil)
    if nature == "dossier_refuse" and not confidentiel and (texte := await appel.texte(d)):
        lignes.append(texte)
    return await mail("dossier", destinataire=destinataire, compte_id=d["compte"], inbox=True,
                      lien=f"/demarches/{d['numero']}", lignes=lignes, fil=("dossier", d["id"]), cle=cle,
                      pieces_jointes=None if confidentiel else pieces_jointes,
                      sujet=f"Ordre des médecins - Demande n°{d['numero']} : {suffixe}")



async def prevenir_conseil(d: dict, sujet: str, lignes: list[str]) -> int:
    """An immediate e-mail to each active gestionnaire of the dossier's council (a type's urgent event, e.g. a
    stolen ordonnance pad, §4.4), through the outbox; returns how many were recorded."""
    gestionnaires = await Compte.select(Compte.id, Compte.identifiant).where(
        (Compte.conseil.departement == d["departement"]) & (Compte.role == "gestionnaire")
        & (Compte.actif == True))  # noqa: E712
    return sum([bool(await mail("dossier_conseil", destinataire=g["identifiant"], compte_id=g["id"], sujet=sujet,
                                lien=f"/gestion/demarches/{d['numero']}", lignes=lignes)) for g in gestionnaires])
