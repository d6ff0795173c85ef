"""When an event happens: planned events marked, dates relative to another date or event of the
sentence («عشية القمة»), and how each date was reached (never the publication silently)."""

from __future__ import annotations

import pytest

from rasd.events.stage import EventStage
from rasd.model import DateSpan
from test_quotes_handmade import build

STAGE = EventStage()
SAMI = ("sami", "PERSON", ["سامي الأحمد"])
NOUR = ("nour", "PERSON", ["نور الهادي"])
CAIRO = ("cairo", "LOC", ["القاهرة"])
GOV = ("gov", "ORG", ["الحكومة"])
BRUSSELS = ("brussels", "LOC", ["بروكسل"])


def events(text, entities=(), dates=(), relative=()):
    doc = build(text, list(entities), list(dates))
    doc.dates = [DateSpan(d.start, d.end, d.value, "relative" if doc.text[d.start : d.end] in relative else d.kind,
                          d.precision) for d in doc.dates]
    return doc, STAGE(doc).events


def one(text, etype, entities=(), dates=(), relative=()):
    doc, evs = events(text, entities, dates, relative)
    found = [e for e in evs if e.type == etype]
    assert len(found) == 1, [(e.type, doc.text[e.trigger_start : e.trigger_end]) for e in evs]
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        "ومن المقرر أن يزور سامي الأحمد القاهرة.",
        "وسيزور سامي الأحمد القاهرة.",
        "وسوف يزور سامي الأحمد القاهرة.",
        "ويعتزم سامي الأحمد زيارة القاهرة.",
        "وتحدث سامي الأحمد عن زيارته المرتقبة إلى القاهرة.",
    ],
)
def test_a_planned_visit_is_marked_not_dropped(text):
    ev = one(text, "VISIT", [SAMI, CAIRO])
    assert ev.modality == "planned" and ev.location == "cairo"


def test_a_planned_act_after_its_subject():
    ev = one("وتعتزم الحكومة فرض عقوبات على الشركات المخالفة.", "SANCTION", [GOV])
    assert ev.modality == "planned"


def test_a_noun_after_a_verb_in_the_future_is_planned():
    ev = one("وستجري الانتخابات البلدية في القاهرة.", "ELECTION", [CAIRO])
    assert ev.modality == "planned"


def test_an_event_dated_after_the_report_is_planned():
    ev = one("ويعقد سامي الأحمد اجتماعا مع نور الهادي يوم 20 مايو.", "MEET", [SAMI, NOUR],
             [("يوم 20 مايو", "2024-05-20", "day")])
    assert ev.modality == "planned"


@pytest.mark.parametrize(
    "text",
    [
        "وزار سامي الأحمد القاهرة أمس.",
        "وزار سامي الأحمد سيارة الإسعاف في القاهرة.",  # «سيارة» is no verb in the future
    ],
)
def test_an_event_that_happened_is_asserted(text):
    ev = one(text, "VISIT", [SAMI, CAIRO], [("أمس", "2024-05-09", "day")])
    assert ev.modality == "asserted"


def test_the_eve_of_a_summit_is_the_day_before_its_date():
    text = "ووصل سامي الأحمد إلى بروكسل عشية القمة التي تعقد يوم 11 يوليو بمشاركة قادة الدول."
    doc, evs = events(text, [SAMI, BRUSSELS], [("يوم 11 يوليو", "2024-07-11", "day")])
    (visit,) = [e for e in evs if e.type == "VISIT"]
    (summit,) = [e for e in evs if e.type == "MEET"]
    assert (visit.date, visit.date_precision, visit.date_basis) == ("2024-07-10", 1, "anchor")
    assert (summit.date, summit.date_basis) == ("2024-07-11", "text")


def test_the_day_after_an_event_dated_in_another_sentence():
    text = (
        "وعقد القادة قمة في بروكسل يوم 11 يوليو. "
        "وغداة القمة، التقى سامي الأحمد بنور الهادي في بروكسل."
    )
    doc, evs = events(text, [SAMI, NOUR, BRUSSELS], [("يوم 11 يوليو", "2024-07-11", "day")])
    meets = sorted((e for e in evs if e.type == "MEET"), key=lambda e: e.trigger_start)
    talk = next(e for e in meets if doc.text[e.trigger_start : e.trigger_end] == "التقى")
    assert (talk.date, talk.date_basis) == ("2024-07-12", "anchor")


