"""The web interface's pages over HTTP: Arabic and right-to-left, the links between pages,
and article text, names and metadata escaped everywhere."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

import pytest

pytest_plugins = ("web_fixtures",)  # the server fixtures

ENTITY_LINK = re.compile(r'<a class="ent ent-(PERSON|ORG|LOC|MISC)[^"]*" href="(/entity/[^"]+)"')
# what would run if the article's markup reached a page unescaped
LIVE_MARKUP = ("<script>alert", "<img src=x", "<a href=\"javascript:", "<b>مصدر</b>", "onerror=alert(2)>")


def page(http, path: str, status: int = 200, **params) -> str:
    r = http.get(path, params=params, headers={"accept": "text/html"})
    assert r.status_code == status, (path, r.status_code, r.text[:500])
    assert r.headers["content-type"].startswith("text/html")
    text = r.text
    assert '<html lang="ar" dir="rtl">' in text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    return text


def assert_inert(text: str, where: str) -> None:
    for bad in LIVE_MARKUP:
        assert bad not in text, f"{where}: {bad!r} reached the page unescaped"
    assert 'href="javascript:' not in text.lower(), where
    scripts = re.findall(r"<script\b[^>]*>", text)
    assert all('src="/static/' in s or 'type="application/json"' in s for s in scripts), (where, scripts)


def entity_of(http, type_: str) -> dict:
    rows = http.get("/entities", params={"type": type_, "limit": 200}).json()["items"]
    assert rows, f"no {type_} entity in the test articles"
    return max(rows, key=lambda e: (e["documents"], e["mentions"]))


def test_search_page_lists_latest_and_top_entities(http):
    text = page(http, "/")
    assert "أحدث المقالات المؤرخة" in text
    for doc_id in ("web-1", "web-4"):
        assert f'href="/article/{doc_id}"' in text
    assert ENTITY_LINK.search(text), "the most named entities are listed"


def test_search_page_highlights_and_filters(http):
    text = page(http, "/", q="الخرطوم")
    assert 'href="/article/web-4"' in text and 'href="/article/web-1"' not in text
    assert "<mark>الخرطوم</mark>" in text
    text = page(http, "/", source="وكالة المثال للأنباء", order="date")
    assert 'href="/article/web-4"' in text and 'href="/article/web-1"' not in text
    text = page(http, "/", since="2024-06-01", until="2024-06-05")
    assert 'href="/article/web-4"' in text and 'href="/article/web-2"' not in text
    text = page(http, "/", q="فيينا")
    assert "نسخة أخرى من الخبر" in text, "the near-duplicate is counted, not listed twice"


def test_search_page_pagination_links(http):
    first = page(http, "/", since="2000", order="date")
    assert 'rel="next"' not in first  # 5 articles, 20 a page
    second = page(http, "/", since="2000", order="date", offset="2")
    assert 'rel="prev"' in second


def test_search_page_reports_bad_input_in_place(http):
    text = page(http, "/", 400, since="أمس")
    assert "E608" in text and 'name="since"' in text
    text = page(http, "/", 404, entity="لا أحد")
    assert "E607" in text


def test_article_page_links_every_entity(http):
    text = page(http, "/article/web-2")
    assert "لجنة الحوار العربي الأوروبي" in text
    links = ENTITY_LINK.findall(text)
    assert links, "entities are highlighted and linked"
    for _type, href in {h for h in links}:
        target = http.get(html.unescape(href), headers={"accept": "text/html"})
        assert target.status_code == 200, href
    assert 'class="quote' in text and "الحوار البرلماني هو الطريق الأقصر" in text
    assert "<h2>الأحداث</h2>" in text
    # each quotation says why its speaker was chosen
    assert 'class="muted why"' in text


def test_article_page_lists_the_other_copies_of_its_story(http):
    text = page(http, "/article/web-2")
    copies = text.split("نسخ أخرى من الخبر</h2>", 1)[1]
    assert 'href="/article/web-3"' in copies and 'href="/article/web-2"' not in copies
    text = page(http, "/article/web-4")
    assert "لا نسخ أخرى لهذا الخبر" in text


def test_entity_page_profile_and_chart(http):
    person = entity_of(http, "PERSON")
    text = page(http, f"/entity/{quote(person['id'], safe='')}")
    assert html.escape(person["name"], quote=False) in text
    assert '<svg class="chart"' in text and '<rect class="bar"' in text
    assert "يظهر غالبا مع" in text
    by_name = page(http, f"/entity/{quote(person['name'], safe='')}")
    assert '<svg class="chart"' in by_name


def test_organisation_page_reads_as_a_profile(http):
    """An organisation's page: its meetings (when, where), the people related to it, what they said."""
    events = http.get("/events", params={"limit": 200}).json()["items"]
    orgs = {p["entity"] for e in events for p in e["participants"]}
    orgs &= {e["id"] for e in http.get("/entities", params={"type": "ORG", "limit": 200}).json()["items"]}
    assert orgs, "an organisation takes part in an event of the test articles"
    org = sorted(orgs)[0]
    text = page(http, f"/entity/{quote(org, safe='')}")
    assert "متى وأين اجتمعت" in text
    for e in http.get("/events", params={"participant": org, "limit": 200}).json()["items"]:
        assert html.escape(e["trigger"], quote=False) in text
        if e["date"] or e["published"]:
            assert (e["date"] or e["published"]) in text
    profile = http.get(f"/entities/{quote(org, safe='')}").json()
    for r in profile["relations"]:
        if r["object"] == org:
            assert f'href="/entity/{quote(r["subject"], safe="")}"' in text


