"""The API and pages over the PostgreSQL back end: the same answers as over SQLite."""

from __future__ import annotations

import httpx

pytest_plugins = ("web_fixtures",)  # the server fixtures


def ids(resp: httpx.Response) -> list[str]:
    return sorted(str(i.get("id") or i.get("document_id")) for i in resp.json()["items"])


def test_api_and_pages_over_postgres(web, pg_url, live_server):
    web.fill_database(pg_url, [web.ARTICLES])
    srv = web.serve(pg_url)
    try:
        with httpx.Client(base_url=srv.url, timeout=60) as pg, httpx.Client(base_url=live_server.url, timeout=60) as lite:
            for path, params in [
                ("/search", {"q": "فيينا", "duplicates": "true"}),
                ("/search", {"since": "2000", "order": "date"}),
                ("/entities", {"limit": 200}),
                ("/quotes", {"limit": 200}),
                ("/events", {"limit": 200}),
            ]:
                a, b = pg.get(path, params=params), lite.get(path, params=params)
                assert a.status_code == b.status_code == 200, (path, a.text)
                assert ids(a) == ids(b), path
            assert pg.get("/documents/web-2").json()["text"] == lite.get("/documents/web-2").json()["text"]
            for payload in ("' OR '1'='1", "'; DROP TABLE documents; --"):
                for name in ("q", "source", "type"):
                    r = pg.get("/search", params={name: payload})
                    assert r.status_code < 500, r.text
            page = pg.get("/article/web-xss", headers={"accept": "text/html"})
            assert page.status_code == 200 and "<script>alert" not in page.text
            assert pg.get("/graph", params={"top": 10}).json()["nodes"]
            assert pg.get("/health").json()["database"]["schema_version"] >= 1
    finally:
        srv.stop()
