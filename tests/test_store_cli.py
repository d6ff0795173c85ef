"""The store commands (ingest, search, entities, entity, quotes, events, export) with CliRunner
on a real SQLite file."""

from __future__ import annotations

import csv
import io
import json

import click
import pytest
from click.testing import CliRunner

from rasd.cli.store import COMMANDS
from rasd.store import open_store

# The commands as the lead wires them into `rasd` (a group of COMMANDS).
cli = click.Group("rasd", commands={c.name: c for c in COMMANDS})


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db(tmp_path, build_doc):
    """A store with hand-built analysed documents (entities, quotes, events)."""
    path = str(tmp_path / "kb.db")
    with open_store(path) as s:
        s.put_document(build_doc(
            "قال وزير الخارجية إن وفد التحالف سيصل إلى بروكسيل غدا لحضور الاجتماع السنوي مع الشركاء.",
            "وفد إلى بروكسل", id="d1", published="2015-07-21", source="sabq",
            entities=[("per:fm", "PERSON", "وزير الخارجية", ["وزير الخارجية"]), ("loc:bru", "LOC", "بروكسل", ["بروكسيل"])],
            quotes=[("وفد التحالف سيصل إلى بروكسيل غدا", "per:fm")],
            events=[("MEET", "الاجتماع", [("per:fm", "actor")], "loc:bru")], titles={"per:fm": "وزير"}))
        s.put_document(build_doc(
            "افتتح وزير الخارجية معرضا للصور في الرياض يوثق تاريخ العلاقات الدبلوماسية للمملكة.",
            "معرض في الرياض", id="d2", published="2015-07-23", source="okaz",
            entities=[("per:fm", "PERSON", "وزير الخارجية", ["وزير الخارجية"]), ("loc:ruh", "LOC", "الرياض", ["الرياض"])]))
    return path


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    for cmd in COMMANDS:
        res = runner.invoke(cli, [cmd.name, "--help"])
        assert res.exit_code == 0, cmd.name
        assert f"rasd {cmd.name}" in res.output and "--db" in res.output


def test_ingest_then_rerun_is_a_no_op(runner, tmp_path, arabic_corpus):
    data = tmp_path / "a.jsonl"
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in arabic_corpus(5, seed=4)) + "\n{bad\n", encoding="utf-8")
    cfg = tmp_path / "c.toml"
    cfg.write_text('[pipeline]\nstages = ["text"]\n', encoding="utf-8")
    path = str(tmp_path / "kb.db")
    res = runner.invoke(cli, ["ingest", str(data), "--db", path, "--config", str(cfg)])
    assert res.exit_code == 1  # one bad line
    assert "5 added" in res.stdout and "1 failed" in res.stdout and f"{data}, line 6" in res.stdout
    res = runner.invoke(cli, ["ingest", str(data), "--db", path, "--config", str(cfg), "--json"])
    summary = json.loads(res.stdout)
    assert (summary["added"], summary["unchanged"], summary["failed"]) == (0, 5, 1)


def test_search_table_and_json(runner, db):
    res = runner.invoke(cli, ["search", "بروكسل", "--db", db])
    assert res.exit_code == 0
    assert "d1  2015-07-21  sabq  وفد إلى بروكسل" in res.stdout and "[بروكسيل]" in res.stdout
    res = runner.invoke(cli, ["search", "--entity", "وزير الخارجية", "--order", "date", "--format", "json", "--db", db])
    rows = json.loads(res.stdout)
    assert [r["id"] for r in rows] == ["d2", "d1"]
    assert {"id", "title", "published", "source", "snippet", "highlights", "score", "cluster"} <= rows[0].keys()
    res = runner.invoke(cli, ["search", "--db", db])
    assert res.exit_code == 2 and "E608" in res.stderr
    res = runner.invoke(cli, ["search", "x", "--since", "soon", "--db", db])
    assert res.exit_code == 2 and "since" in res.stderr
    res = runner.invoke(cli, ["search", "--entity", "مجهول", "--db", db])
    assert res.exit_code == 1 and "E607" in res.stderr


