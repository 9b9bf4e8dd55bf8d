"""The daily cotisation job (SPEC_DEMARCHES §4): on 01/01 the year's call, then the graduated reminders.

There can be 300,000 médecins: the call's rows are one INSERT … SELECT, and the e-mails go by batches of LOT,
each batch a few statements (select, the outbox rows, the inbox copies, the mark) — never queries per doctor.
Each e-mail is sent once: the call marks `avise_le`, a reminder is a row unique per (cotisation, rang), and
the outbox key repeats it; the job may run twice a day or after the demo clock moved by months.
Decision: a recorded payment — even partial — stops the reminders (the council is in touch with the doctor);
when the clock jumps past several steps, only the highest one due is sent.
"""

from __future__ import annotations

from datetime import date, timedelta

from tables import horloge
from tables.cotisations import AppelCotisation, Cotisation, RelanceCotisation
from tables.messages import Message, Notification, Preference
from tables.referentiel import Conseil
from tasks import relais
from web.cotisations import rules
from web.mails import rendre
from web.templating import date_fr

LOT = 1000
LIEN = "/espace/cotisations"
PAYER = ("Le paiement par carte en ligne n'est pas proposé : réglez par virement (en rappelant la référence), par "
         "chèque ou par prélèvement ; les coordonnées de règlement figurent sur l'appel de cotisation, dans Mon "
         "Espace.")
_COLONNES = ("SELECT c.id, c.annee, c.montant, c.echeance, c.departement, p.rpps, k.id AS compte, "
             "co.email AS email FROM cotisation c JOIN praticien p ON p.id = c.praticien "
             "LEFT JOIN compte k ON k.praticien = p.id "
             "LEFT JOIN affectation a ON a.praticien = p.id AND a.usage = 'ordre' "
             "LEFT JOIN coordonnee co ON co.id = a.email ")
A_AVISER = _COLONNES + "WHERE c.avise_le IS NULL AND c.id > {} ORDER BY c.id LIMIT {}"
A_RELANCER = (_COLONNES + "WHERE c.regle = 0 AND c.recouvrement_le IS NULL AND c.echeance <= {} AND NOT EXISTS "  # noqa: S608
              "(SELECT 1 FROM relance_cotisation r WHERE r.cotisation = c.id AND r.rang >= {}) AND c.id > {} "
              "ORDER BY c.id LIMIT {}")


async def _conseils() -> dict[str, str]:
    """"Conseil départemental du Rhône" per département code, read once per run."""
    return {r["departement"]: r["nom"].replace(" de l'Ordre des médecins", "")
            for r in await Conseil.select(Conseil.departement, Conseil.nom) if r["departement"]}


async def creer(appel: dict, jour: date) -> None:
    """Issue one call: a row for every médecin on the Tableau, in one statement (inside the caller's transaction)."""
    await Cotisation.raw(
        "INSERT INTO cotisation (praticien, departement, annee, montant, echeance, regle) "
        "SELECT p.id, p.departement, {}, {}, {}, 0 FROM praticien p WHERE p.qualite = 'medecin' "
        "AND NOT EXISTS (SELECT 1 FROM cotisation c WHERE c.praticien = p.id AND c.annee = {})",
        appel["annee"], appel["montant"], appel["echeance"], appel["annee"])
    await AppelCotisation.update({AppelCotisation.emis_le: jour}).where(AppelCotisation.annee == appel["annee"])


async def emettre(jour: date) -> int:
    """Issue every call due by `jour` (its 01/01) and not issued yet."""
    n = 0
    for appel in await AppelCotisation.select().where(
            AppelCotisation.emis_le.is_null() & (AppelCotisation.annee <= jour.year)):
        async with rules.transaction():
            await creer(appel, jour)
        n += 1
    return n


def _lignes_appel(c: dict, conseil: str) -> list[str]:
    return [f"Le {conseil} vous adresse l'appel de cotisation {c['annee']} : {rules.euros(c['montant'])}, à "
            f"régler au plus tard le {date_fr(c['echeance'])}.",
            f"Référence à rappeler avec votre règlement : {rules.reference(c['rpps'], c['annee'])}.", PAYER,
            "L'appel de cotisation (PDF) est disponible dans Mon Espace, rubrique Cotisations."]


