"""Absolute dates: month names, double naming, ordinals, numeric forms, years, Hijri dates."""

from __future__ import annotations

import pytest

from rasd.dates import extract


def dates(text: str, published: str | None = "2021-12-03"):
    return [
        (text[d.start : d.end], d.value, d.kind, d.precision, d.flags) for d in extract(text, published).dates
    ]


def values(text: str, published: str | None = "2021-12-03"):
    return [(span, value) for span, value, *_ in dates(text, published)]


@pytest.mark.parametrize(
    ("text", "span", "value", "precision"),
    [
        ("افتتح المعرض في 3 ديسمبر 2021 بالعاصمة.", "3 ديسمبر 2021", "2021-12-03", "day"),
        ("وقعت الاتفاقية في الثالث من ديسمبر 2021 بالرباط.", "الثالث من ديسمبر 2021", "2021-12-03", "day"),
        ("ولد الكاتب في الحادي والعشرين من مارس 1950.", "الحادي والعشرين من مارس 1950", "1950-03-21", "day"),
        ("جرت الانتخابات في الثاني عشر من أيار 2018.", "الثاني عشر من أيار 2018", "2018-05-12", "day"),
        ("استضافت المدينة المؤتمر في يونيو 2018 بنجاح.", "يونيو 2018", "2018-06", "month"),
        ("نشر التقرير في كانون الأول/ديسمبر 2021 بعد تأخير.", "كانون الأول/ديسمبر 2021", "2021-12", "month"),
        (
            "أجريت الانتخابات في 10 تشرين الأول (أكتوبر) 2021.",
            "10 تشرين الأول (أكتوبر) 2021",
            "2021-10-10",
            "day",
        ),
        ("وصل الوفد يوم 5 شباط 2020 إلى دمشق.", "يوم 5 شباط 2020", "2020-02-05", "day"),
        ("انطلقت الدورة يوم 25 أفريل 2017 بتونس.", "يوم 25 أفريل 2017", "2017-04-25", "day"),
        ("صدر الظهير في 30 يوليوز 2011 بالجريدة الرسمية.", "30 يوليوز 2011", "2011-07-30", "day"),
        ("وقعت الأحداث في 14 جانفي 2011.", "14 جانفي 2011", "2011-01-14", "day"),
        ("أعلنت النتائج في 5 يونيه 2019 بالقاهرة.", "5 يونيه 2019", "2019-06-05", "day"),
        ("ولد الشاعر في 8 مارس من العام 1964 بالقرية.", "8 مارس من العام 1964", "1964-03-08", "day"),
        ("جاء القرار في 2 ديسمبر، 2021 كما هو متوقع.", "2 ديسمبر، 2021", "2021-12-02", "day"),
        ("تأسست الجمعية في 1 ديسمبر 2016م بالمدينة.", "1 ديسمبر 2016م", "2016-12-01", "day"),
    ],
)
def test_month_name_dates(text, span, value, precision):
    found = dates(text)
    assert [(s, v, p) for s, v, _k, p, _f in found] == [(span, value, precision)]
    assert found[0][2] == "absolute"


def test_clitic_is_left_out_of_the_span():
    assert values("وفي يونيو 2018 عقد الاجتماع.") == [("يونيو 2018", "2018-06")]
    assert values("وبحلول ديسمبر 2021 انتهت الأشغال.") == [("ديسمبر 2021", "2021-12")]


def test_tashkeel_inside_a_month_name_does_not_break_it():
    text = "عُقِدَ الاجتماعُ في يُونْيُو 2018 بالعاصمةِ."
    assert values(text) == [("يُونْيُو 2018", "2018-06")]


def test_weekday_before_a_full_date_is_checked():
    # 3 December 2021 was a Friday
    assert dates("وذلك يوم الجمعة 3 ديسمبر 2021.")[0][1:] == ("2021-12-03", "absolute", "day", [])
    assert dates("وذلك يوم الخميس 3 ديسمبر 2021.")[0][4] == ["weekday_mismatch"]
    assert dates("وذلك يوم الخميس 3 ديسمبر 2021.")[0][1] == "2021-12-03"


