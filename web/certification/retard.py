"""The council's "En retard" list and the alerts (SPEC_DEMARCHES §3.4–3.5).

The pace is `periode.rythme`; over tens of thousands of carnets the list cannot call it row by row, so
`en_retard` writes the same rule in SQL on the kept counts (b1…b4): "late" is `validées < f × requis`
(for a whole number n, n < ceil(x) exactly when n < x, with x the same floating-point product as Python's),
or a required bloc still empty once 2 × écoulé ≥ durée. tests/test_certification_gestion.py holds the two
to the same verdict.

Alerts, by a gestionnaire or by the daily job ("à 3 ans puis tous les ans"), go to the doctor's Ordre e-mail
with a copy in "Message". Decision: no employer alerts — the decree allows them, but no employer contact
is held.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from piccolo.columns.combination import WhereRaw
from piccolo.engine.sqlite import SQLiteEngine, TransactionType
from piccolo.querystring import QueryString

from tables import horloge
from tables.certification import AlerteCertification, Carnet
from tables.comptes import Compte
from tables.sql import pli
from web.certification import periode
from web.coordonnees.rules import email_ordre
from web.forms import Form
from web.instruction import file as instruction
from web.instruction.file import Etat, File, Page
from web.mails import mail
from web.perimetre import dans_perimetre
from web.security import Utilisateur
from web.templating import date_fr

SUJET = "Ordre des médecins - Certification périodique : point d'étape"
ACCOMPAGNEMENT = ("Un accompagnement est possible : contactez votre Conseil départemental ou votre Conseil "
                  "National Professionnel (CNP).")
PREMIERE_ALERTE = 3  # years after the period began, then every year
LOT_JOB = 500


def _jours(a: str, b: str) -> str:
    """Days from date `b` to date `a`, as an integer, in the engine's dialect."""
    if Carnet._meta.db.engine_type == "postgres":
        return f"({a} - {b})"
    return f"CAST(julianday({a}) - julianday({b}) AS INTEGER)"


def en_retard(jour: date) -> WhereRaw:
    """`periode.rythme(carnet, jour).statut == "En retard"`, as a where-clause on carnet."""
    le_jour = "CAST({} AS DATE)" if Carnet._meta.db.engine_type == "postgres" else "{}"
    duree = f"({_jours('carnet.fin', 'carnet.debut')} + 1)"
    ecoule = _jours(le_jour, "carnet.debut")
    d = f"(CASE WHEN {ecoule} < 0 THEN 0 WHEN {ecoule} > {duree} THEN {duree} ELSE {ecoule} END)"
    exonere = "carnet.exoneration = 'confirmee'"
    p = periode.PAR_BLOC

    def compte(b: int) -> str:
        return f"(CASE WHEN carnet.b{b} > {p} THEN {p} ELSE carnet.b{b} END)"

    validees = f"({compte(1)} + {compte(2)} + {compte(4)} + CASE WHEN {exonere} THEN 0 ELSE {compte(3)} END)"
    requis = f"(CASE WHEN {exonere} THEN {3 * p} ELSE {4 * p} END)"
    vide = f"(carnet.b1 = 0 OR carnet.b2 = 0 OR carnet.b4 = 0 OR (carnet.b3 = 0 AND NOT ({exonere})))"
    sql = (f"({validees} < CAST({d} AS DOUBLE PRECISION) / {duree} * {requis} "
           f"OR ({vide} AND 2 * {d} >= {duree}))")
    return WhereRaw(sql, *[jour] * sql.count("{}"))


def en_cours(jour: date):
    """The period runs today: an ended one goes to "Contrôles à réaliser", not to this list."""
    return (Carnet.debut <= jour) & (Carnet.fin >= jour)


def _valider(form: Form) -> None:
    """A wrong filter is dropped (a URL typed by hand), never an error page."""
    if form["vide"] not in ("1", "2", "3", "4"):
        form.values["vide"] = ""
    if not (form["specialite"].startswith("SM") and form["specialite"][2:].isdigit()):
        form.values["specialite"] = ""


