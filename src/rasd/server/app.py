"""The application factory: the one place where the two faces, the JSON API (rasd.api) and the web
pages (rasd.web), are composed on one FastAPI app with what they share: the store pool, the
analysis, the error handlers and the middleware. Neither face imports the other."""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import AsyncIterator, Sequence
from typing import Any

from fastapi import FastAPI

from rasd import __version__
from rasd.api.analyzer import DEFAULT_MAX_CHARS, DEFAULT_MAX_JOBS, Analyzer
from rasd.api.errors import install_handlers, status_of
from rasd.api.headers import HostCheck, SecurityHeaders
from rasd.api.limits import DEFAULT_ANALYZE_BODY, DEFAULT_MAX_BODY, BodyLimit
from rasd.api.maps import router as maps_router
from rasd.api.routes import router
from rasd.api.stories import router as stories_router
from rasd.api.workers import StorePool
from rasd.config import load_config
from rasd.store import database_label, open_store

__all__ = ["SETTINGS_ENV", "app_from_env", "create_app"]

SETTINGS_ENV = "RASD_SERVE_SETTINGS"  # `rasd serve --workers N` hands create_app's arguments to its workers here

log = logging.getLogger("rasd.api")

DESCRIPTION = """rasd (رصد) reads Arabic news: people, organisations and places, quotations with their
speakers, events with their place and date, stored and searchable.

Errors always have the shape `{"error": {"code": "E6xx", "message": "..."}}`. Lists are paginated
with `limit` and `offset`; `next_offset` is null on the last page. `POST /documents` needs
`Authorization: Bearer <token>`; an already analysed document it is sent (`"schema": "rasd.document/1"`) is
checked in full against the schema and its span rules, and the first problem is a 422 (E010) whose
`error.field` is the JSON pointer of the field at fault. While the database does not answer, every endpoint answers 503
(E631) and `/health` says so; the server reconnects by itself. A write on a full disk is 507 (E632).
`POST /analyze` needs no token and is bounded: its body (413, E634) and the analyses running or waiting
at once (503, E635, with `Retry-After`); a short article waits only for the analysis in progress."""


def create_app(
    db_url: str,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    *,
    stages: Sequence[str] | None = None,
    pipeline: Any = None,
    store_threads: int = 2,
    token_env: str | None = None,
    web: bool = True,
    warm_up: bool = True,
    allowed_hosts: Sequence[str] | None = None,
    analyze_max_body: int = DEFAULT_ANALYZE_BODY,
    analysis_jobs: int = DEFAULT_MAX_JOBS,
    analysis_chars: int = DEFAULT_MAX_CHARS,
    config_path: str | None = None,
) -> FastAPI:
    """The rasd server for the database at `db_url` (a SQLite path or a postgresql:// URL).

    `token`: the bearer token that allows writes (None: the server is read-only). `max_body`: the
    largest request body accepted, in bytes. `stages` (or a ready `pipeline`): the analysis for
    /analyze and /documents (default: the configuration's pipeline, built once, on a background
    thread at start-up when `warm_up`). `web`: also serve the web interface. `allowed_hosts`: the
    only Host headers answered (None: any); `rasd serve` on a loopback address allows only
    127.0.0.1, localhost and ::1, against DNS rebinding. `analyze_max_body`: the largest body of
    POST /analyze (no token needed); `analysis_jobs`, `analysis_chars`: the analyses running or
    waiting at once, and their characters of text, beyond which POST /analyze is refused (503 E635).
    `config_path`: the TOML file layered over the defaults for the pipeline (else $RASD_CONFIG).
    The database is opened (and migrated) here, so a bad path fails at once; without a token, a
    missing one is an error (nothing to read), with one it is created.
    """
    if max_body < 1 or analyze_max_body < 1:
        raise ValueError("max_body and analyze_max_body must be positive numbers of bytes")
    # fail now, with the store's own message, on a bad URL or path; a read-only server (no token)
    # refuses a missing database (E610) instead of serving an empty one it created
    open_store(db_url, create=token is not None).close()
    pool = StorePool(db_url, store_threads)
    config = load_config(config_path) if pipeline is None else None
    analyzer = Analyzer(stages, pipeline, config=config, max_jobs=analysis_jobs, max_chars=analysis_chars)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool.start()
        if warm_up:
            analyzer.warm_up()
        try:
            yield
        finally:
            pool.close()
            analyzer.close()

    app = FastAPI(
        title="rasd",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # Swagger UI and ReDoc load from a CDN; /api is the offline reference
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.analyzer = analyzer
    app.state.token = token or None
    app.state.token_env = token_env
    app.state.max_body = max_body
    app.state.generation = 0.0
    app.state.graph_cache = {}
    app.state.db_label = database_label(db_url)
    app.state.html_views = {}  # API paths the web interface answers as pages to browsers (rasd.web)
    app.include_router(router)
    app.include_router(stories_router)
    app.include_router(maps_router)
    page_error = None
    if web:
        from rasd.web import install_web

        page_error = install_web(app, status_of)
    install_handlers(app, page_error)
    app.add_middleware(BodyLimit, max_body=max_body, analyze_max_body=analyze_max_body)
    app.add_middleware(SecurityHeaders)
    if allowed_hosts is not None:
        app.add_middleware(HostCheck, allowed=allowed_hosts)
    return app


def app_from_env() -> FastAPI:
    """The app of one `rasd serve --workers N` process: create_app with the settings (JSON) in
    $RASD_SERVE_SETTINGS, and the token read from the environment variable they name."""
    settings = json.loads(os.environ[SETTINGS_ENV])
    token = os.environ.get(settings["token_env"], "").strip() or None
    return create_app(token=token, **settings)

