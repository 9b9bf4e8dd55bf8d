"""Pages every user meets: Mon espace, services, inbox, French error pages, security headers."""

from __future__ import annotations

import html

from tables.comptes import Compte
from tables.messages import Message
from tests.support import login, medecin


async def test_mon_espace_lists_the_services_and_the_unbuilt_ones_say_so(client):
    await medecin()
    await login(client)
    page = (await client.get("/espace")).text
    for service in ("Abonnements", "Cotisations", "Message", "Annonces", "Entraide", "Paramètres"):
        assert f"<strong>{service}</strong>" in page
    assert "Mes coordonnées de correspondance" in page and "Voir mes démarches archivées" in page
    abonnements = await client.get("/espace/services/abonnements")
    assert "pas encore disponible en ligne" in abonnements.text
    assert (await client.get("/espace/services/inconnu")).status_code == 404
    assert 'href="/demarches/commencer/entraide"' in page  # a médecin asks the commission online


async def test_an_internes_entraide_tile_opens_the_service_page_not_a_demarche_he_cannot_start(client):
    await medecin("interne.durand", qualite="interne")
    await login(client, "interne.durand")
    page = (await client.get("/espace")).text
    assert 'href="/espace/services/entraide"' in page and "/demarches/commencer/entraide" not in page
    entraide = html.unescape((await client.get("/espace/services/entraide")).text)
    assert "numéro vert 0800 288 038" in entraide and "réservée aux médecins inscrits au Tableau" in entraide


async def test_inbox_shows_unread_count_and_marks_read(client):
    await medecin()
    await medecin("dr.autre", rpps="10101473782", email="autre@exemple.fr")
    moi = (await Compte.select(Compte.id).where(Compte.identifiant == "dr.durand").first())["id"]
    autre = (await Compte.select(Compte.id).where(Compte.identifiant == "dr.autre").first())["id"]
    texte = ("Bonjour,\nPubliée.\nVoir : http://127.0.0.1:8000/annonces/84.\n"
             "<b>Ailleurs</b> : https://exemple.fr/piege")
    [mid] = [r["id"] for r in await Message.insert(
        Message(compte=moi, sujet="Ordre des médecins - Annonce n°84 : publiée", texte=texte)
    ).returning(Message.id)]
    [theirs] = [r["id"] for r in await Message.insert(
        Message(compte=autre, sujet="Privé", texte="Secret")).returning(Message.id)]
    await login(client)
    inbox = (await client.get("/espace/messages")).text
    assert "Annonce n°84 : publiée" in inbox and "Non lu" in inbox
    assert '<span class="pastille">1' in inbox
    message = (await client.get(f"/espace/messages/{mid}")).text
    assert "<p>Publiée.</p>" in message
    # MonEspace's own addresses become links; anything else stays escaped text.
    assert '<p>Voir : <a href="/annonces/84">http://127.0.0.1:8000/annonces/84</a>.</p>' in message
    assert "<p>&lt;b&gt;Ailleurs&lt;/b&gt; : https://exemple.fr/piege</p>" in message
    assert "Non lu" not in (await client.get("/espace/messages")).text
    assert (await client.get(f"/espace/messages/{theirs}")).status_code == 404


async def test_error_pages_are_french_html_with_an_error_id(client):
    response = await client.get("/nimporte-quoi")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "Page introuvable" in response.text and "identifiant de l'erreur" in response.text
    assert "Traceback" not in response.text


async def test_unexpected_errors_never_show_a_trace(client, monkeypatch):
    from web.espace import fils

    async def boom(*_):
        raise RuntimeError("secret interne")

    await medecin()
    await login(client)
    monkeypatch.setattr(fils, "fils", boom)
    response = await client.get("/espace/messages")
    assert response.status_code == 500 and "Erreur du service" in response.text
    assert "secret interne" not in response.text and "RuntimeError" not in response.text


async def test_security_headers_on_every_response(client):
    for path in ("/connexion", "/nimporte-quoi", "/static/app.css"):
        response = await client.get(path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
        assert "strict-transport-security" not in response.headers  # http here; set under https


async def test_a_foreign_host_header_is_refused(client):
    response = await client.get("/connexion", headers={"host": "evil.example"})
    assert response.status_code == 400 and "Requête refusée" in response.text


async def test_htmx_requests_get_only_the_block_and_vary_on_it(client):
    full = await client.get("/identifiants-oublies")
    assert full.headers["vary"] == "HX-Request" and "<html" in full.text
    from tests.support import post

    partial = await post(client, "/identifiants-oublies", {"recherche": ""}, htmx=True)
    assert "<html" not in partial.text and "Ce champ est obligatoire." in partial.text


async def test_anonymous_visits_create_no_session(client):
    from tables.comptes import Cle

    response = await client.get("/connexion")
    assert "monespace_session" not in response.headers.get("set-cookie", "")
    assert await Cle.count() == 0
