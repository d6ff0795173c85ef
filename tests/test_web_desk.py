"""The analyst's desk in a real browser (Debian's Chromium, headless, driven by Playwright) at a
desktop width (1366 px) and a phone width (390 px): maps, clickable timelines, search totals and
facets, quotations that land on their highlighted sentence, the network's legend and zoom. Also the
article page's quotations, each listed once, and the marking of a quotation's cue and speaker.

Screenshots go to ./test-artifacts/web/ (or $RASD_TEST_ARTIFACTS/web/). Chromium comes from apt;
without it the tests fail unless RASD_SKIP_BROWSER=1 says to skip them.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from rasd.model import Document, Quote
from rasd.web.pages import quote_tree
from rasd.web.render import annotated_text

pytest_plugins = ("web_fixtures",)

WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
PLACE = "/entity/" + quote("city:vienna-at", safe="")
PAGES = ["/", "/?q=" + quote("فيينا"), "/timeline", PLACE, "/network", "/quotes", "/article/web-2"]
MAPPED = {"/", "/timeline", PLACE}


@pytest.fixture(scope="module")
def browser(web):
    if not web.CHROMIUM.exists():
        if os.environ.get("RASD_SKIP_BROWSER") == "1":
            pytest.skip(f"{web.CHROMIUM} is not installed and RASD_SKIP_BROWSER=1: browser tests skipped")
        pytest.fail(f"{web.CHROMIUM} is missing: install it with `apt-get install -y chromium` (or set RASD_SKIP_BROWSER=1 to skip)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(web.CHROMIUM), args=web.CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(params=sorted(WIDTHS))
def page(request, browser):
    context = browser.new_context(locale="ar", viewport=WIDTHS[request.param])
    pg = context.new_page()
    pg.errors = []
    pg.width = WIDTHS[request.param]["width"]
    pg.kind = request.param
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    yield pg
    context.close()


def test_desk_pages_fit_and_draw(web, live_server, page):
    """No page scrolls sideways; the maps and the timelines render and their marks link somewhere."""
    for path in PAGES:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.scrollWidth") <= page.width, (page.kind, path)
        if path in MAPPED:
            box = page.locator("svg.map").bounding_box()
            assert box and box["width"] > 0.8 * min(page.width - 40, 1100), (path, box)
            links = page.locator("svg.map a.place")
            assert links.count() >= 1, path
            assert links.first.get_attribute("href").startswith("/entity/")
            assert page.locator("svg.map .land path").count() >= 1, "the outline of the countries is drawn"
        if path in ("/", "/timeline"):
            assert page.locator("svg.chart a.bar-link rect.bar").count() >= 1, path
        name = path.strip("/").split("?")[0].split("/")[0] or ("search" if "?" in path else "home")
        page.screenshot(path=str(web.artifacts_dir() / f"desk-{page.kind}-{name}.png"), full_page=True)
    assert page.errors == []


def test_a_bar_of_the_corpus_timeline_searches_its_period(live_server, page):
    page.goto(live_server.url + "/")
    bars = page.eval_on_selector_all(
        "svg.chart a.bar-link", "els => els.filter(a => parseFloat(a.querySelector('rect.bar').getAttribute('height')) > 0)"
        ".map(a => [a.dataset.since, a.dataset.until])")
    since, until = bars[-1]
    page.locator(f'svg.chart a.bar-link[data-since="{since}"]').click()
    page.wait_for_url("**/?*since=*")
    asked = parse_qs(urlsplit(page.url).query)
    assert asked["since"] == [since] and asked["until"] == [until]
    dates = page.eval_on_selector_all(".hit time", "els => els.map(e => e.getAttribute('datetime'))")
    assert dates and all(since <= d <= until for d in dates), (since, until, dates)
    assert "من" in page.inner_text(".results .total")
    assert page.errors == []


def test_search_shows_its_total_and_facets(live_server, page):
    page.goto(live_server.url + "/?q=" + quote("فيينا"))
    assert page.inner_text(".results .total").strip().startswith("من ")
    assert page.locator(".facets a").count() >= 3
    page.locator(".facets h3:text('المصدر') + ul a").first.click()
    page.wait_for_url("**source=*")
    assert page.locator(".hit").count() >= 1
    assert page.errors == []


def test_a_quote_link_lands_on_its_highlighted_sentence(live_server, page):
    page.goto(live_server.url + "/quotes")
    link = page.locator(".quote-row footer a[href*='#q']").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url("**/article/**")
    index = href.rsplit("#q", 1)[1]
    target = page.locator(f"#q{index}")
    assert "hl" in target.get_attribute("class")
    box = target.bounding_box()
    assert box and -1 <= box["y"] < WIDTHS[page.kind]["height"], "the browser scrolled to the quotation"
    assert page.locator(f'#doc-text .cue.hl[data-q="{index}"]').count() == 1, "its cue is highlighted"
    assert page.locator(f'#doc-text .speaker.hl[data-q="{index}"]').count() <= 1
    assert page.errors == []


def test_a_surname_opens_the_persons_page(live_server, page):
    page.goto(live_server.url + "/entity/" + quote("هوبر"))
    assert "كارل هوبر" in page.inner_text("h1")


def test_the_network_has_a_type_legend_and_zooms(live_server, page):
    page.goto(live_server.url + "/network?top=40")
    page.wait_for_selector("svg#network g.node")
    assert page.locator("#network-legend input[data-type]").count() == 4
    people = page.locator("svg#network g.node[data-type=PERSON]")
    assert people.count() >= 1 and people.first.is_visible()
    assert page.locator("svg#network text.major").count() >= 1
    page.click("#network-legend input[data-type=PERSON]")
    assert not people.first.is_visible(), "unticking a type hides its entities"
    page.click("#network-legend input[data-type=PERSON]")
    before = page.get_attribute("svg#network", "viewBox")
    page.click("button[data-zoom-step=in]")
    page.click("button[data-zoom-step=in]")
    assert float(page.get_attribute("svg#network", "data-zoom")) > 2
    assert page.get_attribute("svg#network", "viewBox") != before
    assert "zoomed" in page.get_attribute("svg#network", "class")
    page.click("button[data-zoom-step=reset]")
    assert float(page.get_attribute("svg#network", "data-zoom")) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= page.width
    assert page.errors == []


def test_a_place_page_lists_quotes_that_name_it(live_server, page):
    page.goto(live_server.url + "/entity/" + quote("country:OM", safe=""))
    about = page.locator("section.about blockquote")
    assert about.count() >= 1
    assert "عمان" in about.first.inner_text()


# ------------------------------------------------------------------ without a browser


def nested_doc() -> Document:
    text = "قال الوزير إن الرئيس قال له: سنفتح المعابر قريبا. وأضاف أن الاتفاق صامد."
    doc = Document.from_parts(text, None, id="n1")
    outer_start = text.index("الرئيس")
    outer_end = text.index("قريبا") + len("قريبا")
    inner_start = text.index("سنفتح")
    second = text.index("الاتفاق")
    doc.quotes = [
        Quote(outer_start, outer_end, False, cue_start=0, cue_end=3, speaker_start=4, speaker_end=10),
        Quote(inner_start, outer_end, True, cue_start=text.index("قال له"), cue_end=text.index("قال له") + 3),
        Quote(second, len(text) - 1, False, cue_start=text.index("وأضاف"), cue_end=text.index("وأضاف") + 5),
    ]
    return doc


def test_a_nested_quotation_is_listed_once_under_the_one_that_holds_it():
    assert quote_tree(nested_doc()) == [(0, [1]), (2, [])]


def test_quotations_nest_in_the_text_with_their_cues_and_speakers_marked():
    html = str(annotated_text(nested_doc()))
    for i in range(3):
        assert html.count(f'id="q{i}"') == 1
        assert f'<span class="cue" data-q="{i}">' in html
    assert '<span class="speaker" data-q="0">الوزير</span>' in html
    outer = html.index('id="q0"')
    inner = html.index('id="q1"')
    assert outer < inner < html.index("</span>", inner), "the inner quotation opens inside the outer one"


def test_the_map_frames_its_places_and_escapes_their_names():
    from rasd.query.geo import MapPoint
    from rasd.web.maps import _countries, place_map

    points = [MapPoint("city:sanaa-ye", "صنعاء <b>", 15.35, 44.21, 4, 2), MapPoint("loc:x", 'تعز"', 13.58, 44.02, 1, 0)]
    svg = str(place_map(points, label="خريطة"))
    assert "صنعاء &lt;b&gt;" in svg and "تعز&#34;" in svg and "<b>" not in svg
    x, y, w, h = (float(v) for v in svg.split('viewBox="', 1)[1].split('"', 1)[0].split())
    assert x <= 440 <= x + w and y <= -153 <= y + h, "Sanaa is inside the view"
    assert 1.5 * h <= w <= 3 * h and w < 600, "framed on Yemen, not the world"
    drawn = svg.count("<path ")
    assert 1 <= drawn < len(_countries()), "only the countries in view are drawn"
    assert svg.count('class="events"') == 1 and svg.count('class="mentions"') == 2
    assert 'href="/entity/city%3Asanaa-ye"' in svg
    assert "empty" in str(place_map([], label="خريطة"))


def test_chart_bars_link_to_their_period():
    from rasd.web.render import bar_chart, period

    assert period("2024-02") == ("2024-02-01", "2024-02-29") and period("2024-03-05") == ("2024-03-05", "2024-03-05")
    svg = str(bar_chart([("2024-01-10", 2), ("2024-06-01", 1)], label="x", href=lambda a, b: f"/?since={a}&until={b}"))
    assert 'href="/?since=2024-01-01&amp;until=2024-01-31"' in svg  # months: the range is over 92 days
    assert svg.count('class="bar-link"') == 6
    assert "bar-link" not in str(bar_chart([("2024-01-10", 2)], label="x"))


def test_the_map_leaves_a_far_off_place_of_small_weight_out_of_its_frame():
    from rasd.query.geo import MapPoint
    from rasd.web.maps import place_map

    gulf = [MapPoint(f"loc:{i}", f"مكان {i}", 24 + i, 46 + i, 20, 5) for i in range(4)]
    far = MapPoint("city:lima-pe", "ليما", -12.05, -77.04, 1, 0)
    framed = str(place_map([*gulf, far], label="خريطة"))
    assert 'data-id="city:lima-pe"' not in framed and "1 من الأماكن خارج هذا الإطار" in framed
    whole = str(place_map([*gulf, far], label="خريطة", core=1.0))
    assert 'data-id="city:lima-pe"' in whole and "خارج هذا الإطار" not in whole
