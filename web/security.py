"""Who is asking (the user loaded from the session), role guards, and the headers every response gets."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from tables.comptes import ROLES_ORDRE, ROLES_PRATICIEN
from tables.sql import fetch

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)


# Routes that serve the same thing to everyone (reference data, static files): public, and left out of the
# session middleware (no database read) and the CSRF one (no token cookie to set).
SANS_SESSION = {"public": True, "skip_session": True, "exclude_from_csrf": True}


@dataclass(frozen=True)
class Utilisateur:
    id: int
    role: str
    identifiant: str
    cree_le: datetime
    praticien: int | None = None
    nom: str = ""
    prenom: str = ""
    rpps: str = ""
    departement: str | None = None
    conseil: str | None = None
    non_lus: int = 0
    choix_contact_annonces: str = ""  # "" until the first visit to Annonces asks
    habilitations: tuple[str, ...] = ()  # a named national's, e.g. ("entraide",) (SPEC_DEMARCHES §4.7)

    @property
    def est_praticien(self) -> bool:
        return self.role in ROLES_PRATICIEN

    @property
    def est_ordre(self) -> bool:
        return self.role in ROLES_ORDRE

    @property
    def perimetre(self) -> str | None:
        """The département a gestionnaire acts in; None for the national role (all of France)."""
        return self.departement if self.role == "gestionnaire" else None


# Read on every request with the session, in the same statement (web/sessions.py): written once, not
# rebuilt by the ORM each time, the unread count included. A praticien's département is
# praticien.departement, a council's is conseil.departement.
_COLONNES = (
    "c.id, c.role, c.identifiant, c.cree_le, c.choix_contact_annonces, c.habilitations, p.id AS praticien, "
    "p.nom, p.prenom, p.rpps, p.departement AS dep_praticien, c.conseil, co.departement AS dep_conseil, "
    "(SELECT COUNT(*) FROM message m WHERE m.compte = c.id AND m.lu_le IS NULL) AS non_lus"
)
_JOINTURES = "LEFT JOIN praticien p ON p.id = c.praticien LEFT JOIN conseil co ON co.code = c.conseil"
# The session's compte_id, read from its JSON by each database.
COMPTE_DE_SESSION = {"postgres": "(k.valeur::json ->> 'compte_id')::integer",
                      "sqlite": "json_extract(k.valeur, '$.compte_id')"}
# One statement fewer per logged-in request: the user's own query took 6.6 ms here (bench/lisibilite.py).
_LU_AVEC_SESSION: ContextVar[dict | None] = ContextVar("monespace_utilisateur_lu", default=None)


# By database: the session row `k` of a key, and its active compte's columns (NULL when none).
SESSION_ET_UTILISATEUR = {
    moteur: f"SELECT k.valeur, k.expire_le, {_COLONNES} FROM cle k LEFT JOIN compte c ON c.id = {compte} "
            f"AND c.actif = {{}} {_JOINTURES} WHERE k.cle = {{}}"
    for moteur, compte in COMPTE_DE_SESSION.items()
}
_UTILISATEUR = f"SELECT {_COLONNES} FROM compte c {_JOINTURES} WHERE c.id = {{}} AND c.actif = {{}}"


def garder_utilisateur_lu(row: dict | None) -> None:
    """Called by the session store: the user middleware then needs no query of its own."""
    _LU_AVEC_SESSION.set(row if row is not None and row["id"] is not None else None)


def _utilisateur(row: dict) -> Utilisateur:
    return Utilisateur(non_lus=row["non_lus"],
        id=row["id"], role=row["role"], identifiant=row["identifiant"], cree_le=row["cree_le"],
        praticien=row["praticien"], nom=row["nom"] or "", prenom=row["prenom"] or "",
        rpps=row["rpps"] or "", conseil=row["conseil"],
        departement=row["dep_praticien"] or row["dep_conseil"], choix_contact_annonces=row["choix_contact_annonces"],
        habilitations=tuple(h for h in (row["habilitations"] or "").split(",") if h),
    )


async def charger_utilisateur(compte_id: int) -> Utilisateur | None:
    rows = await fetch(_UTILISATEUR, compte_id, True)
    return _utilisateur(rows[0]) if rows else None


def user_middleware(app: ASGIApp) -> ASGIApp:
    """Put the logged-in Utilisateur (or None) in scope["user"], after the session middleware."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            compte_id = (scope.get("session") or {}).get("compte_id")
            lu = _LU_AVEC_SESSION.get()
            if not compte_id:
                scope["user"] = None
            elif lu is not None and lu["id"] == compte_id:
                scope["user"] = _utilisateur(lu)
            else:
                scope["user"] = await charger_utilisateur(compte_id)
        await app(scope, receive, send)

    return middleware


def hosts_middleware_factory(allowed: list[str]) -> Callable[[ASGIApp], ASGIApp]:
    """Refuse a foreign Host header (any port): links in e-mails and redirects are built from it."""
    names = set(allowed)
    body = "<!doctype html><html lang=\"fr\"><title>Requête refusée</title><h1>Requête refusée</h1>" \
           "<p>Cette adresse ne correspond pas au service MonEspace.</p></html>".encode()

    def factory(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http":
                host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
                if host.rsplit(":", 1)[0].strip("[]") not in names:
                    await send({"type": "http.response.start", "status": 400, "headers": [
                        (b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
                    await send({"type": "http.response.body", "body": body})
                    return
            await app(scope, receive, send)

        return middleware

    return factory


def nom_de_cookie(nom: str, https: bool) -> str:
    """Under https, `__Host-`: browsers keep such a cookie only if Secure, Path=/ and without Domain, so no
    sibling sub-domain can plant or overwrite it."""
    return f"__Host-{nom}" if https else nom


def security_headers(https: bool) -> Callable[[Message, Scope], Awaitable[None]]:
    """A `before_send` hook: it sees every response, including 404s that match no route. Headers a
    response set itself win; the defaults are encoded once."""
    defaults = [
        ("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"), ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ]
    if https:
        defaults.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    encodes = [(nom.lower().encode("latin-1"), valeur.encode("latin-1")) for nom, valeur in defaults]
    no_store = (b"cache-control", b"no-store")

    async def hook(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = [h for h in message.get("headers") or [] if h[0].lower() != b"server"]  # no banner
        presents = {nom.lower() for nom, _ in headers}
        headers += [h for h in encodes if h[0] not in presents]
        if b"cache-control" not in presents and not scope["path"].startswith("/static/"):
            headers.append(no_store)
        message["headers"] = headers

    return hook


def _user(connection: ASGIConnection) -> Utilisateur | None:
    return connection.scope.get("user")


def role_guard(*roles: str) -> Callable[[ASGIConnection, BaseRouteHandler], Awaitable[None]]:
    """A guard: anonymous users are sent to log in, other roles are refused (403). Async because
    Litestar runs a sync guard in a worker thread, a thread hop on every request."""

    async def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        user = _user(connection)
        if user is None:
            raise NotAuthorizedException("Veuillez vous connecter.")
        if user.role not in roles:
            raise PermissionDeniedException("Cette page ne vous est pas accessible.")

    guard.roles = roles  # read by the authorisation matrix tests
    return guard


praticien_guard = role_guard(*ROLES_PRATICIEN)
ordre_guard = role_guard(*ROLES_ORDRE)
