"""Territoires (SPEC_DEMARCHES §5, story 12): every département's public page, what a visitor sees logged in or
not, the council's editing of "Venir exercer" (perimeter, preview, history, escaping) and the demo content."""

from __future__ import annotations

import re
from datetime import date, timedelta

from tables import horloge
from tables.demo_territoires import charger_territoires
from tables.territoires import ConseilContact, Seance, TerritoireModification, TerritoireSection
from tests.annonces_support import creer_annonce
from tests.support import creer_compte, login, medecin, post

# The 101 départements: 01 to 95 with Corsica as 2A and 2B, and the five overseas.
CODES = sorted([f"{i:02d}" for i in range(1, 96) if i != 20] + ["2A", "2B", "971", "972", "973", "974", "976"])
SECTIONS_VIDES = {s: "" for s in ("logement", "familles", "telemedecine", "dispositifs", "aides", "contacts")}


def _texte(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split('id="contenu"', 1)[1])).replace("&#39;", "'")


async def _gestionnaires() -> None:
    await creer_compte("cd38@demo.ordre.test", role="gestionnaire", conseil="CD38")
    await creer_compte("cd69@demo.ordre.test", role="gestionnaire", conseil="CD69")
    await creer_compte("cnom@demo.ordre.test", role="national")


async def test_every_departement_page_renders_overseas_and_corsica_included(client):
    carte = (await client.get("/territoires")).text
    liens = re.findall(r'<td><a href="/territoires/([0-9AB]+)">', carte)
    assert sorted(liens) == CODES
    for code in liens:
        page = await client.get(f"/territoires/{code}")
        texte = _texte(page.text)
        assert page.status_code == 200, code
        assert "Conseil départemental " in texte and "de l'Ordre des médecins" in texte, code
        assert "Venir exercer " in texte and "Démarches auprès de ce conseil" in texte, code
        assert "Connectez-vous pour consulter les annonces" in texte, code
    guyane = _texte((await client.get("/territoires/973")).text)
    assert "Conseil départemental de la Guyane de l'Ordre des médecins" in guyane
    assert "Venir exercer en Guyane" in guyane
    assert "Venir exercer dans le Rhône" in _texte((await client.get("/territoires/69")).text)
    assert "Venir exercer à La Réunion" in _texte((await client.get("/territoires/974")).text)
    assert "Venir exercer en Corse-du-Sud" in _texte((await client.get("/territoires/2A")).text)


async def test_unknown_departement_is_a_french_404(client):
    for code in ("99", "20", "xx", "3800"):
        page = await client.get(f"/territoires/{code}")
        assert page.status_code == 404 and "Page introuvable" in page.text


async def test_convention_note_and_map_link_each_departement(client):
    texte = _texte((await client.get("/territoires")).text)
    assert "30 octobre 2025" in texte and "échelon stratégique des politiques de santé" in texte
    assert "Départements de France" in texte


async def test_anonymous_sees_contact_seances_sections_but_not_the_annonces(client):
    pid = await medecin()
    await creer_annonce(pid, lieux=("departement:38",))
    await charger_territoires()
    aujourdhui = horloge.aujourdhui()
    await Seance.delete(force=True)
    await Seance.insert(Seance(conseil="CD38", date=aujourdhui - timedelta(days=1), lieu="Passée"),
                        Seance(conseil="CD38", date=aujourdhui + timedelta(days=30), lieu="Salle du conseil"),
                        Seance(conseil="CD69", date=aujourdhui + timedelta(days=3), lieu="Lyon"))
    texte = _texte((await client.get("/territoires/38")).text)
    assert "Conseil départemental de l'Isère de l'Ordre des médecins" in texte
    assert "16 rue de la Démonstration" in texte and "Coordonnées de démonstration" in texte
    assert "Du lundi au vendredi" in texte and "contact.cd38@demo.ordre.test" in texte
    assert f"{(aujourdhui + timedelta(days=30)):%d/%m/%Y} – Salle du conseil" in texte
    assert "Passée" not in texte and "Lyon" not in texte
    assert "Venir exercer en Isère" in texte and "Logement" in texte and "Accueil des familles" in texte
    assert "Informations fournies par le Département de l'Isère, mises à jour le 02/11/2026" in texte
    assert "Démonstration" in texte
    assert "Connectez-vous pour consulter les annonces" in texte and "annonce publiée" not in texte
    assert "/annonces?lieux=departement:38" not in texte
    # The démarches are not built yet: said, and no dead link.
    page = (await client.get("/territoires/38")).text
    demarches = page.split('id="demarches"')[1].split("</section>")[0]
    assert "bientôt disponible" in demarches and "href=\"/" not in demarches


