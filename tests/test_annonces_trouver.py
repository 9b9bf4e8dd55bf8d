"""Trouver et consulter: filters, containment of lieux, overlap of périodes, opposite side, live contact."""

from __future__ import annotations

from datetime import date, timedelta

from tables import horloge
from tables.coordonnees import Affectation, Coordonnee
from tests.annonces_support import creer_annonce
from tests.support import login, medecin


async def test_only_published_and_current_annonces_are_found(client):
    auteur = await medecin()
    visible = await creer_annonce(auteur, titre="Visible")
    await creer_annonce(auteur, statut="en_attente", titre="En attente")
    await creer_annonce(auteur, statut="depubliee", titre="Dépubliée")
    await creer_annonce(auteur, titre="Expirée", fin=horloge.aujourdhui() - timedelta(days=1))
    await login(client)
    page = await client.get("/annonces")
    assert "1 annonce trouvée" in page.text and "Visible" in page.text
    for hidden in ("En attente", "Dépubliée", "Expirée"):
        assert hidden not in page.text
    assert (await client.get(f"/annonces/{visible}")).status_code == 200


async def test_search_by_place_finds_containing_and_contained_annonces(client):
    auteur = await medecin()
    await creer_annonce(auteur, lieux=("region:53",), titre="En Bretagne")
    await creer_annonce(auteur, lieux=("commune:35238",), titre="A Rennes")
    await creer_annonce(auteur, lieux=("commune:69123",), titre="A Lyon")
    await creer_annonce(auteur, lieux=("france",), titre="Partout")
    await login(client)
    rennes = (await client.get("/annonces?lieux=commune:35238")).text
    assert "En Bretagne" in rennes and "A Rennes" in rennes and "Partout" in rennes and "A Lyon" not in rennes
    bretagne = (await client.get("/annonces?lieux=region:53")).text
    assert "A Rennes" in bretagne and "A Lyon" not in bretagne
    both = (await client.get("/annonces?lieux=region:53&lieux=commune:69123")).text
    assert "4 annonces trouvées" in both


async def test_search_by_period_category_side_and_specialty(client):
    auteur = await medecin()
    await creer_annonce(auteur, titre="Ete", periodes=((date(2027, 7, 1), date(2027, 8, 31)),))
    await creer_annonce(auteur, titre="Hiver", periodes=((date(2027, 1, 1), date(2027, 2, 28)),),
                        categorie="collaboration", cote="demande", specialite="SM48")
    await login(client)
    ete = (await client.get("/annonces?du=2027-08-15")).text  # "à partir du" 15 août
    assert "Ete" in ete and "Hiver" not in ete
    assert "Hiver" in (await client.get("/annonces?categorie=collaboration")).text
    # I am a replacement ("demande"): I find those who look for someone ("offre")
    side = (await client.get("/annonces?cote=demande")).text
    assert "Ete" in side and "Hiver" not in side
    assert "Hiver" in (await client.get("/annonces?specialite=SM48")).text
    reversed_dates = await client.get("/annonces?du=2027-02-28&au=2027-01-01")
    assert reversed_dates.status_code == 200 and "Hiver" in reversed_dates.text


async def test_htmx_search_returns_only_the_results_block(client):
    auteur = await medecin()
    await creer_annonce(auteur)
    await login(client)
    response = await client.get("/annonces?categorie=remplacement", headers={"hx-request": "true"})
    assert response.headers["vary"] == "HX-Request"
    assert response.text.lstrip().startswith('<section id="resultats"')
    restore = await client.get("/annonces?categorie=remplacement",
                               headers={"hx-request": "true", "hx-history-restore-request": "true"})
    assert "<html" in restore.text


async def test_empty_state_suggests_widening(client):
    await medecin()
    await login(client)
    page = (await client.get("/annonces?categorie=succession")).text
    assert "Aucune annonce ne correspond à votre recherche." in page and "Élargissez-la" in page


async def test_detail_shows_the_live_annonces_contact(client):
    auteur = await medecin()
    numero = await creer_annonce(auteur)
    row = await Coordonnee.insert(Coordonnee(praticien=auteur, email="cabinet@exemple.fr", mobile="06 45 88 49 18")
                                  ).returning(Coordonnee.id)
    await Affectation.insert(Affectation(praticien=auteur, usage="annonces", email=row[0]["id"],
                                         mobile=row[0]["id"]))
    await login(client)
    page = (await client.get(f"/annonces/{numero}")).text
    assert "cabinet@exemple.fr" in page and "06 45 88 49 18" in page and "Fin de publication le" in page
    await Coordonnee.update({Coordonnee.email: "nouveau@exemple.fr"}).where(Coordonnee.id == row[0]["id"])
    assert "nouveau@exemple.fr" in (await client.get(f"/annonces/{numero}")).text


async def test_paging(client):
    auteur = await medecin()
    for n in range(23):
        await creer_annonce(auteur, titre=f"Annonce {n:02d}")
    await login(client)
    first = (await client.get("/annonces")).text
    assert "23 annonces trouvées" in first and "Page 1 sur 2" in first and "Annonce 22" in first
    second = (await client.get("/annonces?page=2")).text
    assert "Annonce 00" in second and "Annonce 22" not in second
    assert (await client.get("/annonces?page=1000000000")).status_code == 200


async def test_the_search_follows_every_change_of_an_annonce(client):
    """annonce_trouvable is rewritten by every transition: what Trouver finds is always what is online."""
    from datetime import UTC, datetime

    from tables.comptes import Compte
    from tests.support import creer_compte
    from web.annonces import statuts
    from web.annonces.recherche import Criteres, ids_correspondants
    from web.annonces.rules import ecrire_contenu
    from web.lieux.rules import lieux
    from web.security import Utilisateur

    pid = await medecin()
    compte = (await Compte.select(Compte.id).where(Compte.praticien == pid).first())["id"]
    auteur = Utilisateur(id=compte, role="medecin", identifiant="dr.durand", cree_le=datetime.now(UTC), praticien=pid,
                         departement="38")
    cnom = Utilisateur(id=await creer_compte("cnom@demo.ordre.test", role="national"), role="national",
                       identifiant="cnom", cree_le=datetime.now(UTC))
    numero = await creer_annonce(pid, statut="en_attente", lieux=("commune:38185",))
    isere, rhone = Criteres(lieux=await lieux(["departement:38"])), Criteres(lieux=await lieux(["departement:69"]))

    async def trouvee() -> tuple[bool, bool]:
        return numero in await ids_correspondants(isere), numero in await ids_correspondants(rhone)

    assert await trouvee() == (False, False)
    await statuts.appliquer(numero, "accepter", cnom)
    assert await trouvee() == (True, False)
    await statuts.appliquer(numero, "depublier", auteur)
    assert await trouvee() == (False, False)
    await statuts.appliquer(numero, "republier", auteur)
    assert await trouvee() == (True, False)
    # A content edit (here: moved to Lyon) takes it off line until the council checks it again.
    await ecrire_contenu(numero, {"titre": "Déplacée"}, await lieux(["commune:69123"]),
                         [(horloge.aujourdhui(), None)], [], [])
    await statuts.appliquer(numero, "transmettre", auteur)
    assert await trouvee() == (False, False)
    await statuts.appliquer(numero, "accepter", cnom)
    assert await trouvee() == (False, True)
    await statuts.appliquer(numero, "pourvoir", auteur)
    assert await trouvee() == (False, False)
