"""The forms of account creation (the Tableau identity, then the credentials chosen after the link) and of the
forgotten-credentials request."""

from __future__ import annotations

import re

from tables import horloge
from tables.comptes import Compte
from tables.coordonnees import Affectation
from web import limites
from web.auth import rules
from web.coordonnees.rules import email_ordre
from web.forms import Form, date_en_trois, email_normalise, mot_de_passe, noms_date
from web.mails import mail

INSCRIPTION = ("rpps", "nom", *noms_date("date_naissance"), "email", "etape")
IDENTIFIANT = re.compile(r"[a-z0-9][a-z0-9._-]{2,39}")
MAX_OUBLIS = 5  # reset e-mails per account in limites.FENETRE, however the account was named

__all__ = ["INSCRIPTION", "mot_de_passe", "valider_identite", "email_pour_le_conseil", "valider_identifiants",
           "envoyer_lien_oubli"]


async def valider_identite(form: Form) -> dict | None:
    """The Tableau identity the form names (with its e-mail, if the Tableau holds one), or None with errors."""
    form.required("rpps", "nom")
    rpps = form["rpps"].replace(" ", "")
    if rpps and not rules.rpps_valide(rpps):
        form.error("rpps", "Le numéro RPPS compte 11 chiffres et sa clé de contrôle doit être exacte.")
    date_en_trois(form, "date_naissance", horloge.aujourdhui())
    if not form.ok:
        return None
    praticien = await rules.trouver_praticien(rpps, form["nom"], form["date_naissance"])
    if praticien is None:
        form.error("rpps", "Aucune inscription au Tableau ne correspond à ce numéro RPPS, ce nom et cette "
                           "date de naissance. Contactez votre conseil départemental.")
        return None
    if await Compte.exists().where(Compte.praticien == praticien["id"]):
        form.error("rpps", "Un espace existe déjà pour ce numéro RPPS : utilisez « Identifiants oubliés ? ».")
        return None
    return praticien


def email_pour_le_conseil(form: Form) -> str | None:
    """Where the Tableau holds no e-mail: the address typed for the council to check, once it was asked."""
    if form["etape"] != "courriel":
        return None
    form.required("email")
    email = email_normalise(form["email"]) if form["email"] else None
    if form["email"] and email is None:
        form.error("email", "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.")
    return email


async def valider_identifiants(form: Form) -> bool:
    """The nom d'utilisateur and password chosen after the activation link."""
    form.required("identifiant")
    identifiant = form["identifiant"].lower()
    form.values["identifiant"] = identifiant
    if identifiant and not IDENTIFIANT.fullmatch(identifiant):
        form.error("identifiant", "De 3 à 40 caractères : lettres sans accent, chiffres, point, tiret ou "
                                  "tiret bas.")
    elif identifiant and await Compte.exists().where(Compte.identifiant == identifiant):
        form.error("identifiant", "Ce nom d'utilisateur est déjà pris : choisissez-en un autre.")
    mot_de_passe(form)
    return form.ok


async def _compte_par_recherche(recherche: str) -> dict | None:
    """By nom d'utilisateur, RPPS, or the Ordre e-mail of the account."""
    valeur = recherche.strip().lower()
    row = await Compte.select(Compte.id, Compte.identifiant, Compte.praticien).where(
        (Compte.identifiant == valeur) | (Compte.praticien.rpps == valeur.replace(" ", ""))).first()
    if row is None and (email := email_normalise(valeur)):
        found = await Affectation.select(Affectation.praticien).where(
            (Affectation.usage == "ordre") & (Affectation.email.email == email)).first()
        if found:
            row = await Compte.select(Compte.id, Compte.identifiant, Compte.praticien).where(
                Compte.praticien == found["praticien"]).first()
    return row


async def envoyer_lien_oubli(recherche: str, adresse: str) -> list[int]:
    """Mail the username and a one-hour reset link to the account's Ordre e-mail (if any). Limited per
    address and per account resolved (nom d'utilisateur, RPPS with or without spaces, or e-mail: one count)."""
    compte = await _compte_par_recherche(recherche)
    ip, cle = f"ip:{adresse}", f"oubli:{compte['id']}" if compte else ""
    async with limites.verrou(ip, cle):
        if await limites.depasse(ip, rules.MAX_PAR_ADRESSE) or (cle and await limites.depasse(cle, MAX_OUBLIS)):
            return []
    destinataire = await email_ordre(compte["praticien"]) if compte and compte["praticien"] else None
    if destinataire is None:
        return []
    async with Compte._meta.db.transaction():
        jeton = await rules.emettre_jeton(compte["id"], "reinitialisation")
        nid = await mail("reinitialisation", destinataire=destinataire, compte_id=compte["id"],
                         sujet="Ordre des médecins - Vos identifiants MonEspace",
                         jeton=jeton, identifiant=compte["identifiant"])
    return [nid]
