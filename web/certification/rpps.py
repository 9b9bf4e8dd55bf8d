"""The RPPS e-mail follow-up (SPEC_DEMARCHES §3.5 "Adresse e-mail RPPS"): each médecin's state, the council's
relance, the entry at the council's desk and the confirmation link.

The address is the "rpps" usage of Mes coordonnées; EmailRpps keeps what is known beyond it: the address its
owner confirmed (by a link the address itself received, or at the desk) and the one the ANS reported. Every
state is read against the current address, so a new address is "Non confirmée" again without any reset.
Only a confirmed address the ANS has not reported goes to the ANS (web/certification/ans.py).
"""

from __future__ import annotations

import logging
import re

from email_validator import SPECIAL_USE_DOMAIN_NAMES

from tables import horloge
from tables.certification import EmailRpps
from tables.comptes import Compte, Jeton, Praticien
from web.auth.rules import consommer_jeton, emettre_jeton, empreinte, jeton_valide
from web.coordonnees.rules import affecter_email_rpps, coordonnees_usage, email_ordre
from web.forms import email_normalise
from web.mails import mail
from web.perimetre import dans_perimetre, dans_perimetre_sql
from web.security import Utilisateur

journal = logging.getLogger("monespace.certification")

# In the order they are checked: the first that applies is the médecin's state.
ETATS = {"absente": "Absente", "invalide": "Invalide", "signalee": "Signalée par l'ANS",
         "non_confirmee": "Non confirmée"}
SUJET_RELANCE = "Ordre des médecins - Votre adresse e-mail RPPS est à compléter"
SUJET_LIEN = "Ordre des médecins - Confirmez votre adresse e-mail RPPS"
TRANSMISSIBLE = ("Attention, vous pouvez fournir 4 adresses e-mail différentes dans Mes coordonnées. "
                 "Seule celle du RPPS est transmissible à l'ANS.")
SANS_ORDRE = "Ce médecin n'a pas d'e-mail de l'Ordre : saisissez son adresse e-mail RPPS au guichet."

# An address that counts as good: confirmed and not reported since. One condition for the list (which leaves
# these rows out in SQL) and the export (which takes only these).
ADRESSE = "COALESCE(c.email, '')"
BONNE = f"({ADRESSE} <> '' AND COALESCE(e.confirme, '') = {ADRESSE} AND COALESCE(e.signale, '') <> {ADRESSE})"
JOINTURES = ("FROM praticien p LEFT JOIN affectation a ON a.praticien = p.id AND a.usage = 'rpps' "
             "LEFT JOIN coordonnee c ON c.id = a.email LEFT JOIN email_rpps e ON e.praticien = p.id ")
_LISTE = (f"SELECT p.id, p.rpps, p.nom, p.prenom, {ADRESSE} AS adresse, COALESCE(e.confirme, '') AS confirme, "
          "COALESCE(e.signale, '') AS signale, e.signale_motif, e.relance_le "
          f"{JOINTURES}WHERE p.qualite = 'medecin' AND {{perimetre}} AND NOT {BONNE} ORDER BY p.nom, p.prenom, p.id")


class RefusRpps(Exception):
    """An action the médecin's situation does not allow; the message is shown as is."""


# email-validator takes 87 µs an address: 0.9 s for a département of 10,000 médecins, 20 s for France. The
# plain shape it always accepts (checked against it on 35,000 random addresses) is recognised first, 0.6 µs;
# any other address, and the special-use domains it refuses (.test, .local…), go to it.
_SIMPLE = re.compile(r"(?=[^@]{1,64}@)[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@(?:[A-Za-z0-9](?:-?[A-Za-z0-9]){0,40}\.)+"
                     r"[A-Za-z]{2,20}")


def _valide(adresse: str) -> bool:
    if len(adresse) <= 254 and _SIMPLE.fullmatch(adresse) and (
            adresse.rsplit(".", 1)[1].lower() not in SPECIAL_USE_DOMAIN_NAMES):
        return True
    return email_normalise(adresse) is not None


