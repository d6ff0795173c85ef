"""Only real happenings: warrants, orders, threats, calls and plans are not the act, nor what
something is set aside for («الجلسة المخصصة لانتخاب …»), nor habits."""

from __future__ import annotations

import pytest

from rasd.events.stage import EventStage
from test_quotes_handmade import build

STAGE = EventStage()
SAMI = ("sami", "PERSON", ["سامي الأحمد"])
GROUP = ("group", "ORG", ["حركة النور"])
POLICE = ("police", "ORG", ["الشرطة"])
DATES = [("أمس", "2024-05-09", "day")]


def found(text):
    doc = build(text, [SAMI, GROUP, POLICE], DATES)
    return [(e.type, doc.text[e.trigger_start : e.trigger_end]) for e in STAGE(doc).events]


@pytest.mark.parametrize(
    "text",
    [
        "وأصدرت المحكمة أمس مذكرة توقيف بحق سامي الأحمد.",
        "وهددت حركة النور أمس بشن هجمات على الحدود.",
        "ودعا سامي الأحمد أمس إلى اعتقال قادة حركة النور.",
        "وتنفذ حركة النور تفجيرات من حين لآخر في المنطقة.",
        "وعادة ما تنظم حركة النور احتجاجات أمام البرلمان.",
        "وعقدت اللجنة أمس جلستها المخصصة لانتخاب رئيس حركة النور.",
        "ورصدت الحكومة أمس مبلغا مخصصا لمساعدات حركة النور.",
    ],
)
def test_not_the_act(text):
    assert [f for f in found(text) if f[0] in ("ARREST", "ATTACK", "PROTEST", "ELECTION", "AID")] == []


def test_the_act_itself_is_still_an_event():
    assert ("ARREST", "اعتقلت") in found("واعتقلت الشرطة أمس سامي الأحمد.")
    assert ("ATTACK", "هجوما") in found("وشنت حركة النور أمس هجوما على الحدود.")
