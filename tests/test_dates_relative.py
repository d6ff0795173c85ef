"""Relative dates resolved against the publication date (2021-12-03, a Friday, unless said)."""

from __future__ import annotations

import pytest

from rasd.dates import extract, periods
from rasd.model import Document

FRIDAY = "2021-12-03"


def dates(text: str, published: str | None = FRIDAY):
    return [
        (text[d.start : d.end], d.value, d.kind, d.precision, d.flags) for d in extract(text, published).dates
    ]


@pytest.mark.parametrize(
    ("text", "span", "value", "precision", "flags"),
    [
        ("وأعلن الوزير اليوم عن خطة جديدة.", "اليوم", "2021-12-03", "day", []),
        ("وأعلن الوزير أمس عن خطة جديدة.", "أمس", "2021-12-02", "day", []),
        ("وكان قد أعلن بالأمس عن خطة جديدة.", "الأمس", "2021-12-02", "day", []),
        ("وأعلن الوزير أول أمس عن خطة جديدة.", "أول أمس", "2021-12-01", "day", []),
        ("وأعلن الوزير أول من أمس عن خطة جديدة.", "أول من أمس", "2021-12-01", "day", []),
        ("ويعلن الوزير غدا عن خطة جديدة.", "غدا", "2021-12-04", "day", []),
        ("ويعلن الوزير غداً عن خطة جديدة.", "غداً", "2021-12-04", "day", []),
        ("ويعلن الوزير بعد غد عن خطة جديدة.", "بعد غد", "2021-12-05", "day", []),
        ("ويعلن الوزير يوم الغد عن خطة جديدة.", "يوم الغد", "2021-12-04", "day", []),
        ("وأعلن الوزير أمس الخميس عن خطة جديدة.", "أمس الخميس", "2021-12-02", "day", []),
        ("وأعلن الوزير أول أمس الأربعاء عن خطة.", "أول أمس الأربعاء", "2021-12-01", "day", []),
        ("ويعلن الوزير اليوم الجمعة عن خطة.", "اليوم الجمعة", "2021-12-03", "day", []),
        ("ويعلن الوزير غدا السبت عن خطة.", "غدا السبت", "2021-12-04", "day", []),
        ("وأعلن الوزير صباح اليوم عن خطة جديدة.", "صباح اليوم", "2021-12-03", "day", ["morning"]),
        ("وأعلن الوزير مساء أمس عن خطة جديدة.", "مساء أمس", "2021-12-02", "day", ["evening"]),
        ("وأعلن الوزير ليلة أمس عن خطة جديدة.", "ليلة أمس", "2021-12-02", "day", ["night"]),
        ("وأعلن الوزير مساء اليوم الجمعة عن خطة.", "مساء اليوم الجمعة", "2021-12-03", "day", ["evening"]),
        ("وأعلن الوزير الأربعاء الماضي عن خطة.", "الأربعاء الماضي", "2021-12-01", "day", []),
        # on a Friday, yesterday is «أمس»: «الخميس الماضي» is the Thursday of the week before
        ("وأعلن الوزير الخميس الماضي عن خطة.", "الخميس الماضي", "2021-11-25", "day", []),
        ("وأعلن الوزير الجمعة الماضية عن خطة.", "الجمعة الماضية", "2021-11-26", "day", []),
        ("ويعلن الوزير الأحد المقبل عن خطة.", "الأحد المقبل", "2021-12-05", "day", []),
        ("ويعلن الوزير الأحد القادم عن خطة.", "الأحد القادم", "2021-12-05", "day", []),
        ("وأعلن الوزير يوم الخميس عن خطة.", "يوم الخميس", "2021-12-02", "day", []),
        ("وأعلن الوزير الثلاثاء عن خطة جديدة.", "الثلاثاء", "2021-11-30", "day", []),
        ("وأعلن الوزير الجمعة عن خطة جديدة.", "الجمعة", "2021-12-03", "day", []),
        ("وسيعلن الوزير الأحد عن خطة جديدة.", "الأحد", "2021-12-05", "day", ["future"]),
        ("وأعلن الوزير الشهر الماضي عن خطة.", "الشهر الماضي", "2021-11", "month", []),
        ("وأعلن الوزير الشهر الجاري عن خطة.", "الشهر الجاري", "2021-12", "month", []),
        ("وأعلن الوزير الشهر الحالي عن خطة.", "الشهر الحالي", "2021-12", "month", []),
        ("وأعلن الوزير مطلع الشهر الجاري عن خطة.", "مطلع الشهر الجاري", "2021-12", "month", ["early"]),
        ("وأعلن الوزير أواخر الشهر الماضي عن خطة.", "أواخر الشهر الماضي", "2021-11", "month", ["late"]),
        ("وأعلن الوزير العام الماضي عن خطة.", "العام الماضي", "2020", "year", []),
        ("وأعلن الوزير السنة الماضية عن خطة.", "السنة الماضية", "2020", "year", []),
        ("ويعلن الوزير العام المقبل عن خطة.", "العام المقبل", "2022", "year", []),
        ("وأعلن الوزير هذا العام عن خطة.", "هذا العام", "2021", "year", []),
        ("وخصصت المبالغ للعام المقبل كله.", "للعام المقبل", "2022", "year", []),
        ("وأعلن الوزير نهاية العام الجاري عن خطة.", "نهاية العام الجاري", "2021", "year", ["late"]),
        ("وأعلن الوزير قبل ثلاثة أيام عن خطة.", "قبل ثلاثة أيام", "2021-11-30", "day", []),
        ("وأعلن الوزير قبل 10 أيام عن خطة.", "قبل 10 أيام", "2021-11-23", "day", []),
        ("وأعلن الوزير قبل يومين عن خطة.", "قبل يومين", "2021-12-01", "day", []),
        ("وأعلن الوزير قبل شهرين عن خطة.", "قبل شهرين", "2021-10", "month", []),
        ("ورحل الفنان قبل 15 عاماً عن عمر.", "قبل 15 عاماً", "2006", "year", []),
    ],
)
def test_relative_expressions(text, span, value, precision, flags):
    assert dates(text) == [(span, value, "relative", precision, flags)]


