"""French HTML error pages carrying an error id; no trace ever reaches a user."""

from __future__ import annotations

import logging
import secrets
from urllib.parse import quote

from litestar import Request, Response
from litestar.exceptions import HTTPException, NotAuthorizedException
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from web.forms import TropDeValeurs

log = logging.getLogger("monespace.erreurs")

TITRES = {
    400: "Requête incorrecte",
    403: "Accès refusé",
    404: "Page introuvable",
    405: "Action impossible",
    413: "Envoi trop volumineux",
    429: "Trop de demandes",
    500: "Erreur du service",
    503: "Service momentanément indisponible",
}
MESSAGES = {
    400: "La demande n'a pas pu être comprise. Vérifiez les informations saisies.",
    403: "Vous n'avez pas accès à cette page ou à cette action.",
    404: "La page demandée n'existe pas ou n'est plus disponible.",
    405: "Cette action n'est pas possible sur cette page.",
    413: "Le fichier ou le formulaire envoyé dépasse la taille autorisée.",
    429: "Trop de demandes en peu de temps. Merci de patienter avant de réessayer.",
    500: "Une erreur inattendue s'est produite. Nos équipes en sont informées.",
    503: "Le service est momentanément indisponible. Merci de réessayer dans quelques instants.",
}


def login_url(path: str) -> str:
    base = "/gestion/connexion" if path.startswith("/gestion") else "/connexion"
    return f"{base}?next={quote(path)}"


def error_page(request: Request, status: int, erreur_id: str | None = None, message: str | None = None) -> Response:
    status = status if status in TITRES else (500 if status >= 500 else 400)
    return Template(
        template_name="erreur.html",
        context={"code": status, "titre": TITRES[status], "message": message or MESSAGES[status],
                 "erreur_id": erreur_id or secrets.token_hex(4).upper()},
        status_code=status,
    )


def handle_http(request: Request, exc: HTTPException) -> Response:
    if isinstance(exc, NotAuthorizedException):
        return Redirect(login_url(request.url.path), status_code=303)
    erreur_id = secrets.token_hex(4).upper()
    log.info("erreur %s %s %s: %s", erreur_id, exc.status_code, request.url.path, exc.detail)
    return error_page(request, exc.status_code, erreur_id, message=exc.message if isinstance(exc, TropDeValeurs)
                      else None)


def handle_unexpected(request: Request, exc: Exception) -> Response:
    erreur_id = secrets.token_hex(4).upper()
    if _is_bad_value(exc):  # e.g. /annonces/99999999999999999999: a number the database cannot hold
        log.info("erreur %s 400 %s: %r", erreur_id, request.url.path, exc)
        return error_page(request, 400, erreur_id)
    status = 503 if _is_database_down(exc) else HTTP_500_INTERNAL_SERVER_ERROR
    log.exception("erreur %s %s %s", erreur_id, status, request.url.path)
    return error_page(request, status, erreur_id)


def _is_bad_value(exc: Exception) -> bool:
    return isinstance(exc, OverflowError) or type(exc).__name__ in {
        "NumericValueOutOfRangeError", "InvalidTextRepresentationError", "DataError",
        "CharacterNotInRepertoireError", "UntranslatableCharacterError"}


def _is_database_down(exc: Exception) -> bool:
    names = {type(e).__name__ for e in (exc, exc.__cause__, exc.__context__) if e is not None}
    return bool(names & {"ConnectionRefusedError", "CannotConnectNowError", "ConnectionDoesNotExistError",
                         "InterfaceError", "TooManyConnectionsError", "OperationalError"})


EXCEPTION_HANDLERS = {HTTPException: handle_http, Exception: handle_unexpected}