def test_two_days_after_a_date():
    ev = one("واعتقلت الشرطة سامي الأحمد بعد يومين من 3 مايو.", "ARREST", [SAMI, ("police", "ORG", ["الشرطة"])],
             [("3 مايو", "2024-05-03", "day")])
    assert (ev.date, ev.date_precision, ev.date_basis) == ("2024-05-05", 1, "anchor")


def test_shortly_before_is_an_approximate_day():
    text = "واعتقلت الشرطة سامي الأحمد قبيل الانتخابات التي جرت يوم 3 مايو في القاهرة."
    ev = one(text, "ARREST", [SAMI, CAIRO, ("police", "ORG", ["الشرطة"])], [("يوم 3 مايو", "2024-05-03", "day")])
    assert (ev.date, ev.date_precision, ev.date_basis) == ("2024-05-03", 2, "anchor")


def test_an_anchor_without_a_date_leaves_the_event_undated_and_says_so():
    text = "ووصل سامي الأحمد إلى بروكسل عشية القمة الأوروبية يوم 5 مايو."
    # the day written is the arrival's only if it stands on the trigger's side of «عشية»
    ev = one("ووصل سامي الأحمد إلى بروكسل عشية القمة الأوروبية.", "VISIT", [SAMI, BRUSSELS])
    assert (ev.date, ev.date_precision, ev.date_basis) == (None, None, "anchor_undated")
    ev = one(text, "VISIT", [SAMI, BRUSSELS], [("يوم 5 مايو", "2024-05-05", "day")])
    assert (ev.date, ev.date_basis) == ("2024-05-04", "anchor")


def test_a_date_of_the_trigger_itself_wins_over_the_anchor():
    text = "ووصل سامي الأحمد إلى بروكسل يوم 10 يوليو عشية القمة التي تعقد يوم 12 يوليو."
    dates = [("يوم 10 يوليو", "2024-07-10", "day"), ("يوم 12 يوليو", "2024-07-12", "day")]
    ev = one(text, "VISIT", [SAMI, BRUSSELS], dates)
    assert (ev.date, ev.date_basis) == ("2024-07-10", "text")


def test_a_date_relative_to_the_report_is_marked_so():
    ev = one("وزار سامي الأحمد القاهرة أمس.", "VISIT", [SAMI, CAIRO], [("أمس", "2024-05-09", "day")], relative=("أمس",))
    assert (ev.date, ev.date_basis) == ("2024-05-09", "report")
    ev = one("وزار سامي الأحمد القاهرة في 9 مايو 2024.", "VISIT", [SAMI, CAIRO], [("9 مايو 2024", "2024-05-09", "day")])
    assert ev.date_basis == "text"


def test_an_undated_event_has_no_date_basis():
    ev = one("وزار سامي الأحمد القاهرة.", "VISIT", [SAMI, CAIRO])
    assert ev.date is None and ev.date_basis is None


def test_a_date_right_after_the_noun_of_another_event_dates_that_event():
    text = "وتسلمت الشرطة سامي الأحمد المشتبه بتنفيذ هجوم القاهرة عام 2015."
    doc, evs = events(text, [SAMI, CAIRO, ("police", "ORG", ["الشرطة"])], [("عام 2015", "2015", "year")])
    (arrest,) = [e for e in evs if e.type == "ARREST"]
    assert arrest.date is None
    doc, evs = events("وتسلمت الشرطة سامي الأحمد المشتبه به عام 2015.", [SAMI, ("police", "ORG", ["الشرطة"])],
                      [("عام 2015", "2015", "year")])
    (arrest,) = [e for e in evs if e.type == "ARREST"]
    assert arrest.date == "2015"


def test_the_anchor_is_dated_from_the_happening_on_its_eve():
    text = "ووجه سامي الأحمد يوم الثلاثاء رسالة إلى نور الهادي عشية قمة قادة الدول في بروكسل."
    doc, evs = events(text, [SAMI, NOUR, BRUSSELS], [("يوم الثلاثاء", "2024-05-07", "day")])
    (summit,) = [e for e in evs if e.type == "MEET"]
    assert (summit.date, summit.date_precision, summit.date_basis) == ("2024-05-08", 1, "anchor")


def test_the_anchor_keeps_its_own_date_written_after_it():
    text = "ووصل سامي الأحمد يوم الثلاثاء إلى بروكسل عشية قمة قادة الدول المقررة يوم 9 مايو."
    dates = [("يوم الثلاثاء", "2024-05-07", "day"), ("يوم 9 مايو", "2024-05-09", "day")]
    doc, evs = events(text, [SAMI, BRUSSELS], dates)
    (summit,) = [e for e in evs if e.type == "MEET"]
    assert summit.date == "2024-05-09"