def test_month_without_year_takes_the_publication_year():
    assert dates("وتوقف المشروع في ديسمبر بسبب الأمطار.") == [
        ("ديسمبر", "2021-12", "absolute", "month", ["year_inferred"])
    ]
    # at most 8 months back, else ahead
    assert values("ستجري الانتخابات في فبراير بحسب الجدول.") == [("فبراير", "2022-02")]
    assert values("وصدر القانون في 14 جويلية الذي مضى.") == [("14 جويلية", "2021-07-14")]
    # «منذ»: the last one on or before publication
    assert values("ارتفعت الأسعار منذ يناير بشكل متواصل.") == [("يناير", "2021-01")]
    # a month written in January of the next year is last December
    assert values("انتهت الأشغال في ديسمبر.", "2022-01-10") == [("ديسمبر", "2021-12")]


def test_month_without_year_is_none_without_publication_date():
    assert dates("وتوقف المشروع في ديسمبر بسبب الأمطار.", None) == [("ديسمبر", None, "absolute", "", [])]


def test_infer_year_option_off_leaves_the_value_none():
    found = extract("وتوقف المشروع في ديسمبر بسبب الأمطار.", "2021-12-03", infer_year=False).dates
    assert [(d.value, d.precision) for d in found] == [(None, "")]


def test_month_with_direction():
    assert dates("تعرضت لأزمة مشابهة في أغسطس الماضي.") == [
        ("أغسطس الماضي", "2021-08", "relative", "month", [])
    ]
    assert values("وستنطلق الدورة في مارس المقبل.") == [("مارس المقبل", "2022-03")]
    assert values("انطلقت الحملة في 12 ماي الجاري.", "2015-05-17") == [("12 ماي الجاري", "2015-05-12")]
    assert values("تأسس في نوفمبر من العام الماضي.") == [("نوفمبر من العام الماضي", "2020-11")]
    assert dates("تم ذلك منتصف شهر أكتوبر الماضي.")[0][1:] == ("2021-10", "relative", "month", ["mid"])


def test_ambiguous_month_names_need_a_day_or_year():
    assert values("مارس الضغط على الحكومة طويلا.") == []
    assert values("وهو أب لثلاثة أطفال.") == []
    assert values("وصل في 3 آب 2019 إلى بيروت.") == [("3 آب 2019", "2019-08-03")]
    assert values("وفي شهر آذار تنتهي المهلة.") == [("شهر آذار", "2022-03")]


def test_a_month_name_used_as_a_surname_is_not_a_date():
    assert values("وتحدث الوزير ماركو دي مايو عن الاتفاق.") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("صدر المرسوم بتاريخ 2021/12/03 في الجريدة.", "2021/12/03"),
        ("صدر المرسوم بتاريخ 2021-12-03 في الجريدة.", "2021-12-03"),
        ("صدر المرسوم بتاريخ 3-12-2021 في الجريدة.", "3-12-2021"),
        ("صدر المرسوم بتاريخ 03/12/2021 في الجريدة.", "03/12/2021"),
        ("صدر المرسوم بتاريخ 03.12.2021 في الجريدة.", "03.12.2021"),
        ("صدر المرسوم بتاريخ ٢٠٢١/١٢/٠٣ في الجريدة.", "٢٠٢١/١٢/٠٣"),
        ("صدر المرسوم بتاريخ ٠٣/١٢/٢٠٢١ في الجريدة.", "٠٣/١٢/٢٠٢١"),
    ],
)
def test_numeric_dates(text, span):
    assert dates(text) == [(span, "2021-12-03", "numeric", "day", [])]


def test_numeric_date_month_first_when_day_first_is_impossible():
    assert dates("بتاريخ 12/25/2021 صدر القرار.") == [
        ("12/25/2021", "2021-12-25", "numeric", "day", ["month_first"])
    ]


def test_impossible_numeric_dates_and_decimals_are_not_dates():
    assert values("بلغت النسبة 3.5 في المائة و 31/02/2021 ليس تاريخا.") == []


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("تأسست الشركة في 2018 بالدار البيضاء.", "2018", "2018"),
        ("تأسست الشركة عام 2018 بالدار البيضاء.", "عام 2018", "2018"),
        ("تأسست الشركة سنة 2018 بالدار البيضاء.", "سنة 2018", "2018"),
        ("تأسست الشركة في العام 2018 بالدار البيضاء.", "العام 2018", "2018"),
        ("خصصت الميزانية للعام 2018 كاملا.", "للعام 2018", "2018"),
        ("تأسست الشركة منذ عام 1998 بالمدينة.", "عام 1998", "1998"),
        ("بنيت القلعة سنة 797 لحماية الثغر.", "سنة 797", "0797"),
        ("تأسست المدرسة عام 1919م في فايمر.", "عام 1919م", "1919"),
    ],
)
def test_years(text, span, value):
    assert dates(text) == [(span, value, "year", "year", [])]


