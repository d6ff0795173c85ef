"""The analyst's overviews on both back ends: facets and totals of a search, a country's places in
`search --entity`, documents per day, trending entities, places with their counts and coordinates,
quotations about an entity."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from rasd.cli.main import cli
from rasd.query.geo import locate, map_points
from rasd.store import open_store
from rasd.store.errors import BadQuery
from rasd.store.results import PlaceCount

YEMEN = ("country:YE", "LOC", "اليمن", ["اليمن"])
SANAA = ("city:sanaa-ye", "LOC", "صنعاء", ["صنعاء"])
HUDAYDAH = ("city:al-hudaydah-ye", "LOC", "الحديدة", ["الحديدة"])
RIYADH = ("city:riyadh-sa", "LOC", "الرياض", ["الرياض"])
ENVOY = ("person:سالم-الراشد", "PERSON", "سالم الراشد", ["سالم الراشد"])
MINISTER = ("person:هدى-الناصر", "PERSON", "هدى الناصر", ["هدى الناصر"])


def corpus(build_doc):
    """The documents the `store` fixture (conftest) puts in a store of each back end."""
    return [
        build_doc("عقد المبعوث سالم الراشد اجتماعا مع المسؤولين في صنعاء.", "اجتماع في صنعاء", id="o1",
                  published="2024-03-01", source="وكالة الشرق", entities=[SANAA, ENVOY],
                  events=[("MEET", "اجتماعا", [("person:سالم-الراشد", "actor")], "city:sanaa-ye")]),
        build_doc("أصاب هجوم ميناء الحديدة صباح اليوم.", "هجوم على الميناء", id="o2", published="2024-03-20",
                  source="صحيفة الغرب", entities=[HUDAYDAH], events=[("ATTACK", "هجوم", [], "city:al-hudaydah-ye")]),
        build_doc("زارت الوزيرة هدى الناصر اليمن وقالت: سالم الراشد يعمل بلا كلل من أجل السلام.", "زيارة", id="o3",
                  published="2024-03-28", source="وكالة الشرق", entities=[YEMEN, MINISTER, ENVOY],
                  quotes=[("سالم الراشد يعمل بلا كلل من أجل السلام", "person:هدى-الناصر")],
                  events=[("VISIT", "زارت", [("person:هدى-الناصر", "actor")], "country:YE")]),
        build_doc("التقى المبعوث سالم الراشد بالوزراء في الرياض.", "لقاء في الرياض", id="o4", published="2024-03-29",
                  source="وكالة الشرق", entities=[RIYADH, ENVOY],
                  events=[("MEET", "التقى", [("person:سالم-الراشد", "actor")], "city:riyadh-sa")]),
    ]


def test_facets_count_the_matching_documents(store):
    f = store.facets("المبعوث")
    assert f.total == 2 == store.count("المبعوث")
    assert f.sources == [("وكالة الشرق", 2)]
    assert ("PERSON", 2) in f.types and ("LOC", 2) in f.types
    assert f.entities[0] == ("person:سالم-الراشد", "سالم الراشد", "PERSON", 2)
    assert f.months == [("2024-03", 2)]
    everything = store.facets(None, source="وكالة الشرق")
    assert everything.total == 3 and dict(everything.sources) == {"وكالة الشرق": 3}


def test_an_entity_filter_on_a_country_takes_its_cities(store):
    found = {r.id for r in store.search(None, entity="اليمن", order="date")}
    assert found == {"o1", "o2", "o3"}, "Sanaa and Hodeidah lie in Yemen; Riyadh does not"
    assert store.count(None, entity="اليمن") == 3
    assert {r.id for r in store.search(None, entity="صنعاء", order="date")} == {"o1"}
    assert {r.id for r in store.search(None, entity="سالم الراشد", order="date")} == {"o1", "o3", "o4"}


def test_daily_counts_and_trending(store):
    assert store.daily_counts() == [("2024-03-01", 1), ("2024-03-20", 1), ("2024-03-28", 1), ("2024-03-29", 1)]
    assert store.daily_counts(source="صحيفة الغرب") == [("2024-03-20", 1)]
    # the last 7 days (2024-03-23 to 03-29): the envoy in two documents, none the 7 days before
    trends = store.trending(7)
    assert [(t.id, t.recent, t.before) for t in trends] == [("person:سالم-الراشد", 2, 0)]
    assert (trends[0].since, trends[0].until) == ("2024-03-23", "2024-03-29")
    # no place is named in two documents of the last 14 days
    assert store.trending(14, type="LOC") == []
    with pytest.raises(BadQuery):
        store.trending(0)


def test_places_with_their_documents_events_and_coordinates(store):
    counts = {p.id: (p.documents, p.events) for p in store.place_counts()}
    assert counts == {"city:sanaa-ye": (1, 1), "city:al-hudaydah-ye": (1, 1), "country:YE": (1, 1), "city:riyadh-sa": (1, 1)}
    inside = store.place_counts(["country:YE"], within=True)
    assert {p.id for p in inside} == {"country:YE", "city:sanaa-ye", "city:al-hudaydah-ye"}
    assert {p.id: p.events for p in store.event_places(location="اليمن")} == {
        "city:sanaa-ye": 1, "city:al-hudaydah-ye": 1, "country:YE": 1}
    assert {p.id for p in store.event_places("MEET")} == {"city:sanaa-ye", "city:riyadh-sa"}
    points = {p.id: p for p in map_points(store.place_counts())}
    assert set(points) == set(counts)
    assert 15 < points["city:sanaa-ye"].lat < 16 and 44 < points["city:sanaa-ye"].lon < 45
    assert 12 < points["country:YE"].lat < 19 and 42 < points["country:YE"].lon < 54


def test_the_places_of_a_search_are_counted_in_its_documents(store):
    found = {p.id: (p.documents, p.events, p.mentions) for p in store.search_places("المبعوث")}
    assert found == {"city:sanaa-ye": (1, 1, 2), "city:riyadh-sa": (1, 1, 2)}, "o1 and o4 name the envoy; each names its place in its title and text"
    by_envoy = {p.id: (p.documents, p.events) for p in store.search_places(None, entity="سالم الراشد")}
    assert by_envoy == {"city:sanaa-ye": (1, 1), "country:YE": (1, 1), "city:riyadh-sa": (1, 1)}
    assert {p.id for p in store.search_places(None, source="صحيفة الغرب")} == {"city:al-hudaydah-ye"}
    assert store.search_places("كلمة-لا-ترد") == []
    assert {p.id: p.mentions for p in store.place_counts()}["city:sanaa-ye"] == 2


def test_places_are_located_by_id_or_by_name():
    assert locate("city:riyadh-sa") is not None
    lat, lon = locate("loc:تعز", "تعز")  # a GeoNames city by its Arabic name
    assert 13 < lat < 14 and 43 < lon < 45
    assert locate("loc:مكان-لا-يعرفه-احد", "مكان لا يعرفه أحد") is None
    assert map_points([PlaceCount("loc:مكان-لا-يعرفه-احد", "مكان لا يعرفه أحد", 3, 0)]) == []


def test_quotes_about_an_entity_are_said_by_others(store):
    about = store.quotes_about("سالم الراشد")
    assert [(q.document_id, q.speaker_id, q.index) for q in about] == [("o3", "person:هدى-الناصر", 0)]
    assert store.quotes_about("الراشد")[0].document_id == "o3", "a surname finds the person"
    assert store.quotes_about("هدى الناصر") == [], "her own words are not about her"


def test_search_entity_with_a_country_on_the_command_line(tmp_path, build_doc):
    db = str(tmp_path / "o.db")
    with open_store(db) as s:
        for doc in corpus(build_doc):
            s.put_document(doc)
    res = CliRunner().invoke(cli, ["search", "--entity", "اليمن", "--order", "date", "--format", "json", "--db", db])
    assert res.exit_code == 0, res.output
    got = json.loads(res.stdout)
    items = got["items"] if isinstance(got, dict) else got
    assert sorted(r["id"] for r in items) == ["o1", "o2", "o3"]
