"""The web interface in a real browser: Debian's Chromium, headless, driven by Playwright.

Screenshots go to ./test-artifacts/web/ (or $RASD_TEST_ARTIFACTS/web/). With RASD_SCREENSHOTS=1,
`test_readme_screenshots` also renders the shipped examples and writes docs/screenshots/*.png.

Chromium comes from apt (`apt-get install -y chromium`; never `playwright install`). When
/usr/bin/chromium is missing the tests fail, unless RASD_SKIP_BROWSER=1 says to skip them.
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

pytest_plugins = ("web_fixtures",)  # the server fixtures

ROOT = Path(__file__).resolve().parents[1]
VIEWPORT = {"width": 1280, "height": 800}
README_DESKTOP = {"width": 1366, "height": 900}  # the README's screenshots: a laptop and a phone
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser(web):
    if not web.CHROMIUM.exists():
        if os.environ.get("RASD_SKIP_BROWSER") == "1":
            pytest.skip(f"{web.CHROMIUM} is not installed and RASD_SKIP_BROWSER=1: browser tests skipped")
        pytest.fail(f"{web.CHROMIUM} is missing: install it with `apt-get install -y chromium` (or set RASD_SKIP_BROWSER=1 to skip)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("RASD_SKIP_BROWSER") == "1":
            pytest.skip("playwright is not installed and RASD_SKIP_BROWSER=1: browser tests skipped")
        raise
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(web.CHROMIUM), args=web.CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="ar", viewport=VIEWPORT)
    pg = context.new_page()
    pg.dialogs = []  # every alert/confirm/prompt that fires (an XSS would)
    pg.errors = []  # uncaught JavaScript errors

    def on_dialog(dialog):
        pg.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    yield pg
    context.close()


def shot(web, pg, name: str) -> Path:
    path = web.artifacts_dir() / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 1000
    return path


def test_search_open_article_follow_entity(web, live_server, page):
    page.goto(live_server.url + "/")
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    page.fill("input[name=q]", "فيينا")
    page.click("form.search button[type=submit]")
    page.wait_for_selector(".hit mark")
    assert "فيينا" in page.inner_text(".hit mark")
    shot(web, page, "search")

    page.click(".hit h3 a")
    page.wait_for_url("**/article/*")
    links = page.locator("#doc-text a.ent")
    assert links.count() > 0, "the article's entities are highlighted and linked"
    assert page.locator("#doc-text .quote").count() > 0
    shot(web, page, "article")

    # the legend hides one kind of highlighting
    page.uncheck("#legend input[data-type=PERSON]")
    assert "hide-PERSON" in (page.get_attribute("#doc-text", "class") or "")

    name = links.first.inner_text()
    links.first.click()
    page.wait_for_url("**/entity/*")
    assert name.strip() in page.inner_text("h1")
    bars = page.locator("svg.chart rect.bar")
    assert bars.count() > 0, "the entity page draws its timeline"
    assert page.locator("svg.chart").bounding_box()["width"] > 300
    shot(web, page, "entity")
    assert page.errors == [] and page.dialogs == []


def test_network_page_draws_nodes(web, live_server, page):
    page.goto(live_server.url + "/network?top=30")
    page.wait_for_selector("svg#network circle")
    circles = page.locator("svg#network circle")
    assert circles.count() >= 2
    assert page.locator("svg#network line").count() >= 1
    assert page.locator("svg#network text").first.text_content()
    shot(web, page, "network")
    first = page.locator("svg#network g.node").first
    first.hover()
    assert page.locator("svg#network line.hot").count() >= 1, "hovering a node highlights its edges"
    href = page.locator("svg#network g.node a").first.get_attribute("href")
    assert href.startswith("/entity/")
    assert page.errors == []


def test_timeline_page(web, live_server, page):
    page.goto(live_server.url + "/timeline")
    assert page.locator("table.events-table tbody tr").count() >= 1
    assert page.locator("svg.chart rect.bar").count() >= 1
    shot(web, page, "timeline")
    assert page.errors == []


def test_no_script_from_an_article_runs(web, live_server, page):
    urls = ["/", "/?q=بيروت", "/article/web-xss", "/timeline", "/network", "/?q=%3Cscript%3Ealert(9)%3C/script%3E"]
    page.goto(live_server.url + "/article/web-xss")
    urls += [a for a in page.eval_on_selector_all("a.ent", "els => els.map(e => e.getAttribute('href'))")]
    for url in urls:
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
    assert page.dialogs == [], f"a script from an article ran: {page.dialogs}"
    page.goto(live_server.url + "/article/web-xss")
    assert "<script>alert(1)</script>" in page.inner_text("h1"), "the title's markup reads as text"
    assert "<img src=x onerror=alert(2)>" in page.inner_text("#doc-text")
    assert page.locator("#doc-text img, h1 script, #doc-text script").count() == 0
    shot(web, page, "xss-article")
    assert page.dialogs == [] and page.errors == []


def test_readme_screenshots(web, browser, tmp_path):
    """docs/screenshots/*.png from the shipped examples (run with RASD_SCREENSHOTS=1)."""
    if os.environ.get("RASD_SCREENSHOTS") != "1":
        pytest.skip("set RASD_SCREENSHOTS=1 to regenerate docs/screenshots/ from examples/")
    db = tmp_path / "examples.db"
    web.fill_database(db, [web.EXAMPLES])
    srv = web.serve(db)
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    contexts = {"": browser.new_context(locale="ar", viewport=README_DESKTOP),
                "phone-": browser.new_context(locale="ar", viewport=PHONE)}
    try:
        import httpx

        quotes = httpx.get(srv.url + "/quotes", params={"limit": 200}).json()["items"]
        richest = Counter(q["document_id"] for q in quotes).most_common(1)  # the article quoting most
        people = httpx.get(srv.url + "/entities", params={"type": "PERSON", "limit": 20}).json()["items"]
        dated = [p for p in people if httpx.get(srv.url + "/entities/" + quote(p["id"], safe="")).json()["per_day"]]
        people = dated or people  # one whose timeline has dates, when there is one
        targets = [("home", "/"), ("map", "/#map"), ("search", "/?" + urlencode({"q": "وزير"}))]
        if richest:
            targets.append(("article", f"/article/{quote(richest[0][0], safe='')}"))
        if people:
            targets.append(("entity", f"/entity/{quote(people[0]['id'], safe='')}"))
        places = httpx.get(srv.url + "/entities", params={"type": "LOC", "limit": 1}).json()["items"]
        if places:
            targets.append(("place", f"/entity/{quote(places[0]['id'], safe='')}"))
        targets += [("quotes", "/quotes"), ("network", "/network"), ("events", "/timeline")]
        for prefix, context in contexts.items():
            pg = context.new_page()
            for name, path in targets:
                pg.goto(srv.url + path)
                pg.wait_for_load_state("load")
                tmp = tmp_path / f"{prefix}{name}.png"
                pg.screenshot(path=str(tmp), full_page=False)
                shutil.copyfile(tmp, out / f"{prefix}{name}.png")
                shutil.copyfile(tmp, web.artifacts_dir() / f"readme-{prefix}{name}.png")
    finally:
        for context in contexts.values():
            context.close()
        srv.stop()


# what overflows the viewport at phone width, the search button's place, broken dates, italic text
PHONE_CHECK = """() => {
  const width = window.innerWidth;
  const button = document.querySelector('form.search button[type=submit]');
  const box = button ? button.getBoundingClientRect() : null;
  const tables = [...document.querySelectorAll('table')].map(t => {
    const box = t.parentElement;
    return {scrolls: getComputedStyle(box).overflowX === 'auto', right: box.getBoundingClientRect().right,
            left: box.getBoundingClientRect().left};
  });
  const broken = [...document.querySelectorAll('time')].filter(t => t.getClientRects().length > 1
      || t.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(t).lineHeight || '20')).map(t => t.textContent);
  const italic = [...document.querySelectorAll('body *')].filter(e => getComputedStyle(e).fontStyle === 'italic'
      && e.textContent.trim()).map(e => e.className || e.tagName);
  return {width, scroll: document.documentElement.scrollWidth, button: box && {left: box.left, right: box.right},
          tables, broken, italic};
}"""


def test_every_page_fits_a_phone(web, live_server, browser):
    """At 390 px: no page scrolls sideways, the search button is on screen, tables scroll in their
    own box, no date breaks across lines, nothing is set in italic."""
    import httpx

    person = max(httpx.get(live_server.url + "/entities", params={"type": "PERSON", "limit": 200}).json()["items"],
                 key=lambda e: e["documents"])
    paths = ["/", "/?" + urlencode({"q": "فيينا"}), "/?" + urlencode({"q": "لا شيء يطابق هذا"}), "/article/web-2",
             f"/entity/{quote(person['id'], safe='')}", "/timeline", "/quotes", "/network", "/api", "/no-such-page"]
    context = browser.new_context(locale="ar", viewport=PHONE)
    try:
        pg = context.new_page()
        for path in paths:
            pg.goto(live_server.url + path)
            pg.wait_for_load_state("load")
            got = pg.evaluate(PHONE_CHECK)
            assert got["scroll"] <= PHONE["width"], (path, got["scroll"])
            if got["button"] is not None:
                assert 0 <= got["button"]["left"] and got["button"]["right"] <= PHONE["width"], (path, got["button"])
            for t in got["tables"]:
                assert t["scrolls"] and t["left"] >= 0 and t["right"] <= PHONE["width"], (path, t)
            assert got["broken"] == [], (path, got["broken"])
            assert got["italic"] == [], (path, got["italic"])
            name = path.strip("/").split("?")[0].split("/")[0] or "home"
            pg.screenshot(path=str(web.artifacts_dir() / f"phone-{name}.png"), full_page=True)
    finally:
        context.close()
