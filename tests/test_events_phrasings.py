"""Other phrasings of events: a verb with an object pronoun («أوقفتهما الشرطة»), a military
operation, «راح ضحيتها … على يد», a handed-over suspect («تسلمت … مشتبها به»), supplies given
(«زودت … بـ … مليون دولار»), and a date after «منذ» a few words before it (a period's start)."""

from __future__ import annotations

import pytest

from rasd.events.stage import EventStage
from test_quotes_handmade import build

STAGE = EventStage()
POLICE = ("police", "ORG", ["الشرطة"])
ARMY = ("army", "ORG", ["الجيش الوطني"])
GOV = ("gov", "ORG", ["الحكومة"])
NORTHIA = ("country:NO", "LOC", ["النرويج"])
TOWN = ("town", "LOC", ["الزاوية"])
ENTITIES = [POLICE, ARMY, GOV, NORTHIA, TOWN]


def found(text, dates=(("أمس", "2024-05-09", "day"),)):
    doc = build(text, list(ENTITIES), list(dates))
    events = STAGE(doc).events
    return doc, events, [(e.type, doc.text[e.trigger_start : e.trigger_end]) for e in events]


@pytest.mark.parametrize(
    ("text", "etype", "trigger"),
    [
        ("وكان الرجلان يحملان متفجرات عندما أوقفتهما الشرطة أمس في الزاوية.", "ARREST", "أوقفتهما"),
        ("وقال شهود إن مسلحين اختطفوه أمس في الزاوية.", "KIDNAP", "اختطفوه"),
        ("وواصل الجيش الوطني أمس عملياته العسكرية في الزاوية.", "ATTACK", "عملياته"),
        ("واشتعلت الاحتجاجات التي راح ضحيتها عشرات القتلى على يد الجيش الوطني.", "ATTACK", "راح"),
        ("وتسلمت الحكومة أمس من النرويج رجلا مطلوبا في قضية التفجير.", "ARREST", "تسلمت"),
        ("وقد زودت النرويج أمس الحكومة بمبلغ 30 مليون دولار.", "AID", "زودت"),
    ],
)
def test_other_phrasings(text, etype, trigger):
    _, _, pairs = found(text)
    assert (etype, trigger) in pairs


def test_a_victim_of_an_accident_is_a_death():
    _, _, pairs = found("وراح ضحيته ثلاثة أشخاص أمس في الزاوية.")
    assert ("DEATH", "راح") in pairs and not any(t == "ATTACK" for t, _ in pairs)


def test_the_object_pronoun_keeps_the_subject():
    doc, events, _ = found("وأوقفتهما الشرطة أمس في الزاوية.")
    (ev,) = [e for e in events if e.type == "ARREST"]
    assert [(p.entity, p.role) for p in ev.participants] == [("police", "actor")]
    assert ev.location == "town"


@pytest.mark.parametrize(
    "text",
    [
        "وتسلم الوزير مهامه أمس في الزاوية.",  # took office: no suspect, no arrest
        "وزود الحكومة أمس في الزاوية بالمعلومات.",  # informed, no supplies
        "وأشرف الجيش الوطني أمس على عملية التلقيح في الزاوية.",  # an operation that is no attack
    ],
)
def test_not_these_events(text):
    _, _, pairs = found(text)
    assert not any(t in ("ARREST", "AID", "ATTACK") for t, _ in pairs)


def test_a_date_after_since_a_few_words_on_is_not_the_event_date():
    dates = (("عام 1947", "1947", "year"),)
    _, events, _ = found("ووقعت اشتباكات في الزاوية المقسمة منذ انتهاء الحرب عام 1947.", dates)
    (ev,) = [e for e in events if e.type == "ATTACK"]
    assert ev.date is None and ev.location == "town"