async def test_logged_in_doctor_sees_the_count_and_a_link_to_trouver_prefilled(client):
    pid = await medecin()
    await creer_annonce(pid, lieux=("departement:38",))
    await creer_annonce(pid, lieux=("commune:38185",))
    await creer_annonce(pid, lieux=("commune:69123",))
    await login(client)
    page = (await client.get("/territoires/38")).text
    assert "2 annonces publiées en Isère" in _texte(page)
    lien = re.search(r'href="(/annonces\?lieux=departement:38)"', page).group(1)
    trouver = await client.get(lien)
    assert trouver.status_code == 200 and "Isère (38)" in trouver.text
    assert "Connectez-vous" not in page
    carte = (await client.get("/territoires")).text
    assert 'aria-label="Isère (38) : 2 annonces"' in carte


async def test_empty_sections_are_hidden(client):
    await TerritoireSection.insert(TerritoireSection(departement="23", section="logement", texte="Studios à Guéret",
                                                     mis_a_jour_le=date(2026, 11, 2)))
    texte = _texte((await client.get("/territoires/23")).text)
    assert "Studios à Guéret" in texte and "Logement" in texte
    assert "Télémédecine territoriale" not in texte and "Aides à l'installation" not in texte
    assert "n'a pas encore transmis" in _texte((await client.get("/territoires/19")).text)


async def test_the_council_edits_with_preview_history_and_a_dated_source_line(client):
    await _gestionnaires()
    await login(client, "cd38@demo.ordre.test", url="/gestion/connexion")
    redirige = await client.get("/gestion/territoires", follow_redirects=False)
    assert redirige.headers["location"] == "/gestion/territoires/38"
    page = (await client.get("/gestion/territoires/38")).text
    assert "Venir exercer en Isère" in page and 'name="version_logement" value="0"' in page
    texte = "Logements meublés près de l'hôpital.\nVoir https://www.isere.fr/logement <script>alert(1)</script>"
    # Preview: nothing saved, shown as the page will show it (htmx: the block alone; plain: the whole page).
    apercu = await post(client, "/gestion/territoires/38/apercu", {**SECTIONS_VIDES, "logement": texte}, htmx=True)
    assert apercu.status_code == 200 and 'id="apercu"' in apercu.text and "<form" not in apercu.text
    assert '<a href="https://www.isere.fr/logement" rel="noopener noreferrer">' in apercu.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in apercu.text and "<script>alert" not in apercu.text
    assert f"mises à jour le {horloge.aujourdhui():%d/%m/%Y}" in apercu.text
    sans_js = await post(client, "/gestion/territoires/38/apercu", {**SECTIONS_VIDES, "logement": texte,
                                                                    "version_logement": "0"})
    assert "<form" in sans_js.text and "Aperçu" in sans_js.text and "alert(1)&lt;/script&gt;</textarea>" in sans_js.text
    assert await TerritoireSection.count() == 0
    # Save.
    enregistre = await post(client, "/gestion/territoires/38", {**SECTIONS_VIDES, "logement": texte,
                                                               "version_logement": "0"})
    assert enregistre.status_code == 303
    assert "Les informations sont enregistrées" in (await client.get(enregistre.headers["location"])).text
    public = (await client.get("/territoires/38")).text
    assert "Logements meublés près de l&#39;hôpital." in public and "&lt;script&gt;" in public
    assert "<script>alert" not in public
    assert f"Informations fournies par le Département de l&#39;Isère, mises à jour le {horloge.aujourdhui():%d/%m/%Y}" \
        in public
    # A second change: the history keeps both, newest first, who, when, before/after.
    await post(client, "/gestion/territoires/38", {**SECTIONS_VIDES, "logement": "Nouveau texte",
                                                   "version_logement": "1", "aides": "Prime", "version_aides": "0"})
    historique = await TerritoireModification.select().order_by(TerritoireModification.id)
    assert [(h["section"], h["avant"], h["apres"], h["par_libelle"]) for h in historique] == [
        ("logement", "", texte, "cd38@demo.ordre.test"), ("logement", texte, "Nouveau texte", "cd38@demo.ordre.test"),
        ("aides", "", "Prime", "cd38@demo.ordre.test")]
    page = (await client.get("/gestion/territoires/38")).text
    tableau = page.split("id=\"titre-historique\"")[1]
    assert "cd38@demo.ordre.test" in tableau and "Nouveau texte" in tableau and "&lt;script&gt;" in tableau
    assert "<script>alert" not in page


