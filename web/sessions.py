"""Server-side sessions kept in the database, never in per-process memory.

The stock backend adopts whatever session id the browser sends, so an id planted by an attacker
before login would survive it. This backend only ever reuses ids it issued itself, issues a
fresh one on `rotate_session` (at login) and writes nothing for anonymous visitors.
"""

from __future__ import annotations

import secrets
import time
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from typing import Any

from litestar.connection import ASGIConnection
from litestar.middleware.session.server_side import ServerSideSessionBackend, ServerSideSessionConfig
from litestar.stores.base import Store
from litestar.types import Empty, Message, ScopeSession

from tables.comptes import Cle
from tables.sql import fetch
from web.security import COMPTE_DE_SESSION, SESSION_ET_UTILISATEUR, garder_utilisateur_lu, nom_de_cookie

IDLE_SECONDS = 30 * 60
ABSOLUTE_SECONDS = 12 * 3600
# An unchanged session is written back (its idle timeout pushed to 30 minutes) at most once a minute,
# not on every request: the idle timeout is then exact to the minute, and a page costs no write.
RENEW_AFTER_SECONDS = 60
_READ: ContextVar[tuple[str, bytes, datetime | None] | None] = ContextVar("monespace_session_read", default=None)
_ROTATE = "monespace.rotate"
_NEW_ID = "monespace.new_session_id"


def _now() -> datetime:
    return datetime.now(UTC)


def _seconds(value: int | timedelta | None) -> int | None:
    return int(value.total_seconds()) if isinstance(value, timedelta) else value


class DatabaseStore(Store):
    """A Litestar store on the `cle` table: shared by every process, expiring by timestamp."""

    async def set(self, key: str, value: str | bytes, expires_in: int | timedelta | None = None) -> None:
        seconds = _seconds(expires_in)
        expire_le = _now() + timedelta(seconds=seconds) if seconds else None
        text = value.decode() if isinstance(value, bytes) else value
        await Cle.insert(Cle(cle=key, valeur=text, expire_le=expire_le)).on_conflict(
            target=Cle.cle, action="DO UPDATE", values=[Cle.valeur, Cle.expire_le]
        )

    async def get(self, key: str, renew_for: int | timedelta | None = None) -> bytes | None:
        _READ.set(None)
        garder_utilisateur_lu(None)
        rows = await fetch(SESSION_ET_UTILISATEUR[Cle._meta.db.engine_type], True, key)
        if not rows:
            return None
        row = rows[0]
        if row["expire_le"] is not None and row["expire_le"] <= _now():
            await self.delete(key)
            return None
        if seconds := _seconds(renew_for):
            await Cle.update({Cle.expire_le: _now() + timedelta(seconds=seconds)}).where(Cle.cle == key)
        _READ.set((key, row["valeur"].encode(), row["expire_le"]))
        garder_utilisateur_lu(row)
        return row["valeur"].encode()

    async def delete(self, key: str) -> None:
        await Cle.delete().where(Cle.cle == key)

    async def delete_all(self) -> None:
        await Cle.delete(force=True)

    async def exists(self, key: str) -> bool:
        return await self.get(key) is not None

    async def expires_in(self, key: str) -> int | None:
        row = await Cle.select(Cle.expire_le).where(Cle.cle == key).first()
        if row is None or row["expire_le"] is None:
            return None
        return int((row["expire_le"] - _now()).total_seconds())

    async def purge(self) -> int:
        """Drop expired rows (a scheduled job); returns how many went."""
        gone = await Cle.delete().where(Cle.expire_le < _now()).returning(Cle.cle)
        return len(gone)


def _inchangee(session_id: str, data: bytes) -> bool:
    """This request read the same data, renewed less than a minute ago."""
    read = _READ.get()
    return read is not None and read[0] == session_id and read[1] == data and read[2] is not None \
        and read[2] - _now() > timedelta(seconds=IDLE_SECONDS - RENEW_AFTER_SECONDS)


class SessionBackend(ServerSideSessionBackend):
    async def set(self, session_id: str, data: bytes, store: Store) -> None:
        if not _inchangee(session_id, data):
            await super().set(session_id, data, store)

    async def load_from_connection(self, connection: ASGIConnection) -> dict[str, Any]:
        data = await super().load_from_connection(connection)
        if data and time.time() - data.get("debut", 0) > ABSOLUTE_SECONDS:
            data = {}
        if not data:
            # Never adopt an id we did not issue (or one that expired): planted ids die here.
            connection.scope["state"][_ROTATE] = True
        return data

    def get_session_id(self, connection: ASGIConnection) -> str:
        state = connection.scope["state"]
        if state.get(_ROTATE):
            if _NEW_ID not in state:
                state[_NEW_ID] = self.generate_session_id()
            return state[_NEW_ID]
        return super().get_session_id(connection)

    async def store_in_message(
        self, scope_session: ScopeSession, message: Message, connection: ASGIConnection
    ) -> None:
        cookie_id = connection.cookies.get(self.config.key)
        cookie_id = None if cookie_id in (None, "", "null") else cookie_id
        if not scope_session and scope_session is not Empty:
            if cookie_id is None:
                return  # anonymous visitor: no row, no cookie
            scope_session = Empty
        rotation = connection.scope["state"].get(_ROTATE)
        if cookie_id and (scope_session is Empty or rotation):
            await self.delete(cookie_id, store=self.config.get_store_from_app(connection.scope["app"]))
        if scope_session is not Empty and not rotation and cookie_id and _inchangee(
                cookie_id, self.serialize_data(scope_session, connection.scope)):
            return  # no write, and no cookie: the one sent with the last write has the same expiry
        await super().store_in_message(scope_session, message, connection)


class SessionConfig(ServerSideSessionConfig):
    _backend_class = SessionBackend


def rotate_session(connection: ASGIConnection, data: dict[str, Any]) -> None:
    """Start a fresh session (new id, old one deleted) holding only `data`: used at login. Its own CSRF
    secret comes with it (web/csrf.py): tokens issued before no longer pass."""
    connection.scope["state"][_ROTATE] = True
    connection.scope["state"].pop(_NEW_ID, None)
    connection.set_session({**data, "debut": time.time(), "csrf": secrets.token_hex(16)})


# The JSON expression is one of two constants; the account id is bound.
_REVOQUER = {moteur: f"DELETE FROM cle AS k WHERE {compte} = {{}}"  # noqa: S608
             for moteur, compte in COMPTE_DE_SESSION.items()}


async def revoquer_sessions(compte_id: int) -> None:
    """End every session of an account, in every process (password reset or change, "Ce n'est pas moi").
    To keep the current one, `rotate_session` after this: it is issued afresh."""
    await Cle.raw(_REVOQUER[Cle._meta.db.engine_type], compte_id)


def session_config(secure: bool) -> SessionConfig:
    return SessionConfig(
        key=nom_de_cookie("monespace_session", secure), max_age=IDLE_SECONDS, secure=secure, httponly=True,
        samesite="lax",
    )
