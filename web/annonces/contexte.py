"""What the Annonces pages share: the vocabulary, the referential's specialties, the detail page's forms.

The detail page is re-rendered by its contact and report forms (web/annonces/routes.py), and the map, the
form and the list show the same vocabulary: one place, so no handler imports another's routes.
"""

from __future__ import annotations

from litestar import Request

from tables.referentiel import Specialite
from web.annonces import rules
from web.annonces.contact import mes_emails
from web.annonces.vocabulaire import CATEGORIES, COTES_RECHERCHE, SITUATIONS, STATUTS, TEMPORALITES
from web.forms import Form
from web.services import offres, qualifications
from web.signalements.rules import MOTIFS, deja_signale

VOCABULAIRE = {"categories": CATEGORIES, "situations": SITUATIONS, "statuts": STATUTS,
               "temporalites": TEMPORALITES, "cotes_recherche": COTES_RECHERCHE}


_specialites: tuple[tuple[str, str], ...] = ()


async def specialites() -> tuple[tuple[str, str], ...]:
    """(code, libellé) pairs, kept once read: the referential does not change while the process runs."""
    global _specialites
    if not _specialites:
        _specialites = tuple((r["code"], r["libelle"]) for r in await Specialite.select(
            Specialite.code, Specialite.libelle).order_by(Specialite.libelle))
    return _specialites


async def contexte_annonces(request: Request, **extra) -> dict:
    """What every Annonces page shows: the vocabulary, and the first-visit contact choice if pending."""
    user = request.user
    return {**VOCABULAIRE, "choix_contact": user.choix_contact_annonces if user.est_praticien else None, **extra}


async def contexte_consulter(request: Request, annonce: dict, **extra) -> dict:
    """The detail page, with its contact and report forms (also re-rendered by those forms' routes): those are
    for the other doctors while it is online; its author and its council read its status instead."""
    user = request.user
    en_ligne = rules.en_ligne(annonce)
    ecrire = en_ligne and user.est_praticien and user.praticien != annonce["auteur"]
    return await contexte_annonces(
        request, annonce=annonce, contact=await rules.contact(annonce["auteur"]), en_ligne=en_ligne, ecrire=ecrire,
        **{"mes_emails": await mes_emails(user.praticien) if ecrire else [], "form_signalement": Form({}),
           "motifs": MOTIFS,
           "contact_envoye": False, "signale": False, "form_contact": Form({}),
           "deja_signale": await deja_signale(request.user, annonce["id"]),
           "qualifications_auteur": await qualifications.libelles(annonce["auteur"]),
           "offre_contrat": await offres.lien(annonce["id"], True) if user.praticien == annonce["auteur"] else "",
           **extra})