def test_entities_entity_quotes_events(runner, db):
    res = runner.invoke(cli, ["entities", "--db", db])
    assert res.exit_code == 0 and res.stdout.splitlines()[1].split()[:3] == ["2", "2", "2"]
    rows = json.loads(runner.invoke(cli, ["entities", "--type", "LOC", "--format", "json", "--db", db]).stdout)
    assert {r["id"] for r in rows} == {"loc:bru", "loc:ruh"}
    res = runner.invoke(cli, ["entity", "وزير الخارجية", "--db", db])
    assert res.exit_code == 0
    assert "titles: وزير ×1" in res.stdout and "2015-07-21" in res.stdout and "بروكسل ×1" in res.stdout
    prof = json.loads(runner.invoke(cli, ["entity", "بروكسيل", "--format", "json", "--db", db]).stdout)
    assert prof["id"] == "loc:bru" and prof["per_day"] == [{"date": "2015-07-21", "mentions": 1}]
    res = runner.invoke(cli, ["quotes", "--speaker", "وزير الخارجية", "--db", db])
    assert "وزير الخارجية: «وفد التحالف سيصل إلى بروكسيل غدا»" in res.stdout
    res = runner.invoke(cli, ["events", "--type", "MEET", "--db", db])
    assert "MEET «الاجتماع» @ بروكسل" in res.stdout and "وزير الخارجية (actor)" in res.stdout


def test_unknown_types_are_refused_with_the_list(runner, db):
    """`--type FOO` is a usage error listing the valid types, not an empty answer (exit 0)."""
    res = runner.invoke(cli, ["events", "--type", "FOO", "--db", db])
    assert res.exit_code == 2 and "E612" in res.stderr and "FOO" in res.stderr
    for kind in ("MEET", "ATTACK", "KIDNAP", "RELEASE", "STRIKE", "CLASH", "DEPLOY"):
        assert kind in res.stderr
    res = runner.invoke(cli, ["search", "بروكسل", "--type", "PEOPLE", "--db", db])
    assert res.exit_code == 2 and "E612" in res.stderr and "PERSON" in res.stderr and "MEET" in res.stderr
    res = runner.invoke(cli, ["events", "--type", "meet", "--db", db])  # any case
    assert res.exit_code == 0 and "MEET «الاجتماع»" in res.stdout


@pytest.fixture
def names_db(tmp_path, build_doc):
    """Two people sharing a surname and a council known by a longer name."""
    path = str(tmp_path / "names.db")
    pres = ("per:pres", "PERSON", "هارولد غرنت", ["هارولد غرنت"])
    with open_store(path) as s:
        s.put_document(build_doc(
            "قال هارولد غرنت إن مجلس الأمن الدولي سيعقد جلسة طارئة لبحث الأزمة.", "جلسة طارئة", id="t1",
            published="2024-03-01", entities=[pres, ("org:council", "ORG", "مجلس الأمن الدولي", ["مجلس الأمن الدولي"])],
            quotes=[("مجلس الأمن الدولي سيعقد جلسة طارئة", "per:pres")]))
        s.put_document(build_doc(
            "أكد هارولد غرنت أن الاتفاق سيوقع قريبا.", "الاتفاق", id="t2", published="2024-03-02", entities=[pres]))
        s.put_document(build_doc(
            "زارت ماريسا غرنت معرضا للفنون في المدينة.", "معرض", id="t3", published="2024-03-03",
            entities=[("per:daughter", "PERSON", "ماريسا غرنت", ["ماريسا غرنت"])]))
    return path


def test_names_are_found_by_part_or_spelling_and_ambiguity_is_listed(runner, names_db):
    res = runner.invoke(cli, ["entity", "هارولد غرانت", "--db", names_db])
    assert res.exit_code == 0 and "[per:pres]" in res.stdout
    res = runner.invoke(cli, ["entity", "غرنت", "--db", names_db])
    assert res.exit_code == 1 and "E611" in res.stderr
    assert "[per:pres], 2 documents" in res.stderr and "[per:daughter], 1 documents" in res.stderr
    res = runner.invoke(cli, ["search", "--entity", "مجلس الأمن", "--format", "json", "--db", names_db])
    assert res.exit_code == 0 and [r["id"] for r in json.loads(res.stdout)] == ["t1"]
    res = runner.invoke(cli, ["quotes", "--speaker", "هارولد غرانت", "--db", names_db])
    assert res.exit_code == 0 and "«مجلس الأمن الدولي سيعقد جلسة طارئة»" in res.stdout
    res = runner.invoke(cli, ["quotes", "--speaker", "غرانت", "--db", names_db])
    assert res.exit_code == 1 and "E611" in res.stderr
    res = runner.invoke(cli, ["quotes", "--speaker", "أحد لا يعرفه أحد", "--db", names_db])
    assert res.exit_code == 1 and "E607" in res.stderr and "no quotations" not in res.stderr


def test_search_counts_what_it_found_and_takes_quoted_phrases(runner, names_db):
    res = runner.invoke(cli, ["search", "غرانت", "--limit", "2", "--db", names_db])
    assert res.exit_code == 0 and "1-2 of 3 stories found" in res.stderr
    assert res.stdout.count("[غرنت]") == 2
    res = runner.invoke(cli, ["search", '"مجلس الأمن"', "--db", names_db])
    assert "1 story found" in res.stderr and res.stdout.startswith("t1 ")


