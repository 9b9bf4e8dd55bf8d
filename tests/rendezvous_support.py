"""Shared by the entretien, séance and appeal tests: a dossier in instruction, the staff, a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime

from tables import horloge
from tables.comptes import Compte
from tables.demarches import Dossier
from tests.support import creer_compte, login, medecin, post
from web.demarches import rules, statuts
from web.demarches.registre import type_de
from web.security import Utilisateur


def regler(annee: int, mois: int, jour: int, heure: int = 10, minute: int = 0) -> None:
    """Put the app's clock at that Paris time."""
    voulu = datetime(annee, mois, jour, heure, minute, tzinfo=horloge.PARIS)
    horloge.decaler(voulu - datetime.now(UTC))


async def en_instruction(identifiant: str = "alice.leroy", rpps: str = "10009876540", nom: str = "LEROY",
                         departement: str = "38", staff: bool = True) -> str:
    """A transmitted inscription of `departement`, taken into instruction; the staff accounts once."""
    pid = await medecin(identifiant, qualite="interne", rpps=rpps, nom=nom, prenom="Alice",
                        email=f"{identifiant}@exemple.fr")
    c = await Compte.select().where(Compte.praticien == pid).first()
    user = Utilisateur(id=c["id"], role="interne", identifiant=c["identifiant"], cree_le=c["cree_le"], praticien=pid)
    d = await rules.commencer(user, type_de("inscription"), {"docteur_junior": "oui"})
    await Dossier.update({Dossier.departement: departement, Dossier.donnees: {"des": "SM54"}}).where(
        Dossier.id == d["id"])
    await statuts.appliquer(d["id"], "transmettre", user)
    if staff:
        for ident, conseil, role in (("cd38@t.fr", "CD38", "gestionnaire"), ("cd69@t.fr", "CD69", "gestionnaire"),
                                     ("cnom@t.fr", None, "national")):
            await creer_compte(ident, role=role, conseil=conseil)
    cd = await Compte.select().where(Compte.conseil == f"CD{departement}").first()
    staff_user = Utilisateur(id=cd["id"], role="gestionnaire", identifiant=cd["identifiant"], cree_le=cd["cree_le"],
                             departement=departement, conseil=f"CD{departement}")
    await statuts.appliquer(d["id"], "instruire", staff_user)
    return d["numero"]


async def connecter(client, identifiant: str) -> None:
    await post(client, "/deconnexion", {})
    client.cookies.clear()
    await login(client, identifiant, url="/gestion/connexion" if "@t.fr" in identifiant else "/connexion")


async def entretien_realise(client, numero: str) -> None:
    """As cd38: a slot on 10/12/2026 14h00 set for the dossier, then "Entretien réalisé" at 15h00."""
    from tables.rendezvous import Creneau

    regler(2026, 12, 7)
    await connecter(client, "cd38@t.fr")
    await post(client, "/gestion/calendriers/38/creneaux", {"date": "2026-12-10", "heure": "14:00", "duree": "30",
                                                            "visio": "on", "conseiller": "Dr Martin"})
    creneau = (await Creneau.select(Creneau.id).where(Creneau.dossier.is_null()).first())["id"]
    assert (await post(client, f"/gestion/demarches/{numero}/entretien", {"creneau": creneau})).status_code == 303
    regler(2026, 12, 10, 15)
    assert (await post(client, f"/gestion/demarches/{numero}/entretien/realise", {})).status_code == 303
