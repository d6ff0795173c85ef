"""Latin names on the pages and in the API: a confident one is shown, a guess at a foreign name is
not (the page shows the Arabic name only), and the document JSON keeps the guess apart."""

from __future__ import annotations

import json
import sqlite3

import pytest

from helpers import validate
from rasd import default_pipeline
from rasd.model import Document
from rasd.serialize import from_dict, to_dict

pytest_plugins = ("web_fixtures",)

ARTICLE = {
    "id": "latin-1",
    "title": "بوفيرو يدعم الاتفاق",
    "published": "2024-05-06",
    "source": "صحيفة المثال",
    "text": "قال الرئيس الفرنسي غاستون بوفيرو، في مؤتمر صحفي في باريس يوم الاثنين، إن بلاده ستدعم الاتفاق. "
    "ورحب وزير الخارجية الأردني سامي الحداد بتصريحات بوفيرو، وقال الحداد إن المحادثات ستستمر.",
}
GUESS, SURE = "person:غاستون-بوفيرو", "person:سامي-الحداد"


def test_the_document_json_keeps_the_guess_apart():
    doc = default_pipeline()(Document.from_parts(ARTICLE["text"], ARTICLE["title"]))
    data = to_dict(doc)
    validate(data)
    ents = {e["id"]: e for e in data["entities"]}
    assert ents[GUESS]["latin"] is None and ents[GUESS]["latin_guess"] == "Gaston Boviro"
    assert ents[SURE]["latin"] == "Sami al-Hadad" and "latin_guess" not in ents[SURE]
    assert ents["city:paris-fr"]["latin"] == "Paris"
    back = {e.id: e for e in from_dict(data).entities}
    assert (back[GUESS].latin, back[GUESS].latin_guess) == (None, "Gaston Boviro")
    older = json.loads(json.dumps(data))  # a document written before latin_guess existed still reads
    for e in older["entities"]:
        e.pop("latin_guess", None)
    assert all(e.latin_guess is None for e in from_dict(older).entities)


@pytest.fixture(scope="module")
def latin_server(tmp_path_factory, web):
    folder = tmp_path_factory.mktemp("latin")
    src = folder / "articles.jsonl"
    src.write_text(json.dumps(ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
    db = folder / "latin.db"
    web.fill_database(db, [src])
    srv = web.serve(db)
    yield srv, db
    srv.stop()


def test_the_store_and_the_pages_show_only_a_confident_latin_name(latin_server):
    import httpx

    srv, db = latin_server
    with sqlite3.connect(db) as conn:
        stored = dict(conn.execute("SELECT id, latin FROM entities").fetchall())
    assert stored[GUESS] is None and stored[SURE] == "Sami al-Hadad"
    with httpx.Client(base_url=srv.url, timeout=30) as http:
        items = {e["id"]: e for e in http.get("/entities", params={"type": "PERSON"}).json()["items"]}
        assert items[GUESS]["latin"] is None and items[SURE]["latin"] == "Sami al-Hadad"
        html = {}
        for eid in (GUESS, SURE):
            r = http.get(f"/entity/{eid}", headers={"accept": "text/html"})
            assert r.status_code == 200, r.text[:300]
            html[eid] = r.text
        article = http.get("/article/latin-1", headers={"accept": "text/html"}).text
    assert "Boviro" not in html[GUESS] and 'class="latin"' not in html[GUESS]
    assert "غاستون بوفيرو" in html[GUESS]
    assert "Sami al-Hadad" in html[SURE]
    assert "Boviro" not in article and "Sami al-Hadad" in article and "غاستون بوفيرو" in article