async def test_a_stale_version_conflicts_and_keeps_what_was_typed(client):
    await _gestionnaires()
    await login(client, "cd38@demo.ordre.test", url="/gestion/connexion")
    await post(client, "/gestion/territoires/38", {**SECTIONS_VIDES, "logement": "Premier", "version_logement": "0"})
    conflit = await post(client, "/gestion/territoires/38", {**SECTIONS_VIDES, "logement": "Second",
                                                            "version_logement": "0"})
    assert conflit.status_code == 422 and "vient d&#39;être modifiée" in conflit.text
    assert ">Second</textarea>" in conflit.text
    trop = await post(client, "/gestion/territoires/38", {**SECTIONS_VIDES, "logement": "x" * 4001,
                                                         "version_logement": "1"})
    assert trop.status_code == 422 and "ne doit pas dépasser" in trop.text
    assert [r["texte"] for r in await TerritoireSection.select(TerritoireSection.texte)] == ["Premier"]


async def test_editing_is_refused_outside_the_perimeter_and_for_doctors(client):
    await _gestionnaires()
    await medecin()
    data = {**SECTIONS_VIDES, "logement": "Intrus", "version_logement": "0"}
    await login(client, "cd69@demo.ordre.test", url="/gestion/connexion")
    for reponse in (await client.get("/gestion/territoires/38"), await post(client, "/gestion/territoires/38", data),
                    await post(client, "/gestion/territoires/38/apercu", data)):
        assert reponse.status_code == 403 and "Accès refusé" in reponse.text
    assert "Modifier" not in _texte((await client.get("/territoires/38")).text)
    assert (await client.get("/gestion/territoires/99")).status_code == 404
    client.cookies.clear()
    await login(client)
    assert (await client.get("/gestion/territoires/38", follow_redirects=False)).status_code == 403
    assert (await post(client, "/gestion/territoires/38", data)).status_code == 403
    assert await TerritoireSection.count() == 0 and await TerritoireModification.count() == 0
    # The national role edits any département, and lists them all.
    client.cookies.clear()
    await login(client, "cnom@demo.ordre.test", url="/gestion/connexion")
    assert (await client.get("/gestion/territoires")).text.count('href="/gestion/territoires/') == 101
    assert (await post(client, "/gestion/territoires/973", {**SECTIONS_VIDES, "contacts": "Cayenne",
                                                           "version_contacts": "0"})).status_code == 303
    assert "Cayenne" in (await client.get("/territoires/973")).text


async def test_demo_territories_are_loaded_once_and_marked(client):
    assert await charger_territoires() is True
    assert await charger_territoires() is False
    assert await ConseilContact.count() == 101 and await ConseilContact.count().where(
        ConseilContact.demonstration == False) == 0  # noqa: E712
    for code, nom in (("38", "en Isère"), ("69", "dans le Rhône"), ("23", "en Creuse"), ("973", "en Guyane")):
        texte = _texte((await client.get(f"/territoires/{code}")).text)
        assert f"Venir exercer {nom}" in texte and "Contenu de démonstration" in texte, code
        assert "mises à jour le 02/11/2026" in texte, code
