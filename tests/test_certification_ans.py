"""What goes to the ANS (SPEC_DEMARCHES §3.6) and the national imports (§3.5 ANS return, §3.3 third-party deposits):
the export's exact header and nothing else, logged; national only; every CSV checked before anything is written."""

from __future__ import annotations

from datetime import date

from tables.certification import ActionCertification, Carnet, EmailRpps, ExportAns
from tables.coordonnees import Coordonnee
from tests.support import creer_compte, creer_praticien, login, post
from tests.test_certification_rpps import adresse_rpps, conseil
from web.certification import rpps
from web.demo import rpps_avec_cle

ANS = "/gestion/certification/ans"
DURAND, MARTIN, PETIT = "10005170625", rpps_avec_cle("1000000001"), rpps_avec_cle("1000000002")


async def _confirmee(numero: str, nom: str, email: str) -> int:
    pid = await creer_praticien(rpps=numero, nom=nom, email=f"ordre.{email}")
    await Coordonnee.update({Coordonnee.mobile: "06 12 34 56 78", Coordonnee.voie: "1 rue de l'Ordre"}).where(
        Coordonnee.praticien == pid)
    await adresse_rpps(pid, email)
    await EmailRpps.insert(EmailRpps(praticien=pid, confirme=email))
    return pid


async def _televerser(client, chemin: str, contenu: bytes, nom: str = "fichier.csv"):
    await client.get("/connexion")
    jeton = client.cookies.get("monespace_csrf")
    return await client.post(f"{ANS}/{chemin}", data={"_csrf_token": jeton},
                             files=[("fichier", (nom, contenu, "text/csv"))])


async def test_the_export_holds_rpps_and_confirmed_rpps_email_only_and_is_logged(client):
    await _confirmee(DURAND, "DURAND", "durand.rpps@exemple.fr")
    await _confirmee(MARTIN, "MARTIN", "martin.rpps@exemple.fr")
    non_confirme = await creer_praticien(rpps=PETIT, nom="PETIT")
    await adresse_rpps(non_confirme, "petit@exemple.fr")
    await conseil(client, "cnom")
    assert "2 adresses confirmées à exporter" in (await client.get(ANS)).text
    response = await post(client, f"{ANS}/export")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    lignes = response.text.split("\n")
    assert lignes[0] == "rpps;courriel_rpps"
    assert lignes[1:] == sorted([f"{DURAND};durand.rpps@exemple.fr", f"{MARTIN};martin.rpps@exemple.fr"]) + [""]
    for absent in ("ordre.", "06 12", "rue", "petit@", "DURAND", "Camille"):
        assert absent not in response.text
    (log,) = await ExportAns.select()
    assert log["nombre"] == 2 and log["par"] is not None
    page = (await client.get(ANS)).text
    assert "cnom@demo.ordre.test" in page and "<td>2</td>" in page


async def test_a_reported_address_is_not_exported_until_confirmed_again(client):
    pid = await _confirmee(DURAND, "DURAND", "durand.rpps@exemple.fr")
    await rpps.noter(pid, signale="durand.rpps@exemple.fr", signale_motif="Adresse inconnue")
    await conseil(client, "cnom")
    assert (await post(client, f"{ANS}/export")).text == "rpps;courriel_rpps\n"
    assert (await ExportAns.select().first())["nombre"] == 0


async def test_national_only(client):
    await conseil(client, "cd38")
    assert (await client.get(ANS)).status_code in (403, 404)
    assert (await post(client, f"{ANS}/export")).status_code in (403, 404)
    assert await ExportAns.count() == 0


async def test_the_ans_return_reports_the_current_address(client):
    pid = await _confirmee(DURAND, "DURAND", "durand.rpps@exemple.fr")
    sans = await creer_praticien(rpps=MARTIN, nom="MARTIN")
    await conseil(client, "cnom")
    contenu = f"rpps;motif\r\n{DURAND};Boîte aux lettres inexistante\r\n{MARTIN};Aucune adresse\r\n\r\n"
    response = await _televerser(client, "retour", contenu.encode())
    assert response.status_code == 200 and "2 médecins signalés par l&#39;ANS." in response.text
    assert (await rpps.suivi(pid))["etat"] == "signalee"
    assert (await rpps.suivi(pid))["signale_motif"] == "Boîte aux lettres inexistante"
    assert (await rpps.suivi(sans))["etat"] == "absente"


async def test_a_bad_ans_return_is_refused_whole_with_its_reasons(client):
    await _confirmee(DURAND, "DURAND", "durand.rpps@exemple.fr")
    await conseil(client, "cnom")
    contenu = (f"rpps;motif\n{DURAND};Adresse inconnue\n12345;x\n{MARTIN};x\n{DURAND};encore\n"
               f"{DURAND};a;b\n").encode()
    response = await _televerser(client, "retour", contenu)
    assert response.status_code == 422 and "Aucune ligne n'est importée : 4 lignes refusées." in response.text
    for raison in ("Ligne 3 : le RPPS « 12345 » n&#39;est pas valide (11 chiffres).",
                   f"Ligne 4 : aucun médecin inscrit n&#39;a le RPPS {MARTIN}.",
                   f"Ligne 5 : le RPPS {DURAND} figure déjà ligne 2.",
                   "Ligne 6 : 2 champs attendus (rpps;motif), 3 trouvés."):
        assert raison in response.text
    assert (await EmailRpps.select().first())["signale"] == ""


