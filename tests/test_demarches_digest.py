"""The councils' morning digest of démarches (§1.6): counts per perimeter, sent once a day, entraide never counted."""

from __future__ import annotations

from datetime import date

from tables.demarches import Dossier, DossierEvenement
from tests.support import creer_compte, drain, mails
from tests.test_demarches_file import _dossiers
from web.demarches import digest, registre
from web.demarches.moteur import Demarche


async def test_each_gestionnaire_of_a_waiting_council_gets_one_digest_a_day(mail_dir, monkeypatch):
    jour = date(2026, 11, 10)
    await _dossiers(2, premier=date(2026, 11, 20))  # due within 15 days
    repondu, _ = await _dossiers(2, nom="ROUX", rpps="10001234567", statut="en_instruction",
                                    premier=date(2027, 2, 1))
    d = await Dossier.select(Dossier.id).where(Dossier.numero == repondu).first()
    await DossierEvenement.insert(DossierEvenement(dossier=d["id"], acteur_libelle="x",
                                                   action="transmettre_complements"))
    await _dossiers(1, departement="69", nom="BLANC", rpps="10003456786", statut="accepte")  # decided: nothing waits
    # A habilitation's type is never counted (entraide): the registry decides, not the digest.
    secret = Demarche(cle="secret", libelle="Secret", pour=(), sections=(), habilitation="secret")
    monkeypatch.setitem(registre.TYPES, "secret", secret)
    (cache,) = await _dossiers(1, departement="69", nom="NOIR", rpps="10007654321")
    await Dossier.update({Dossier.type: "secret"}).where(Dossier.numero == cache)
    for identifiant, conseil in (("cd38@t.fr", "CD38"), ("cd38-b@t.fr", "CD38"), ("cd69@t.fr", "CD69")):
        await creer_compte(identifiant, role="gestionnaire", conseil=conseil)
    assert await digest.comptes(jour) == {"38": {"nouvelles": 2, "complements": 1, "echeances": 2}}
    assert await digest.digest(jour) == 2
    assert await digest.digest(jour) == 0  # the job run twice sends nothing more
    await drain()
    envoyes = mails(mail_dir)
    assert sorted(m["To"] for m in envoyes) == ["cd38-b@t.fr", "cd38@t.fr"]
    assert all(m["Subject"] == "Démarches en attente sur votre périmètre" for m in envoyes)
    texte = envoyes[0].get_body(("plain",)).get_content()
    assert "Nouvelles : 2 · Compléments reçus : 1 · Échéance dans 15 jours : 2" in texte
    assert "/gestion/demarches" in texte
