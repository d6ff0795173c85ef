"""Events with no date or place whose participant is written indirectly: a noun in apposition
that carries the preposition («احتجاز الشرطة للصحفي فلان»), the antecedent of a relative clause
of undergoing («فلان، الذي يواجه اتهامات»), a bare title that stands for the person it
introduced («وأشاد الوزير في تصريح»); and the triggers «كلف … بتولي», «إعفاء … من مهامه» and
«حوار أدلى به»."""

from __future__ import annotations

import pytest

from rasd.events.stage import EventStage
from test_quotes_handmade import build

STAGE = EventStage()
POLICE = ("police", "ORG", ["الشرطة"])
SALEM = ("person:salem", "PERSON", ["سالم الورفلي"])
NADIA = ("person:nadia", "PERSON", ["نادية العمراني"])
ENTITIES = [POLICE, SALEM, NADIA]


def events(text, dates=(("أمس", "2024-05-09", "day"),)):
    doc = build(text, list(ENTITIES), list(dates))
    return [
        (e.type, doc.text[e.trigger_start : e.trigger_end], [(p.entity, p.role) for p in e.participants])
        for e in STAGE(doc).events
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "وانتقد الحزب احتجاز السلطات للصحفي سالم الورفلي.",
            ("ARREST", "احتجاز", [("person:salem", "target")]),
        ),
        (
            "وندد الحزب باعتقال الأمن للناشط الليبي سالم الورفلي.",
            ("ARREST", "اعتقال", [("person:salem", "target")]),
        ),
        (
            "وتحدثت الصحيفة عن سالم الورفلي، الذي يواجه اتهامات بالتجسس.",
            ("TRIAL", "اتهامات", [("person:salem", "target")]),
        ),
        (
            "وطالب الحزب بالإفراج عن سالم الورفلي الذي وضع تحت الإقامة الجبرية.",
            ("ARREST", "الإقامة", [("person:salem", "target")]),
        ),
        (
            "وقالت وزيرة الصحة نادية العمراني إن الوضع مستقر. وأكدت الوزيرة في تصريح خصت به الإذاعة أن اللقاحات وصلت.",
            ("STATEMENT", "تصريح", [("person:nadia", "actor")]),
        ),
        (
            "وكلفت نادية العمراني سالم الورفلي بتولي ملف الإصلاح.",
            ("APPOINTMENT", "كلفت", [("person:nadia", "actor"), ("person:salem", "target")]),
        ),
        (
            "وأكدت نادية العمراني في حوار أدلت به للإذاعة أن الانتخابات ستجرى في موعدها.",
            ("STATEMENT", "حوار", [("person:nadia", "actor")]),
        ),
    ],
)
def test_participant_written_indirectly(text, expected):
    assert expected in events(text)


def test_a_dismissal_from_office_dated_by_its_clause():
    found = events("وفوجئ سالم الورفلي أمس بإعفائه من مهامه دون سابق إنذار.")
    assert [(t, w) for t, w, _ in found] == [("APPOINTMENT", "بإعفائه")]


@pytest.mark.parametrize(
    "text",
    [
        "وكلفت الرحلة سالم الورفلي مبلغا كبيرا.",  # cost, not a charge with an office
        "وجرى حوار بين الطلاب أمس حول المناهج.",  # a dialogue, not an interview
        "وأكد الوزير في تصريح أن اللقاحات وصلت.",  # a title that introduced no one
    ],
)
def test_no_event_without_its_condition(text):
    types = {t for t, _, _ in events(text)}
    assert not types & {"APPOINTMENT", "STATEMENT"}
