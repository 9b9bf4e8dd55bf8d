"""The footer's pages (accessibility statement, legal notice, personal data, contact): public, linked from every
page, with the content RGAA and the register require, and Contact naming the visitor's own council."""

from __future__ import annotations

import re

from tables.demo_territoires import charger_territoires
from tests.support import creer_compte, login, medecin
from web.informations.rgpd import registre


def _texte(html: str) -> str:
    corps = html.split('id="contenu"', 1)[1].split('<footer', 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", corps)).replace("&#39;", "'")


async def test_every_page_links_the_four_footer_pages(client):
    for url in ("/connexion", "/territoires", "/accessibilite"):
        pied = (await client.get(url)).text.split('<footer class="pied">', 1)[1]
        assert '<a href="/accessibilite">Accessibilité : partiellement conforme</a>' in pied
        for lien, nom in (("/mentions-legales", "Mentions légales"), ("/donnees-personnelles", "Données personnelles"),
                          ("/contact", "Contact")):
            assert f'<a href="{lien}">{nom}</a>' in pied


async def test_accessibility_statement_has_what_rgaa_requires(client):
    texte = _texte((await client.get("/accessibilite")).text)
    assert "MonEspace est partiellement conforme avec le référentiel général d'amélioration de l'accessibilité" in texte
    for titre in ("État de conformité", "Contenus non accessibles", "Non-conformités",
                  "Dérogations pour charge disproportionnée", "Établissement de cette déclaration d'accessibilité",
                  "Retour d'information et contact", "Voies de recours"):
        assert titre in texte, titre
    assert "Cette déclaration a été établie le 3 décembre 2026." in texte
    assert "Conseil national de l'Ordre des médecins" in texte
    assert "Défenseur des droits" in texte and "Libre réponse 71120, 75342 Paris CEDEX 07" in texte


async def test_legal_notice_names_the_publisher_and_the_cookies(client):
    texte = _texte((await client.get("/mentions-legales")).text)
    assert "Éditeur" in texte and "Conseil national de l'Ordre des médecins" in texte
    assert "Directeur de la publication" in texte and "Hébergement" in texte
    assert "ne dépose que deux cookies" in texte


async def test_personal_data_page_is_the_register_of_docs_rgpd(client):
    html = (await client.get("/donnees-personnelles")).text
    texte = _texte(html)
    r = registre()
    assert r.titre == "Données personnelles (RGPD)" and "<h1>Données personnelles (RGPD)</h1>" in html
    assert "<strong>Paramètres → Télécharger mes données</strong>" in html
    assert len(r.lignes) >= 10 and r.colonnes == ["Donnée", "Finalité", "Qui la voit", "Conservation"]
    # Each cell says its column (the table becomes stacked rows on a phone), the database table name is left out.
    cellule = '<td data-label="Conservation">30 minutes d\'inactivité, 12 heures au plus</td>'
    assert cellule in html.replace("&#39;", "'")
    assert "tentative_connexion" not in texte and "Tentatives de connexion échouées" in texte
    assert "12 mois après la fin de publication" in texte and "CNIL" in texte


async def test_contact_names_the_doctor_s_council(client):
    await charger_territoires()
    await medecin(departement="69")
    await login(client)
    texte = _texte((await client.get("/contact")).text)
    assert "Votre interlocuteur est le Conseil départemental du Rhône de l'Ordre des médecins." in texte
    assert "contact.cd69@demo.ordre.test" in texte and "Téléphone" in texte
    assert '<a href="/territoires/69">' in (await client.get("/contact")).text


async def test_contact_for_a_gestionnaire_is_its_perimeter_and_for_others_the_map(client):
    await charger_territoires()
    anonyme = _texte((await client.get("/contact")).text)
    assert "Trouver votre conseil départemental sur la carte des territoires" in anonyme
    assert "Une fois connecté à MonEspace" in anonyme and "@demo.ordre.test" not in anonyme
    await creer_compte("cd38@demo.ordre.test", role="gestionnaire", conseil="CD38")
    await login(client, "cd38@demo.ordre.test", url="/gestion/connexion")
    assert "Votre interlocuteur est le Conseil départemental de l'Isère" in _texte((await client.get("/contact")).text)
