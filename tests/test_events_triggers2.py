"""Triggers of the common phrasings of news: killings, clashes, phone calls, conferences, house
arrest, lawsuits and charges, expulsions of diplomats; a place before another trigger is not this
one's."""

from __future__ import annotations

import pytest

from rasd.events.stage import EventStage
from test_quotes_handmade import build

STAGE = EventStage()
ARMY = ("army", "ORG", ["الجيش الوطني"])
SAMI = ("sami", "PERSON", ["سامي الأحمد"])
KHALID = ("khalid", "PERSON", ["خالد العمري"])
TOWN = ("town", "LOC", ["الزاوية"])


def types(text, entities=(), dates=(("أمس", "2024-05-09", "day"),)):
    doc = build(text, list(entities), list(dates))
    return doc, [(e.type, doc.text[e.trigger_start : e.trigger_end]) for e in STAGE(doc).events], STAGE(doc).events


@pytest.mark.parametrize(
    ("text", "etype", "trigger"),
    [
        ("قتل الجيش الوطني خمسة مسلحين في الزاوية.", "ATTACK", "قتل"),
        ("ودارت مواجهات عنيفة بين الجيش الوطني والمسلحين في الزاوية.", "ATTACK", "مواجهات"),
        ("أعلن الجيش الوطني مقتل سامي الأحمد في الزاوية.", "ATTACK", "مقتل"),
        ("وأطلق الجيش الوطني النار على المتظاهرين في الزاوية.", "ATTACK", "أطلق"),
        ("وأجرى سامي الأحمد مكالمة هاتفية مع خالد العمري.", "MEET", "مكالمة"),
        ("وافتتح سامي الأحمد مؤتمر الاستثمار في الزاوية.", "MEET", "مؤتمر"),
        ("ووضع سامي الأحمد تحت الإقامة الجبرية في الزاوية.", "ARREST", "الإقامة"),
        ("وأوقفت الشرطة سامي الأحمد في الزاوية للاشتباه في تورطه.", "ARREST", "أوقفت"),
        ("ورفع سامي الأحمد دعوى قضائية ضد خالد العمري.", "TRIAL", "دعوى"),
        ("ويواجه سامي الأحمد اتهامات بالفساد أمام المحكمة.", "TRIAL", "اتهامات"),
        ("وقررت الحكومة أمس طرد السفير خالد العمري.", "SANCTION", "طرد"),
        ("وأودى الحادث بحياة سامي الأحمد في الزاوية.", "DEATH", "أودى"),
    ],
)
def test_trigger(text, etype, trigger):
    _, found, _ = types(text, [ARMY, SAMI, KHALID, TOWN])
    assert (etype, trigger) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "وتنتظر مواجهة الفريقين في الدوري الأسبوع المقبل في الزاوية.",
        "وعقد سامي الأحمد مؤتمرا صحفيا في الزاوية.",
        "وأطلق سامي الأحمد حملة لجمع التبرعات في الزاوية.",
        "ودعا سامي الأحمد في الزاوية إلى مواجهة التهديد الإرهابي.",
        "وأوقف سامي الأحمد العمل بالقرار في الزاوية.",
    ],
)
def test_not_these_events(text):
    _, found, _ = types(text, [SAMI, TOWN])
    assert not [f for f in found if f[0] in ("ATTACK", "MEET", "ARREST")], found


def test_a_place_before_another_trigger_is_that_trigger_s():
    text = "وخرجت مظاهرة في الزاوية احتجاجا على قتل الجيش الوطني عشرات المدنيين."
    _, _, evs = types(text, [ARMY, TOWN])
    (attack,) = [e for e in evs if e.type == "ATTACK"]
    assert attack.location is None
    assert {(p.entity, p.role) for p in attack.participants} == {("army", "actor")}
