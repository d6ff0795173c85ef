"""The pages of the web interface: server-rendered Jinja2 (autoescaped), a little JavaScript.

    /                  search, with filters and highlighted snippets (latest articles and the most
                       named entities when nothing is asked)
    /article/{id}      the text with its entities highlighted, its quotations and events
    /entity/{id}       a profile: names, titles, timeline, quotations, events, relations, company
    /network           the co-occurrence graph of the top entities
    /timeline          events: a time chart and a table, by type and place
    /quotes            quotations with speaker, cue, article and date, by speaker (any spelling), source
                       and date; the same path answers JSON to API clients (HTML_VIEWS)
    /api               the API's endpoints (from the OpenAPI schema; works offline)
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from rasd.errors import RasdError
from rasd.model import ENTITY_TYPES, Document
from rasd.query import MAX_OFFSET, entity_activity, graph_data, search_total
from rasd.query.geo import map_points
from rasd.store.base import Store
from rasd.store.errors import AmbiguousEntity
from rasd.store.results import SearchResult
from rasd.web.labels import EVENT_NAMES, RELATION_ORDER, RELATION_REVERSE
from rasd.web.maps import place_map
from rasd.web.messages import arabic_message
from rasd.web.render import annotated_text, bar_chart, page_url
from rasd.web.stories import home_stories

__all__ = ["HTML_VIEWS", "quotes_page", "router"]

router = APIRouter(include_in_schema=False)

PAGE = 20
EVENTS_PAGE = 100
QUOTES_PAGE = 50
FACETS = 8  # values shown of each facet of a search
TREND_DAYS = (7, 30, 90)  # the periods trending entities are measured over (the home page's choice)
MAP_PLACES = 60  # places on the home page's map
ABOUT_QUOTES = 20  # quotations about an entity on its page
Text = Annotated[str | None, Query(max_length=300)]


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _offset(value: str | None) -> int:
    try:
        n = int(value or 0)
    except ValueError:
        return 0
    return min(max(n, 0), MAX_OFFSET)


def reader_error(request: Request, exc: RasdError) -> tuple[dict[str, str], int]:
    """An error shown in place on a page: its code and the reader's Arabic message, and the status
    (the HTTP status the app gives the error: `install_web`'s `status_of`)."""
    status = request.app.state.status_of(exc)
    return {"code": exc.code, "message": arabic_message(exc, status)}, status


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, name, {"db_label": request.app.state.db_label, **context}, status_code=status)


# ------------------------------------------------------------------------------------ search


@router.get("/", response_class=HTMLResponse)
async def search_page(
    request: Request,
    q: Text = None,
    entity: Text = None,
    type: Text = None,
    source: Text = None,
    since: Text = None,
    until: Text = None,
    order: Text = None,
    offset: Text = None,
    days: Text = None,
) -> HTMLResponse:
    form = {
        "q": _clean(q), "entity": _clean(entity), "type": _clean(type), "source": _clean(source),
        "since": _clean(since), "until": _clean(until), "order": "date" if order == "date" else "relevance",
    }
    start = _offset(offset)
    trend_days = int(days) if days in {str(d) for d in TREND_DAYS} else TREND_DAYS[0]
    asked = any(form[k] for k in ("q", "entity", "type", "source", "since", "until"))
    pool = request.app.state.pool
    empty: dict[str, Any] = {"hits": [], "top": {}, "total": (None, True), "facets": None, "desk": None, "stories": []}

    def gather(store: Store) -> dict[str, Any]:
        if asked:
            filters = {k: form[k] for k in ("entity", "type", "source", "since", "until")}
            hits = store.search(form["q"], order=form["order"], limit=PAGE + 1, offset=start, **filters)
            return {**empty, "hits": hits, "total": search_total(store, form["q"], **filters),
                    "facets": store.facets(form["q"], top=FACETS, **filters)}
        # nothing asked: the latest dated articles, who is named most, and the desk (time, trends, places)
        hits = store.search(None, since="1000", order="date", limit=PAGE + 1, offset=start)
        top = {t: store.entities(t, 8) for t in ENTITY_TYPES}
        desk = {"days": store.daily_counts(), "trending": store.trending(trend_days, 10),
                "places": store.place_counts(top=MAP_PLACES)}
        return {**empty, "hits": hits, "top": top, "desk": desk, "stories": home_stories(store)}

    error, candidates = None, []
    status = 200
    try:
        found = await pool.run(gather)
    except AmbiguousEntity as exc:  # let the reader pick the entity
        candidates, found = exc.candidates, empty
    except RasdError as exc:
        error, status = reader_error(request, exc)
        found = empty
    hits = found["hits"]
    desk = found["desk"]
    if desk is not None:
        desk = {
            "chart": bar_chart(desk["days"], label="المقالات عبر الزمن: انقر على عمود للبحث في فترته",
                               href=lambda a, b: page_url("/", {"since": a, "until": b, "order": "date"})),
            "trending": desk["trending"], "days": trend_days, "choices": TREND_DAYS,
            "map": place_map(map_points(desk["places"]), label="خريطة الأماكن الأكثر ذكرا"),
        }
    return render(
        request,
        "search.html",
        {
            "nav": "search", "form": form, "asked": asked, "hits": hits[:PAGE], "top": found["top"], "stories": found["stories"],
            "offset": start, "more": len(hits) > PAGE, "page_size": PAGE, "error": error, "candidates": candidates,
            "event_types": EVENT_NAMES, "total": found["total"][0], "total_exact": found["total"][1], "facets": found["facets"], "desk": desk,
        },
        status,
    )


