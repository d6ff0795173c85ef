"""rasd.text.sentences: sentence spans."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rasd.model import Document
from rasd.pipeline import build_pipeline
from rasd.text.sentences import split_sentences
from rasd.text.tokenize import tokenize


def sents(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_terminators_and_arabic_comma():
    text = "وصل الوفد صباحا، ثم بدأ الاجتماع. هل انتهى؟ نعم! ماذا بعد? لا شيء."
    assert sents(text) == ["وصل الوفد صباحا، ثم بدأ الاجتماع.", "هل انتهى؟", "نعم!", "ماذا بعد?", "لا شيء."]


def test_line_breaks_split():
    text = "عنوان الخبر بلا نقطة\nالفقرة الأولى. الجملة الثانية\n\n  الفقرة الثانية  "
    assert sents(text) == ["عنوان الخبر بلا نقطة", "الفقرة الأولى.", "الجملة الثانية", "الفقرة الثانية"]


def test_not_inside_numbers_urls_emails():
    text = "ارتفع المؤشر 3.5 نقطة وزار 1.200 شخص الموقع www.example.com أو كتبوا إلى a.b@example.org اليوم."
    assert sents(text) == [text]


def test_not_inside_a_websites_name():
    text = 'وقال الخبير لموقع المدار.نت إن الأسعار سترتفع، ونشر ذلك على news.com أيضا. ثم غادر.'
    assert sents(text) == ["وقال الخبير لموقع المدار.نت إن الأسعار سترتفع، ونشر ذلك على news.com أيضا.", "ثم غادر."]


def test_closing_quote_after_terminator_belongs_to_sentence():
    text = 'قال المدير: "سنفتتح الفرع قريبا." وأضاف أن العمل بدأ. ثم قال «لن نتأخر!» وغادر.'
    assert sents(text) == [
        'قال المدير: "سنفتتح الفرع قريبا."',
        "وأضاف أن العمل بدأ.",
        "ثم قال «لن نتأخر!»",
        "وغادر.",
    ]


def test_opening_quote_after_space_starts_next_sentence():
    text = 'انتهى اللقاء. "هذه بداية" قال أحدهم.'
    assert sents(text) == ["انتهى اللقاء.", '"هذه بداية" قال أحدهم.']


def test_initials_and_ellipsis_do_not_split():
    text = "ألقى د. سامر كلمة... ثم غادر. وصل U.S. team أمس."
    assert sents(text) == ["ألقى د. سامر كلمة... ثم غادر.", "وصل U.S. team أمس."]


def test_repeated_terminators_stay_together():
    assert sents("هل هذا معقول؟! لا أصدق.") == ["هل هذا معقول؟!", "لا أصدق."]


def test_missing_space_after_period_still_splits():
    assert sents("انتهى الاجتماع.وبدأ المؤتمر") == ["انتهى الاجتماع.", "وبدأ المؤتمر"]


def test_empty_text():
    assert split_sentences("") == []
    assert split_sentences("  \n ") == []


def test_given_tokens_are_used():
    text = "جملة أولى. جملة ثانية."
    assert split_sentences(text, tokenize(text)) == split_sentences(text)
    assert all(s.label == "SENT" for s in split_sentences(text))


def test_text_stage_fills_tokens_and_sentences():
    doc = build_pipeline(["text"], config={"pipeline": {"stages": ["text"]}})(
        Document.from_parts("انعقد المؤتمر في الرياض. وحضره ممثلون عن عشرين دولة.", title="مؤتمر دولي")
    )
    assert [doc.text[s.start : s.end] for s in doc.sentences] == [
        "مؤتمر دولي",
        "انعقد المؤتمر في الرياض.",
        "وحضره ممثلون عن عشرين دولة.",
    ]
    assert doc.tokens and {"tokens", "sentences"} <= doc.done


def test_text_stage_takes_no_options():
    import pytest

    from rasd.text.stage import TextStage

    with pytest.raises(TypeError):
        TextStage(lowercase=True)
    assert TextStage.requires == () and TextStage.provides == ("tokens", "sentences")


@given(st.text())
def test_sentences_in_bounds_and_cover_text(text):
    spans = split_sentences(text)
    prev = 0
    for s in spans:
        assert prev <= s.start < s.end <= len(text)
        piece = text[s.start : s.end]
        assert piece == piece.strip()
        prev = s.end
    covered = set()
    for s in spans:
        covered.update(range(s.start, s.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
