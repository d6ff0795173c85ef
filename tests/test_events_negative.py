"""Sentences that must produce no event, negated events, and the same event mentioned
again."""

from __future__ import annotations

import pytest

from rasd.events.stage import EventStage
from test_quotes_handmade import build

STAGE = EventStage()


def events(text, entities=(), dates=()):
    doc = build(text, list(entities), list(dates))
    return doc, STAGE(doc).events


@pytest.mark.parametrize(
    "text",
    [
        "حصلت سارة على شهادة الماجستير في علم الاجتماع من جامعة القاهرة.",
        "تلعب مواقع التواصل الاجتماعي دورا كبيرا في الحياة الاجتماعية للشباب.",
        "وارتفع عدد المشتركين في الضمان الاجتماعي خلال العام الماضي.",
        "قال عالم الاجتماع إن الأسرة تتغير.",
        "سجل الفريق هدفين بفضل خط الهجوم القوي.",
        "وأكد الخبراء أهمية تحليل البيانات الاقتصادية بدقة.",
        "أدار حكم المباراة اللقاء بنجاح كبير.",
        "يحتاج المرضى إلى مساعدة أسرهم في المنزل.",
        "ونفذ الجيش انقلابا عسكريا على الحكومة.",
        "ووقع الاختيار على المدرب الجديد.",
        "تقع المدينة على ضفاف النهر.",
    ],
)
def test_no_event(text):
    doc, evs = events(text)
    assert evs == [], [(e.type, doc.text[e.trigger_start : e.trigger_end]) for e in evs]


def test_coup_is_not_an_accident_but_a_bus_overturning_is():
    _, evs = events("وأدى انقلاب الحافلة إلى إصابة 4 ركاب.")
    assert [(e.type, e.injured) for e in evs] == [("ACCIDENT", 4)]


def test_negated_verbal_and_nominal_events():
    _, evs = events("ولم يلتق سامي الأحمد بنظيره خلال الزيارة.", [("sami", "PERSON", ["سامي الأحمد"])])
    meet = [e for e in evs if e.type == "MEET"]
    assert len(meet) == 1 and meet[0].negated
    _, evs = events(
        "وأعلنت الحكومة عدم التوصل إلى اتفاق مع النقابات.",
        [("gov", "ORG", ["الحكومة"]), ("unions", "ORG", ["النقابات"])],
    )
    agreement = [e for e in evs if e.type == "AGREEMENT"]
    assert len(agreement) == 1 and agreement[0].negated


def test_anaphoric_mention_of_the_same_meeting_is_not_counted_twice():
    text = "عقد وزراء الخارجية اجتماعا في جدة أمس. وناقش هذا الاجتماع قضايا المنطقة. وانتهى الاجتماع مساء."
    doc, evs = events(text, [("jeddah", "LOC", ["جدة"])], [("أمس", "2024-05-09", "day")])
    assert [e.type for e in evs] == ["MEET"]
    assert evs[0].location == "jeddah"


def test_date_is_never_the_publication_date():
    doc, evs = events(
        "التقى سامي الأحمد بخالد العمري في دبي.",
        [("sami", "PERSON", ["سامي الأحمد"]), ("dubai", "LOC", ["دبي"])],
    )
    assert doc.published == "2024-05-10"
    assert [(e.type, e.date, e.date_precision) for e in evs] == [("MEET", None, None)]


def test_date_of_another_clause_is_not_taken():
    text = "وقال الوزير أمس إن اجتماعا سيعقد في الرباط."
    doc, evs = events(text, [("rabat", "LOC", ["الرباط"])], [("أمس", "2024-05-09", "day")])
    (ev,) = evs
    assert ev.type == "MEET" and ev.date is None and ev.location == "rabat"


def test_event_without_who_where_when_is_dropped_unless_asked():
    text = "وقالت إن لديهم اجتماعات خاصة مع الشباب كل أسبوع."
    assert events(text)[1] == []
    doc = build(text)
    (ev,) = EventStage(min_attributes=0)(doc).events
    assert ev.type == "MEET" and ev.participants == [] and ev.location is None and ev.date is None


def test_bad_option():
    from rasd.events.errors import EventOptionError

    with pytest.raises(EventOptionError, match="E521"):
        EventStage(min_attributes=9)


def test_this_meeting_in_the_narration_is_not_the_one_a_speaker_recalled():
    from rasd.quotes.stage import QuoteStage

    text = (
        "عقد وزراء الخارجية اجتماعا في جدة أمس. "
        "وقال الوزير إن الأردن استضاف اجتماعا مماثلا في العقبة العام الماضي. "
        "وناقش هذا الاجتماع قضايا المنطقة بمشاركة مصر."
    )
    ents = [
        ("jeddah", "LOC", ["جدة"]),
        ("jo", "LOC", ["الأردن"]),
        ("aqaba", "LOC", ["العقبة"]),
        ("eg", "LOC", ["مصر"]),
    ]
    doc = build(text, ents, [("أمس", "2024-05-09", "day")])
    QuoteStage()(doc)
    doc.done.add("quotes")
    evs = STAGE(doc).events
    assert [(e.type, e.location) for e in evs] == [("MEET", "jeddah"), ("MEET", "aqaba")]
    assert "eg" in {p.entity for p in evs[0].participants}
    assert "eg" not in {p.entity for p in evs[1].participants}
