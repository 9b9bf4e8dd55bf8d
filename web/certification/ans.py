"""What goes to the ANS and the national CSV imports (SPEC_DEMARCHES §3.6, §3.5, §3.3).

The export holds `rpps;courriel_rpps` and nothing else: its query selects those two columns only, so no other
field of the Tableau or of Mes coordonnées can slip into the file. An import is checked whole before anything is
written (size, UTF-8, exact header, every line): one refused line and nothing is imported, so a corrected file
can be imported again entire without doubling what the first attempt would have written.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from litestar.datastructures import UploadFile

from tables import horloge
from tables.certification import ActionCertification, ExportAns
from tables.comptes import Praticien
from tables.coordonnees import Affectation
from web.auth.rules import rpps_valide
from web.certification import periode, rpps
from web.certification.referentiels import referentiel
from web.security import Utilisateur
from web.templating import date_fr

EN_TETE_EXPORT = ("rpps", "courriel_rpps")
EN_TETE_RETOUR = ("rpps", "motif")
EN_TETE_ACTIONS = ("rpps", "bloc", "code", "intitule", "organisme", "debut", "fin")
MAX_OCTETS = 2 * 1024 * 1024
MAX_LIGNES = 20_000
PAQUET = 500  # RPPS per look-up: well under any database's limit of bound values
_EXPORT = (f"SELECT p.rpps, {rpps.ADRESSE} AS courriel {rpps.JOINTURES}WHERE p.qualite = 'medecin' AND {rpps.BONNE} "
           "ORDER BY p.rpps")
_A_EXPORTER = f"SELECT COUNT(*) AS n {rpps.JOINTURES}WHERE p.qualite = 'medecin' AND {rpps.BONNE}"
DEPUIS_2023 = "Seules les actions réalisées depuis le 01/01/2023 sont comptabilisées."


class FichierRefuse(Exception):
    """The whole file is refused (size, encoding, header); the message is shown as is."""


@dataclass
class Bilan:
    """An import's report: how many lines were written, or why the file or some of its lines were refused."""

    acceptees: int = 0
    refus: list[str] = field(default_factory=list)
    erreur: str = ""


async def exporter(user: Utilisateur) -> str:
    """"Exporter pour l'ANS": the confirmed addresses the ANS has not reported, logged (who, when, how many)."""
    lignes = await Praticien.raw(_EXPORT)
    sortie = io.StringIO()
    ecrire = csv.writer(sortie, delimiter=";", lineterminator="\n")
    ecrire.writerow(EN_TETE_EXPORT)
    ecrire.writerows((r["rpps"], r["courriel"]) for r in lignes)
    await ExportAns.insert(ExportAns(par=user.id, nombre=len(lignes)))
    return sortie.getvalue()


async def a_exporter() -> int:
    return (await Praticien.raw(_A_EXPORTER))[0]["n"]


async def exports() -> list[dict]:
    """The last 50 exports, newest first."""
    return await ExportAns.select(ExportAns.le, ExportAns.nombre, ExportAns.par.identifiant.as_alias("par")
                                  ).order_by(ExportAns.le, ascending=False).limit(50)


async def lire(envoi: object, entete: tuple[str, ...]) -> list[tuple[int, list[str]]]:
    """The file's lines after its header, each with its line number in the file; FichierRefuse if the file as a
    whole is not what the page describes."""
    if not isinstance(envoi, UploadFile) or not envoi.filename:
        raise FichierRefuse("Choisissez un fichier CSV.")
    try:
        contenu = await envoi.read(MAX_OCTETS + 1)
    finally:
        await envoi.close()
    if len(contenu) > MAX_OCTETS:
        raise FichierRefuse("Le fichier dépasse 2 Mo : découpez-le en plusieurs fichiers.")
    try:
        texte = contenu.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FichierRefuse("Le fichier n'est pas encodé en UTF-8 : enregistrez-le au format « CSV UTF-8 ».") from exc
    if "\x00" in texte:
        raise FichierRefuse("Le fichier contient des caractères invalides : ce n'est pas un fichier CSV.")
    premiere, *suite = [ligne.rstrip("\r") for ligne in texte.split("\n")]
    attendue = ";".join(entete)
    if premiere != attendue:
        raise FichierRefuse(f"La première ligne du fichier doit être exactement « {attendue} ».")
    lignes = [(n, champs) for n, champs in enumerate(csv.reader(suite, delimiter=";"), start=2)
              if any(c.strip() for c in champs)]
    if not lignes:
        raise FichierRefuse("Le fichier ne contient aucune ligne après la ligne d'en-tête.")
    if len(lignes) > MAX_LIGNES:
        raise FichierRefuse(f"Le fichier compte plus de {MAX_LIGNES:,} lignes : découpez-le.".replace(",", " "))
    return lignes