# ------------------------------------------------------------------------------------ article


def near_duplicates(store: Store, doc: Document, limit: int = 20) -> list[SearchResult]:
    """Other stored copies of the article's story: the documents of its story cluster (linked at
    ingest by MinHash, rasd.store.dedup), most similar first."""
    return store.duplicates(doc.id, limit=limit)


def quote_tree(doc: Document) -> list[tuple[int, list[int]]]:
    """The article's quotations, each once: (index, the indexes of the quotations inside it) for
    every quotation that lies inside no other, in the order of the text. A quotation inside
    another (a speaker quoting someone) is listed under the outermost one that holds it."""
    quotes = doc.quotes

    def holds(i: int, j: int) -> bool:  # quotation i holds quotation j
        a, b = quotes[i], quotes[j]
        return i != j and a.start <= b.start and b.end <= a.end and (a.start, -a.end, i) < (b.start, -b.end, j)

    order = sorted(range(len(quotes)), key=lambda i: (quotes[i].start, -quotes[i].end, i))
    tops: list[tuple[int, list[int]]] = []
    for i in order:
        if tops and holds(tops[-1][0], i):
            tops[-1][1].append(i)
        elif not any(holds(j, i) for j in order if j != i):
            tops.append((i, []))
        else:  # inside a quotation that is itself inside an earlier one
            owner = next(t for t in tops if holds(t[0], i))
            owner[1].append(i)
    return tops


@router.get("/article/{doc_id:path}", response_class=HTMLResponse)
async def article_page(doc_id: str, request: Request) -> HTMLResponse:
    def gather(store: Store) -> tuple[Document, list[SearchResult]]:
        doc = store.get_document(doc_id)
        return doc, near_duplicates(store, doc)

    doc, copies = await request.app.state.pool.run(gather)
    names = {e.id: e for e in doc.entities}
    by_type: dict[str, list[Any]] = {t: [] for t in ENTITY_TYPES}
    for e in sorted(doc.entities, key=lambda e: -(len(e.mentions) + len(e.references))):
        by_type.setdefault(e.type if e.type in by_type else "MISC", []).append(e)
    title_end = len(doc.title) if doc.title else 0
    return render(
        request,
        "article.html",
        {
            "nav": "", "doc": doc, "entities": names, "by_type": by_type, "copies": copies, "quote_tree": quote_tree(doc),
            "title_html": annotated_text(doc, 0, title_end) if doc.title else None,
            "body_html": annotated_text(doc, doc.body_start),
        },
    )


# ------------------------------------------------------------------------------------ entity


@router.get("/entity/{entity_id:path}", response_class=HTMLResponse)
async def entity_page(entity_id: str, request: Request) -> HTMLResponse:
    def gather(store: Store) -> dict[str, Any]:
        found = entity_activity(store, entity_id)
        profile = found["profile"]
        found["about"] = store.quotes_about(profile.id, limit=ABOUT_QUOTES)
        found["places"] = store.place_counts([profile.id], within=True) if profile.type == "LOC" else []
        return found

    try:
        found = await request.app.state.pool.run(gather)
    except AmbiguousEntity as exc:  # a surname or a spelling several entities share: let the reader pick
        return render(request, "candidates.html", {"nav": "", "name": entity_id, "candidates": exc.candidates})
    profile = found["profile"]
    incoming: dict[str, list[dict[str, Any]]] = {}
    outgoing: list[dict[str, Any]] = []
    for r in profile.relations:
        if r["object"] == profile.id:
            incoming.setdefault(r["type"], []).append(r)
        else:
            outgoing.append(r)
    sections = [(t, RELATION_REVERSE.get(t, t), incoming[t]) for t in RELATION_ORDER if t in incoming]
    sections += [(t, RELATION_REVERSE.get(t, t), rows) for t, rows in incoming.items() if t not in RELATION_ORDER]
    return render(
        request,
        "entity.html",
        {
            "nav": "", "p": profile, "events": found["events"], "spoke": found["spoke"],
            "sections": sections, "outgoing": outgoing, "about": found["about"],
            "chart": bar_chart(profile.per_day, label=f"الإشارات إلى {profile.name} عبر الزمن",
                               href=lambda a, b: page_url("/", {"entity": profile.id, "since": a, "until": b, "order": "date"})),
            "map": place_map(map_points(found["places"]), label=f"خريطة {profile.name} وما فيه من أماكن", core=1.0)
            if profile.type == "LOC" else None,
        },
    )


