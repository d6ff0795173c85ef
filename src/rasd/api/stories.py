"""The API's top stories: the largest recent stories and one story with its articles (`rasd.store.stories`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

__all__ = ["router"]

router = APIRouter()

Day = Annotated[str | None, Query(max_length=10, description="A day, YYYY-MM-DD.")]


@router.get("/stories", tags=["queries"], summary="The largest recent stories (articles of several outlets about one event), "
            "most articles first, each with its outlets, people, places and first articles.",
            responses={400: {"description": "E608: a bad date or number."}})
async def stories(
    request: Request,
    days: Annotated[int, Query(ge=1, le=3660, description="The period: the last `days` days up to the newest article (without since/until).")] = 7,
    since: Day = None,
    until: Day = None,
    limit: Annotated[int, Query(ge=1, le=100, description="How many stories.")] = 10,
    articles: Annotated[int, Query(ge=0, le=100, description="Articles listed per story (the earliest).")] = 5,
    min_documents: Annotated[int, Query(ge=1, le=1000, description="Least articles a story has.")] = 2,
) -> dict[str, Any]:
    rows = await request.app.state.pool.run(
        lambda s: s.top_stories(days=days, since=since, until=until, limit=limit, articles=articles, min_documents=min_documents))
    return {"items": [r.to_dict() for r in rows]}


@router.get("/stories/{story_id:path}", tags=["queries"], summary="One story with its articles, outlets, people and places.",
            responses={404: {"description": "E617: no story with that id."}})
async def story(
    request: Request,
    story_id: Annotated[str, Path(max_length=300, description="A story id as /stories gives it.")],
    articles: Annotated[int, Query(ge=1, le=1000, description="Articles listed (the earliest).")] = 200,
) -> dict[str, Any]:
    found = await request.app.state.pool.run(lambda s: s.story(story_id, articles))
    return found.to_dict()
