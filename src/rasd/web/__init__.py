"""rasd's web interface: Arabic, right-to-left pages served by the same app as the API.

`install_web(app, status_of)` adds the pages, the static files (/static) and the Jinja2 templates
(autoescape on for every template), and returns the function that renders errors of a page as
HTML. The web depends on the store and on `rasd.query`, not on the API: `status_of` (the HTTP
status of an error) and the app's state (its store pool, `db_label`) come from the app that
composes both faces, `rasd.server.create_app`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from rasd.errors import RasdError

__all__ = ["install_web", "WEB_PREFIXES"]

# Paths served as HTML pages (their errors are pages too).
WEB_PREFIXES = ("/article/", "/entity/", "/story/", "/network", "/timeline", "/api")


def _folder(name: str) -> Path:
    return Path(str(resources.files("rasd.web").joinpath(name)))


def _environment():
    import jinja2

    from rasd.web import labels, render, stories

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_folder("templates"))),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        entity_href=render.entity_href,
        article_href=render.article_href,
        story_href=stories.story_href,
        type_class=render.type_class,
        marked_snippet=render.marked_snippet,
        TYPE_NAMES=labels.TYPE_NAMES,
        TYPE_PLURALS=labels.TYPE_PLURALS,
        event_name=labels.event_name,
        role_name=labels.role_name,
        speaker_rule_name=labels.speaker_rule_name,
        RELATION_FORWARD=labels.RELATION_FORWARD,
        page_url=render.page_url,
        web_url=render.web_url,
    )
    return env


def is_page(request: Request) -> bool:
    """Whether the request is for a page (its errors are HTML) rather than for the API (JSON)."""
    path = request.url.path
    if path == "/" or path.startswith(WEB_PREFIXES):
        return True
    if path.startswith("/static/"):
        return False
    wants_html = request.method in ("GET", "HEAD") and "text/html" in request.headers.get("accept", "")
    if path in getattr(request.app.state, "html_views", {}):  # an API path with a page for browsers
        return wants_html
    known_api = request.scope.get("route") is not None
    return not known_api and wants_html


def install_web(app: FastAPI, status_of: Callable[[RasdError], int]) -> Callable[[Request, RasdError], HTMLResponse | None]:
    from rasd.web.messages import arabic_message
    from rasd.web.pages import HTML_VIEWS, router
    from rasd.web.stories import router as stories_router

    templates = Jinja2Templates(env=_environment())
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(_folder("static"))), name="static")
    app.include_router(router)
    app.include_router(stories_router)
    app.state.html_views = HTML_VIEWS
    app.state.status_of = status_of

    def page_error(request: Request, exc: RasdError) -> HTMLResponse | None:
        if not is_page(request):
            return None
        status = status_of(exc)
        return templates.TemplateResponse(
            request,
            "error.html",
            {"nav": "", "status": status, "code": exc.code, "message": arabic_message(exc, status), "db_label": app.state.db_label},
            status_code=status,
            headers=getattr(exc, "headers", None),
        )

    return page_error
