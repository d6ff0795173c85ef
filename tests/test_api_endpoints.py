"""The HTTP API against a real uvicorn server: every read endpoint, pagination, errors."""

from __future__ import annotations

from helpers import validate

pytest_plugins = ("web_fixtures",)  # the server fixtures

ALL_DATES = {"since": "2000", "order": "date"}


def error_of(resp, status: int, code: str | None = None) -> str:
    assert resp.status_code == status, (resp.status_code, resp.text)
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"]) <= {"code", "message", "candidates", "valid"}, body
    assert body["error"]["code"].startswith("E") and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]["message"]


def all_pages(http, path: str, params: dict, limit: int) -> list[dict]:
    items, offset = [], 0
    while True:
        r = http.get(path, params={**params, "limit": limit, "offset": offset})
        assert r.status_code == 200, r.text
        page = r.json()
        assert page["limit"] == limit and page["offset"] == offset
        assert len(page["items"]) <= limit
        items += page["items"]
        if page["next_offset"] is None:
            return items
        assert page["next_offset"] == offset + limit and len(page["items"]) == limit
        offset = page["next_offset"]


# ------------------------------------------------------------------------------------ server


def test_health_and_openapi(http):
    h = http.get("/health").json()
    assert h["status"] == "ok" and h["database"]["schema_version"] >= 1
    assert h["analysis"]["stages"] and h["writes"] is True
    spec = http.get("/openapi.json").json()
    for path in ("/analyze", "/documents", "/documents/{doc_id}", "/search", "/entities", "/entities/{entity_id}",
                 "/quotes", "/events", "/graph", "/health"):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/documents"] and "post" in spec["paths"]["/analyze"]


def test_security_headers_and_unknown_paths(http):
    r = http.get("/health")
    assert r.headers["x-content-type-options"] == "nosniff"
    error_of(http.get("/no/such/endpoint"), 404, "E622")
    error_of(http.get("/analyze"), 405, "E623")
    error_of(http.delete("/documents/web-1"), 405, "E623")


# ------------------------------------------------------------------------------------ analyze


def test_analyze_returns_a_valid_document(http):
    body = "قال وزير الخارجية الأردني إن المحادثات مع الوفد المصري في القاهرة كانت مثمرة."
    r = http.post("/analyze", json={"text": body, "title": "محادثات في القاهرة", "published": "2024-02-01", "source": "اختبار"})
    assert r.status_code == 200, r.text
    doc = r.json()
    validate(doc)
    assert doc["schema"] == "rasd.document/1"
    assert doc["text"] == "محادثات في القاهرة\n" + body
    assert doc["published"] == "2024-02-01" and doc["source"] == "اختبار"
    assert doc["sentences"] and doc["entities"], "the default pipeline finds the places and people"
    # nothing is stored
    assert http.get(f"/documents/{doc['id']}").status_code == 404


def test_analyze_errors(http):
    error_of(http.post("/analyze", json={"title": "بلا نص"}), 422, "E621")
    error_of(http.post("/analyze", json={"text": "   "}), 422, "E004")
    msg = error_of(http.post("/analyze", json={"text": "نص", "published": "2024-13-45"}), 422, "E006")
    assert "YYYY-MM-DD" in msg
    error_of(http.post("/analyze", json={"text": "نص", "colour": "أحمر"}), 422, "E621")
    error_of(http.post("/analyze", content=b"{not json", headers={"content-type": "application/json"}), 422, "E621")
    error_of(http.post("/analyze", json=["a list"]), 422, "E621")


# ------------------------------------------------------------------------------------ documents


def test_get_document(http):
    r = http.get("/documents/web-1")
    assert r.status_code == 200
    doc = r.json()
    validate(doc)
    assert doc["id"] == "web-1" and doc["published"] == "2024-04-15"
    assert doc["text"].startswith("وزراء الزراعة العرب يجتمعون في الرباط")
    assert "E609" in http.get("/documents/no-such-id").text
    error_of(http.get("/documents/no-such-id"), 404, "E609")


# ------------------------------------------------------------------------------------ search


def test_search_finds_and_highlights(http):
    r = http.get("/search", params={"q": "الخرطوم"})
    assert r.status_code == 200
    items = r.json()["items"]
    assert [i["id"] for i in items] == ["web-4"]
    hit = items[0]
    assert hit["highlights"], hit
    for a, b in hit["highlights"]:
        assert "الخرطوم" in hit["snippet"][a:b]


def test_search_collapses_near_duplicates(http):
    one = http.get("/search", params={"q": "فيينا"}).json()["items"]
    assert len(one) == 1 and one[0]["id"] in ("web-2", "web-3") and one[0]["cluster_size"] == 2
    both = http.get("/search", params={"q": "فيينا", "duplicates": "true"}).json()["items"]
    assert sorted(i["id"] for i in both) == ["web-2", "web-3"]


