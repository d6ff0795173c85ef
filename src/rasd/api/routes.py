"""The API's endpoints: thin calls into the analysis pipeline and the store, answered as JSON."""

from __future__ import annotations

import hmac
import logging
import time
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from rasd import __version__
from rasd.api.analysed import check_analysed
from rasd.api.errors import (
    DatabaseDown,
    DatabaseFailed,
    InvalidBody,
    TokenMissing,
    TokenWrong,
    WritesDisabled,
    error_body,
    message_of,
    status_of,
)
from rasd.api.schemas import ArticleIn, DocumentsIn
from rasd.errors import EmptyText
from rasd.ingest import skip_reason, write_all
from rasd.io.records import check_published
from rasd.model import ENTITY_TYPES, SCHEMA, Document, content_id
from rasd.query import COUNT_LIMIT, MAX_OFFSET, graph_data, search_total
from rasd.serialize import from_dict, to_dict
from rasd.store.base import Store
from rasd.store.choices import event_types
from rasd.store.prepare import content_hash

__all__ = ["router", "article_document", "page", "wants_html"]

router = APIRouter()
log = logging.getLogger("rasd.api")

Limit = Annotated[int, Query(ge=1, le=200, description="How many items to return (1–200).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="How many items to skip (pagination).")]
Since = Annotated[str | None, Query(description="Published on or after: YYYY-MM-DD, YYYY-MM or YYYY.", max_length=10)]
Until = Annotated[str | None, Query(description="Published on or before: YYYY-MM-DD, YYYY-MM or YYYY.", max_length=10)]
Text = Annotated[str | None, Query(max_length=500)]
Id = Annotated[str, Path(max_length=300, description="An id as returned by the other endpoints.")]
# Endpoints that take a name: an exact alias, another spelling of one, or a part of one (a surname)
NAMED: dict[int | str, dict[str, Any]] = {
    404: {"description": "E607: no entity has that name (nor a spelling or part of it)."},
    409: {"description": "E611: the name fits several entities; `error.candidates` lists them (id, type, name, "
                         "documents …), most documents first. Ask again with one's id."},
}
# Endpoints that take a type: a value outside the list is refused, with the list
TYPED: dict[int | str, dict[str, Any]] = {
    400: {"description": "E612: an unknown `type`; `error.valid` lists the types it takes. (E608: a bad date or query; "
                         "E620: a parameter out of range.)"},
}
EVENT_TYPE_HELP = "An event type: " + ", ".join(event_types()) + " (any case)."
ENTITY_TYPE_HELP = "An entity type: " + ", ".join(ENTITY_TYPES) + " (any case)."


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page of results: `items` was fetched with `limit + 1`, to know whether more follow."""
    more = len(items) > limit
    return {
        "items": [i.to_dict() if hasattr(i, "to_dict") else i for i in items[:limit]],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if more else None,
    }


def wants_html(request: Request) -> bool:
    """Whether a GET asks for a page (a browser's Accept: text/html) rather than JSON."""
    return request.method in ("GET", "HEAD") and "text/html" in request.headers.get("accept", "")


def article_document(article: ArticleIn, where: str = "text") -> Document:
    """The Document an article submitted to the API stands for (date checked, empty text refused)."""
    if not article.text.strip():
        raise EmptyText(where=where)
    return Document.from_parts(
        article.text,
        article.title,
        id=article.id,
        published=check_published(article.published),
        source=article.source,
        url=article.url,
        meta=article.meta,
    )


def require_token(request: Request) -> None:
    """Writes need `Authorization: Bearer <token>` with the token the server was started with."""
    expected: str | None = request.app.state.token
    if not expected:
        raise WritesDisabled()
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    value = value.strip()
    if scheme.lower() != "bearer" or not value:
        raise TokenMissing()
    if not hmac.compare_digest(value.encode("utf-8"), expected.encode("utf-8")):
        raise TokenWrong(env=request.app.state.token_env or "its configuration")


# ------------------------------------------------------------------------------------ analysis


@router.get("/health", tags=["server"], summary="Is the server up, does its database answer, and what does it serve?",
            responses={503: {"description": "the database does not answer (E631) or fails (E633); the body says so too"}})
async def health(request: Request) -> JSONResponse:
    """200 when the database answers; 503 with the error (E631 it does not answer, E633 it fails)
    and the same description otherwise, so a load balancer and a person read one answer."""
    state = request.app.state
    analyzer = state.analyzer
    body: dict[str, Any] = {
        "status": "ok",
        "version": __version__,
        "database": {"answers": True, "schema_version": None},
        "analysis": {"ready": analyzer.ready, "stages": analyzer.stage_names, "problem": analyzer.problem,
                     **analyzer.load()},
        "writes": bool(state.token),
    }
    try:
        body["database"]["schema_version"] = await state.pool.run(lambda s: s.schema_version())
    except (DatabaseDown, DatabaseFailed) as exc:
        log.warning("GET /health: %s", exc)
        body.update(status="unavailable", error=error_body(exc.code, message_of(exc))["error"])
        body["database"]["answers"] = False
        return JSONResponse(body, status_code=status_of(exc), headers=exc.headers)
    return JSONResponse(body)


@router.post(
    "/analyze",
    tags=["analysis"],
    summary="Analyse one article and return it as rasd.document/1 JSON (nothing is stored).",
    responses={413: {"description": "the body is larger than /analyze accepts (E634)"},
               503: {"description": "as many analyses run or wait as the server takes (E635, Retry-After)"}},
)
async def analyze(article: ArticleIn, request: Request) -> JSONResponse:
    doc = article_document(article)
    started = time.perf_counter()
    [out] = await request.app.state.analyzer.analyze([doc], limited=True)
    took = (time.perf_counter() - started) * 1000
    return JSONResponse(to_dict(out), headers={"Server-Timing": f"analyze;dur={took:.1f}"})


# ------------------------------------------------------------------------------------ documents


def _incoming(body: DocumentsIn) -> tuple[list[Document], list[Document]]:
    """(documents to analyse, documents already analysed), in body order, with precise errors."""
    to_analyse: list[Document] = []
    analysed: list[Document] = []
    for i, item in enumerate(body.documents):
        where = f"documents[{i}]"
        if item.get("schema") == SCHEMA:
            if item.get("id") in (None, ""):  # no id: derived from the text below
                item = {k: v for k, v in item.items() if k != "id"}
            check_analysed(item, where, f"/documents/{i}")
            doc = from_dict(item, where=where)
            if not doc.id:
                doc.id = content_id(doc.text)
            analysed.append(doc)
            continue
        try:
            article = ArticleIn.model_validate(item)
        except ValidationError as exc:
            problems = "; ".join(f"{where}.{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()[:5])
            raise InvalidBody(problems=problems) from None
        to_analyse.append(article_document(article, where=where))
    return to_analyse, analysed


@router.post(
    "/documents",
    status_code=201,
    tags=["documents"],
    summary="Analyse and store documents (needs the bearer token).",
    dependencies=[Depends(require_token)],
    responses={401: {"description": "no token sent"}, 403: {"description": "wrong token, or the server is read-only"}},
)
async def post_documents(body: DocumentsIn, request: Request) -> JSONResponse:
    """Articles are analysed and stored; one already stored with the same content, or the same
    text under the id derived from it, is left as it is ("unchanged", not re-analysed: the rule of
    `rasd ingest`, rasd.ingest.skip). Everything is written in one transaction: all or nothing."""
    state = request.app.state
    to_analyse, analysed = _incoming(body)

    def stored_hashes(store: Store) -> list[str | None]:
        return [store.content_hash(d.id) for d in to_analyse]

    hashes = [content_hash(d) for d in to_analyse]
    stored = await state.pool.run(stored_hashes) if to_analyse else []
    skipped = [skip_reason(d.id, d.text, h, old) is not None for d, h, old in zip(to_analyse, hashes, stored, strict=True)]
    unchanged = [d for d, skip in zip(to_analyse, skipped, strict=True) if skip]
    fresh = [d for d, skip in zip(to_analyse, skipped, strict=True) if not skip]
    if fresh:
        analysed += await state.analyzer.analyze(fresh)

    results = await state.pool.run(lambda store: write_all(store, analysed)) if analysed else []
    results += [{"id": d.id, "status": "unchanged", "cluster": None, "duplicate_of": None} for d in unchanged]
    state.generation = time.monotonic()
    return JSONResponse({"stored": len(analysed), "results": results}, status_code=201)


@router.get("/documents/{doc_id:path}", tags=["documents"], summary="One stored document as rasd.document/1 JSON.")
async def get_document(doc_id: Id, request: Request) -> JSONResponse:
    doc = await request.app.state.pool.run(lambda s: s.get_document(doc_id))
    return JSONResponse(to_dict(doc))


# ------------------------------------------------------------------------------------ queries


@router.get("/search", tags=["queries"], summary="Full-text search with filters; snippets with highlight offsets; `total`: the matching stories "
            f"(documents with `duplicates`), exact when at most {COUNT_LIMIT:,} documents match; beyond, `total_exact` is false and "
            f"`total` counts the results among {COUNT_LIMIT:,} matching documents: at least that many match. "
            "Words in double quotes must be adjacent, in order.", responses={**NAMED, **TYPED})
async def search(
    request: Request,
    q: Text = None,
    entity: Annotated[str | None, Query(max_length=200, description="Documents naming this entity (id, any alias, another spelling of one, or a surname).")] = None,
    type: Annotated[str | None, Query(max_length=40, description="Documents naming an entity of this type ("
                                       + ", ".join(ENTITY_TYPES) + "), or reporting an event of this type ("
                                       + ", ".join(event_types()) + ").")] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    since: Since = None,
    until: Until = None,
    order: Literal["relevance", "date"] = "relevance",
    duplicates: Annotated[bool, Query(description="List every copy of a story, not one per story cluster.")] = False,
    facets: Annotated[int, Query(ge=0, le=50, description="With N > 0, `facets`: every match (duplicates included) counted by "
                                  "source, entity type, the N most named entities and month.")] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    def run(s: Store) -> tuple[list[Any], tuple[int, bool], dict[str, Any] | None]:
        hits = s.search(
            q, entity=entity, type=type, source=source, since=since, until=until, order=order,
            limit=limit + 1, offset=offset, collapse_duplicates=not duplicates,
        )
        total = search_total(s, q, entity=entity, type=type, source=source, since=since, until=until, collapse_duplicates=not duplicates)
        counted = s.facets(q, top=facets, entity=entity, type=type, source=source, since=since, until=until) if facets else None
        return hits, total, counted.to_dict() if counted is not None else None

    hits, total, counted = await request.app.state.pool.run(run)
    out = {**page(hits, limit, offset), "total": total[0], "total_exact": total[1]}
    if counted is not None:
        out["facets"] = counted
    return out


@router.get("/trending", tags=["queries"], summary="Entities named in more documents in the last `days` days (up to the newest "
            "stored article) than in as many days before them, largest rise first.", responses=TYPED)
async def trending(
    request: Request,
    days: Annotated[int, Query(ge=1, le=366)] = 7,
    type: Annotated[str | None, Query(max_length=40, description=ENTITY_TYPE_HELP)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    rows = await request.app.state.pool.run(lambda s: s.trending(days, limit, type=type))
    return {"items": [r.to_dict() for r in rows]}


@router.get("/entities", tags=["queries"], summary="The entities named in most story clusters.", responses=TYPED)
async def entities(
    request: Request,
    type: Annotated[str | None, Query(max_length=40, description=ENTITY_TYPE_HELP)] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    top: Annotated[int | None, Query(ge=1, le=200, description="Same as limit (the CLI's name).")] = None,
    offset: Offset = 0,
) -> dict[str, Any]:
    n = top or limit
    rows = await request.app.state.pool.run(
        lambda s: s.entities(type, n + 1, source=source, since=since, until=until, offset=offset)
    )
    return page(rows, n, offset)


@router.get("/entities/{entity_id:path}", tags=["queries"], summary="An entity's profile (id or any of its names).", responses={**NAMED, **TYPED})
async def entity(
    entity_id: Id,
    request: Request,
    type: Annotated[str | None, Query(max_length=40, description="When the name is ambiguous: " + ENTITY_TYPE_HELP)] = None,
    quotes: Annotated[int, Query(ge=0, le=200)] = 10,
    cooccurring: Annotated[int, Query(ge=0, le=200)] = 15,
) -> dict[str, Any]:
    profile = await request.app.state.pool.run(
        lambda s: s.entity_profile(entity_id, type, quotes=quotes, cooccurring=cooccurring)
    )
    return profile.to_dict()


@router.get("/quotes", tags=["queries"], summary="Quotations, newest first; by one speaker with `speaker`. A browser (Accept: text/html) gets the web page.",
            responses=NAMED)
async def quotes(
    request: Request,
    speaker: Annotated[str | None, Query(max_length=200, description="Entity id, a name (another spelling or a surname will do), or the speaker as written.")] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    view = request.app.state.html_views.get("/quotes")
    if view is not None and wants_html(request):  # a browser: the quotes page of the web interface
        return await view(request, speaker=speaker, source=source, since=since, until=until, offset=offset)
    rows = await request.app.state.pool.run(
        lambda s: s.quotes(speaker, since=since, until=until, source=source, limit=limit + 1, offset=offset)
    )
    return page(rows, limit, offset)


@router.get("/events", tags=["queries"], summary="Events, newest first by the event's own date (else its article's publication date), by type, place, participant and date.", responses={**NAMED, **TYPED})
async def events(
    request: Request,
    type: Annotated[str | None, Query(max_length=40, description=EVENT_TYPE_HELP)] = None,
    location: Annotated[str | None, Query(max_length=200, description="A place: entity id or any of its names.")] = None,
    participant: Annotated[str | None, Query(max_length=200)] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    rows = await request.app.state.pool.run(
        lambda s: s.events(type, location=location, participant=participant, since=since, until=until, limit=limit + 1, offset=offset)
    )
    return page(rows, limit, offset)


@router.get("/graph", tags=["queries"], summary="Co-occurrence graph of the top entities, laid out, with communities.", responses=TYPED)
async def graph(
    request: Request,
    top: Annotated[int, Query(ge=2, le=300, description="How many entities (the most frequent).")] = 50,
    type: Annotated[str | None, Query(max_length=40, description="Only entities of this type. " + ENTITY_TYPE_HELP)] = None,
    min_weight: Annotated[int, Query(ge=1, le=100_000, description="Least shared documents for an edge.")] = 1,
) -> dict[str, Any]:
    return await graph_data(request.app.state, top, type, min_weight)
