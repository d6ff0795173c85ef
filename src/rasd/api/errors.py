"""The HTTP face's errors (codes E620–E639; docs/ERRORS.md lists them all) and how every error becomes a JSON or HTML response.

Every error response of the API has one shape, `{"error": {"code": "E6xx", "message": "..."}}`,
and the status code that fits: 400 a bad query parameter, 401/403 a missing/wrong token, 404
something missing, 405 a wrong method, 409 a name that fits several entities (the body's error then
lists them as `candidates`; a value outside an option's list, E612, lists the option's values as
`valid`), 413 a body too large, 422 a body that is not valid, 503 the analysis pipeline cannot be
built, the analysis has as much work as it takes (with Retry-After) or the database does not answer
(or fails), 507 the database has no space left for a write, 500 a fault in rasd (logged with its
traceback). Library errors
(`RasdError`) keep their own code and message. Pages of the web interface get the same message in
an Arabic HTML page instead (see `rasd.web.pages`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from rasd.errors import BadDate, InputError, PipelineError, RasdError
from rasd.store.errors import (
    AmbiguousEntity,
    BadDatabaseURL,
    BadQuery,
    BadReference,
    DatabaseUnavailable,
    DocumentNotFound,
    StoreError,
    StoryNotFound,
    UnknownEntity,
    UnknownValue,
)

log = logging.getLogger("rasd.api")

__all__ = [
    "ApiError",
    "BadParameter",
    "BodyTooLarge",
    "DatabaseDown",
    "DatabaseFailed",
    "HostNotAllowed",
    "Internal",
    "InvalidBody",
    "MethodNotAllowed",
    "AnalysisBusy",
    "AnalysisUnavailable",
    "AnalyzeBodyTooLarge",
    "PageNotFound",
    "StorageFull",
    "TokenMissing",
    "TokenWrong",
    "WritesDisabled",
    "install_handlers",
    "status_of",
]


class ApiError(RasdError):
    """An error of the HTTP face: a RasdError with the status code it is answered with. Raised as
    itself for a refusal of the web server that no other code covers (its status and message)."""

    code = "E636"
    status = 400
    headers: dict[str, str] | None = None


class BadParameter(ApiError):
    code = "E620"
    status = 400
    template = "query parameter {name!r}: {problem}. {fix}"


class InvalidBody(ApiError):
    code = "E621"
    status = 422
    template = "the request body is not valid: {problems}. The expected shapes are listed at /api and in /openapi.json."


class PageNotFound(ApiError):
    code = "E622"
    status = 404
    template = "no such page or endpoint: {method} {path}. The API endpoints are listed at /api (and in /openapi.json)."


class MethodNotAllowed(ApiError):
    code = "E623"
    status = 405
    template = "{method} is not allowed on {path}. The endpoints and their methods are listed at /api."


class TokenMissing(ApiError):
    code = "E624"
    status = 401
    template = "this endpoint writes to the database and needs a token: send the header 'Authorization: Bearer <token>'."
    headers = {"WWW-Authenticate": "Bearer"}


class TokenWrong(ApiError):
    code = "E625"
    status = 403
    template = "the bearer token is not the one this server was started with. Use the token set in the server's environment variable ({env})."


class WritesDisabled(ApiError):
    code = "E626"
    status = 403
    template = "this server is read-only: it was started without a token. Set one (rasd serve --token-env RASD_TOKEN with RASD_TOKEN set) to allow writes."


class BodyTooLarge(ApiError):
    code = "E627"
    status = 413
    template = "the request body is larger than this server accepts ({limit} bytes). Send fewer or shorter documents per request, or start the server with a larger --max-body."


class Internal(ApiError):
    code = "E628"
    status = 500
    template = "rasd failed while answering {method} {path} ({kind}: {problem}). This is a bug in rasd; the server log has the traceback."


class AnalysisUnavailable(ApiError):
    code = "E629"
    status = 503
    template = "the analysis pipeline cannot be built, so this server cannot analyse text: {problem}"


class HostNotAllowed(ApiError):
    code = "E630"
    status = 400
    template = "requests for host {host!r} are refused: this server listens on the loopback interface and answers only to {allowed}. Open it as http://127.0.0.1:PORT/."


class DatabaseDown(ApiError):
    code = "E631"
    status = 503
    template = (
        "the database {db} does not answer ({problem}); this request was not carried out. Check that the database "
        "server is running and reachable: rasd reconnects by itself, so the same request succeeds once it is back."
    )
    headers = {"Retry-After": "5"}


class StorageFull(ApiError):
    code = "E632"
    status = 507
    template = "the database {db} has no space left for this write ({problem}); nothing of it was stored. Free disk space (or raise the database's quota) and send it again."


class DatabaseFailed(ApiError):
    code = "E633"
    status = 503
    template = (
        "the database {db} could not carry out this request ({problem}); nothing was half-written. The fault is in the "
        "database or its storage (a lock held too long, an I/O error, resources exhausted), not in the request: see "
        "the database's log, and try again."
    )
    headers = {"Retry-After": "5"}


class AnalyzeBodyTooLarge(ApiError):
    code = "E634"
    status = 413
    template = (
        "the request body is larger than POST /analyze accepts ({limit} bytes): this server analyses no longer "
        "article for anyone. Send a shorter text, or raise analyze_max_body in the [serve] table of the server's "
        "configuration."
    )


class AnalysisBusy(ApiError):
    code = "E635"
    status = 503
    template = (
        "the server is already analysing or holding {jobs} requests ({chars} characters of text; its limits are "
        "{max_jobs} requests and {max_chars} characters), so this one was not started. Send it again in {seconds} "
        "seconds (Retry-After); the limits are analysis_jobs and analysis_chars in the [serve] table of its configuration."
    )

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.headers = {"Retry-After": str(kwargs["seconds"])}


# Status codes of the library's errors; anything else that is a RasdError is a 400 (bad request).
_STATUS: tuple[tuple[type[RasdError], int], ...] = (
    (ApiError, 0),  # its own
    (DocumentNotFound, 404),
    (StoryNotFound, 404),
    (UnknownEntity, 404),
    (AmbiguousEntity, 409),
    (BadQuery, 400),
    (UnknownValue, 400),
    (BadReference, 422),
    (BadDate, 422),
    (InputError, 422),
    (DatabaseUnavailable, 503),
    (BadDatabaseURL, 500),
    (PipelineError, 503),
    (StoreError, 500),
)


def status_of(exc: RasdError) -> int:
    for cls, status in _STATUS:
        if isinstance(exc, cls):
            return status or exc.status  # type: ignore[attr-defined]
    return 400


def message_of(exc: RasdError) -> str:
    """The message without its "[E123] " prefix (the code is sent on its own)."""
    text = str(exc)
    prefix = f"[{exc.code}] "
    return text[len(prefix) :] if text.startswith(prefix) else text


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def json_error(exc: RasdError) -> JSONResponse:
    headers = getattr(exc, "headers", None)
    body = error_body(exc.code, message_of(exc))
    if isinstance(exc, AmbiguousEntity):  # the client picks one of them
        body["error"]["candidates"] = [e.to_dict() for e in exc.candidates]
    if isinstance(exc.details.get("field"), str):  # the JSON pointer of the field at fault (E010)
        body["error"]["field"] = exc.details["field"]
    if isinstance(exc, UnknownValue):  # the values the option takes
        body["error"]["valid"] = list(exc.valid)
    return JSONResponse(body, status_code=status_of(exc), headers=headers)


def _validation_problems(exc: RequestValidationError) -> tuple[bool, list[tuple[str, str]]]:
    """(whether any problem is in the body, [(where, what is wrong)])."""
    in_body = False
    problems = []
    for err in exc.errors()[:10]:
        loc = [str(x) for x in err.get("loc", ())]
        if loc and loc[0] == "body":
            in_body = True
        where = ".".join(loc[1:]) if len(loc) > 1 else ".".join(loc)
        problems.append((where or "body", str(err.get("msg", "invalid"))))
    return in_body, problems


PageRenderer = Callable[[Request, RasdError], Response | None]


def install_handlers(app: FastAPI, page_error: PageRenderer | None = None) -> None:
    """Turn every error into the JSON error shape (or, for a web page, `page_error`'s HTML)."""

    def respond(request: Request, exc: RasdError) -> Response:
        if page_error is not None:
            page = page_error(request, exc)
            if page is not None:
                return page
        return json_error(exc)

    @app.exception_handler(RasdError)
    async def rasd_error(request: Request, exc: RasdError) -> Response:
        if status_of(exc) >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return respond(request, exc)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        in_body, problems = _validation_problems(exc)
        if in_body:
            return respond(request, InvalidBody(problems="; ".join(f"{w}: {m}" for w, m in problems)))
        where, what = problems[0] if problems else ("?", "invalid")
        return respond(request, BadParameter(name=where, problem=what, fix="The allowed values are listed at /api."))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return respond(request, PageNotFound(method=request.method, path=request.url.path))
        if exc.status_code == 405:
            return respond(request, MethodNotAllowed(method=request.method, path=request.url.path))
        if exc.status_code == 413:
            return respond(request, BodyTooLarge(limit=request.app.state.max_body))
        err = ApiError(message=str(exc.detail))
        err.status = exc.status_code
        return respond(request, err)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error while answering %s %s", request.method, request.url.path)
        problem = str(exc).splitlines()[0][:200] if str(exc) else "no message"
        return respond(request, Internal(method=request.method, path=request.url.path, kind=type(exc).__name__, problem=problem))