def test_export_jsonl_csv_parquet(runner, db, tmp_path):
    import pyarrow.parquet as pq

    res = runner.invoke(cli, ["export", "--db", db])
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [d["id"] for d in lines] == ["d1", "d2"] and lines[0]["schema"] == "rasd.document/1"
    assert lines[0]["quotes"][0]["speaker"] == "per:fm"
    res = runner.invoke(cli, ["export", "--format", "csv", "--table", "mentions", "--db", db])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == 5 and rows[0]["document_id"] == "d1"  # الرياض twice in d2: title and body
    out = tmp_path / "e.parquet"
    res = runner.invoke(cli, ["export", "--format", "parquet", "--table", "entities", "-o", str(out), "--db", db])
    assert res.exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == 3 and sorted(table.column("documents").to_pylist()) == [1, 1, 2]
    res = runner.invoke(cli, ["export", "--format", "parquet", "--db", db])
    assert res.exit_code == 2


def test_bad_database_url(runner, tmp_path):
    res = runner.invoke(cli, ["entities", "--db", "mysql://x/y"])
    assert res.exit_code == 2 and "E601" in res.stderr
    res = runner.invoke(cli, ["entities", "--db", str(tmp_path / "no" / "such" / "dir.db")])
    assert res.exit_code == 2 and "E610" in res.stderr  # a command that only reads: no such database
    (tmp_path / "a.txt").write_text("نص قصير عن الطقس في المدينة اليوم.", encoding="utf-8")
    res = runner.invoke(cli, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "no" / "such" / "dir.db")])
    assert res.exit_code == 1 and "E603" in res.stderr  # one that writes: the folder to create it in is missing


