"""The clock moved by the council or by itself (§1.4, §2.6): "Prolonger à 6 mois", implicit rejection at expiry."""

from __future__ import annotations

from datetime import date

from tables.demarches import Dossier, DossierEvenement
from tests.support import creer_compte, drain, login, mails, post
from tests.test_demarches_file import _dossiers
from web.demarches import delais, echeances
from web.demarches.registre import type_de


async def _en_instruction(complet: date = date(2026, 5, 12)) -> str:
    (numero,) = await _dossiers(1, statut="en_instruction", email="paul.martin@exemple.fr")
    etat = delais.demarrer(type_de("inscription").delai, complet)
    await Dossier.update({Dossier.complet_le: complet, Dossier.delai_depart: etat.depart,
                          Dossier.echeance: etat.echeance}).where(Dossier.numero == numero)
    return numero


async def test_the_council_extends_the_legal_delay_to_six_months_once(client, mail_dir):
    numero = await _en_instruction()
    await creer_compte("cd38@t.fr", role="gestionnaire", conseil="CD38")
    await login(client, "cd38@t.fr", url="/gestion/connexion")
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Prolonger à 6 mois (enquête hors de France métropolitaine)" in page
    assert (await post(client, f"/gestion/demarches/{numero}/prolonger", {"version": "0"})).status_code == 303
    d = await Dossier.select().where(Dossier.numero == numero).first()
    assert d["echeance"] == date(2026, 11, 12) and d["prolonge"] and d["version"] == 1
    page = (await client.get(f"/gestion/demarches/{numero}")).text
    assert "Décision au plus tard le 12/11/2026." in page and "Prolonger à 6 mois" not in page
    encore = await post(client, f"/gestion/demarches/{numero}/prolonger", {"version": "1"})
    assert encore.status_code == 422 and "Le délai de ce dossier ne peut pas être prolongé." in encore.text
    await drain()
    (mail,) = mails(mail_dir)
    assert mail["Subject"] == f"Ordre des médecins - Demande n°{numero} : délai d'instruction prolongé"
    assert "Décision au plus tard le 12/11/2026." in mail.get_body(("plain",)).get_content()


async def test_silence_at_the_deadline_is_an_implicit_rejection_recorded_once(client, mail_dir):
    numero = await _en_instruction()
    assert await echeances.expirer(date(2026, 8, 12)) == 0  # the last day is still the council's
    assert await echeances.expirer(date(2026, 8, 13)) == 1
    assert await echeances.expirer(date(2026, 8, 14)) == 0  # the job run again records nothing more
    d = await Dossier.select().where(Dossier.numero == numero).first()
    assert d["statut"] == "en_instruction" and d["rejet_implicite_le"] == date(2026, 8, 12)
    (e,) = await DossierEvenement.select().where(DossierEvenement.action == "rejet_implicite")
    assert e["motif"] == ("Décision implicite de rejet acquise le 12/08/2026 (article L.4112-4 du code de la santé "
                          "publique)")
    await drain()
    (mail,) = mails(mail_dir)
    assert mail["Subject"] == f"Ordre des médecins - Demande n°{numero} : délai d'instruction expiré"
    texte = mail.get_body(("plain",)).get_content()
    assert "au plus tard le 11/09/2026" in texte and "peut encore se prononcer" in texte
    await login(client, "martin.38")
    assert "Acquise le 12/08/2026" in (await client.get(f"/demarches/{numero}")).text


async def test_a_paused_clock_never_expires_and_staff_are_warned_from_j_30():
    numero = await _en_instruction()
    await Dossier.update({Dossier.suspendu_le: date(2026, 6, 1), Dossier.jours_restants: 72}).where(
        Dossier.numero == numero)
    assert await echeances.expirer(date(2026, 9, 1)) == 0
    delai = type_de("inscription").delai
    etat = delais.Etat(echeance=date(2026, 8, 12))
    assert delais.badge(etat, date(2026, 7, 13), delai) == "Rejet implicite dans 30 jours"
    assert delais.badge(etat, date(2026, 7, 12), delai) == ""
    assert delais.badge(etat, date(2026, 7, 28), None) == "Échéance dans 15 jours"