FILE = File(chemin="/gestion/certification", colonnes={"nom": "Nom", "rpps": "RPPS", "alerte": "Dernière alerte"},
            tri_par_defaut=("nom", "asc"), sens_initial={"alerte": "desc"}, textes=("specialite", "vide"),
            valider=_valider)
LIGNE = (Carnet.id, Carnet.praticien, Carnet.debut, Carnet.fin, Carnet.exoneration, Carnet.b1, Carnet.b2,
         Carnet.b3, Carnet.b4, Carnet.derniere_alerte, Carnet.praticien.nom.as_alias("nom"),
         Carnet.praticien.prenom.as_alias("prenom"), Carnet.praticien.rpps.as_alias("rpps"),
         Carnet.praticien.specialite.libelle.as_alias("specialite"))


def lire(params: Any) -> Etat:
    return instruction.lire(FILE, params)


def conditions(user: Utilisateur, f: Etat, jour: date) -> list:
    conds = [dans_perimetre(user, Carnet.departement), en_cours(jour), en_retard(jour)]
    v = f.valides()
    if "specialite" in v:
        conds.append(Carnet.praticien.specialite == v["specialite"])
    if "vide" in v:
        conds.append(getattr(Carnet, f"b{v['vide']}") == 0)
    return conds


def _ordre(f: Etat) -> tuple:
    if f.tri == "rpps":
        return (Carnet.praticien.rpps,)
    if f.tri == "alerte":
        return (Carnet.derniere_alerte, Carnet.id)
    nom, prenom = (QueryString(pli(c._meta.get_full_name(with_alias=False)))
                   for c in (Carnet.praticien.nom, Carnet.praticien.prenom))
    return nom, prenom, Carnet.id


async def page(user: Utilisateur, f: Etat) -> Page:
    """One page of the late carnets of the perimeter, and how many in all: filtered, counted, paged in SQL."""
    jour = horloge.aujourdhui()
    conds = conditions(user, f, jour)
    total = await Carnet.count().where(*conds)
    pages = instruction.pages(total, FILE.par_page)
    f.page = min(f.page, pages)
    query = Carnet.select(*LIGNE).where(*conds)
    for colonne in _ordre(f):
        query = query.order_by(colonne, ascending=f.sens == "asc")
    lignes = await query.limit(FILE.par_page).offset((f.page - 1) * FILE.par_page)
    for r in lignes:
        r.update(selectionnable=True, version=0, blocs="·".join(str(r[f"b{b}"]) for b in periode.BLOCS))
    return Page(lignes=lignes, total=total, a_traiter=total, pages=pages)


def _actions(n: int) -> str:
    return f"{n} action{'s' if n > 1 else ''}"


def corps(carnet: dict, jour: date) -> list[str]:
    """"… vous avez déclaré 2 actions sur 8 : …", bloc by bloc, then who can help."""
    r = periode.rythme(carnet, jour)
    exonere = periode.exonere(carnet)
    blocs = "; ".join(
        f"bloc {b} « {titre.rstrip('.')} » : " + ("exonéré" if exonere and b == 3 else _actions(carnet[f"b{b}"]))
        for b, titre in periode.BLOCS.items())
    return [f"Votre période de certification périodique court du {date_fr(carnet['debut'])} au "
            f"{date_fr(carnet['fin'])}. À ce jour, vous avez déclaré {_actions(r.validees)} sur {r.requis} : "
            f"{blocs}.",
            f"À ce stade de la période, {_actions(r.attendu)} sur {r.requis} seraient attendues, avec au moins "
            f"{periode.PAR_BLOC} actions dans chaque bloc.",
            ACCOMPAGNEMENT]


def transaction():
    """On SQLite, the write lock first (as web/machine.py): a concurrent alert waits instead of failing."""
    db = Carnet._meta.db
    return db.transaction(transaction_type=TransactionType.immediate) if isinstance(db, SQLiteEngine) \
        else db.transaction()


