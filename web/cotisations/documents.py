"""The call and the receipt as A4 PDFs (web/documents/pdf.py), rendered at each download from the row: 300,000
calls are never stored, and the same row gives the same bytes.

Decision (SPEC_DEMARCHES §7 leaves them open): the council's payment details are demonstration values — an
IBAN built from the département code, the council as payee; no card payment.
"""

from __future__ import annotations

from tables.comptes import Praticien
from tables.cotisations import Reglement
from web.cotisations import rules
from web.documents import rules as documents
from web.documents.pdf import rendre
from web.templating import date_fr

BIC = "CDOMFRPPXXX"


def iban(departement: str) -> str:
    """The council's account (demonstration): FR76 1234 5000 0069 0000 0000 069 for the Rhône."""
    code = departement.zfill(3)
    return f"FR76 1234 5000 0{code} 0000 0000 {code}"


async def _qui(c: dict) -> tuple[str, str]:
    p = await Praticien.select(Praticien.prenom, Praticien.nom, Praticien.rpps).where(
        Praticien.id == c["praticien"]).first()
    return f"Docteur {p['prenom']} {p['nom'].upper()}", p["rpps"]


async def appel(c: dict) -> bytes:
    """"Appel de cotisation 2027": amount, due date, payment details, reference RPPS-year."""
    conseil = await documents.conseil(c["departement"])
    qui, rpps = await _qui(c)
    ref = rules.reference(rpps, c["annee"])
    titulaire = f"{conseil['nom']} de l'Ordre des médecins"
    return rendre({
        "entete": f"Ordre des médecins — {conseil['nom']}",
        "titre": f"Appel de cotisation {c['annee']}",
        "lignes": [qui, f"N° RPPS : {rpps}",
                   f"Montant de la cotisation {c['annee']} : {rules.euros(c['montant'])}",
                   f"À régler au plus tard le {date_fr(c['echeance'])}",
                   f"Référence à rappeler avec votre règlement : {ref}",
                   "Modes de règlement (le paiement par carte en ligne n'est pas proposé) :"],
        "liste": [f"Virement : IBAN {iban(c['departement'])}, BIC {BIC}, au nom du {titulaire}, en indiquant la "
                  f"référence {ref}",
                  f"Chèque à l'ordre du {titulaire}, la référence {ref} inscrite au dos",
                  "Prélèvement : demandez le mandat de prélèvement à votre conseil départemental"],
        "pied": ["Coordonnées de règlement de démonstration."]})


async def recu(c: dict) -> bytes:
    """"Reçu de cotisation 2027", once fully paid: the payments that made it."""
    conseil = await documents.conseil(c["departement"])
    qui, rpps = await _qui(c)
    reglements = await Reglement.select().where(Reglement.cotisation == c["id"]).order_by(Reglement.le)
    return rendre({
        "entete": f"Ordre des médecins — {conseil['nom']}",
        "titre": f"Reçu de cotisation {c['annee']}",
        "lignes": [f"Le {conseil['nom']} de l'Ordre des médecins atteste avoir reçu de {qui} (N° RPPS : {rpps}) la "
                   f"somme de {rules.euros(c['regle'])} au titre de la cotisation {c['annee']}.",
                   f"Cotisation réglée le {date_fr(c['payee_le'])}.",
                   f"Référence : {rules.reference(rpps, c['annee'])}", "Règlements :"],
        "liste": [f"{date_fr(r['le'])} — {rules.MODES[r['mode']]} — {rules.euros(r['montant'])}"
                  + (f" — {r['reference']}" if r["reference"] else "") for r in reglements]})
