"""GET /map: the places of the web's maps in JSON, with coordinates and counts of articles,
mentions and events, for the whole corpus, a place (and what lies within it) or a search."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from rasd.store import open_store

pytest_plugins = ("web_fixtures",)  # the server fixtures

YEMEN = ("country:YE", "LOC", "اليمن", ["اليمن"])
SANAA = ("city:sanaa-ye", "LOC", "صنعاء", ["صنعاء"])
RIYADH = ("city:riyadh-sa", "LOC", "الرياض", ["الرياض"])
NOWHERE = ("loc:قرية-الوادي-البعيد", "LOC", "قرية الوادي البعيد", ["قرية الوادي البعيد"])


@pytest.fixture
def http(tmp_path, web, build_doc) -> Iterator[Any]:
    import httpx

    from rasd.server import create_app

    path = tmp_path / "map.db"
    with open_store(path) as s:
        s.put_document(build_doc("وصل الوفد إلى صنعاء ثم غادر صنعاء متجها إلى الرياض لعقد اجتماع مع المسؤولين.", "جولة", id="m1",
                                 published="2024-04-01", source="وكالة الشرق", entities=[SANAA, RIYADH],
                                 events=[("MEET", "اجتماع", [], "city:riyadh-sa")]))
        s.put_document(build_doc("افتتح المحافظ مستشفى جديدا في صنعاء بحضور ممثلين عن اليمن والمنظمات الدولية.", "مستشفى", id="m2",
                                 published="2024-04-02", source="صحيفة الغرب", entities=[SANAA, YEMEN]))
        s.put_document(build_doc("هطلت أمطار غزيرة على قرية الوادي البعيد طوال الليل.", "أمطار", id="m3",
                                 published="2024-04-03", source="صحيفة الغرب", entities=[NOWHERE]))
        s.put_document(build_doc("قال وزير الخارجية إن اليمن يرحب بالمبادرة.", "ترحيب", id="m4", published="2024-04-04",
                                 source="وكالة الشرق", entities=[YEMEN]))
    srv = web.start_server(create_app(str(path), warm_up=False))
    with httpx.Client(base_url=srv.url, timeout=60) as client:
        yield client
    srv.stop()


def places(body):
    return {p["id"]: (p["documents"], p["mentions"], p["events"]) for p in body["items"]}


def test_the_most_named_places_with_coordinates_and_counts(http):
    body = http.get("/map").json()
    assert places(body) == {"city:sanaa-ye": (2, 3, 0), "country:YE": (2, 2, 0), "city:riyadh-sa": (1, 1, 1)}
    assert body["unplaced"] == 1, "the village has no coordinates: counted, left off the map"
    sanaa = next(p for p in body["items"] if p["id"] == "city:sanaa-ye")
    assert sanaa["name"] == "صنعاء" and 15 < sanaa["lat"] < 16 and 44 < sanaa["lon"] < 45
    assert [p["id"] for p in http.get("/map", params={"top": 1}).json()["items"]] == ["city:sanaa-ye"]


def test_a_place_and_what_lies_within_it(http):
    body = http.get("/map", params={"place": "اليمن"}).json()
    assert set(places(body)) == {"country:YE", "city:sanaa-ye"} and body["place"]["id"] == "country:YE"
    assert http.get("/map", params={"place": "مدينة لا وجود لها"}).status_code == 404


def test_the_places_of_a_search(http):
    assert places(http.get("/map", params={"q": "المسؤولين"}).json()) == {"city:sanaa-ye": (1, 2, 0), "city:riyadh-sa": (1, 1, 1)}
    assert set(places(http.get("/map", params={"source": "صحيفة الغرب"}).json())) == {"city:sanaa-ye", "country:YE"}
    assert set(places(http.get("/map", params={"entity": "الرياض"}).json())) == {"city:sanaa-ye", "city:riyadh-sa"}


def test_bad_requests_are_refused_with_a_code(http):
    r = http.get("/map", params={"place": "اليمن", "q": "مستشفى"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E608"
    assert http.get("/map", params={"type": "NOT_A_TYPE"}).status_code == 400
    assert http.get("/map", params={"top": 0}).status_code in (400, 422)
