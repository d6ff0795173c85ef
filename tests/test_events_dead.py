"""A killing with no killer named counts the dead of a happening told elsewhere in the article:
merged into the attack before it, or, «خلال» a protest, that protest's dead."""

from __future__ import annotations

from rasd.events.stage import EventStage
from test_quotes_handmade import build

STAGE = EventStage()
ARMY = ("army", "ORG", ["الجيش الوطني"])
TOWN = ("town", "LOC", ["الزاوية"])
PORT = ("port", "LOC", ["الميناء الجديد"])


def events(text, entities=(), dates=()):
    return STAGE(build(text, list(entities), list(dates))).events


def test_the_dead_counted_later_are_the_attack_before():
    text = "قصف الجيش الوطني مواقع في الزاوية أمس. وذكرت مصادر طبية أنه قتل 7 مدنيين."
    evs = events(text, [ARMY, TOWN], [("أمس", "2024-05-09", "day")])
    assert [e.type for e in evs if e.type == "ATTACK"] == ["ATTACK"]


def test_a_killing_with_its_killer_named_stays_its_own_event():
    text = "قصف الجيش الوطني مواقع في الزاوية أمس. وفي الميناء الجديد قتل الجيش الوطني 3 مسلحين."
    evs = events(text, [ARMY, TOWN, PORT], [("أمس", "2024-05-09", "day")])
    assert len([e for e in evs if e.type == "ATTACK"]) == 2


def test_the_dead_of_another_place_stay_apart():
    text = "قصف الجيش الوطني مواقع في الزاوية أمس. وقتل 3 أشخاص في الميناء الجديد."
    evs = events(text, [ARMY, TOWN, PORT], [("أمس", "2024-05-09", "day")])
    assert sorted(e.location for e in evs if e.type == "ATTACK") == ["port", "town"]


def test_the_dead_of_a_protest_are_no_attack():
    text = "وقتل 12 شخصا في الزاوية خلال احتجاجات على غلاء الأسعار."
    evs = events(text, [TOWN])
    assert [e.type for e in evs] == ["PROTEST"]