async def alerter(carnet: dict, jour: date, *, par: int | None = None, annee: int | None = None) -> bool:
    """E-mail the doctor, record the alert and the carnet's "Dernière alerte"; False without an Ordre e-mail
    (nothing recorded: the list keeps showing no alert)."""
    destinataire = await email_ordre(carnet["praticien"])
    if not destinataire:
        return False
    compte = await Compte.select(Compte.id).where(Compte.praticien == carnet["praticien"]).first()
    await mail("certification_alerte", destinataire=destinataire, sujet=SUJET, compte_id=compte and compte["id"],
               inbox=True, lien="/espace/certification", lignes=corps(carnet, jour),
               cle=f"certification-alerte:{carnet['id']}:{annee}" if annee else None)
    await AlerteCertification.insert(AlerteCertification(carnet=carnet["id"], annee=annee, par=par))
    await Carnet.update({Carnet.derniere_alerte: jour}).where(Carnet.id == carnet["id"])
    return True


def annees(debut: date, jour: date) -> int:
    """Whole years from `debut` to `jour`."""
    return jour.year - debut.year - ((jour.month, jour.day) < (debut.month, debut.day))


def _il_y_a(jour: date, ans: int) -> date:
    try:
        return jour.replace(year=jour.year - ans)
    except ValueError:  # 29 February
        return jour.replace(year=jour.year - ans, day=28)


async def alerter_en_retard(jour: date | None = None) -> int:
    """The daily job: each carnet "En retard" on `jour` whose period began 3 years ago or more gets one alert
    per anniversary year (`annee` ≥ 3), once — the job may run twice a day. Carnets are opened first for the
    médecins who never opened theirs (they are late too). Returns how many alerts were sent."""
    jour = jour or horloge.aujourdhui()
    await periode.ouvrir_tous()
    envoyees, apres = 0, 0
    while True:
        lot = await Carnet.select().where(
            en_cours(jour) & (Carnet.debut <= _il_y_a(jour, PREMIERE_ALERTE)) & en_retard(jour)
            & (Carnet.id > apres)).order_by(Carnet.id).limit(LOT_JOB)
        if not lot:
            return envoyees
        apres = lot[-1]["id"]
        deja = {(a["carnet"], a["annee"]) for a in await AlerteCertification.select(
            AlerteCertification.carnet, AlerteCertification.annee).where(
            AlerteCertification.carnet.is_in([c["id"] for c in lot]) & AlerteCertification.annee.is_not_null())}
        for carnet in lot:
            annee = annees(carnet["debut"], jour)
            if (carnet["id"], annee) in deja:
                continue
            async with transaction():
                envoyees += await alerter(carnet, jour, annee=annee)


class Bilan:
    """What a batch of alerts did: to whom, and whom it left aside and why."""

    def __init__(self) -> None:
        self.faits: list[str] = []
        self.ignores: list[tuple[str, str]] = []

    @property
    def phrase(self) -> str:
        n = len(self.faits)
        if not n:
            return "Aucune alerte envoyée."
        return f"{n} alerte{'s' if n > 1 else ''} envoyée{'s' if n > 1 else ''} : {', '.join(self.faits)}."


async def alerter_lot(user: Utilisateur, ids: list[int]) -> Bilan:
    """"Envoyer une alerte" to the ticked carnets (one or many); a carnet outside the perimeter → LookupError
    (the handler's 404); one no longer late, or without an Ordre e-mail, is left aside and said."""
    jour, bilan = horloge.aujourdhui(), Bilan()
    lignes = {r["id"]: r for r in await Carnet.select(*LIGNE).where(
        dans_perimetre(user, Carnet.departement) & Carnet.id.is_in(ids))} if ids else {}
    if set(ids) - set(lignes):
        raise LookupError(set(ids) - set(lignes))
    for carnet_id in ids:
        carnet = lignes[carnet_id]
        qui = f"{carnet['prenom']} {carnet['nom']}"
        if periode.rythme(carnet, jour).statut != "En retard" or not carnet["debut"] <= jour <= carnet["fin"]:
            bilan.ignores.append((qui, "n'est plus en retard"))
            continue
        async with transaction():
            if await alerter(carnet, jour, par=user.id):
                bilan.faits.append(qui)
            else:
                bilan.ignores.append((qui, "pas d'adresse e-mail de l'Ordre"))
    return bilan