def _lignes_relance(c: dict, rang: int) -> list[str]:
    lignes = [f"Sauf erreur de notre part, votre cotisation {c['annee']} de {rules.euros(c['montant'])}, à "
              f"régler au plus tard le {date_fr(c['echeance'])}, n'a pas été réglée.",
              f"Référence à rappeler avec votre règlement : {rules.reference(c['rpps'], c['annee'])}.", PAYER]
    if rang == 3:
        lignes.append("Sans règlement de votre part, le Conseil national de l'Ordre des médecins mandatera un "
                      "organisme de recouvrement.")
    return lignes


async def _envoyer(lot: list[tuple[dict, str, str, list[str]]], nature: str) -> None:
    """The outbox rows and inbox copies of a batch: (row, key, subject, body) each, in a few statements."""
    comptes = [c["compte"] for c, *_ in lot if c["compte"]]
    sans_email = {r["compte"] for r in await Preference.select(Preference.compte).where(
        (Preference.nature == nature) & (Preference.email == False) & Preference.compte.is_in(comptes))  # noqa: E712
    } if comptes else set()
    ids = {cle: f"<{nature}.{cle}@monespace.ordre.test>" for _, cle, *_ in lot}
    deja = {r["message_id"] for r in await Notification.select(Notification.message_id).where(
        Notification.message_id.is_in(list(ids.values())))}
    notifications, copies = [], []
    for c, cle, sujet, lignes in lot:
        if ids[cle] in deja:
            continue
        texte, html = rendre("cotisation", sujet=sujet, lignes=lignes, lien=LIEN)
        if c["email"] and c["compte"] not in sans_email:
            notifications.append(Notification(compte=c["compte"], nature=nature, destinataire=c["email"],
                                              sujet=sujet, texte=texte, html=html, message_id=ids[cle]))
        if c["compte"]:
            copies.append((c["compte"], sujet, texte, ids[cle]))
    faits = {r["message_id"]: r["id"] for r in await Notification.insert(*notifications).returning(
        Notification.id, Notification.message_id)} if notifications else {}
    relais.notifier(faits.values())
    if copies:
        await Message.insert(*[Message(compte=compte, sujet=sujet, texte=texte, lien=LIEN, copie_de=faits.get(mid))
                               for compte, sujet, texte, mid in copies])


async def aviser(jour: date) -> int:
    """The call's e-mail to each cotisation not told yet (copied in "Message")."""
    conseils, n, apres = await _conseils(), 0, 0
    while lot := await Cotisation.raw(A_AVISER, apres, LOT):
        apres = lot[-1]["id"]
        async with rules.transaction():
            await _envoyer([(c, f"appel:{c['id']}", rules.sujet_appel(c["annee"]),
                             _lignes_appel(c, conseils.get(c["departement"], "conseil départemental")))
                            for c in lot], "cotisation_appel")
            await Cotisation.update({Cotisation.avise_le: jour}).where(Cotisation.id.is_in([c["id"] for c in lot]))
        n += len(lot)
    return n


async def relancer(jour: date) -> int:
    """R3, R2, R1 (the highest first) to each cotisation unpaid that many days after its due date, once."""
    n = 0
    for rang in sorted(rules.RELANCES, reverse=True):
        seuil, apres = jour - timedelta(days=rules.RELANCES[rang][0]), 0
        while lot := await Cotisation.raw(A_RELANCER, seuil, rang, apres, LOT):
            apres = lot[-1]["id"]
            async with rules.transaction():
                await RelanceCotisation.insert(*[RelanceCotisation(cotisation=c["id"], rang=rang, le=jour)
                                                 for c in lot])
                await _envoyer([(c, f"relance:{c['id']}:{rang}", rules.sujet_relance(c["annee"], rang),
                                 _lignes_relance(c, rang)) for c in lot], "cotisation_relance")
            n += len(lot)
    return n


async def quotidien(jour: date | None = None) -> dict[str, int]:
    """The daily job: the calls due, their e-mails, the reminders; what it did, for logs and tests."""
    jour = jour or horloge.aujourdhui()
    return {"appels": await emettre(jour), "avis": await aviser(jour), "relances": await relancer(jour)}
