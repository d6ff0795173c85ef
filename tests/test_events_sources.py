"""Who issued a statement: the speaker of the quotation the statement noun belongs to."""

from __future__ import annotations

from rasd.events.stage import EventStage
from rasd.quotes.stage import QuoteStage
from test_quotes_handmade import build

EVENTS = EventStage()
QUOTES = QuoteStage()
MINISTRY = ("ministry", "ORG", ["وزارة الصحة"])
SAMI = ("sami", "PERSON", ["سامي الأحمد"])
CHANNEL = ("channel", "ORG", ["قناة الفجر"])


def statements(text, entities):
    doc = QUOTES(build(text, list(entities)))
    return doc, [e for e in EVENTS(doc).events if e.type == "STATEMENT"]


def actors(ev):
    return {p.entity for p in ev.participants if p.role == "actor"}


def test_a_statement_noun_after_the_reporting_verb_is_issued_by_its_speaker():
    doc, evs = statements("وقالت وزارة الصحة في بيان إن عدد المصابين ارتفع إلى عشرين.", [MINISTRY])
    assert len(evs) == 1 and actors(evs[0]) == {"ministry"}
    assert doc.text[evs[0].trigger_start : evs[0].trigger_end] == "بيان"


def test_an_interview_after_the_speaker_and_after_the_quotation():
    _, evs = statements("وقال الوزير سامي الأحمد في مقابلة مع قناة الفجر إن الحكومة ستخفض الضرائب.", [SAMI, CHANNEL])
    assert len(evs) == 1 and actors(evs[0]) == {"sami"}
    _, evs = statements(
        'قال سامي الأحمد إن "الحكومة ستخفض الضرائب العام المقبل"، خلال مقابلة له مع قناة الفجر.', [SAMI, CHANNEL]
    )
    assert len(evs) == 1 and actors(evs[0]) == {"sami"}


def test_a_statement_noun_with_no_speaker_and_no_author_is_no_event():
    _, evs = statements("وتضمنت الرسالة كلمة واحدة عن الضرائب.", [])
    assert evs == []