def test_weekday_that_disagrees_with_yesterday_is_preferred_and_flagged():
    # published on Friday 3 December: «أمس الأربعاء» is wrong for yesterday (Thursday)
    assert dates("وأعلن الوزير أمس الأربعاء عن خطة.") == [
        ("أمس الأربعاء", "2021-12-01", "relative", "day", ["weekday_mismatch"])
    ]
    # the article was dated the day after it was written: «اليوم الخميس» on a Friday
    assert dates("ويعلن الوزير اليوم الخميس عن خطة.") == [
        ("اليوم الخميس", "2021-12-02", "relative", "day", ["weekday_mismatch"])
    ]
    # «غدا الجمعة» on a Friday: written on Thursday for Friday
    assert dates("ويلتقي الوزير غدا الجمعة بنظيره.") == [
        ("غدا الجمعة", "2021-12-03", "relative", "day", ["weekday_mismatch"])
    ]
    assert dates("ويعلن الوزير غدا الاثنين عن خطة.") == [
        ("غدا الاثنين", "2021-12-06", "relative", "day", ["weekday_mismatch"])
    ]


def test_relative_values_are_none_without_publication_date():
    found = dates("وأعلن الوزير أمس الخميس عن خطة، والشهر الماضي، والعام المقبل.", None)
    assert [(s, v, p) for s, v, _k, p, _f in found] == [
        ("أمس الخميس", None, ""),
        ("الشهر الماضي", None, ""),
        ("العام المقبل", None, ""),
    ]


def test_bad_publication_date_is_a_warning_and_leaves_values_unresolved():
    found = extract("وأعلن الوزير أمس عن خطة.", "03/12/2021")
    assert [d.value for d in found.dates] == [None]
    assert found.warnings and found.warnings[0].startswith("[E303]")


@pytest.mark.parametrize(
    "text",
    [
        "هم في أمس الحاجة إلى المساعدة.",
        "وتحتفل البلاد باليوم الوطني للشجرة.",
        "وفي اليوم التالي غادر الوفد.",
        "وأدى المصلون صلاة الجمعة في المسجد.",
        "عاد بعد يومين من الانتخابات إلى بلده.",
        "تقرر ذلك قبل عام 2018 بقليل.",
        "وتوقفت الأشغال منذ أيام في المدينة.",
    ],
)
def test_not_relative_dates(text):
    assert [d for d in dates(text) if d[2] == "relative"] == []


def test_since_a_weekday_is_the_weekday():
    assert dates("أعلن استقالته منذ يوم الجمعة الماضي.") == [
        ("يوم الجمعة الماضي", "2021-11-26", "relative", "day", [])
    ]


@pytest.mark.parametrize(
    "text,span,value",
    [
        ("وأعلن الوزير الأسبوع الماضي عن خطة.", "الأسبوع الماضي", "2021-11-26"),
        ("ويعلن الوزير الأسبوع المقبل عن خطة.", "الأسبوع المقبل", "2021-12-10"),
        ("ويعلن الوزير هذا الأسبوع عن خطة.", "هذا الأسبوع", "2021-12-03"),
        ("وأعلن الوزير قبل أسبوع عن خطة.", "قبل أسبوع", "2021-11-26"),
    ],
)
def test_a_week_is_not_a_date_of_the_document_but_a_period_events_are_dated_by(text, span, value):
    """A week points at no day, month or year: not in `dates`; `periods` gives it (a day of it)."""
    assert dates(text) == []
    doc = Document.from_parts(text, published=FRIDAY)
    assert [(text[p.start : p.end], p.value, p.precision) for p in periods(doc)] == [(span, value, "week")]
    assert [p.value for p in periods(Document.from_parts(text))] == [None]  # no publication date: no value


def test_since_and_a_duration_is_not_a_date():
    """«منذ عامين»: for two years up to now, a duration; «قبل عامين»: two years ago, a year."""
    assert dates("وتعمل الفرقة منذ عامين في المدينة.") == []
    assert dates("وتأسست الفرقة قبل عامين في المدينة.") == [("قبل عامين", "2019", "relative", "year", [])]


def test_an_event_is_still_dated_by_the_week_it_happened_in():
    import rasd

    doc = rasd.analyze("اعتقلت الشرطة معارضا في وهران الأسبوع الماضي.", published=FRIDAY)
    assert [d.value for d in doc.dates] == []
    assert [(e.type, e.date) for e in doc.events] == [("ARREST", "2021-11-26")]


def test_two_weekdays_joined_are_one_date_the_first_and_a_future_cue_counts_in_the_clause():
    assert dates("ستكون المسألة من القضايا الرئيسية في قمة الأربعاء والخميس.") == [
        ("الأربعاء والخميس", "2021-12-08", "relative", "day", ["future"])]
    assert dates("سيزور الوزير باريس، والتقى الأربعاء نظيره.") == [("الأربعاء", "2021-12-01", "relative", "day", [])]
