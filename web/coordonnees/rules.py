"""Coordonnées de correspondance: rows, affectation per usage, and who reads what (SPEC §2).

The Ordre e-mail receives every notification, so it can never be left empty; contact shown on
annonces is read live from the Annonces affectation, never copied.
"""

from __future__ import annotations

from tables.coordonnees import CHAMPS, USAGES, Affectation, Coordonnee
from web.coordonnees import changement

LIBELLES_USAGES = {"ordre": "Ordre", "rpps": "RPPS", "domicile": "Domicile", "annonces": "Annonces"}
ORDRE_OBLIGATOIRE = "L'e-mail de l'usage Ordre est obligatoire : toutes les notifications y sont envoyées."


class RefusCoordonnees(Exception):
    """A change that would break a rule; the message is shown to the user as is."""


async def lignes(praticien_id: int) -> list[dict]:
    return await Coordonnee.select(
        *Coordonnee.all_columns(), Coordonnee.commune.nom.as_alias("commune_nom")
    ).where(Coordonnee.praticien == praticien_id).order_by(Coordonnee.id)


def _texte(ligne: dict, champ: str) -> str:
    """A row's value for one field as the select shows it ("" when it holds none: an address needs its voie)."""
    if champ != "adresse":
        return ligne[champ]
    return " ".join(filter(None, (ligne["voie"], ligne["code_postal"], ligne["commune_nom"]))) if ligne["voie"] else ""


def choix(lignes: list[dict]) -> dict[str, list[dict]]:
    """The choices of the Affectation selects: per field, one choice per distinct value (two rows holding the
    same phone or address are one choice, which stands for both rows when one of them is assigned)."""
    resultat: dict[str, list[dict]] = {}
    for champ in CHAMPS:
        valeurs: dict[str, dict] = {}
        for ligne in lignes:
            if texte := _texte(ligne, champ):
                valeurs.setdefault(texte, {"id": ligne["id"], "texte": texte, "ids": []})["ids"].append(ligne["id"])
        resultat[champ] = list(valeurs.values())
    return resultat


async def affectations(praticien_id: int) -> dict[str, dict[str, int | None]]:
    rows = await Affectation.select().where(Affectation.praticien == praticien_id)
    found = {r["usage"]: {c: r[c] for c in CHAMPS} for r in rows}
    return {u: found.get(u, dict.fromkeys(CHAMPS)) for u in USAGES}


async def coordonnees_usage(praticien_id: int, usage: str) -> dict[str, str]:
    """The adresse, e-mail, mobile and fixe that apply for one usage ("" where none)."""
    row = await Affectation.select(
        Affectation.adresse.voie, Affectation.adresse.code_postal, Affectation.adresse.commune.nom,
        Affectation.email.email, Affectation.mobile.mobile, Affectation.fixe.fixe,
    ).where((Affectation.praticien == praticien_id) & (Affectation.usage == usage)).first()
    if row is None:
        return dict.fromkeys(CHAMPS, "")
    adresse = " ".join(filter(None, (row["adresse.voie"], row["adresse.code_postal"], row["adresse.commune.nom"])))
    return {"adresse": adresse, "email": row["email.email"] or "", "mobile": row["mobile.mobile"] or "",
            "fixe": row["fixe.fixe"] or ""}


async def email_ordre(praticien_id: int) -> str | None:
    return (await coordonnees_usage(praticien_id, "ordre"))["email"] or None


async def affecter(praticien_id: int, usage: str, valeurs: dict[str, int | None]) -> None:
    exists = await Affectation.exists().where(
        (Affectation.praticien == praticien_id) & (Affectation.usage == usage))
    if exists:
        await Affectation.update({getattr(Affectation, c): v for c, v in valeurs.items()}).where(
            (Affectation.praticien == praticien_id) & (Affectation.usage == usage))
    else:
        await Affectation.insert(Affectation(praticien=praticien_id, usage=usage, **valeurs))


async def ajouter(praticien_id: int, ligne: dict) -> int:
    rows = await Coordonnee.insert(Coordonnee(praticien=praticien_id, **ligne)).returning(Coordonnee.id)
    return rows[0]["id"]


