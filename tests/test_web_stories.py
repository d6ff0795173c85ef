"""Top stories in the API and on the web pages: the home page's block, a page per story, and
`/stories` as JSON (rasd.store.stories groups the test articles web-2 and web-3: one meeting told
by two outlets)."""

from __future__ import annotations

from urllib.parse import quote

pytest_plugins = ("web_fixtures",)  # the server fixtures


def test_api_lists_the_largest_stories_with_outlets_people_and_places(http):
    r = http.get("/stories", params={"days": 3650})
    assert r.status_code == 200
    items = r.json()["items"]
    assert items and items[0]["documents"] >= 2
    story = next(s for s in items if s["id"] == "web-2")
    assert [a["id"] for a in story["articles"]] == ["web-2", "web-3"]
    assert len(story["outlets"]) == 2 and story["people"] and story["places"]
    one = http.get("/stories/" + quote("web-2", safe="")).json()
    assert one["id"] == "web-2" and one["documents"] == story["documents"]


def test_api_refuses_an_unknown_story_and_a_bad_day(http):
    r = http.get("/stories/nope")
    assert r.status_code == 404 and r.json()["error"]["code"] == "E617"
    r = http.get("/stories", params={"since": "yesterday", "until": "2024-06-01"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E608"


def test_home_page_leads_with_the_stories_and_a_story_page_lists_its_articles(http):
    home = http.get("/", headers={"accept": "text/html"}).text
    assert 'aria-labelledby="top-stories-h"' in home and 'href="/story/web-2"' in home
    assert home.index("top-stories-h") < home.index('class="results"')
    page = http.get("/story/web-2", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "<h1>" in page.text and 'href="/article/web-3"' in page.text and 'href="/article/web-2"' in page.text
    missing = http.get("/story/nope", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "لا قصة إخبارية" in missing.text
