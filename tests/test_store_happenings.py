"""Events in the store: modality and date basis kept, one happening linked across the articles that
report it (`rasd.store.happening`), counted once, on both back ends."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from rasd.cli.main import cli
from rasd.store import SCHEMA_VERSION, open_store
from rasd.store.export import export
from rasd.store.happening import happening_key

pytest_plugins = ("web_fixtures",)  # start_server

AMMAN = ("loc:amman", "LOC", "عمّان", ["عمّان"])
BEIRUT = ("loc:beirut", "LOC", "بيروت", ["بيروت"])
JO_FM = ("per:jo-fm", "PERSON", "وزير الخارجية الأردني", ["وزير الخارجية الأردني"])
EG_FM = ("per:eg-fm", "PERSON", "وزير الخارجية المصري", ["وزير الخارجية المصري"])
FR_PRES = ("per:fr-pres", "PERSON", "الرئيس الفرنسي", ["الرئيس الفرنسي"])
OMAN_ENVOY = ("per:envoy", "PERSON", "المبعوث العماني", ["المبعوث العماني"])
YEMEN_PM = ("per:ye-pm", "PERSON", "رئيس الوزراء اليمني", ["رئيس الوزراء اليمني"])


def dated(doc, date, basis="text", modality="asserted", precision=1):
    for ev in doc.events:
        ev.date, ev.date_basis, ev.modality, ev.date_precision = date, basis, modality, precision
    return doc


def corpus(build_doc):
    """Two outlets report one meeting in Amman; a visit to Beirut is announced by one and told as
    done by another; two envoys' talks without a place, once written with their day and once
    only as «أمس»."""
    meet = [("per:jo-fm", "actor"), ("per:eg-fm", "participant")]
    talks = [("per:envoy", "actor"), ("per:ye-pm", "participant")]
    return [
        dated(build_doc("اجتمع وزير الخارجية الأردني مع وزير الخارجية المصري في عمّان يوم 12 مارس 2026 لبحث العلاقات الثنائية.",
                        "لقاء أردني مصري", id="m1", published="2026-03-13", source="petra",
                        entities=[JO_FM, EG_FM, AMMAN], events=[("MEET", "اجتمع", meet, "loc:amman")]), "2026-03-12"),
        dated(build_doc("عقد وزير الخارجية الأردني ونظيره وزير الخارجية المصري اجتماعا في عمّان يوم 12 مارس 2026 "
                        "تناول التعاون الاقتصادي.", "اجتماع في عمّان", id="m2", published="2026-03-12", source="ahram",
                        entities=[JO_FM, EG_FM, AMMAN], events=[("MEET", "اجتماعا", meet, "loc:amman")]), "2026-03-12"),
        dated(build_doc("من المقرر أن يزور الرئيس الفرنسي بيروت يوم 20 أبريل 2026 للقاء المسؤولين اللبنانيين.",
                        "زيارة مرتقبة", id="v1", published="2026-04-10", source="nahar",
                        entities=[FR_PRES, BEIRUT], events=[("VISIT", "يزور", [("per:fr-pres", "visitor")], "loc:beirut")]),
              "2026-04-20", modality="planned"),
        dated(build_doc("زار الرئيس الفرنسي بيروت يوم 20 أبريل 2026 والتقى المسؤولين اللبنانيين.",
                        "الرئيس الفرنسي في بيروت", id="v2", published="2026-04-21", source="safir",
                        entities=[FR_PRES, BEIRUT], events=[("VISIT", "زار", [("per:fr-pres", "visitor")], "loc:beirut")]),
              "2026-04-20"),
        dated(build_doc("التقى المبعوث العماني رئيس الوزراء اليمني يوم 3 مايو 2026 وبحثا سبل التهدئة.",
                        "مشاورات يمنية", id="t1", published="2026-05-04", source="watan",
                        entities=[OMAN_ENVOY, YEMEN_PM], events=[("MEET", "التقى", talks, None)]), "2026-05-03"),
        dated(build_doc("التقى المبعوث العماني رئيس الوزراء اليمني يوم 3 مايو 2026 في جولة جديدة من المشاورات.",
                        "جولة مشاورات", id="t2", published="2026-05-05", source="ayyam",
                        entities=[OMAN_ENVOY, YEMEN_PM], events=[("MEET", "التقى", talks, None)]), "2026-05-03"),
        dated(build_doc("التقى المبعوث العماني رئيس الوزراء اليمني أمس لمتابعة المشاورات.",
                        "لقاء المبعوث", id="t3", published="2026-05-04", source="sabaa",
                        entities=[OMAN_ENVOY, YEMEN_PM], events=[("MEET", "التقى", talks, None)]), "2026-05-03", basis="report"),
    ]


def by_doc(rows):
    return {r.document_id: r for r in rows}


# ------------------------------------------------------------------------------------------ the rule


KEY = dict(modality="asserted", date="2026-03-12", date_precision=1, date_basis="text", location="loc:amman",
           actors=["per:a"], negated=False)


def test_the_key_needs_a_day_of_its_own_and_a_place_or_actors():
    key = happening_key("MEET", **KEY)
    assert key and key.startswith("MEET:2026-03-12:a:")
    assert happening_key("MEET", **{**KEY, "actors": ["per:b"]}) == key  # a place decides: actors are not compared
    assert happening_key("MEET", **{**KEY, "date_basis": "anchor"}) == key
    assert happening_key("MEET", **{**KEY, "modality": "planned"}) not in (None, key)
    assert happening_key("VISIT", **KEY) != key
    assert happening_key("MEET", **{**KEY, "date": "2026-03-13"}) != key
    assert happening_key("MEET", **{**KEY, "date_basis": "report"}) == key  # «أمس» counted from the report names the day
    for change in ({"date_basis": None}, {"date_basis": "anchor_undated", "date": None},
                   {"date": "2026-03"}, {"date_precision": 2}, {"negated": True}, {"location": None, "actors": []},
                   {"location": None, "actors": [None]}):
        assert happening_key("MEET", **{**KEY, **change}) is None, change
    a = happening_key("MEET", **{**KEY, "location": None, "actors": ["per:b", "per:a"]})
    assert a == happening_key("MEET", **{**KEY, "location": None, "actors": ["per:a", "per:b", "per:a"]})
    assert a != happening_key("MEET", **{**KEY, "location": None, "actors": ["per:a"]})


# ------------------------------------------------------------------------------------------ the store


def test_two_reports_of_one_meeting_are_one_happening(store):
    rows = by_doc(store.events(limit=100))
    m1, m2 = rows["m1"], rows["m2"]
    assert m1.happening and m1.happening == m2.happening
    assert (m1.reports, m2.reports) == (2, 2)
    assert (m1.modality, m1.date_basis) == ("asserted", "text")
    t1, t2, t3 = rows["t1"], rows["t2"], rows["t3"]
    assert t1.happening == t2.happening  # no place: the same actors
    assert t3.date_basis == "report" and t3.happening == t1.happening  # «أمس» counted from the report: 3 May
    assert (t1.reports, t3.reports) == (3, 3)


def test_a_planned_and_an_asserted_visit_are_two_happenings(store):
    rows = by_doc(store.events(type="VISIT"))
    assert rows["v1"].modality == "planned" and rows["v2"].modality == "asserted"
    assert rows["v1"].happening and rows["v2"].happening and rows["v1"].happening != rows["v2"].happening
    assert rows["v1"].reports == rows["v2"].reports == 1


def test_counts_are_of_happenings(store):
    assert store.event_counts() == [("2026-03-12", "MEET", 1), ("2026-04-20", "VISIT", 2), ("2026-05-03", "MEET", 1)]
    assert store.event_counts("MEET", location="عمّان") == [("2026-03-12", "MEET", 1)]
    assert {p.id: p.events for p in store.event_places()} == {"loc:amman": 1, "loc:beirut": 2}


def test_export_has_the_new_columns(store):
    out = io.StringIO()
    assert export(store, "csv", out, "events") == 7
    rows = {r["document_id"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["m1"]["happening"] == rows["m2"]["happening"] != ""
    assert (rows["m1"]["reports"], rows["v1"]["modality"], rows["t3"]["date_basis"]) == ("2", "planned", "report")
    assert rows["t3"]["happening"] == rows["t1"]["happening"] != "" and rows["t3"]["reports"] == "3"


def test_the_row_builder_and_the_batch_table_agree(build_doc):
    from rasd.batch.tables import TableBuilder
    from rasd.serialize import to_dict
    from rasd.store.prepare import prepare

    docs = corpus(build_doc)
    builder = TableBuilder(0)
    for n, doc in enumerate(docs):
        builder.add_dict(to_dict(doc), "in.jsonl", n, "h", None, b"")
    stored = [r[-1] for doc in docs for r in prepare(doc).rows.events]
    assert builder.columns["events"]["happening"] == stored
    assert builder.columns["events"]["modality"][2] == "planned"


# ------------------------------------------------------------------------------------------ the faces


def test_cli_events_show_planned_reports_and_relative_dates(tmp_path, build_doc):
    store_url = str(tmp_path / "kb.db")
    with open_store(store_url) as s:
        for doc in corpus(build_doc):
            s.put_document(doc)
    runner = CliRunner()
    res = runner.invoke(cli, ["events", "--db", store_url])
    assert res.exit_code == 0, res.output
    lines = {line.rsplit("[", 1)[1].rstrip("]"): line for line in res.stdout.splitlines()}
    assert "2 reports" in lines["m1"] and "reports" not in lines["v2"]
    assert "(planned)" in lines["v1"] and "(planned)" not in lines["v2"]
    assert "(from the report's date)" in lines["t3"] and "(from the report's date)" not in lines["t1"]
    rows = {r["document_id"]: r for r in json.loads(runner.invoke(cli, ["events", "--format", "json", "--db", store_url]).stdout)}
    assert rows["m2"]["reports"] == 2 and rows["m2"]["happening"] == rows["m1"]["happening"]
    assert rows["v1"]["modality"] == "planned" and rows["t3"]["date_basis"] == "report"


def test_timeline_and_api_show_the_new_fields(tmp_path, build_doc, web):
    import httpx

    from rasd.server import create_app

    db = str(tmp_path / "kb.db")
    with open_store(db) as s:
        for doc in corpus(build_doc):
            s.put_document(doc)
    srv = web.start_server(create_app(db, warm_up=False))
    try:
        with httpx.Client(base_url=srv.url, timeout=60) as http:
            items = {r["document_id"]: r for r in http.get("/events").json()["items"]}
            page = http.get("/timeline", headers={"accept": "text/html"}).text
    finally:
        srv.stop()
    assert items["m1"]["reports"] == 2 and items["v1"]["modality"] == "planned" and items["t3"]["date_basis"] == "report"
    rows = {doc: row for row in page.split("<tr")[2:] for doc in ("m1", "v1", "v2", "t1", "t3") if f'href="/article/{doc}"' in row}
    assert '<span class="planned">مرتقب</span>' in rows["v1"] and "مرتقب" not in rows["v2"]
    assert "(عدد التقارير: 2)" in rows["m1"] and "عدد التقارير" not in rows["v2"]
    assert "نسبة إلى تاريخ النشر" in rows["t3"] and "نسبة إلى تاريخ النشر" not in rows["t1"]


# ------------------------------------------------------------------------------------------ migration


def test_a_schema_3_database_migrates_and_keeps_its_events(store_url, build_doc):
    with open_store(store_url) as s:
        for doc in corpus(build_doc):
            s.put_document(doc)
        before = [(e.document_id, e.type, e.trigger, e.date, e.location_id, e.participants) for e in s.events(limit=100)]
        with s.transaction():  # back to schema 3, as the code before this migration made it
            s._execute("DROP INDEX events_happening")
            for column in ("happening", "date_basis", "modality"):
                s._execute(f"ALTER TABLE events DROP COLUMN {column}")
            s._execute("DELETE FROM schema_version WHERE version = 4")
        assert s.schema_version() == 3
    with open_store(store_url) as s:
        assert s.schema_version() == SCHEMA_VERSION == 4
        rows = s.events(limit=100)
        assert [(e.document_id, e.type, e.trigger, e.date, e.location_id, e.participants) for e in rows] == before
        assert {(e.modality, e.date_basis, e.happening, e.reports) for e in rows} == {("asserted", None, None, 1)}
        assert sum(n for _d, _t, n in s.event_counts()) == 7  # no key: each event its own happening
        assert s.get_document("v1").events[0].modality == "planned"  # the stored analysis keeps it
        s.put_document(s.get_document("m1"))  # stored again: its row gets its key
        s.put_document(s.get_document("m2"))
        assert by_doc(s.events(type="MEET"))["m1"].reports == 2


def test_the_bulk_loader_writes_the_keys(pg_url, build_doc):
    from rasd.store.bulkload import BulkWriter
    from rasd.store.prepare import content_hash, prepare

    docs = corpus(build_doc)
    with open_store(pg_url) as s:
        with s.transaction():
            BulkWriter(s).write([(prepare(d), content_hash(d)) for d in docs])
        rows = by_doc(s.events(limit=100))
        assert rows["m1"].happening == rows["m2"].happening and rows["m1"].reports == 2
        assert rows["v1"].modality == "planned" and rows["v1"].happening != rows["v2"].happening
        assert s.event_counts("MEET") == [("2026-03-12", "MEET", 1), ("2026-05-03", "MEET", 1)]
