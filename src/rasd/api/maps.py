"""The API's map: places with their coordinates (the shipped gazetteer, `rasd.query.geo`) and what
the corpus says there, as the web pages draw it: the most named places, a place and what lies
within it, or the places of a search's documents."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from rasd.api.routes import NAMED, TYPED, Since, Text, Until
from rasd.query.geo import map_points
from rasd.store.base import Store
from rasd.store.errors import BadQuery

__all__ = ["router"]

router = APIRouter()


@router.get("/map", tags=["queries"], summary="Places on the map with their coordinates and counts: `documents` (articles naming "
            "the place), `mentions` (the times they name it) and `events` (events located there). Without parameters, the most "
            "named places; with `place`, that place and the places within it (a country's cities and regions); with a search "
            "(`q`, `entity`, `type`, `source`, `since`, `until`, as /search takes them), the places named in its matching "
            "articles, counted there. `unplaced`: the counted places the gazetteer has no coordinates for (left off).",
            responses={**NAMED, **TYPED})
async def place_map(
    request: Request,
    place: Annotated[str | None, Query(max_length=200, description="A place: id or any of its names (not with a search).")] = None,
    q: Text = None,
    entity: Annotated[str | None, Query(max_length=200, description="Articles naming this entity (as /search).")] = None,
    type: Annotated[str | None, Query(max_length=40, description="An entity or event type (as /search).")] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    since: Since = None,
    until: Until = None,
    top: Annotated[int, Query(ge=1, le=500, description="How many places are counted (most articles first).")] = 100,
) -> dict[str, Any]:
    search = {"entity": entity, "type": type, "source": source, "since": since, "until": until}
    asked = bool((q and q.strip()) or any(search.values()))
    if place is not None and asked:
        raise BadQuery(problem="`place` cannot be combined with a search", fix="Ask for a place's map, or for a search's places, not both.")

    def run(s: Store) -> tuple[list[Any], dict[str, Any] | None]:
        if place is not None:
            found = s.resolve_entities(place, "LOC")
            return s.place_counts([e.id for e in found], top=top, within=True), found[0].to_dict()
        if asked:
            return s.search_places(q, top=top, **search), None
        return s.place_counts(top=top), None

    counted, about = await request.app.state.pool.run(run)
    points = map_points(counted)
    out: dict[str, Any] = {"items": [p.to_dict() for p in points], "unplaced": len(counted) - len(points)}
    if about is not None:
        out["place"] = about
    return out
