"""Span properties of the dates stage, with generated texts: every span is in bounds, non-empty,
trimmed, and is exactly the matched original text (tashkeel included); the fast key equals the text
layer's key."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.dates import extract
from rasd.dates.keys import fold
from rasd.text.normalize import normalize_map

FRAGMENTS = [
    w.replace("_", " ")
    for w in (
        "أمس الخميس اليوم أول من غداً بعد غد يوم الماضي المقبل الأسبوع الشهر العام السنة الجاري مطلع صباح "
        "مساء ليلة قبل منذ ثلاثة أيام يومين ديسمبر يونيو كانون_الأول / آذار شتنبر جانفي رمضان ذي_الحجة هـ عام "
        "سنة في و ب ل 2018 3 15 1445 ٢٠٢١ ١٢ 03/12/2021 2021-12-03 84 عضوا آلاف قتيل عشرات الجرحى مليون "
        "دولار 3.5 1,200 % في_المائة نحو خمسة وعشرون ألفا الثالث عشر ، . - ﻻ الـ ( )"
    ).split()
] + ["\n", "  ", "\u064e", "\u064b", "\u0651", "\u0640", "\u200f"]

texts = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40).map(
    lambda parts: "".join(p + (" " if i % 3 else "") for i, p in enumerate(parts))
)
published = st.sampled_from([None, "2021-12-03", "2024-02-29", "1999-01-01"])


def _check(text: str, pub: str | None) -> None:
    found = extract(text, pub)
    for span in [*found.dates, *found.quantities]:
        assert 0 <= span.start < span.end <= len(text), span
        piece = text[span.start : span.end]
        assert piece == piece.strip(), (piece, span)
    for d in found.dates:
        assert d.value is None or re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", d.value), d
        assert (d.value is None) == (d.precision == ""), d
    spans = sorted((d.start, d.end) for d in found.dates)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), spans


@settings(max_examples=300, deadline=None)
@given(texts, published)
def test_spans_in_bounds_and_trimmed(text, pub):
    _check(text, pub)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), published)
def test_any_text_is_safe(text, pub):
    _check(text, pub)


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, st.text(max_size=120)))
def test_fast_key_equals_the_text_layer_key(text):
    key, offsets = fold(text)
    ref_key, ref_offsets = normalize_map(text)
    assert key == ref_key
    assert (offsets if offsets is not None else list(range(len(text) + 1))) == ref_offsets


MARKS = ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u0640"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(min_value=0), st.sampled_from(MARKS)), max_size=12))
def test_tashkeel_inside_words_changes_neither_values_nor_span_letters(insertions):
    base = "وأعلن الوزير أمس الخميس أن 84 عضوا اجتمعوا في يونيو 2018 وفي 15 رمضان 1445 هـ."
    text = base
    letters = [i for i, ch in enumerate(base) if "\u0621" <= ch <= "\u064a"]
    for n, mark in sorted(insertions, key=lambda x: -(x[0] % len(letters))):
        at = letters[n % len(letters)] + 1
        text = text[:at] + mark + text[at:]
    strip = lambda s: re.sub("[\u064b-\u0652\u0640]", "", s)  # noqa: E731
    a, b = extract(base, "2021-12-03"), extract(text, "2021-12-03")
    assert [(d.value, d.kind) for d in a.dates] == [(d.value, d.kind) for d in b.dates]
    assert [strip(base[d.start : d.end]) for d in a.dates] == [strip(text[d.start : d.end]) for d in b.dates]
    assert [(q.value, q.unit) for q in a.quantities] == [(q.value, q.unit) for q in b.quantities]
    for d in b.dates:  # a span never ends on a letter's mark-less stem: marks after it belong to it
        assert d.end == len(text) or not re.match("[\u064b-\u0652\u0640]", text[d.end])