def etat(adresse: str, confirme: str, signale: str) -> str | None:
    """The state of a médecin's RPPS e-mail (a key of ETATS), None when it is good to send to the ANS."""
    if not adresse:
        return "absente"
    if not _valide(adresse):
        return "invalide"
    if signale == adresse:
        return "signalee"
    return None if confirme == adresse else "non_confirmee"


async def liste(user: Utilisateur) -> tuple[list[dict], dict[str, int]]:
    """The médecins of the perimeter whose RPPS e-mail needs something, by name, each with its state, and how
    many in each state. The syntax check is Python's (email-validator, as every form of the house); the good
    addresses never leave the database."""
    condition, valeurs = dans_perimetre_sql(user, "p.departement")
    lignes = await Praticien.raw(_LISTE.replace("{perimetre}", condition), *valeurs)
    comptes = dict.fromkeys(ETATS, 0)
    for ligne in lignes:
        ligne["etat"] = etat(ligne["adresse"], ligne["confirme"], ligne["signale"])
        comptes[ligne["etat"]] += 1
    return lignes, comptes


async def praticien(user: Utilisateur, rpps: str) -> dict:
    """A médecin of the user's perimeter; LookupError otherwise (a 404 for the handler)."""
    row = await Praticien.select(Praticien.id, Praticien.nom, Praticien.prenom).where(
        (Praticien.rpps == rpps[:11]) & (Praticien.qualite == "medecin")
        & dans_perimetre(user, Praticien.departement)).first()
    if row is None:
        raise LookupError(rpps)
    return row


async def noter(praticien_id: int, **valeurs) -> None:
    """Write some of a médecin's EmailRpps fields (its row created on first need), in the caller's transaction."""
    colonnes = {getattr(EmailRpps, nom): valeur for nom, valeur in valeurs.items()}
    if not await EmailRpps.update(colonnes).where(EmailRpps.praticien == praticien_id).returning(EmailRpps.id):
        await EmailRpps.insert(EmailRpps(praticien=praticien_id, **valeurs))


async def suivi(praticien_id: int) -> dict:
    """The médecin's RPPS e-mail, its state and what is known of it."""
    adresse = (await coordonnees_usage(praticien_id, "rpps"))["email"]
    row = await EmailRpps.select().where(EmailRpps.praticien == praticien_id).first() or {
        "confirme": "", "signale": "", "signale_motif": "", "relance_le": None}
    code = etat(adresse, row["confirme"], row["signale"])
    return {**row, "adresse": adresse, "etat": code, "libelle": ETATS.get(code or "", "Confirmée")}


def _phrase(s: dict) -> str:
    return {"absente": "Aucune adresse e-mail RPPS n'est renseignée pour vous.",
            "invalide": f"L'adresse e-mail RPPS renseignée pour vous ({s['adresse']}) n'est pas valide.",
            "signalee": f"L'ANS nous a signalé que votre adresse e-mail RPPS ({s['adresse']}) ne lui permet pas de "
                        f"vous joindre : {s['signale_motif'] or 'motif non précisé'}.",
            "non_confirmee": f"Votre adresse e-mail RPPS ({s['adresse']}) n'est pas encore confirmée."}[s["etat"]]


async def _compte(praticien_id: int) -> int | None:
    row = await Compte.select(Compte.id).where((Compte.praticien == praticien_id) & (Compte.actif == True)  # noqa: E712
                                               ).first()
    return row["id"] if row else None


async def envoyer_lien(compte_id: int, adresse: str) -> str:
    """A one-time confirmation link for `adresse` (the earlier ones die), mailed to that address itself: following
    it proves the address reaches its owner. Returns the token."""
    jeton = await emettre_jeton(compte_id, "email_rpps", donnee=adresse)
    await mail("rpps_lien", destinataire=adresse, compte_id=compte_id, sujet=SUJET_LIEN, jeton=jeton)
    return jeton


