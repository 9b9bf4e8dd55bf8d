"""CSRF: a double-submit token bound to the session, renewed when the session changes hands.

Litestar's own middleware accepts any token it ever signed, as long as the form repeats the cookie: a
pair obtained anonymously (or planted by a sibling sub-domain) kept working after login, and a token
holding non-ASCII bytes raised in `compare_digest` (a 500). Here a token is `random + HMAC(secret,
random | the session's csrf secret)` — the secret `rotate_session` puts in the session at login, none
when anonymous — so it is valid for one session only; login and logout send a fresh one. A token that
is not our 128 hex digits, whatever its bytes, is simply wrong: 403.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from litestar.connection import Request
from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.exceptions import PermissionDeniedException
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from litestar.utils.scope.state import ScopeState

SURS = {"GET", "HEAD", "OPTIONS"}
ENTETE = "x-csrftoken"
CHAMP = "_csrf_token"
_FORME = re.compile(r"[0-9a-f]{128}")


def lien(scope: Scope) -> str:
    """The secret of the current session ("" when anonymous): what a token is bound to."""
    session = scope.get("session")
    return session.get("csrf", "") if isinstance(session, dict) else ""


def csrf_middleware_factory(secret: str, cookie: str, secure: bool):
    cle = secret.encode()

    def signer(alea: str, lie: str) -> str:
        return hmac.new(cle, f"{alea}|{lie}".encode(), hashlib.sha256).hexdigest()

    def nouveau(lie: str) -> str:
        alea = secrets.token_hex(32)
        return alea + signer(alea, lie)

    def valide(jeton: object, lie: str) -> bool:
        return isinstance(jeton, str) and _FORME.fullmatch(jeton) is not None \
            and hmac.compare_digest(jeton[64:], signer(jeton[:64], lie))

    def poser(message: Message, jeton: str) -> None:
        MutableScopeHeaders.from_message(message).add("set-cookie", Cookie(
            key=cookie, value=jeton, path="/", secure=secure, httponly=True, samesite="lax").to_header(header=""))

    def factory(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http" or scope["route_handler"].opt.get("exclude_from_csrf"):
                await app(scope, receive, send)
                return
            request: Request = scope["litestar_app"].request_class(scope=scope, receive=receive)
            avant = lien(scope)
            recu = request.cookies.get(cookie)
            actuel = recu if valide(recu, avant) else None
            if request.method not in SURS:
                envoye = request.headers.get(ENTETE)
                if not envoye and request.content_type[0] in ("application/x-www-form-urlencoded",
                                                             "multipart/form-data"):
                    envoye = (await request.form()).get(CHAMP)
                if actuel is None or not isinstance(envoye, str) or not hmac.compare_digest(
                        envoye.encode("utf-8", "replace"), actuel.encode()):
                    raise PermissionDeniedException("CSRF token verification failed")
            jeton = actuel or nouveau(avant)
            ScopeState.from_scope(scope).csrf_token = jeton

            async def envoyer(message: Message) -> None:
                if message["type"] == "http.response.start":
                    if (apres := lien(scope)) != avant:  # logged in or out: the old token dies with the session
                        poser(message, nouveau(apres))
                    elif jeton != recu:
                        poser(message, jeton)
                await send(message)

            await app(scope, receive, envoyer)

        return middleware

    return factory