async def _medecins(numeros: set[str]) -> dict[str, dict]:
    """The médecins of these RPPS (the well-formed ones), by RPPS."""
    valides = sorted(n for n in numeros if rpps_valide(n))
    trouves: dict[str, dict] = {}
    for i in range(0, len(valides), PAQUET):
        for r in await Praticien.select(Praticien.id, Praticien.rpps, Praticien.specialite, Praticien.inscrit_le
                                        ).where(Praticien.rpps.is_in(valides[i:i + PAQUET])
                                                & (Praticien.qualite == "medecin")):
            trouves[r["rpps"]] = r
    return trouves


def _refus_rpps(numero: str, connus: dict[str, dict]) -> str:
    if not rpps_valide(numero):
        return f"le RPPS « {numero[:20]} » n'est pas valide (11 chiffres)."
    return "" if numero in connus else f"aucun médecin inscrit n'a le RPPS {numero}."


def _champs(n: int, valeurs: list[str], entete: tuple[str, ...]) -> tuple[dict[str, str], str]:
    if len(valeurs) != len(entete):
        return {}, f"Ligne {n} : {len(entete)} champs attendus ({';'.join(entete)}), {len(valeurs)} trouvés."
    return dict(zip(entete, (v.strip() for v in valeurs), strict=True)), ""


async def importer_retour(envoi: object) -> Bilan:
    """"Importer le retour de l'ANS" (`rpps;motif`): each médecin's current RPPS e-mail is reported, with why."""
    try:
        lignes = await lire(envoi, EN_TETE_RETOUR)
    except FichierRefuse as exc:
        return Bilan(erreur=str(exc))
    connus = await _medecins({v[0].strip() for _, v in lignes})
    refus, motifs, vus = [], {}, {}
    for n, valeurs in lignes:
        champs, raison = _champs(n, valeurs, EN_TETE_RETOUR)
        numero = champs.get("rpps", "")
        if not raison and (raison := _refus_rpps(numero, connus)):
            raison = f"Ligne {n} : {raison}"
        elif not raison and numero in vus:
            raison = f"Ligne {n} : le RPPS {numero} figure déjà ligne {vus[numero]}."
        elif not raison and not champs["motif"]:
            raison = f"Ligne {n} : le motif est vide."
        elif not raison and len(champs["motif"]) > 500:
            raison = f"Ligne {n} : le motif dépasse 500 caractères."
        if raison:
            refus.append(raison)
            continue
        vus[numero] = n
        motifs[connus[numero]["id"]] = champs["motif"]
    if refus:
        return Bilan(refus=refus)
    adresses = await _adresses(list(motifs))
    async with ExportAns._meta.db.transaction():
        for pid, motif in motifs.items():
            await rpps.noter(pid, signale=adresses.get(pid, ""), signale_motif=motif, signale_le=horloge.maintenant())
    return Bilan(acceptees=len(motifs))


async def _adresses(ids: list[int]) -> dict[int, str]:
    """The current RPPS e-mail of these praticiens."""
    adresses: dict[int, str] = {}
    for i in range(0, len(ids), PAQUET):
        for r in await Affectation.select(Affectation.praticien, Affectation.email.email).where(
                (Affectation.usage == "rpps") & Affectation.praticien.is_in(ids[i:i + PAQUET])):
            adresses[r["praticien"]] = r["email.email"] or ""
    return adresses


def _jour(texte: str) -> date | None:
    try:
        return datetime.strptime(texte, "%d/%m/%Y").date()
    except ValueError:
        return None


