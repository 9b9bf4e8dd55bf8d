"""Static files under names that carry their content's hash (app.3f9c1e2a7b40.css), cached for a year.

A new version of a file is a new name, so browsers and proxies may keep every version forever
(`immutable`: not even a revalidation on reload). Files are read and gzipped once, at start, not at
every request. The plain name (/static/app.css) still answers, revalidated each time (ETag), for a page
or an e-mail that kept it. The embedded default, where files get edited, notices a changed file.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import os
import time
from dataclasses import dataclass
from pathlib import Path

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException

from config import ROOT, settings
from web.security import SANS_SESSION

DOSSIER = ROOT / "static"
SERVIS = {".css", ".js", ".svg", ".png", ".ico", ".woff2"}  # not VENDORED.md
COMPRESSIBLES = {".css", ".js", ".svg"}
IMMUABLE = "public, max-age=31536000, immutable"
REVALIDER = "no-cache"


@dataclass(frozen=True)
class Fichier:
    nom: str  # app.css
    hache: str  # app.3f9c1e2a7b40.css
    contenu: bytes
    compresse: bytes | None
    type: str
    mtime: float


_VUS: dict[str, tuple[float, float]] = {}  # path → (when it was looked at, its mtime then)


def mtime_recent(chemin: str) -> float:
    """A file's mtime, read from the disk at most once a second: the embedded default notices an edited template
    or static file within a second, without a stat on every render (8 % of a search page on SQLite)."""
    maintenant = time.monotonic()
    vu = _VUS.get(chemin)
    if vu is None or maintenant - vu[0] >= 1:
        try:
            mtime = os.path.getmtime(chemin)
        except OSError:
            mtime = -1.0
        vu = _VUS[chemin] = (maintenant, mtime)
    return vu[1]


def _lire(chemin: Path) -> Fichier:
    contenu = chemin.read_bytes()
    empreinte = hashlib.sha256(contenu).hexdigest()[:12]
    compresse = gzip.compress(contenu, 9, mtime=0) if chemin.suffix in COMPRESSIBLES else None
    type_ = mimetypes.guess_type(chemin.name)[0] or "application/octet-stream"
    return Fichier(chemin.name, f"{chemin.stem}.{empreinte}{chemin.suffix}", contenu,
                   compresse if compresse is not None and len(compresse) < len(contenu) else None,
                   f"{type_}; charset=utf-8" if type_.startswith("text/") else type_, chemin.stat().st_mtime)


class Statiques:
    def __init__(self, dossier: Path, recharger: bool) -> None:
        self.dossier, self.recharger = dossier, recharger
        self.par_nom = {c.name: _lire(c) for c in sorted(dossier.iterdir()) if c.suffix in SERVIS}
        self.par_hache = {f.hache: f for f in self.par_nom.values()}

    def _actuel(self, nom: str) -> Fichier | None:
        fichier = self.par_nom.get(nom)
        if fichier is not None and self.recharger and mtime_recent(str(self.dossier / nom)) != fichier.mtime:
            fichier = self.par_nom[nom] = _lire(self.dossier / nom)
            self.par_hache[fichier.hache] = fichier
        return fichier

    def url(self, nom: str) -> str:
        """The address to link: the hashed name (a template global, `statique("app.css")`)."""
        fichier = self._actuel(nom)
        if fichier is None:
            raise KeyError(f"fichier statique inconnu : {nom}")
        return f"/static/{fichier.hache}"

    def trouver(self, demande: str) -> tuple[Fichier, str] | None:
        """The file and its Cache-Control, by hashed name (a year) or plain name (revalidated)."""
        if demande in self.par_hache:
            return self.par_hache[demande], IMMUABLE
        fichier = self._actuel(demande)
        return (fichier, REVALIDER) if fichier is not None else None


STATIQUES = Statiques(DOSSIER, recharger=settings().embedded)


@get("/static/{fichier:str}", include_in_schema=False, opt=SANS_SESSION)
async def statique(request: Request, fichier: str) -> Response:
    trouve = STATIQUES.trouver(fichier)
    if trouve is None:
        raise NotFoundException()
    f, cache = trouve
    etag = f'"{f.hache}"'
    entetes = {"Cache-Control": cache, "ETag": etag, "Vary": "Accept-Encoding"}
    if request.headers.get("if-none-match") == etag:
        return Response(content=b"", status_code=304, headers=entetes)
    if f.compresse is not None and "gzip" in request.headers.get("accept-encoding", ""):
        return Response(content=f.compresse, media_type=f.type, headers={**entetes, "Content-Encoding": "gzip"})
    return Response(content=f.contenu, media_type=f.type, headers=entetes)