def test_network_page_embeds_the_graph_safely(http):
    text = page(http, "/network", top="20")
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', text, re.S)
    assert m, "the graph is embedded as JSON"
    data = json.loads(m.group(1))
    assert len(data["nodes"]) >= 2 and data["edges"]
    assert all(0 <= n["x"] <= 1 and 0 <= n["y"] <= 1 for n in data["nodes"])
    page(http, "/network", 400, top="1")


def test_timeline_page(http):
    text = page(http, "/timeline")
    assert "<table" in text and '<svg class="chart"' in text
    events = http.get("/events", params={"limit": 200}).json()["items"]
    kind = events[0]["type"]
    only = page(http, "/timeline", type=kind)
    assert only.count("<tr") == 1 + sum(1 for e in events if e["type"] == kind)
    page(http, "/timeline", 400, since="x")


def test_quotes_page_for_browsers_json_for_api_clients(http):
    quotes = http.get("/quotes", params={"limit": 200}).json()["items"]  # no Accept: text/html
    assert quotes
    text = page(http, "/quotes")
    assert '<a href="/quotes" class="on">الأقوال</a>' in text and "<h1>الأقوال</h1>" in text
    for q in quotes[:5]:
        assert html.escape(q["text"], quote=False) in text
        assert f'href="/article/{quote(q["document_id"], safe="")}#q{q["index"]}"' in text  # the quotation in its article
    named = next(q for q in quotes if q["speaker_id"] and q["published"])
    text = page(http, "/quotes", speaker=named["speaker_id"])
    assert f'href="/entity/{quote(named["speaker_id"], safe="")}"' in text and f"<time>{named['published']}</time>" in text
    mine = http.get("/quotes", params={"speaker": named["speaker_id"], "limit": 200}).json()["items"]
    assert text.count('class="quote-row"') == len(mine)
    assert 'href="/quotes"' in page(http, "/"), "the navigation links to the quotes page"


def test_quotes_page_reports_bad_input_in_place(http):
    text = page(http, "/quotes", 404, speaker="لا أحد بهذا الاسم")
    assert "E607" in text and 'name="speaker"' in text
    text = page(http, "/quotes", 400, since="أمس")
    assert "E608" in text


def test_api_reference_page(http):
    text = page(http, "/api")
    for path in ("/analyze", "/documents", "/search", "/graph"):
        assert f"<code>{path}</code>" in text


def test_missing_pages_are_arabic_html(http):
    text = page(http, "/article/no-such-article", 404)
    assert "E609" in text and "غير موجود" in text
    text = page(http, "/entity/no-such-entity", 404)
    assert "E607" in text
    text = page(http, "/no-such-page", 404)
    assert "E622" in text


@pytest.mark.parametrize(
    "path, params",
    [
        ("/", {}),
        ("/", {"q": "بيروت"}),
        ("/", {"q": "alert"}),
        ("/", {"source": "<b>مصدر</b>"}),
        ("/article/web-xss", {}),
        ("/timeline", {}),
        ("/quotes", {}),
        ("/quotes", {"source": "<img src=x onerror=alert(2)>"}),
        ("/network", {}),
        ("/", {"q": "<script>alert(9)</script>"}),
        ("/", {"entity": "<img src=x onerror=alert(2)>"}),
    ],
)
def test_article_markup_is_shown_as_text(http, path, params):
    """An article whose title, text, source and url carry HTML and script (tests/data/web, web-xss)."""
    status = 404 if "entity" in params else 200
    text = page(http, path, status, **params)
    assert_inert(text, f"{path} {params}")


def test_xss_article_reads_as_text(http):
    text = page(http, "/article/web-xss")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text  # the title, escaped
    assert "&lt;img src=x onerror=alert(2)&gt;" in text  # the body, escaped
    assert "&lt;b&gt;مصدر&lt;/b&gt;" in text  # the source
    assert "javascript:alert(4)" in text and 'href="javascript:alert(4)"' not in text  # the url: text only
    doc = http.get("/documents/web-xss").json()
    for e in doc["entities"]:
        entity_page = page(http, f"/entity/{quote(e['id'], safe='')}")
        assert_inert(entity_page, f"entity {e['id']}")


def _error_text(text: str) -> str:
    m = re.search(r'<p class="error"[^>]*>(.*?)</p>', text, re.S)
    assert m, "the error is shown on the page"
    return html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))