def _action(c: dict[str, str], medecin: dict) -> tuple[dict, str]:
    """An action line's row, or why it is refused (the same rules as the doctor's form, SPEC_DEMARCHES §3.3)."""
    if c["bloc"] not in ("1", "2", "3", "4"):
        return {}, "le bloc doit être 1, 2, 3 ou 4."
    bloc = int(c["bloc"])
    ref = referentiel(medecin["specialite"])
    action = ref.action(c["code"]) if c["code"] else None
    if c["code"] and not (action and (action in ref.actions(bloc) or bloc in action.autres_blocs)):
        return {}, f"le code « {c['code'][:20]} » n'est pas une action du bloc {bloc} du référentiel du médecin."
    intitule = c["intitule"] or (action.libelle[:300] if action else "")
    debut, fin = _jour(c["debut"]), _jour(c["fin"]) if c["fin"] else None
    debut_periode, fin_periode = periode.periode(medecin["inscrit_le"])
    raison = next((texte for echec, texte in (
        (not intitule, "l'intitulé est obligatoire (ou le code d'une action du référentiel)."),
        (len(intitule) > 300, "l'intitulé dépasse 300 caractères."),
        (not c["organisme"], "l'organisme est obligatoire."),
        (len(c["organisme"]) > 200, "l'organisme dépasse 200 caractères."),
        (debut is None, "la date de début doit s'écrire jj/mm/aaaa."),
        (bool(c["fin"]) and fin is None, "la date de fin doit s'écrire jj/mm/aaaa (vide si l'action est en cours)."),
    ) if echec), "")
    if raison:
        return {}, raison
    fin_reelle = fin or horloge.aujourdhui()
    raison = next((texte for echec, texte in (
        (debut > horloge.aujourdhui(), "la date de début est dans le futur."),
        (fin is not None and fin < debut, "la date de fin précède la date de début."),
        (fin_reelle < periode.DEBUT_TRANSITOIRE, DEPUIS_2023),
        (fin_reelle < debut_periode or debut > fin_periode, "l'action est hors de la période de certification du "
         f"médecin (du {date_fr(debut_periode)} au {date_fr(fin_periode)})."),
    ) if echec), "")
    return ({} if raison else {"bloc": bloc, "code": c["code"], "intitule": intitule, "organisme": c["organisme"],
                               "debut": debut, "fin": fin, "en_cours": fin is None}), raison


class _Annule(Exception):
    """Rolls the import's transaction back: some line turned out to be already imported."""


async def importer_actions(envoi: object) -> Bilan:
    """"Importer des actions déposées par des tiers": each line an action "À confirmer" (source "organisme") in the
    médecin's current carnet. It counts only once the médecin confirms it, so the carnet's counts do not move."""
    try:
        lignes = await lire(envoi, EN_TETE_ACTIONS)
    except FichierRefuse as exc:
        return Bilan(erreur=str(exc))
    connus = await _medecins({v[0].strip() for _, v in lignes})
    refus, actions, vues = [], [], {}
    for n, valeurs in lignes:
        champs, raison = _champs(n, valeurs, EN_TETE_ACTIONS)
        if not raison and (raison := _refus_rpps(champs["rpps"], connus)):
            raison = f"Ligne {n} : {raison}"
        elif not raison:
            action, motif = _action(champs, connus[champs["rpps"]])
            cle = (champs["rpps"], *(str(v) for v in action.values()))
            raison = f"Ligne {n} : {motif}" if motif else (
                f"Ligne {n} : la même action figure déjà ligne {vues[cle]}." if cle in vues else "")
            vues.setdefault(cle, n)
        if raison:
            refus.append(raison)
        else:
            actions.append((n, connus[champs["rpps"]]["id"], action))
    if refus:
        return Bilan(refus=refus)
    try:
        async with ActionCertification._meta.db.transaction():
            for n, pid, action in actions:
                carnet = (await periode.ouvrir(pid))["id"]
                if await ActionCertification.exists().where(
                        (ActionCertification.carnet == carnet) & (ActionCertification.source == "organisme")
                        & (ActionCertification.bloc == action["bloc"]) & (ActionCertification.code == action["code"])
                        & (ActionCertification.intitule == action["intitule"])
                        & (ActionCertification.organisme == action["organisme"])
                        & (ActionCertification.debut == action["debut"])):
                    refus.append(f"Ligne {n} : cette action a déjà été importée pour ce médecin.")
                    continue
                await ActionCertification.insert(ActionCertification(carnet=carnet, statut="a_confirmer",
                                                                     source="organisme", **action))
            if refus:
                raise _Annule
    except _Annule:
        return Bilan(refus=refus)
    return Bilan(acceptees=len(actions))
