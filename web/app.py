"""The Litestar application: features mounted, sessions in the database, CSRF, htmx, error pages."""

from __future__ import annotations

import asyncio
import gc
import logging
import os

from litestar import Litestar, get
from litestar.middleware import DefineMiddleware
from litestar.plugins.htmx import HTMXPlugin
from litestar.response import Redirect

from config import settings
from tables import sql
from tables.comptes import Compte
from tables.piccolo_conf import DB
from web import journal
from web.alertes.routes import DesabonnementController, RecherchesController
from web.annonces.carte import CarteController
from web.annonces.depot import DepotController
from web.annonces.routes import AnnoncesController, ConsulterController, PhotosController
from web.auth.routes import ConnexionController, GestionConnexionController, MotDePasseController
from web.certification.controles_routes import CertificationControlesController
from web.certification.espace import CertificationController
from web.certification.gestion import CertificationGestionController
from web.certification.rpps_routes import AnsController, EspaceRppsController, LienRppsController, RppsController
from web.coordonnees.routes import CoordonneesController, LiensEmailOrdreController
from web.cotisations.routes import CotisationsGestionController, EspaceCotisationsController
from web.csrf import csrf_middleware_factory
from web.demarches.gestion import DemarchesGestionController
from web.demarches.gestion_file import DemarchesFileController, EntraideFileController
from web.demarches.gestion_pieces import DemarchesPiecesGestionController
from web.demarches.pieces_routes import DemarchesPiecesController
from web.demarches.plaintes_routes import PlaintesController
from web.demarches.rendezvous import CONTROLLERS as RENDEZVOUS
from web.demarches.routes import DemarchesController
from web.documents.routes import DocumentsController, DocumentsGestionController, VerifierController
from web.errors import EXCEPTION_HANDLERS
from web.espace.routes import EspaceController
from web.gestion.routes import GestionController
from web.horloge.routes import HorlogeController
from web.horloge.rules import horloge_middleware
from web.identites.routes import IdentitesController
from web.informations.routes import InformationsController
from web.lieux.routes import LieuxController
from web.notifications.routes import NotificationsController
from web.parametres.routes import ParametresController
from web.relais import relais_middleware
from web.security import hosts_middleware_factory, nom_de_cookie, security_headers, user_middleware
from web.services.parties import ConcernantController
from web.sessions import DatabaseStore, session_config
from web.signalements.routes import SignalementsController
from web.statiques import statique
from web.templating import precharger, template_config
from web.territoires.routes import GestionTerritoiresController, TerritoiresController


@get("/", include_in_schema=False, opt={"public": True})
async def accueil() -> Redirect:
    return Redirect("/espace", status_code=303)


@get("/sante", include_in_schema=False, opt={"public": True}, media_type="text/plain")
async def sante() -> str:
    """Readiness: answers only when the database does."""
    await Compte.raw("SELECT 1")
    return "ok"


async def _sans_reinitialisation(_connection: object) -> None:
    """asyncpg's pool still rolls back an unfinished transaction; the app leaves no other session state."""


def _annoncer_pret(base_url: str, demo: bool) -> None:
    """The one line `make run` shows when the app is up (README): where it is, and an account of each side."""
    ligne = f"MonEspace est prêt : {base_url}"
    if demo:
        from web.demo import IDENTITES, ORDRE

        medecin, conseil = IDENTITES[0], ORDRE[0]
        ligne += (f" — médecin {medecin[0]} / {medecin[1]}, conseil {conseil[0]} / {conseil[1]}"
                  " (tous les comptes : README) — Ctrl+C pour arrêter.")
    print(ligne, flush=True)


def create_app() -> Litestar:
    s = settings()
    embedded = None
    vidage: asyncio.Task | None = None
    pool = s.sqlite_path is None and os.environ.get("DB_POOL", "1") == "1"

    async def startup() -> None:
        nonlocal embedded, vidage
        if pool:  # no reset query on each release: the app sets nothing on its connections (no SET, LISTEN, lock)
            await DB.start_connection_pool(min_size=1, max_size=10, reset=_sans_reinitialisation)
        await sql.ouvrir()
        if s.embedded and os.environ.get("EMBEDDED_WORKER", "1") == "1":
            from tasks.embedded import Embedded

            embedded = Embedded()
            embedded.start()
        # What exists now (modules, routes, templates, the referential) lives as long as the process: out of the
        # collector's sight, a full collection no longer walks it (it paused each worker 20–40 ms: bench/README.md).
        precharger()
        _annoncer_pret(s.base_url, s.demo)
        gc.collect()
        gc.freeze()
        vidage = asyncio.create_task(journal.vider_chaque_seconde(journal.tamponner()))

    async def shutdown() -> None:
        if vidage:
            vidage.cancel()
        for tampon in journal.tamponner():
            tampon.flush()
        if embedded:
            embedded.stop()
        await sql.fermer()
        if pool:
            await DB.close_connection_pool()

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # one line per job at each start says nothing
    return Litestar(
        route_handlers=[
            accueil, sante, ConnexionController, GestionConnexionController, MotDePasseController, EspaceController,
            CoordonneesController, LiensEmailOrdreController, GestionController, LieuxController, AnnoncesController,
            ConsulterController, DepotController, PhotosController, ParametresController, NotificationsController,
            RecherchesController,
            DesabonnementController, CarteController, SignalementsController, IdentitesController,
            TerritoiresController, GestionTerritoiresController, DemarchesController,
            DemarchesGestionController, DemarchesFileController, EntraideFileController, PlaintesController,
            *RENDEZVOUS, InformationsController, statique,
            DocumentsController, DocumentsGestionController, VerifierController, HorlogeController,
            DemarchesPiecesController, DemarchesPiecesGestionController, ConcernantController,
            CertificationController, CertificationGestionController, CertificationControlesController,
            RppsController, AnsController, LienRppsController, EspaceRppsController,
            EspaceCotisationsController, CotisationsGestionController,
        ],
        middleware=[
            relais_middleware,  # outermost: relays once what the request recorded, after its transactions
            hosts_middleware_factory(s.allowed_hosts),
            horloge_middleware,  # the demo clock's day, read before anything decides (no-op outside the demo)
            session_config(s.https).middleware,
            DefineMiddleware(user_middleware),
            csrf_middleware_factory(s.secret_key, nom_de_cookie("monespace_csrf", s.https), s.https),
        ],
        stores={"sessions": DatabaseStore()},
        template_config=template_config(),
        plugins=[HTMXPlugin()],
        exception_handlers=EXCEPTION_HANDLERS,
        before_send=[security_headers(s.https)],
        on_startup=[startup],
        on_shutdown=[shutdown],
        openapi_config=None,
        debug=False,
        request_max_body_size=80 * 1024 * 1024,  # five photos of 15 Mo and the form
        multipart_form_part_limit=200,  # the annonce form has about 70 parts (20 lieux, 10 périodes, 15 photos)
    )


app = create_app()
