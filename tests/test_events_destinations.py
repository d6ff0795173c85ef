"""A visit to several countries is one event per country; the doer of a relative clause on a
nominal trigger («الزيارات التي قام بها فلان») is the event's subject."""

from __future__ import annotations

from rasd.events.stage import EventStage
from test_quotes_handmade import build

STAGE = EventStage()
OMAR = ("omar", "PERSON", ["عمر الخطيب"])
EGYPT = ("country:EG", "LOC", ["مصر"])
JORDAN = ("country:JO", "LOC", ["الأردن"])
LEBANON = ("country:LB", "LOC", ["لبنان"])


def visits(text, entities):
    doc = build(text, list(entities), [])
    return [e for e in STAGE(doc).events if e.type == "VISIT"]


def test_a_visit_to_two_countries_is_two_events():
    evs = visits("وساهمت زيارة عمر الخطيب إلى مصر والأردن في تحسين العلاقات.", [OMAR, EGYPT, JORDAN])
    assert sorted(e.location for e in evs) == ["country:EG", "country:JO"]
    assert all([p.entity for p in e.participants] == ["omar"] for e in evs)


def test_the_doer_of_a_relative_clause_and_a_list_in_brackets():
    text = "وأشار الكاتب إلى الزيارات التي قام بها رئيس الحكومة عمر الخطيب إلى عدة دول (مصر والأردن ولبنان) العام الماضي."
    evs = visits(text, [OMAR, EGYPT, JORDAN, LEBANON])
    assert sorted(e.location for e in evs) == ["country:EG", "country:JO", "country:LB"]
    assert all([(p.entity, p.role) for p in e.participants] == [("omar", "visitor")] for e in evs)


def test_a_relative_clause_with_another_doer_verb():
    evs = visits("ونوه الكاتب بالزيارة التي أجراها عمر الخطيب لأنها كانت ناجحة.", [OMAR])
    assert [[p.entity for p in e.participants] for e in evs] == [["omar"]]


def test_one_destination_stays_one_event():
    evs = visits("وبدأ عمر الخطيب زيارة إلى مصر تستمر يومين.", [OMAR, EGYPT])
    assert [e.location for e in evs] == ["country:EG"]
