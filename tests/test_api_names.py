"""Names over HTTP: a surname, a part of a name or another spelling finds the entity in the API and
the web pages; a name that fits several entities gets the candidates (API 409, a web page)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from rasd.store import open_store

pytest_plugins = ("web_fixtures",)  # the server fixtures

PRESIDENT = ("per:pres", "PERSON", "هارولد غرنت", ["هارولد غرنت"])
COUNCIL = ("org:council", "ORG", "مجلس الأمن الدولي", ["مجلس الأمن الدولي"])


@pytest.fixture
def names_server(tmp_path, web, build_doc) -> Iterator[Any]:
    from rasd.server import create_app

    path = tmp_path / "names.db"
    with open_store(path) as s:
        s.put_document(build_doc("قال هارولد غرنت إن مجلس الأمن الدولي سيعقد جلسة طارئة لبحث الأزمة.", "جلسة طارئة", id="t1",
                                 published="2024-03-01", entities=[PRESIDENT, COUNCIL],
                                 quotes=[("مجلس الأمن الدولي سيعقد جلسة طارئة", "per:pres")]))
        s.put_document(build_doc("أكد هارولد غرنت أن الاتفاق سيوقع قريبا.", "الاتفاق", id="t2", published="2024-03-02",
                                 entities=[PRESIDENT]))
        s.put_document(build_doc("زارت ماريسا غرنت معرضا للفنون في المدينة.", "معرض", id="t3", published="2024-03-03",
                                 entities=[("per:daughter", "PERSON", "ماريسا غرنت", ["ماريسا غرنت"])]))
    srv = web.start_server(create_app(str(path), warm_up=False))
    yield srv
    srv.stop()


@pytest.fixture
def http(names_server) -> Iterator[Any]:
    import httpx

    with httpx.Client(base_url=names_server.url, timeout=60) as client:
        yield client


def test_api_finds_a_variant_spelling_and_a_part_of_a_name(http):
    assert http.get(f"/entities/{quote('هارولد غرانت')}").json()["id"] == "per:pres"
    assert http.get(f"/entities/{quote('مجلس الأمن')}").json()["id"] == "org:council"
    hits = http.get("/search", params={"entity": "مجلس الأمن"}).json()["items"]
    assert [h["id"] for h in hits] == ["t1"]
    said = http.get("/quotes", params={"speaker": "هارولد غرانت"}).json()["items"]
    assert [q["document_id"] for q in said] == ["t1"]


def test_api_answers_an_ambiguous_name_with_the_candidates(http):
    for path, params in ((f"/entities/{quote('غرنت')}", {}), ("/quotes", {"speaker": "غرانت"}), ("/search", {"entity": "غرنت"})):
        r = http.get(path, params=params)
        assert r.status_code == 409, (path, r.text)
        err = r.json()["error"]
        assert err["code"] == "E611"
        assert [(c["id"], c["documents"]) for c in err["candidates"]] == [("per:pres", 2), ("per:daughter", 1)]


def test_search_page_offers_the_candidates_in_arabic(http):
    """A surname several people share, as the search page's entity filter: the reader picks one (in
    Arabic), not the developer's E611 listing."""
    r = http.get("/", params={"q": "", "entity": "غرنت", "order": "date"}, headers={"accept": "text/html"})
    assert r.status_code == 200 and "من تقصد بـ«<bdi>غرنت</bdi>»؟" in r.text
    assert 'href="/?entity=per%3Apres&amp;order=date"' in r.text and 'href="/?entity=per%3Adaughter&amp;order=date"' in r.text
    assert "could be any of several" not in r.text and "لا توجد نتائج" not in r.text


def test_api_quotes_of_an_unknown_speaker_is_an_error(http):
    r = http.get("/quotes", params={"speaker": "أحد لا يعرفه أحد"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "E607"


def test_openapi_documents_the_candidates_answer(http):
    schema = http.get("/openapi.json").json()
    for path in ("/entities/{entity_id}", "/quotes", "/search", "/events"):
        assert "409" in schema["paths"][path]["get"]["responses"], path


def test_entity_page_by_surname_spelling_and_a_page_of_candidates(http):
    html = {"accept": "text/html"}
    r = http.get(f"/entity/{quote('هارولد غرانت')}", headers=html)
    assert r.status_code == 200 and "ماريسا" not in r.text and "هارولد غرنت" in r.text
    r = http.get(f"/entity/{quote('غرانت')}", headers=html)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'href="/entity/per%3Apres"' in r.text and 'href="/entity/per%3Adaughter"' in r.text
    assert r.text.index("per%3Apres") < r.text.index("per%3Adaughter")  # most documents first


def test_search_reports_the_total_and_takes_phrases_and_other_spellings(http):
    body = http.get("/search", params={"q": "غرانت", "limit": 2}).json()
    assert body["total"] == 3 and len(body["items"]) == 2 and body["next_offset"] == 2
    body = http.get("/search", params={"q": '"مجلس الأمن"'}).json()
    assert [h["id"] for h in body["items"]] == ["t1"] and body["total"] == 1
    assert "total" in http.get("/openapi.json").json()["paths"]["/search"]["get"]["summary"]


def test_quotes_page_finds_a_speaker_by_spelling_and_lists_candidates(http):
    html = {"accept": "text/html"}
    r = http.get("/quotes", params={"speaker": "هارولد غرانت"}, headers=html)
    assert r.status_code == 200 and "«مجلس الأمن الدولي سيعقد جلسة طارئة»" in r.text
    r = http.get("/quotes", params={"speaker": "غرانت"}, headers=html)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'href="/quotes?speaker=per%3Apres"' in r.text and 'href="/quotes?speaker=per%3Adaughter"' in r.text
