"""The buttons of every page that acts on an annonce are the actions its table allows that user in that
status, and nothing else: Gérer, the annonce form, the dashboard (rows and panel), Signalements."""

from __future__ import annotations

import re

from tables.alertes import Signalement
from tests.support import login, post
from tests.test_gestion_support import annonce, auteurs, connecter, utilisateur
from web.annonces import statuts

STATUTS = ["brouillon", "en_attente", "publiee", "depubliee", "refusee"]
# What a page shows for an action: Gérer's forms and links, the form's submit buttons.
GERER = {"pourvoir", "depublier", "republier", "supprimer", "prolonger"}


def _article(html: str, numero: int) -> str:
    return re.search(rf'<article[^>]*id="annonce-{numero}".*?</article>', html, re.S).group(0)


def _boutons_gerer(article: str, numero: int) -> set[str]:
    boutons = set(re.findall(rf'<form method="post" action="/annonces/{numero}/(\w+)"', article))
    if f'action="/annonces/{numero}/fin-publication"' in article:
        boutons.add("prolonger")
    if f'href="/annonces/{numero}/modifier"' in article:
        boutons.add("modifier")
    return boutons


async def test_gerer_shows_the_allowed_actions(client):
    isere, _ = await auteurs()
    auteur = await utilisateur("dr.durand")
    numeros = {s: await annonce(isere, s) for s in STATUTS}
    await login(client)
    html = (await client.get("/annonces/gerer")).text
    for statut, numero in numeros.items():
        permises = statuts.actions({"statut": statut, "auteur": isere, "departement": "38"}, auteur)
        attendu = (permises & GERER) | ({"modifier"} if permises & {"enregistrer", "transmettre"} else set())
        assert _boutons_gerer(_article(html, numero), numero) == attendu, statut
    assert _boutons_gerer(_article(html, numeros["publiee"]), numeros["publiee"]) == {
        "pourvoir", "depublier", "supprimer", "prolonger", "modifier"}  # one witness, written out


def _boutons_formulaire(html: str) -> set[str]:
    noms = {"brouillon": "enregistrer", "publier": "transmettre"}
    return {noms[v] for v in re.findall(r'<button type="submit" name="action" value="(\w+)"', html)}


async def test_the_form_shows_the_allowed_actions(client):
    isere, _ = await auteurs()
    auteur = await utilisateur("dr.durand")
    await login(client)
    assert _boutons_formulaire((await client.get("/annonces/deposer")).text) == {"enregistrer", "transmettre"}
    for statut in STATUTS:
        numero = await annonce(isere, statut)
        permises = statuts.actions({"statut": statut, "auteur": isere, "departement": "38"}, auteur)
        response = await client.get(f"/annonces/{numero}/modifier")
        if not permises & {"enregistrer", "transmettre"}:
            assert response.status_code == 403 and statut == "en_attente"
            refus = await post(client, f"/annonces/{numero}/modifier", {"action": "publier"})
            assert refus.status_code == 403
            continue
        assert _boutons_formulaire(response.text) == permises & {"enregistrer", "transmettre"}, statut


def _boutons_panneau(html: str) -> set[str]:
    return set(re.findall(r'\?confirmer=(accepter|refuser)&amp;version=', html))


async def test_the_dashboard_rows_and_panel_show_the_allowed_actions(client):
    isere, rhone = await auteurs()
    numeros = {(s, d): await annonce(p, s, departement=d, titre=f"{s} {d}") for s in STATUTS[1:]
               for p, d in ((isere, "38"), (rhone, "69"))}
    await connecter(client, "cd38")
    gestion = await utilisateur("cd38@demo.ordre.test")
    tableau = (await client.get("/gestion?mes=0")).text
    cochables = {int(n) for n in re.findall(r'name="lot" value="(\d+):', tableau)}
    for (statut, dep), numero in numeros.items():
        permises = statuts.actions({"statut": statut, "departement": dep}, gestion)
        assert (numero in cochables) == ("accepter" in permises), (statut, dep)
        panneau = (await client.get(f"/gestion/annonces/{numero}", headers={"hx-request": "true"})).text
        assert _boutons_panneau(panneau) == permises & {"accepter", "refuser"}, (statut, dep)
    assert cochables == {numeros[("en_attente", "38")]}  # one witness, written out


async def test_signalements_show_the_refusal_only_where_the_table_allows_it(client):
    isere, _ = await auteurs()
    gestion_ids = {}
    for statut in ("publiee", "en_attente", "depubliee", "refusee"):
        numero = await annonce(isere, statut, titre=f"Signalée {statut}")
        await Signalement.insert(Signalement(annonce=numero, auteur=None, motif="doublon", commentaire=""))
        gestion_ids[statut] = numero
    await connecter(client, "cd38")
    gestion = await utilisateur("cd38@demo.ordre.test")
    html = (await client.get("/gestion/signalements")).text
    for statut, numero in gestion_ids.items():
        sid = (await Signalement.select(Signalement.id).where(Signalement.annonce == numero).first())["id"]
        carte = re.search(rf'<article[^>]*aria-labelledby="signalement-{sid}".*?</article>', html, re.S).group(0)
        permises = statuts.actions({"statut": statut, "departement": "38"}, gestion)
        assert (f"/gestion/signalements/{sid}/refuse" in carte) == ("refuser" in permises), statut
        assert f"/gestion/signalements/{sid}/ecarte" in carte