@pytest.mark.parametrize(
    "path, params, status, code, arabic",
    [
        ("/entity/no-such-entity", {}, 404, "E607", "لا يوجد في قاعدة البيانات كيان باسم «no-such-entity»"),
        ("/", {"entity": "لا أحد"}, 404, "E607", "كيان باسم «لا أحد»"),
        ("/", {"since": "أمس"}, 400, "E608", "التاريخ «أمس» غير صالح"),
        ("/quotes", {"until": "2024-99"}, 400, "E608", "التاريخ «2024-99» غير صالح"),
        ("/timeline", {"type": "FOO"}, 400, "E612", "النوع «FOO» غير معروف"),
        ("/", {"q": "بيروت", "type": "FOO"}, 400, "E612", "اختطاف"),
        ("/article/no-such-article", {}, 404, "E609", "لا مقال بالمعرّف «no-such-article»"),
        ("/no-such-page", {}, 404, "E622", "لا صفحة بهذا العنوان"),
    ],
    ids=["entity-page", "search-entity", "search-date", "quotes-date", "timeline-type", "search-type", "article", "no-page"],
)
def test_errors_speak_arabic_to_the_reader(http, path, params, status, code, arabic):
    """A page's error says in Arabic what went wrong and what to do, with its code; the developer's
    English message (option names, commands) stays in the API."""
    said = _error_text(page(http, path, status, **params))
    assert code in said and arabic in said, said
    assert not re.search(r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", said), f"English on the page: {said}"
    assert "rasd entities" not in said and "List names" not in said


def test_every_event_role_has_an_arabic_name():
    """A participant's role is shown in Arabic, never as its code («(guest)»)."""
    from rasd.events.ontology import DATA_DIR
    from rasd.web.labels import ROLE_NAMES, role_name

    roles: set[str] = set()

    def walk(node, collecting=False):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, collecting or k in ("roles", "markers", "speaker_role"))
        elif isinstance(node, list):
            for v in node:
                walk(v, collecting)
        elif collecting and isinstance(node, str) and node:
            roles.add(node)

    for path in DATA_DIR.glob("*.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    assert {"guest", "host", "actor", "target"} <= roles
    assert not roles - set(ROLE_NAMES), f"roles without an Arabic name: {sorted(roles - set(ROLE_NAMES))}"
    assert role_name("some-new-role") == "", "an unnamed role is not shown as its code"


def test_empty_states_upright_dates_whole_metadata_isolated(http):
    """Empty states are not italic (italic slants Arabic); a date never breaks at its hyphens; a
    source or a title in metadata is isolated, so a Latin one does not reorder what is around it."""
    css = http.get("/static/rasd.css").text
    assert "font-style: italic" not in css and "font-style:italic" not in css
    rule = re.search(r"(?m)^time\b[^{]*\{([^}]*)\}", css)
    assert rule and "white-space: nowrap" in rule.group(1) and "unicode-bidi: isolate" in rule.group(1)
    text = page(http, "/", q="الخرطوم")
    assert "<bdi>وكالة المثال للأنباء</bdi>" in text
    text = page(http, "/quotes")
    sources = {q["source"] for q in http.get("/quotes", params={"limit": 200}).json()["items"] if q["source"]}
    assert sources and all(f"<bdi>{html.escape(s, quote=False)}</bdi>" in text for s in sources)
    text = page(http, "/article/web-4")
    assert re.search(r'<p class="meta">.*?<bdi>[^<]+</bdi>', text, re.S)


def test_timeline_chart_counts_every_matching_event_sorted_by_the_date_shown(http):
    """The chart counts all the events the filters match, not only the page shown, each happening
    once (web-2 and web-3 report one meeting); the table is in the order of the dates it shows (the
    event's, else the publication date, marked as such)."""
    events = http.get("/events", params={"limit": 200}).json()["items"]
    shown = [e["date"] or e["published"] for e in events]
    assert shown == sorted(shown, reverse=True), shown
    text = page(http, "/timeline", offset=str(len(events) - 1))  # a page with one event on it
    counted = sum(int(n) for n in re.findall(r"<title>[^<:]+: (\d+) \(", text))
    happenings = {
        e["happening"] or f"event {n}" for n, e in enumerate(events) if e["date"] and len(e["date"]) == 10 or e["published"]
    }
    assert counted == len(happenings) > 1
    assert len(happenings) < len(events)  # one meeting, two reports
    if any(not e["date"] and e["published"] for e in events):
        assert "(تاريخ النشر)" in page(http, "/timeline")


def test_no_place_is_an_event_participant_on_the_timeline_or_an_entity_page(http):
    """«فيينا تستضيف الاجتماع»: a town hosting a meeting is where it happens, not who meets; only
    persons, organisations and countries take part (the articles of tests/data/web)."""
    events = http.get("/events", params={"limit": 200}).json()["items"]
    assert events
    places = ("city:", "loc:", "region:")
    for e in events:
        assert not [p for p in e["participants"] if p["entity"].startswith(places)], e
    assert any(e["location_id"] == "city:vienna-at" for e in events), "the meeting keeps Vienna as its place"
    text = page(http, "/entity/city:vienna-at")
    assert "مضيف" not in text  # never shown as the host of the meeting