async def test_files_refused_as_a_whole(client):
    await conseil(client, "cnom")
    cas = [(b"rpps,motif\n10005170625,x\n", "La première ligne du fichier doit être exactement « rpps;motif »."),
           ("rpps;motif\n10005170625;é".encode("latin-1"), "n&#39;est pas encodé en UTF-8"),
           (b"rpps;motif\n" + b"1" * (2 * 1024 * 1024), "dépasse 2 Mo"),
           (b"rpps;motif\n", "aucune ligne"), (b"rpps;motif\n\x00;x\n", "caractères invalides")]
    for contenu, raison in cas:
        response = await _televerser(client, "retour", contenu)
        assert response.status_code == 422 and raison in response.text, raison
    response = await post(client, f"{ANS}/retour", {})
    assert response.status_code == 422 and "Choisissez un fichier CSV." in response.text
    bom = await _televerser(client, "actions", "\ufeffrpps;bloc;code;intitule;organisme;debut\n".encode())
    assert "doit être exactement « rpps;bloc;code;intitule;organisme;debut;fin »" in bom.text


ACTIONS = "rpps;bloc;code;intitule;organisme;debut;fin\n"


async def test_third_party_actions_arrive_to_be_confirmed_and_do_not_count(client):
    pid = await creer_praticien(rpps=DURAND)  # Médecine générale, on the Tableau before 2023
    await conseil(client, "cnom")
    contenu = (ACTIONS + f"{DURAND};1;;Formation à l'échographie;Université Grenoble Alpes;02/03/2024;05/03/2024\n"
               f"{DURAND};2;;Groupe de pairs;Association des pairs;01/09/2024;\n").encode()
    response = await _televerser(client, "actions", contenu)
    assert response.status_code == 200 and "2 actions importées, à confirmer par les médecins." in response.text
    actions = await ActionCertification.select().order_by(ActionCertification.bloc)
    assert [(a["bloc"], a["statut"], a["source"]) for a in actions] == [(1, "a_confirmer", "organisme"),
                                                                      (2, "a_confirmer", "organisme")]
    assert actions[0]["debut"] == date(2024, 3, 2) and actions[0]["fin"] == date(2024, 3, 5)
    assert actions[1]["en_cours"] and actions[1]["fin"] is None
    carnet = await Carnet.select().where(Carnet.praticien == pid).first()
    assert actions[0]["carnet"] == carnet["id"] and (carnet["b1"], carnet["b2"], carnet["b3"], carnet["b4"]) == (
        0, 0, 0, 0)
    again = await _televerser(client, "actions", contenu)  # the same file twice: nothing doubled
    assert again.status_code == 422 and "Ligne 2 : cette action a déjà été importée pour ce médecin." in again.text
    assert await ActionCertification.count() == 2


async def test_bad_action_lines_refuse_the_whole_file(client):
    await creer_praticien(rpps=DURAND)
    await conseil(client, "cnom")
    lignes = [f"{DURAND};1;;Bonne;Organisme;02/03/2024;05/03/2024",
              f"{DURAND};5;;Bloc faux;Organisme;02/03/2024;",
              f"{DURAND};1;;Trop tôt;Organisme;02/03/2022;31/12/2022",
              f"{DURAND};1;;Date;Organisme;2024-03-02;",
              f"{DURAND};1;;;Organisme;02/03/2024;",
              f"{DURAND};1;;Sans organisme;;02/03/2024;",
              f"{DURAND};1;XX-99;Code inconnu;Organisme;02/03/2024;",
              f"{DURAND};1;;À l'envers;Organisme;05/03/2024;02/03/2024",
              f"{DURAND};1;;Bonne;Organisme;02/03/2024;05/03/2024"]
    response = await _televerser(client, "actions", (ACTIONS + "\n".join(lignes)).encode())
    assert response.status_code == 422 and "8 lignes refusées" in response.text
    for raison in ("Ligne 3 : le bloc doit être 1, 2, 3 ou 4.",
                   "Ligne 4 : Seules les actions réalisées depuis le 01/01/2023 sont comptabilisées.",
                   "Ligne 5 : la date de début doit s&#39;écrire jj/mm/aaaa.",
                   "Ligne 6 : l&#39;intitulé est obligatoire", "Ligne 7 : l&#39;organisme est obligatoire.",
                   "Ligne 8 : le code « XX-99 » n&#39;est pas une action",
                   "Ligne 9 : la date de fin précède la date de début.",
                   "Ligne 10 : la même action figure déjà ligne 2."):
        assert raison in response.text, raison
    assert await ActionCertification.count() == 0 and await Carnet.count() == 0


async def test_a_gestionnaire_cannot_import(client):
    await creer_compte("cd38@demo.ordre.test", role="gestionnaire", conseil="CD38")
    await login(client, "cd38@demo.ordre.test", url="/gestion/connexion")
    response = await _televerser(client, "actions", (ACTIONS + f"{DURAND};1;;x;y;02/03/2024;\n").encode())
    assert response.status_code in (403, 404) and await ActionCertification.count() == 0
