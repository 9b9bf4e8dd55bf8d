"""The démarche clock on fixed dates (SPEC_DEMARCHES §1.4, §2.6): start, pause, reset, extension, silence."""

from __future__ import annotations

from datetime import date

from web.demarches import delais
from web.demarches.delais import Delai, Etat

INSCRIPTION = Delai(mois=3, depart="complet", nature="legal", silence="rejet_implicite", prolongation_mois=6)
ADRESSE = Delai(jours=15)


def test_a_legal_clock_runs_three_months_from_the_complete_date():
    etat = delais.demarrer(INSCRIPTION, date(2026, 5, 12))
    assert etat.echeance == date(2026, 8, 12)
    assert delais.ligne(INSCRIPTION, etat) == "Décision au plus tard le 12/08/2026."


def test_months_are_clipped_to_the_end_of_a_shorter_month():
    assert delais.ajouter_mois(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert delais.ajouter_mois(date(2027, 11, 30), 3) == date(2028, 2, 29)


def test_an_indicative_clock_says_when_an_answer_usually_comes():
    etat = delais.demarrer(ADRESSE, date(2026, 5, 12))
    assert delais.ligne(ADRESSE, etat) == "Réponse habituelle sous 15 jours, soit vers le 27/05/2026."


def test_a_pause_keeps_the_days_left_and_they_resume_the_day_after_the_answer():
    etat = delais.demarrer(INSCRIPTION, date(2026, 5, 12))  # deadline 12/08/2026
    suspendu = delais.suspendre(etat, date(2026, 7, 2))
    assert suspendu.echeance is None and suspendu.jours_restants == 41
    assert delais.ligne(INSCRIPTION, suspendu) == (
        "Délai suspendu depuis le 02/07/2026 : il reprendra à réception de vos compléments (41 jours restants).")
    repris = delais.reprendre(suspendu, date(2026, 7, 20))
    assert repris.echeance == date(2026, 8, 31)  # 21/07 + 41 days
    assert delais.suspendre(suspendu, date(2026, 7, 10)) == suspendu  # paused once, not twice


def test_incomplet_resets_a_clock_from_transmission_to_the_day_after_the_answer():
    assert delais.reinitialiser(ADRESSE, date(2026, 6, 1)).echeance == date(2026, 6, 17)


def test_incomplet_clears_a_clock_that_starts_at_the_complete_date():
    etat = delais.reinitialiser(INSCRIPTION, date(2026, 6, 1))
    assert etat == Etat()
    assert delais.ligne(INSCRIPTION, etat).startswith("Le délai légal de 3 mois court à compter de la réception")


def test_the_extension_to_six_months_counts_from_the_same_start():
    etat = delais.prolonger(INSCRIPTION, delais.demarrer(INSCRIPTION, date(2026, 5, 12)))
    assert etat.echeance == date(2026, 11, 12) and etat.prolonge
    pause = delais.suspendre(delais.demarrer(INSCRIPTION, date(2026, 5, 12)), date(2026, 8, 2))  # 10 days left
    assert delais.prolonger(INSCRIPTION, pause).jours_restants == 10 + 92  # 12/08 → 12/11
    assert delais.prolonger(ADRESSE, delais.demarrer(ADRESSE, date(2026, 5, 12))).echeance == date(2026, 5, 27)


def test_silence_at_the_deadline_is_an_implicit_rejection_only_where_the_type_says_so():
    etat = delais.demarrer(INSCRIPTION, date(2026, 5, 12))
    assert delais.rejet_implicite(INSCRIPTION, etat, date(2026, 8, 12)) is None
    assert delais.rejet_implicite(INSCRIPTION, etat, date(2026, 8, 13)) == date(2026, 8, 12)
    assert delais.rejet_implicite(ADRESSE, delais.demarrer(ADRESSE, date(2026, 5, 12)), date(2027, 1, 1)) is None


def test_the_appeal_runs_thirty_days_from_the_notification():
    assert delais.appel_avant(date(2027, 1, 14)) == date(2027, 2, 13)
    assert delais.appel_avant(date(2027, 1, 18)) == date(2027, 2, 17)


def test_staff_badges_warn_fifteen_days_ahead_and_past_the_deadline():
    etat = delais.demarrer(ADRESSE, date(2026, 5, 12))  # 27/05
    assert delais.badge(etat, date(2026, 5, 1)) == ""
    assert delais.badge(etat, date(2026, 5, 12)) == "Échéance dans 15 jours"
    assert delais.badge(etat, date(2026, 5, 28)) == "Échéance dépassée"
