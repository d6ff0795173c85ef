"""ACLED precision codes of an event's place and date."""

from __future__ import annotations

from rasd.events.stage import EventStage
from rasd.model import DateSpan
from test_quotes_handmade import build


def stage_with(tmp_path):
    (tmp_path / "countries.tsv").write_text("# test list\nتونس\ttest\nالمغرب\ttest\n", encoding="utf-8")
    (tmp_path / "cities.tsv").write_text("# test list\nصفاقس\tTN\t300000\n", encoding="utf-8")
    return EventStage(gazetteer_dir=str(tmp_path))


def event(stage, text, entities, dates=()):
    doc = build(text, entities, list(dates))
    (ev,) = stage(doc).events
    return ev


def test_location_precision(tmp_path):
    st = stage_with(tmp_path)
    assert event(st, "وجرت مظاهرة في تونس.", [("tn", "LOC", ["تونس"])]).location_precision == 3
    assert event(st, "وجرت مظاهرة في صفاقس.", [("sf", "LOC", ["صفاقس"])]).location_precision == 1
    assert event(st, "وجرت مظاهرة في بلدة الرديف.", [("r", "LOC", ["الرديف"])]).location_precision == 1
    assert (
        event(st, "وجرت مظاهرة في منطقة الحوض المنجمي.", [("r", "LOC", ["الحوض المنجمي"])]).location_precision
        == 2
    )
    assert event(st, "وجرت مظاهرة في محافظة القصرين.", [("r", "LOC", ["القصرين"])]).location_precision == 3
    assert event(st, "وجرت مظاهرة في جنوب تونس.", [("tn", "LOC", ["تونس"])]).location_precision == 2
    # not in any list, no place noun: taken as a town
    assert event(st, "وجرت مظاهرة في الرديف.", [("r", "LOC", ["الرديف"])]).location_precision == 1


def test_date_precision(tmp_path):
    st = stage_with(tmp_path)
    ent = [("tn", "LOC", ["تونس"])]
    ev = event(st, "وجرت مظاهرة في تونس أمس.", ent, [("أمس", "2024-05-09", "day")])
    assert (ev.date, ev.date_precision) == ("2024-05-09", 1)
    ev = event(st, "وجرت مظاهرة في تونس في مايو 2024.", ent, [("مايو 2024", "2024-05", "month")])
    assert (ev.date, ev.date_precision) == ("2024-05", 3)
    doc = build("وجرت مظاهرة في تونس الأسبوع الماضي.", ent)
    p = doc.text.find("الأسبوع الماضي")
    doc.dates.append(DateSpan(p, p + len("الأسبوع الماضي"), "2024-05-03", "relative", "week"))
    (ev,) = st(doc).events
    assert (ev.date, ev.date_precision) == ("2024-05-03", 2)


def test_place_written_before_the_trigger(tmp_path):
    st = stage_with(tmp_path)
    ev = event(st, "وفي صفاقس، انطلقت مظاهرة حاشدة.", [("sf", "LOC", ["صفاقس"])])
    assert ev.location == "sf"