async def modifier(praticien_id: int, compte_id: int, coordonnee_id: int, ligne: dict) -> list[int | None]:
    """Update a row; an affectation whose field is emptied is unset (Ordre e-mail excepted). A new e-mail on
    the Ordre row waits for its link (changement.py): the mails to relay are returned."""
    async with Coordonnee._meta.db.transaction():
        avant = await Coordonnee.select(Coordonnee.email).where(
            (Coordonnee.id == coordonnee_id) & (Coordonnee.praticien == praticien_id)).first()
        if avant is None:
            raise LookupError(coordonnee_id)
        current = await affectations(praticien_id)
        mails: list[int | None] = []
        if current["ordre"]["email"] == coordonnee_id and ligne["email"] and ligne["email"] != avant["email"]:
            mails = await changement.demander(praticien_id, compte_id, coordonnee_id, avant["email"],
                                               ligne["email"], modification=True)
            ligne = {**ligne, "email": avant["email"]}
        champ_ligne = {"adresse": "voie", "email": "email", "mobile": "mobile", "fixe": "fixe"}
        for usage, choix in current.items():
            vides = {c: None for c in CHAMPS if choix[c] == coordonnee_id and not ligne[champ_ligne[c]]}
            if usage == "ordre" and "email" in vides:
                raise RefusCoordonnees(ORDRE_OBLIGATOIRE)
            if vides:
                await affecter(praticien_id, usage, vides)
        await Coordonnee.update(ligne).where(Coordonnee.id == coordonnee_id)
    return mails


async def supprimer(praticien_id: int, coordonnee_id: int) -> None:
    async with Coordonnee._meta.db.transaction():
        current = await affectations(praticien_id)
        if current["ordre"]["email"] == coordonnee_id:
            raise RefusCoordonnees("Cette ligne porte l'e-mail de l'usage Ordre : affectez un autre e-mail "
                                   "à l'usage Ordre avant de la supprimer.")
        deleted = await Coordonnee.delete().where(
            (Coordonnee.id == coordonnee_id) & (Coordonnee.praticien == praticien_id)).returning(Coordonnee.id)
        if not deleted:
            raise LookupError(coordonnee_id)


async def affecter_tout(praticien_id: int, compte_id: int, choix: dict[str, dict[str, int | None]]
                        ) -> list[int | None]:
    """Save every usage at once, each choice checked to be one of the user's rows holding that field. Another
    address for the Ordre e-mail waits for its link (changement.py): the mails to relay are returned."""
    if not choix["ordre"]["email"]:
        raise RefusCoordonnees(ORDRE_OBLIGATOIRE)
    rows = {r["id"]: r for r in await lignes(praticien_id)}
    champ_ligne = {"adresse": "voie", "email": "email", "mobile": "mobile", "fixe": "fixe"}
    for valeurs in choix.values():
        for champ, cid in valeurs.items():
            if cid is not None and not (cid in rows and rows[cid][champ_ligne[champ]]):
                raise RefusCoordonnees("Choix de coordonnées invalide : rechargez la page et réessayez.")
    mails: list[int | None] = []
    async with Affectation._meta.db.transaction():
        actuel = (await affectations(praticien_id))["ordre"]["email"]
        ancien = rows[actuel]["email"] if actuel in rows else ""
        nouveau = rows[choix["ordre"]["email"]]["email"]
        if ancien and nouveau != ancien:
            mails = await changement.demander(praticien_id, compte_id, choix["ordre"]["email"], ancien, nouveau,
                                               modification=False)
            choix["ordre"] = {**choix["ordre"], "email": actuel}
        for usage, valeurs in choix.items():
            await affecter(praticien_id, usage, valeurs)
    return mails


async def _ligne_email(praticien_id: int, email: str) -> int:
    """The row holding this e-mail, added when none does."""
    existing = await Coordonnee.select(Coordonnee.id).where(
        (Coordonnee.praticien == praticien_id) & (Coordonnee.email == email)).first()
    return existing["id"] if existing else await ajouter(praticien_id, {"email": email})


async def ajouter_email_ordre(praticien_id: int, email: str) -> None:
    """At account confirmation: the proven e-mail joins the rows and becomes the Ordre one if none is."""
    cid = await _ligne_email(praticien_id, email)
    if not (await affectations(praticien_id))["ordre"]["email"]:
        await affecter(praticien_id, "ordre", {"email": cid})


async def affecter_email_rpps(praticien_id: int, email: str) -> None:
    """The council's desk sets the RPPS e-mail (web/certification/rpps.py): its row found or added."""
    await affecter(praticien_id, "rpps", {"email": await _ligne_email(praticien_id, email)})