async def relancer(user: Utilisateur, rpps: str) -> None:
    """"Relancer": an e-mail to the médecin's Ordre e-mail, copied into "Message". When there is an address to
    confirm, the confirmation link goes with it if that address is the Ordre one, otherwise to the address."""
    p = await praticien(user, rpps)
    destinataire = await email_ordre(p["id"])
    if not destinataire:
        raise RefusRpps(SANS_ORDRE)
    s = await suivi(p["id"])
    if s["etat"] is None:
        raise RefusRpps("L'adresse e-mail RPPS de ce médecin est déjà confirmée.")
    compte_id = await _compte(p["id"])
    async with EmailRpps._meta.db.transaction():
        lignes, jeton = [_phrase(s)], None
        if s["etat"] == "non_confirmee" and compte_id:
            if s["adresse"] == destinataire:
                jeton = await emettre_jeton(compte_id, "email_rpps", donnee=s["adresse"])
            else:
                await envoyer_lien(compte_id, s["adresse"])
                lignes.append("Un lien de confirmation vient d'être envoyé à cette adresse : suivez-le si elle est "
                              "la bonne.")
        await mail("rpps_relance", destinataire=destinataire, compte_id=compte_id, inbox=True,
                   lien="/espace/coordonnees", sujet=SUJET_RELANCE, lignes=lignes, jeton=jeton,
                   transmissible=TRANSMISSIBLE)
        await noter(p["id"], relance_le=horloge.maintenant())


async def saisir(user: Utilisateur, rpps: str, adresse: str) -> dict:
    """"Saisir au guichet": the médecin is at the council and the gestionnaire checked the address with him, so
    it is confirmed at once. The "rpps" usage of Mes coordonnées points at it; the journal names who did it."""
    p = await praticien(user, rpps)
    async with EmailRpps._meta.db.transaction():
        await affecter_email_rpps(p["id"], adresse)
        await noter(p["id"], confirme=adresse, confirme_le=horloge.maintenant())
    journal.info("E-mail RPPS saisi au guichet : RPPS %s, par le compte %s (%s)", rpps, user.id, user.identifiant)
    return p


async def adresse_du_lien(jeton: str) -> str | None:
    """The address a confirmation link is for, while the link is valid (the GET shows it, confirms nothing)."""
    if await jeton_valide(jeton, "email_rpps") is None:
        return None
    row = await Jeton.select(Jeton.donnee).where(Jeton.empreinte == empreinte(jeton)).first()
    return row["donnee"] if row else None


async def confirmer(jeton: str) -> str | None:
    """Follow the link (once): its address is confirmed if it is still the médecin's RPPS e-mail; a report of the
    ANS on it is cleared, the link having just reached it. The address, or None."""
    async with EmailRpps._meta.db.transaction():
        lien = await consommer_jeton(jeton, "email_rpps")
        compte = lien and await Compte.select(Compte.praticien).where(Compte.id == lien["compte"]).first()
        if not (compte and compte["praticien"]):
            return None
        adresse = lien["donnee"]
        if (await coordonnees_usage(compte["praticien"], "rpps"))["email"] != adresse:
            return None
        await noter(compte["praticien"], confirme=adresse, confirme_le=horloge.maintenant(), signale="",
                    signale_motif="")
        return adresse


async def demander_lien(praticien_id: int, compte_id: int) -> str:
    """The médecin asks for the link himself: it goes to his RPPS e-mail. Returns that address."""
    s = await suivi(praticien_id)
    if s["etat"] in ("absente", "invalide"):
        raise RefusRpps("Renseignez d'abord une adresse e-mail valide pour l'usage RPPS dans Mes coordonnées.")
    if s["etat"] is None:
        raise RefusRpps("Votre adresse e-mail RPPS est déjà confirmée.")
    async with EmailRpps._meta.db.transaction():
        await envoyer_lien(compte_id, s["adresse"])
    return s["adresse"]