def test_year_with_part_of_period():
    assert dates("التقيا في أواخر 2015 بلندن.") == [("أواخر 2015", "2015", "year", "year", ["late"])]


def test_a_count_after_fi_is_not_a_year():
    assert values("تضرر في 2000 منزل بسبب الفيضانات.") == []


@pytest.mark.parametrize(
    ("text", "span", "value", "precision"),
    [
        ("أعلن الحدث في ١٥ رمضان ١٤٤٥هـ رسميا.", "١٥ رمضان ١٤٤٥هـ", "2024-03-25", "day"),
        ("أعلن الحدث في 15 رمضان 1445 هـ رسميا.", "15 رمضان 1445 هـ", "2024-03-25", "day"),
        ("أعلن الحدث في 15 رمضان 1445 هجرية رسميا.", "15 رمضان 1445 هجرية", "2024-03-25", "day"),
        ("بدأ الصيام في رمضان 1445 كما أعلن.", "رمضان 1445", "2024-03", "month"),
        ("صدر العدد في شهر شعبان 1390هـ بالرياض.", "شهر شعبان 1390هـ", "1970-10", "month"),
        ("توفي في العاشر من ذي الحجة 1440 هـ.", "العاشر من ذي الحجة 1440 هـ", "2019-08-11", "day"),
        ("وفي 1 ربيع الأول 1443 هـ افتتح المسجد.", "1 ربيع الأول 1443 هـ", "2021-10-07", "day"),
        ("صدر القرار عام 1445 هـ بعد مشاورات.", "عام 1445 هـ", "2023", "year"),
        ("صدر القرار بتاريخ 1445/09/15 هـ بعد مشاورات.", "1445/09/15 هـ", "2024-03-25", "day"),
    ],
)
def test_hijri_dates(text, span, value, precision):
    assert dates(text) == [(span, value, "hijri", precision, [])]


def test_hijri_month_with_a_gregorian_year():
    assert dates("يعرض المسلسل في رمضان 2024 على القناة.") == [
        ("رمضان 2024", "2024-03", "hijri", "month", ["gregorian_year"])
    ]


def test_hijri_month_relative_to_publication():
    # Ramadan 1443 began on 2 April 2022
    assert values("سيعرض المسلسل في شهر رمضان المقبل.") == [("شهر رمضان المقبل", "2022-04")]


def test_hijri_date_outside_the_convertible_range():
    assert dates("دخلها المسلمون في شهر صفر 487هـ بعد حصار.") == [
        ("شهر صفر 487هـ", None, "hijri", "", ["out_of_range"])
    ]


def test_hijri_month_names_that_are_given_names_need_a_day_or_year():
    assert values("استقبل الرئيس رجب الضيوف في القصر.") == []
    assert values("وقال رمضان إن الفريق جاهز.") == []


def test_a_range_of_days_is_one_date_its_first_day():
    assert values("جرت الانتخابات يومي 6 و7 أكتوبر 2016 في المدينة.") == [("6 و7 أكتوبر 2016", "2016-10-06")]
    assert values("تعقد الندوة في 2 - 4 مارس 2018 بالعاصمة.") == [("2 - 4 مارس 2018", "2018-03-02")]
    assert values("وصل 12 و3 أكتوبر 2020 إلى المدينة.") == [("3 أكتوبر 2020", "2020-10-03")]  # not a range


def test_an_ambiguous_month_name_with_its_other_name_is_a_date():
    assert values("وكان أكد في تموز/يوليو أن الاتفاق قائم.") == [("تموز/يوليو", "2021-07")]
    assert values("وقال تموز إن الاتفاق قائم.") == []


def test_a_bare_year_after_a_noun_of_a_happening():
    assert values("دولة على حدود 1967 وعاصمتها القدس.") == [("1967", "1967")]
    assert values("بعد ثورة 1979 وحرب 1980 تغير كل شيء.") == [("1979", "1979"), ("1980", "1980")]
    assert values("وصل 1967 شخصا إلى الحدود، ونشر الجيش على الحدود 1500 جندي.") == []