def test_search_filters(http):
    by_source = http.get("/search", params={"source": "وكالة المثال للأنباء", "duplicates": "true"}).json()["items"]
    assert sorted(i["id"] for i in by_source) == ["web-3", "web-4"]
    dated = http.get("/search", params={"since": "2024-05-01", "until": "2024-05-31", "duplicates": "true"}).json()["items"]
    assert sorted(i["id"] for i in dated) == ["web-2", "web-3"]
    newest = http.get("/search", params={**ALL_DATES, "duplicates": "true"}).json()["items"]
    dates = [i["published"] for i in newest]
    assert dates == sorted(dates, reverse=True) and len(newest) == 5
    people = http.get("/search", params={"type": "PERSON", "duplicates": "true"}).json()["items"]
    assert people, "some article names a person"


def test_search_by_entity(http):
    top = http.get("/entities", params={"type": "LOC", "limit": 1}).json()["items"][0]
    hits = http.get("/search", params={"entity": top["id"], "duplicates": "true"}).json()["items"]
    assert len(hits) == top["documents"]
    for h in hits:
        doc = http.get(f"/documents/{h['id']}").json()
        assert top["id"] in {e["id"] for e in doc["entities"]}
    error_of(http.get("/search", params={"entity": "كيان لا وجود له"}), 404, "E607")


def test_search_pagination(http):
    whole = http.get("/search", params={**ALL_DATES, "duplicates": "true", "limit": 100}).json()
    assert whole["next_offset"] is None
    paged = all_pages(http, "/search", {**ALL_DATES, "duplicates": "true"}, 2)
    assert [i["id"] for i in paged] == [i["id"] for i in whole["items"]]
    assert len(paged) == len({i["id"] for i in paged}) == 5


def test_search_bad_parameters(http):
    error_of(http.get("/search"), 400, "E608")  # nothing to search for
    error_of(http.get("/search", params={"q": "فيينا", "limit": 0}), 400, "E620")
    error_of(http.get("/search", params={"q": "فيينا", "limit": 101}), 400, "E620")
    error_of(http.get("/search", params={"q": "فيينا", "offset": -1}), 400, "E620")
    error_of(http.get("/search", params={"q": "فيينا", "limit": "ten"}), 400, "E620")
    msg = error_of(http.get("/search", params={"q": "فيينا", "order": "random"}), 400, "E620")
    assert "order" in msg
    msg = error_of(http.get("/search", params={"since": "yesterday"}), 400, "E608")
    assert "YYYY-MM-DD" in msg
    error_of(http.get("/search", params={"q": "x" * 600}), 400, "E620")


# ------------------------------------------------------------------------------------ entities


def test_entities_list_and_types(http):
    page = http.get("/entities", params={"limit": 5}).json()
    assert 0 < len(page["items"]) <= 5
    first = page["items"][0]
    assert set(first) >= {"id", "type", "name", "latin", "documents", "stories", "mentions"}
    people = http.get("/entities", params={"type": "PERSON", "limit": 200}).json()["items"]
    assert people and all(e["type"] == "PERSON" for e in people)
    assert http.get("/entities", params={"top": 3}).json()["limit"] == 3
    paged = all_pages(http, "/entities", {}, 3)
    whole = http.get("/entities", params={"limit": 200}).json()["items"]
    assert [e["id"] for e in paged] == [e["id"] for e in whole]


def test_entity_profile(http):
    people = http.get("/entities", params={"type": "PERSON", "limit": 200}).json()["items"]
    person = max(people, key=lambda e: e["documents"])
    p = http.get(f"/entities/{person['id']}").json()
    assert p["id"] == person["id"] and p["name"] == person["name"] and p["type"] == "PERSON"
    assert p["aliases"] and p["per_day"], p
    assert sum(d["mentions"] for d in p["per_day"]) == p["mentions"]
    by_name = http.get(f"/entities/{person['name']}").json()
    assert by_name["id"] == person["id"]
    error_of(http.get("/entities/no-such-entity"), 404, "E607")
    error_of(http.get(f"/entities/{person['id']}", params={"quotes": -1}), 400, "E620")


# ------------------------------------------------------------------------------------ quotes, events