# ------------------------------------------------------------------------------------ network


@router.get("/network", response_class=HTMLResponse)
async def network_page(
    request: Request,
    top: Annotated[int, Query(ge=2, le=150)] = 40,
    type: Text = None,
    min_weight: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> HTMLResponse:
    etype = _clean(type)
    if etype not in ENTITY_TYPES:
        etype = None
    data = await graph_data(request.app.state, top, etype, min_weight)
    return render(
        request,
        "network.html",
        {"nav": "network", "graph": data, "top": top, "type": etype, "min_weight": min_weight},
    )


# ------------------------------------------------------------------------------------ events


@router.get("/timeline", response_class=HTMLResponse)
async def timeline_page(
    request: Request,
    type: Text = None,
    location: Text = None,
    since: Text = None,
    until: Text = None,
    offset: Text = None,
) -> HTMLResponse:
    form = {"type": _clean(type), "location": _clean(location), "since": _clean(since), "until": _clean(until)}
    start = _offset(offset)
    error = None
    status = 200
    def gather(s: Store) -> tuple[list[Any], list[tuple[str, int]], list[Any]]:
        rows = s.events(form["type"], location=form["location"], since=form["since"], until=form["until"],
                        limit=EVENTS_PAGE + 1, offset=start)
        per_day: dict[str, int] = {}  # every matching event, not only this page's
        for day, _type, n in s.event_counts(form["type"], location=form["location"], since=form["since"], until=form["until"]):
            per_day[day] = per_day.get(day, 0) + n
        places = s.event_places(form["type"], location=form["location"], since=form["since"], until=form["until"])
        return rows, sorted(per_day.items()), places

    try:
        rows, points, places = await request.app.state.pool.run(gather)
    except RasdError as exc:
        (error, status), rows, points, places = reader_error(request, exc), [], [], []
    shown = rows[:EVENTS_PAGE]
    return render(
        request,
        "timeline.html",
        {
            "nav": "timeline", "form": form, "events": shown, "offset": start, "more": len(rows) > EVENTS_PAGE,
            "page_size": EVENTS_PAGE, "error": error, "event_types": EVENT_NAMES,
            "chart": bar_chart(points, label="الأحداث عبر الزمن: انقر على عمود لعرض أحداث فترته",
                               href=lambda a, b: page_url("/timeline", {**form, "since": a, "until": b})),
            "map": place_map(map_points(places), label="خريطة أماكن الأحداث"),
        },
        status,
    )


# ------------------------------------------------------------------------------------ quotes


async def quotes_page(
    request: Request,
    speaker: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    offset: int = 0,
) -> HTMLResponse:
    """GET /quotes asked for by a browser (the API's /quotes hands it here, rasd.api.routes):
    quotations with their speakers, newest first; the speaker by any spelling or a part of the name."""
    form = {"speaker": _clean(speaker), "source": _clean(source), "since": _clean(since), "until": _clean(until)}
    start = _offset(str(offset))
    error, candidates, status, rows = None, [], 200, []
    try:
        rows = await request.app.state.pool.run(
            lambda s: s.quotes(form["speaker"], source=form["source"], since=form["since"], until=form["until"],
                               limit=QUOTES_PAGE + 1, offset=start)
        )
    except AmbiguousEntity as exc:  # let the reader pick the speaker
        candidates = exc.candidates
    except RasdError as exc:
        error, status = reader_error(request, exc)
    return render(
        request,
        "quotes.html",
        {
            "nav": "quotes", "form": form, "quotes": rows[:QUOTES_PAGE], "candidates": candidates, "error": error,
            "offset": start, "more": len(rows) > QUOTES_PAGE, "page_size": QUOTES_PAGE,
        },
        status,
    )


# ------------------------------------------------------------------------------------ API reference


@router.get("/api", response_class=HTMLResponse)
async def api_page(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    endpoints = []
    for path, ops in schema.get("paths", {}).items():
        for method, op in ops.items():
            params = [
                {"name": p["name"], "in": p["in"], "required": p.get("required", False), "description": p.get("description", "")}
                for p in op.get("parameters", [])
            ]
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""), "params": params,
                              "body": "requestBody" in op})
    return render(request, "api.html", {"nav": "api", "endpoints": endpoints, "info": schema.get("info", {})})


# API paths a browser gets as a page (Accept: text/html); API clients keep getting JSON
HTML_VIEWS = {"/quotes": quotes_page}
