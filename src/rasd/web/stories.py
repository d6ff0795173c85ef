"""The web interface's top stories: the block of the home page and a page per story.

    /story/{id}        one story: its articles, earliest first, with its outlets, people and places
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from rasd.errors import RasdError
from rasd.store.base import Store
from rasd.store.results import StorySummary

__all__ = ["HOME_STORIES", "home_stories", "router", "story_href"]

router = APIRouter(include_in_schema=False)

HOME_STORIES = 5  # stories on the home page
HOME_ARTICLES = 3  # articles shown under each
HOME_DAYS = 30  # of the days up to the newest article


def story_href(story_id: str) -> str:
    return "/story/" + quote(story_id, safe="")


def home_stories(store: Store) -> list[StorySummary]:
    """The largest stories of the corpus's last HOME_DAYS days, for the home page."""
    return store.top_stories(days=HOME_DAYS, limit=HOME_STORIES, articles=HOME_ARTICLES)


@router.get("/story/{story_id:path}", response_class=HTMLResponse)
async def story_page(story_id: str, request: Request) -> HTMLResponse:
    from rasd.web.pages import reader_error, render

    try:
        found = await request.app.state.pool.run(lambda s: s.story(story_id, 500))
    except RasdError as exc:
        error, status = reader_error(request, exc)
        return render(request, "error.html", {"nav": "", "status": status, **error}, status)
    return render(request, "story.html", {"nav": "", "story": found})
