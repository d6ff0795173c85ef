"""Writes need the token, bodies are size-limited, and no parameter reaches SQL as code."""

from __future__ import annotations

import httpx
import pytest

pytest_plugins = ("web_fixtures",)  # the server fixtures

ARTICLE = {
    "id": "posted-1",
    "title": "افتتاح معرض الكتاب في الدوحة",
    "text": "افتتح وزير الثقافة القطري معرض الدوحة الدولي للكتاب يوم الخميس بمشاركة خمسمئة دار نشر من ثلاثين دولة.",
    "published": "2024-01-11",
    "source": "اختبار",
}


def error_code(resp) -> str:
    return resp.json()["error"]["code"]


@pytest.fixture
def auth(web) -> dict[str, str]:
    return {"Authorization": f"Bearer {web.TOKEN}"}


@pytest.fixture
def writer(writable_server):
    with httpx.Client(base_url=writable_server.url, timeout=60) as client:
        yield client


# ------------------------------------------------------------------------------------ token


def test_writes_need_the_token(writer, auth):
    body = {"documents": [ARTICLE]}
    r = writer.post("/documents", json=body)
    assert r.status_code == 401 and error_code(r) == "E624"
    assert r.headers["www-authenticate"] == "Bearer"
    r = writer.post("/documents", json=body, headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert r.status_code == 401 and error_code(r) == "E624"
    r = writer.post("/documents", json=body, headers={"Authorization": "Bearer wrong-token"})
    assert r.status_code == 403 and error_code(r) == "E625"
    assert writer.get("/documents/posted-1").status_code == 404

    r = writer.post("/documents", json=body, headers=auth)
    assert r.status_code == 201, r.text
    assert r.json() == {"stored": 1, "results": [{"id": "posted-1", "status": "added", "cluster": "posted-1", "duplicate_of": None}]}
    doc = writer.get("/documents/posted-1").json()
    assert doc["title"] == ARTICLE["title"] and doc["entities"]
    assert [h["id"] for h in writer.get("/search", params={"q": "معرض الكتاب"}).json()["items"]] == ["posted-1"]

    again = writer.post("/documents", json=body, headers=auth).json()
    assert again["results"][0]["status"] == "unchanged" and again["stored"] == 0


def test_post_checks_every_document_before_writing(writer, auth):
    before = writer.get("/search", params={"since": "2000", "limit": 100}).json()["items"]
    bad = {"documents": [{**ARTICLE, "id": "posted-2"}, {"title": "بلا نص"}]}
    r = writer.post("/documents", json=bad, headers=auth)
    assert r.status_code == 422 and error_code(r) == "E621"
    assert "documents[1]" in r.json()["error"]["message"]
    bad_date = {"documents": [{**ARTICLE, "id": "posted-3", "published": "2024-02-30"}]}
    r = writer.post("/documents", json=bad_date, headers=auth)
    assert r.status_code == 422 and error_code(r) == "E006"
    r = writer.post("/documents", json={"documents": []}, headers=auth)
    assert r.status_code == 422
    assert writer.get("/documents/posted-2").status_code == 404
    assert writer.get("/search", params={"since": "2000", "limit": 100}).json()["items"] == before


def test_post_an_analysed_document(writer, auth):
    analysed = writer.post("/analyze", json={**ARTICLE, "id": "posted-4", "title": "معرض الكتاب"}).json()
    r = writer.post("/documents", json={"documents": [analysed]}, headers=auth)
    assert r.status_code == 201 and r.json()["results"][0]["id"] == "posted-4"
    assert writer.get("/documents/posted-4").json()["entities"] == analysed["entities"]
    broken = {**analysed, "id": "posted-5", "sentences": [{"start": 0, "end": 10_000}]}
    r = writer.post("/documents", json={"documents": [broken]}, headers=auth)
    assert r.status_code == 422 and error_code(r) == "E010"
    assert r.json()["error"]["field"] == "/documents/0/sentences/0/end"


def test_read_only_server_refuses_writes(web, web_db, auth):
    srv = web.serve(web_db, token=None)
    try:
        r = httpx.post(f"{srv.url}/documents", json={"documents": [ARTICLE]}, headers=auth, timeout=60)
        assert r.status_code == 403 and error_code(r) == "E626"
        assert httpx.get(f"{srv.url}/health", timeout=60).json()["writes"] is False
    finally:
        srv.stop()


# ------------------------------------------------------------------------------------ body size


def test_body_too_large(web, writer, auth):
    MAX_BODY = web.MAX_BODY
    big = {"documents": [{**ARTICLE, "text": "ن" * MAX_BODY}]}
    r = writer.post("/documents", json=big, headers=auth)
    assert r.status_code == 413 and error_code(r) == "E627"
    assert str(MAX_BODY) in r.json()["error"]["message"]
    r = writer.post("/analyze", json={"text": "ن" * MAX_BODY})
    assert r.status_code == 413 and error_code(r) == "E627"


def test_streamed_body_too_large(web, writer):
    """A chunked body has no Content-Length: the bytes are counted as they arrive."""
    MAX_BODY = web.MAX_BODY

    def chunks():
        piece = b'{"text": "' + b"a" * 1000
        yield piece
        for _ in range(MAX_BODY // 1000 + 5):
            yield b"a" * 1000
        yield b'"}'

    r = writer.post("/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in r.request.headers
    assert r.status_code == 413 and error_code(r) == "E627"


def test_small_streamed_body_is_accepted(writer):
    def chunks():
        yield '{"text": "قال الوزير إن '.encode()
        yield 'الاجتماع كان مفيدا."}'.encode()

    r = writer.post("/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text


# ------------------------------------------------------------------------------------ SQL injection

INJECTIONS = [
    "' OR '1'='1",
    "'; DROP TABLE documents; --",
    '" OR ""="',
    "1) UNION SELECT id, text, NULL, NULL FROM documents --",
    "%' OR 1=1 --",
    "web-1' --",
    "\\'; DELETE FROM entities; --",
    "*",
    "NEAR(a b)",
    "surf : x OR stem : y",
    "\x00",
]
TEXT_PARAMS = {
    "/search": ["q", "entity", "type", "source", "since", "until"],
    "/entities": ["type", "source", "since", "until"],
    "/quotes": ["speaker", "source", "since", "until"],
    "/events": ["type", "location", "participant", "since", "until"],
    "/graph": ["type"],
}


def test_sql_injection_in_every_parameter(web, web_db, http):
    before = web.db_counts(web_db)
    for path, names in TEXT_PARAMS.items():
        for name in names:
            for payload in INJECTIONS:
                r = http.get(path, params={name: payload})
                assert r.status_code < 500, (path, name, payload, r.text)
                assert r.headers["content-type"].startswith("application/json")
                if r.status_code == 200 and name != "q":
                    # a payload is a value, never a condition: nothing is called that, so nothing matches
                    body = r.json()
                    assert body.get("items", body.get("nodes")) == [], (path, name, payload, body)
    for payload in INJECTIONS[:7]:
        for path in ("/documents/", "/entities/"):
            r = http.get(path + payload.replace("/", "%2F"))
            assert r.status_code in (400, 404), (path, payload, r.text)
    assert web.db_counts(web_db) == before