def test_ingest_refuses_a_batch_time_that_is_no_positive_number(runner, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("افتتح الوزير المعرض في الرياض.", encoding="utf-8")
    for value in ('"soon"', "0", "-3", "true"):
        cfg = tmp_path / "bad.toml"
        cfg.write_text(f'[pipeline]\nstages = ["text"]\n\n[ingest]\nbatch_seconds = {value}\n', encoding="utf-8")
        res = runner.invoke(cli.commands["ingest"], [str(art), "--db", str(tmp_path / "x.db"), "--config", str(cfg), "--quiet"])
        assert res.exit_code == 2 and "[ingest] batch_seconds" in res.output, (value, res.output)
    res = runner.invoke(cli.commands["ingest"], [str(art), "--db", str(tmp_path / "x.db"), "--config", str(cfg), "--quiet",
                                             "--batch-seconds", "1"])
    assert res.exit_code == 0 and "1 added" in res.output, res.output


@pytest.fixture
def places_db(tmp_path, build_doc):
    """Events in Yemen's cities and regions (by the alias tables' ids, by a gazetteer name, by a
    LOCATED_IN relation), in Yemen itself, and in another country's capital."""
    yemen = ("country:YE", "LOC", "اليمن", ["اليمن"])
    path = str(tmp_path / "places.db")
    with open_store(path) as s:
        s.put_document(build_doc("عقد المبعوث الأممي اجتماعا مع المسؤولين في صنعاء.", "اجتماع", id="p1", published="2024-01-01",
                                 entities=[("city:sanaa-ye", "LOC", "صنعاء", ["صنعاء"])],
                                 events=[("MEET", "اجتماعا", [], "city:sanaa-ye")]))
        s.put_document(build_doc("أصاب هجوم ميناء الحديدة صباح اليوم.", "هجوم", id="p2", published="2024-01-02",
                                 entities=[("city:al-hudaydah-ye", "LOC", "الحديدة", ["الحديدة"])],
                                 events=[("ATTACK", "هجوم", [], "city:al-hudaydah-ye")]))
        s.put_document(build_doc("خرجت مظاهرة كبيرة في تعز للمطالبة بفتح الطرق.", "مظاهرة", id="p3", published="2024-01-03",
                                 entities=[("loc:تعز", "LOC", "تعز", ["تعز"])],
                                 events=[("PROTEST", "مظاهرة", [], "loc:تعز")]))
        s.put_document(build_doc("اندلعت اشتباكات في مديرية الوادي بمحافظة شبوة شرق اليمن.", "اشتباكات", id="p4", published="2024-01-04",
                                 entities=[("loc:الوادي", "LOC", "مديرية الوادي", ["مديرية الوادي"]),
                                           ("loc:شبوه", "LOC", "محافظة شبوة", ["محافظة شبوة"]), yemen],
                                 events=[("CLASH", "اشتباكات", [], "loc:الوادي")],
                                 relations=[("LOCATED_IN", "loc:الوادي", "loc:شبوه"), ("LOCATED_IN", "loc:شبوه", "country:YE")]))
        s.put_document(build_doc("زار الوزير اليمن في جولة إقليمية.", "زيارة", id="p5", published="2024-01-05",
                                 entities=[yemen], events=[("VISIT", "زار", [], "country:YE")]))
        s.put_document(build_doc("عقد الوزراء اجتماعا في الرياض وفي طرابلس.", "اجتماع", id="p6", published="2024-01-06",
                                 entities=[("city:riyadh-sa", "LOC", "الرياض", ["الرياض"]), ("loc:طرابلس", "LOC", "طرابلس", ["طرابلس"])],
                                 events=[("MEET", "اجتماعا", [], "city:riyadh-sa")]))
    return path


def test_events_in_a_country_include_its_cities_and_regions(runner, places_db):
    """`--location اليمن` finds the events in Sanaa, Hodeidah, Taiz and a district of Shabwa, not Riyadh's."""
    res = runner.invoke(cli, ["events", "--location", "اليمن", "--format", "json", "--db", places_db])
    assert res.exit_code == 0, res.output
    assert sorted(e["document_id"] for e in json.loads(res.stdout)) == ["p1", "p2", "p3", "p4", "p5"]
    res = runner.invoke(cli, ["events", "--location", "صنعاء", "--format", "json", "--db", places_db])
    assert [e["document_id"] for e in json.loads(res.stdout)] == ["p1"]
    res = runner.invoke(cli, ["events", "--location", "محافظة شبوة", "--format", "json", "--db", places_db])
    assert [e["document_id"] for e in json.loads(res.stdout)] == ["p4"]
    with open_store(places_db) as s:
        assert sum(n for _d, _t, n in s.event_counts(location="اليمن")) == 5
        assert "loc:طرابلس" in s.places_within(["country:LY"]) and "loc:طرابلس" not in s.places_within(["country:YE"])


def test_a_country_or_an_organisation_is_never_a_place_within_a_country(tmp_path, build_doc):
    """A LOCATED_IN relation read wrongly («فلسطين» in the United States) or about an organisation
    («شركة في واشنطن») does not put that country's or that organisation's news under the other's."""
    path = str(tmp_path / "within.db")
    us = ("country:US", "LOC", "الولايات المتحدة", ["الولايات المتحدة"])
    with open_store(path) as s:
        s.put_document(build_doc("قالت شركة أوبر في الولايات المتحدة إن فلسطين في الولايات المتحدة وإن سياتل في الولايات المتحدة.",
                                 "خبر", id="w1", published="2024-02-01",
                                 entities=[us, ("org:uber", "ORG", "أوبر", ["أوبر"]), ("country:PS", "LOC", "فلسطين", ["فلسطين"]),
                                           ("city:seattle-us", "LOC", "سياتل", ["سياتل"])],
                                 relations=[("LOCATED_IN", "org:uber", "country:US"), ("LOCATED_IN", "country:PS", "country:US"),
                                            ("LOCATED_IN", "city:seattle-us", "country:US")]))
        within = s.places_within(["country:US"])
    assert "city:seattle-us" in within
    assert "country:PS" not in within and "org:uber" not in within


def test_a_place_the_gazetteer_puts_in_another_country_stays_there(tmp_path, build_doc):
    """One article misreading «المنستير» (a Tunisian city) as in Syria, and a resolution giving an
    Egyptian city's id a Syrian town's name, do not bring their news under Syria; a Syrian town the
    gazetteer does not know still comes in by its relation."""
    path = str(tmp_path / "abroad.db")
    syria = ("country:SY", "LOC", "سوريا", ["سوريا"])
    with open_store(path) as s:
        s.put_document(build_doc("وصل الوفد إلى المنستير في سوريا ثم زار بلدة كفر نبودة في سوريا.", "خبر", id="s1",
                                 published="2024-02-01",
                                 entities=[syria, ("loc:المنستير", "LOC", "المنستير", ["المنستير"]),
                                           ("loc:كفر-نبوده", "LOC", "كفر نبودة", ["كفر نبودة"])],
                                 relations=[("LOCATED_IN", "loc:المنستير", "country:SY"), ("LOCATED_IN", "loc:كفر-نبوده", "country:SY")]))
        s.put_document(build_doc("زار السياح معابد الأقصر ثم مدينة القصير.", "خبر", id="s2", published="2024-02-02",
                                 entities=[("city:luxor-eg", "LOC", "الأقصر", ["الأقصر", "القصير"])]))
        within = s.places_within(["country:SY"])
        assert "loc:كفر-نبوده" in within
        assert "loc:المنستير" not in within and "city:luxor-eg" not in within
        assert "loc:المنستير" in s.places_within(["country:TN"]) and "city:luxor-eg" in s.places_within(["country:EG"])
