"""Plainte vous concernant (SPEC_DEMARCHES §4.9): the targeted doctor's own dossier of a complaint, opened by the
system when the complaint is registered (web/demarches/types/plainte.py).

The parties never share a thread: the engine's messagerie is one thread per dossier, so the targeted doctor writes
with the council here, the complainant on the complaint. He reads the facts complained of (L.4123-2: the council
informs him), never the complainant's messages or documents; its e-mails are neutral too.
"""

from __future__ import annotations

from web.demarches.moteur import TERMINAUX, Champ, Demarche, Etape, Section

DEMARCHE = Demarche(
    cle="plainte_visee",
    libelle="Plainte vous concernant",
    pour=(),  # opened with the complaint
    neutre=True,
    intro="Une plainte vous concernant a été enregistrée par le conseil départemental, qui vous convoquera en "
          "conciliation (article L.4123-2 du code de la santé publique).",
    libelles={"en_instruction": "Conciliation en cours", "accepte": "Conciliation réussie",
              "refuse": "Transmise à la chambre disciplinaire de première instance", "sans_suite": "Plainte retirée"},
    interdites=("retirer",),  # the complainant withdraws a complaint, not the doctor it targets
    etapes=(Etape("Plainte enregistrée"), Etape("Conciliation", ("en_instruction", "a_completer")),
            Etape("Issue", TERMINAUX)),
    sections=(Section("plainte", "La plainte", (
        Champ("plainte", "Plainte n°"), Champ("faits", "Exposé des faits", "long"),
        Champ("date_faits", "Date des faits", "date"))),),
)
