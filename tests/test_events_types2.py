"""Types and triggers added for news reporting: condemnations beside court convictions (one word,
two types, chosen by context), boycotts and cut ties, tours and trips, court sentences, the new
types (kidnapping, release, strike and sit-in, clash, deployment), and what is not the event."""

from __future__ import annotations

import pytest

from rasd.events.ontology import EVENT_TYPES
from rasd.events.stage import EventStage
from rasd.web.labels import EVENT_NAMES
from test_quotes_handmade import build

STAGE = EventStage()
GOV = ("gov", "ORG", ["الحكومة"])
ARMY = ("army", "ORG", ["الجيش الوطني"])
FRONT = ("front", "ORG", ["جبهة التحرير"])
SAMI = ("sami", "PERSON", ["سامي الأحمد"])
KHALID = ("khalid", "PERSON", ["خالد العمري"])
NORTHIA = ("northia", "LOC", ["الشمالية"])
TOWN = ("town", "LOC", ["الزاوية"])
ENTITIES = [GOV, ARMY, FRONT, SAMI, KHALID, TOWN]


def found(text, entities=ENTITIES, dates=(("أمس", "2024-05-09", "day"),)):
    doc = build(text, list(entities), list(dates))
    events = STAGE(doc).events
    return doc, events, [(e.type, doc.text[e.trigger_start : e.trigger_end]) for e in events]


@pytest.mark.parametrize(
    ("text", "etype", "trigger"),
    [
        ("وأدانت الحكومة أمس الهجوم على الزاوية.", "STATEMENT", "أدانت"),
        ("وأدانت المحكمة أمس سامي الأحمد بتهمة الفساد.", "TRIAL", "أدانت"),
        ("ودان سامي الأحمد أمس أعمال العنف.", "STATEMENT", "دان"),
        ("وندد خالد العمري أمس بالقرار.", "STATEMENT", "ندد"),
        ("وحكمت المحكمة أمس على سامي الأحمد بالسجن خمس سنوات.", "TRIAL", "حكمت"),
        ("وأعلنت الحكومة أمس قطع العلاقات الدبلوماسية مع الشمالية.", "SANCTION", "قطع"),
        ("وتتواصل المقاطعة الاقتصادية التي فرضتها الحكومة أمس على الشمالية.", "SANCTION", "المقاطعة"),
        ("وقررت الحكومة أمس سحب سفيرها من الشمالية.", "SANCTION", "سحب"),
        ("وقررت الحكومة أمس إغلاق سفارتها في الشمالية.", "SANCTION", "إغلاق"),
        ("ومنعت الحكومة أمس دخول السلع القادمة من الشمالية.", "SANCTION", "منعت"),
        ("وبدأ سامي الأحمد أمس جولة خارجية تشمل الشمالية.", "VISIT", "جولة"),
        ("وتوجه سامي الأحمد أمس إلى الزاوية.", "VISIT", "توجه"),
        ("ووصل خالد العمري أمس إلى الزاوية في زيارة رسمية.", "VISIT", "وصل"),
        ("واختطف مسلحون أمس سامي الأحمد في الزاوية.", "KIDNAP", "اختطف"),
        ("وأفرجت الحكومة أمس عن خالد العمري.", "RELEASE", "أفرجت"),
        ("وأطلقت الحكومة أمس سراح سامي الأحمد.", "RELEASE", "أطلقت"),
        ("ونفذ عمال الموانئ أمس إضرابا في الزاوية.", "STRIKE", "إضرابا"),
        ("واندلعت أمس اشتباكات بين الجيش الوطني وجبهة التحرير في الزاوية.", "CLASH", "اشتباكات"),
        ("ونشر الجيش الوطني أمس قوات إضافية في الزاوية.", "DEPLOY", "نشر"),
        ("ودفع الجيش الوطني أمس بتعزيزات عسكرية إلى الزاوية.", "DEPLOY", "تعزيزات"),
    ],
)
def test_trigger(text, etype, trigger):
    _, _, got = found(text, [*ENTITIES, NORTHIA])
    assert (etype, trigger) in got, got


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        # a ceasefire, a detonator, a plot and a war of words are no attack
        ("وتحدث سامي الأحمد أمس عن وقف دائم لإطلاق النار في الزاوية.", "ATTACK"),
        ("وعثرت الشرطة أمس على جهاز تفجير في الزاوية.", "ATTACK"),
        ("واتهمت الحكومة أمس سامي الأحمد بالتحضير لاعتداء في الزاوية.", "ATTACK"),
        ("وشن سامي الأحمد أمس هجوما لاذعا على صحيفة محلية.", "ATTACK"),
        # a treaty named after a town is no agreement made there
        ("وقال سامي الأحمد إن ذلك يخالف اتفاقيات الزاوية.", "AGREEMENT"),
        # the next round of a league is no visit; the province is no boycott
        ("وتنطلق الجولة الخارجية للفريق في الدوري في الزاوية أمس.", "VISIT"),
        ("ويقيم خالد العمري في مقاطعة الزاوية.", "SANCTION"),
        # an announced act is that act, not a statement
        ("وأعلنت الحكومة أمس قطع العلاقات مع الشمالية.", "STATEMENT"),
        # strikes and sit-ins are STRIKE, not PROTEST
        ("ونفذ عمال الموانئ أمس إضرابا في الزاوية.", "PROTEST"),
    ],
)
def test_not_this_type(text, etype):
    _, _, got = found(text, [*ENTITIES, NORTHIA])
    assert etype not in [t for t, _ in got], got


def test_statement_noun_after_fi_takes_the_subject_of_its_verb():
    _, events, _ = found("وأكد سامي الأحمد في كلمته أمس أهمية الحوار.")
    st = [e for e in events if e.type == "STATEMENT"]
    assert st and [p.entity for p in st[0].participants] == ["sami"]


def test_a_date_after_since_is_not_the_events_date():
    text = "وقتل ثلاثة جنود في الزاوية المقسمة منذ عام 1990."
    _, events, _ = found(text, dates=(("عام 1990", "1990", "year"),))
    att = [e for e in events if e.type == "ATTACK"]
    assert att and att[0].date is None


def test_every_type_has_a_web_label():
    assert set(EVENT_TYPES) <= set(EVENT_NAMES)