def test_quotes(http):
    whole = http.get("/quotes", params={"limit": 200}).json()["items"]
    assert whole and all(q["text"] for q in whole)
    assert any("الحوار البرلماني" in q["text"] for q in whole)
    paged = all_pages(http, "/quotes", {}, 2)
    assert [(q["document_id"], q["text"]) for q in paged] == [(q["document_id"], q["text"]) for q in whole]
    speaker = next(q for q in whole if q["speaker_id"])
    mine = http.get("/quotes", params={"speaker": speaker["speaker_id"], "limit": 200}).json()["items"]
    assert mine and all(q["speaker_id"] == speaker["speaker_id"] or q["speaker_id"] is None for q in mine)
    error_of(http.get("/quotes", params={"speaker": "لا أحد بهذا الاسم"}), 404, "E607")


def test_events(http):
    whole = http.get("/events", params={"limit": 200}).json()["items"]
    assert whole, "the articles report meetings and a protest"
    kinds = {e["type"] for e in whole}
    some = sorted(kinds)[0]
    only = http.get("/events", params={"type": some, "limit": 200}).json()["items"]
    assert only and {e["type"] for e in only} == {some}
    placed = next((e for e in whole if e["location_id"]), None)
    assert placed is not None, whole
    there = http.get("/events", params={"location": placed["location_id"], "limit": 200}).json()["items"]
    assert there and {e["location_id"] for e in there} == {placed["location_id"]}
    june = http.get("/events", params={"since": "2024-06-01", "limit": 200}).json()["items"]
    assert all(e["published"] >= "2024-06-01" for e in june)
    paged = all_pages(http, "/events", {}, 3)
    assert len(paged) == len(whole)
    error_of(http.get("/events", params={"until": "2024-99"}), 400, "E608")


def test_unknown_types_are_refused_with_the_list(http):
    """An unknown `type` is a 400 naming the valid ones, not an empty page of results."""
    r = http.get("/events", params={"type": "FOO"})
    assert "FOO" in error_of(r, 400, "E612")
    assert {"MEET", "KIDNAP", "RELEASE", "STRIKE", "CLASH", "DEPLOY"} <= set(r.json()["error"]["valid"])
    r = http.get("/entities", params={"type": "PEOPLE"})
    error_of(r, 400, "E612")
    assert r.json()["error"]["valid"] == ["PERSON", "ORG", "LOC", "MISC"]
    error_of(http.get("/search", params={"q": "فيينا", "type": "FOO"}), 400, "E612")
    error_of(http.get("/graph", params={"type": "FOO"}), 400, "E612")
    people = http.get("/entities", params={"type": "PERSON", "limit": 1}).json()["items"]
    error_of(http.get(f"/entities/{people[0]['id']}", params={"type": "FOO"}), 400, "E612")
    schema = http.get("/openapi.json").json()["paths"]
    for path in ("/search", "/entities", "/entities/{entity_id}", "/events", "/graph"):
        assert "E612" in schema[path]["get"]["responses"]["400"]["description"], path
    event_type = next(p for p in schema["/events"]["get"]["parameters"] if p["name"] == "type")
    assert "KIDNAP" in event_type["description"] and "DEPLOY" in event_type["description"]


# ------------------------------------------------------------------------------------ graph


def test_graph(http):
    g = http.get("/graph", params={"top": 10}).json()
    assert 2 <= len(g["nodes"]) <= 10
    ids = {n["id"] for n in g["nodes"]}
    for n in g["nodes"]:
        assert 0.0 <= n["x"] <= 1.0 and 0.0 <= n["y"] <= 1.0
        assert 0 <= n["community"] < g["communities"]
    assert g["edges"]
    for e in g["edges"]:
        assert e["source"] in ids and e["target"] in ids and e["weight"] >= 1
    again = http.get("/graph", params={"top": 10}).json()
    assert again == g, "the layout is deterministic"
    assert len(http.get("/graph", params={"top": 2}).json()["nodes"]) == 2
    error_of(http.get("/graph", params={"top": 1}), 400, "E620")
    error_of(http.get("/graph", params={"min_weight": 0}), 400, "E620")


def test_search_facets_on_request_and_trending_entities(http):
    plain = http.get("/search", params={"duplicates": "true", **ALL_DATES}).json()
    assert "facets" not in plain
    body = http.get("/search", params={"duplicates": "true", "facets": 5, **ALL_DATES}).json()
    facets = body["facets"]
    assert facets["total"] == 5 and sum(n for _m, n in facets["months"]) == 5
    assert {"PERSON", "LOC"} <= {t for t, _n in facets["types"]}
    assert 0 < len(facets["entities"]) <= 5 and all(n >= 1 for *_rest, n in facets["entities"])
    trend = http.get("/trending", params={"days": 30}).json()["items"]
    assert all(t["recent"] > t["before"] for t in trend)
    error_of(http.get("/trending", params={"type": "FOO"}), 400, "E612")
