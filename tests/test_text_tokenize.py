"""rasd.text.tokenize: token kinds, offsets, keys and proclitics."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.text.tokenize import tokenize


def toks(text):
    return [(text[t.start : t.end], t.kind) for t in tokenize(text)]


def test_arabic_words_and_punctuation():
    assert toks("هل وصل القطار؟ نعم، وصل؛ ثم غادر.") == [
        ("هل", "WORD"), ("وصل", "WORD"), ("القطار", "WORD"), ("؟", "PUNCT"),
        ("نعم", "WORD"), ("،", "PUNCT"), ("وصل", "WORD"), ("؛", "PUNCT"),
        ("ثم", "WORD"), ("غادر", "WORD"), (".", "PUNCT"),
    ]  # fmt: skip


def test_numbers_in_all_scripts():
    text = "افتتح المصنع عام 2019 و٢٠٢٠ و۱۴۰۲ بكلفة 1,200 دينار ونمو 3.5 و4٫7 بالمئة"
    numbers = [(s, t.norm) for t in tokenize(text) if t.kind == "NUMBER" for s in [text[t.start : t.end]]]
    assert numbers == [
        ("2019", "2019"), ("٢٠٢٠", "2020"), ("۱۴۰۲", "1402"), ("1,200", "1,200"), ("3.5", "3.5"), ("4٫7", "4.7"),
    ]  # fmt: skip


def test_number_then_period_ends_number():
    assert toks("بلغ العدد 40.")[-2:] == [("40", "NUMBER"), (".", "PUNCT")]


def test_quotation_marks_are_separate_tokens():
    assert toks("وصف الخبراء “الحراك” بأنه") == [
        ("وصف", "WORD"), ("الخبراء", "WORD"), ("“", "PUNCT"), ("الحراك", "WORD"), ("”", "PUNCT"), ("بأنه", "WORD"),
    ]  # fmt: skip
    assert toks("اعتبر ذلك”خطوة”مهمة") == [
        ("اعتبر", "WORD"), ("ذلك", "WORD"), ("”", "PUNCT"), ("خطوة", "WORD"), ("”", "PUNCT"), ("مهمة", "WORD"),
    ]  # fmt: skip
    assert toks('قال «نعم» و"لا"') == [
        ("قال", "WORD"), ("«", "PUNCT"), ("نعم", "WORD"), ("»", "PUNCT"),
        ("و", "WORD"), ('"', "PUNCT"), ("لا", "WORD"), ('"', "PUNCT"),
    ]  # fmt: skip


def test_hashtag_url_email():
    text = (
        "تابعوا #كأس_العالم و#Expo2020 على https://news.example.org/ar/item?id=7. راسلونا: info@example.org"
    )
    assert toks(text) == [
        ("تابعوا", "WORD"), ("#كأس_العالم", "HASHTAG"), ("و", "WORD"), ("#Expo2020", "HASHTAG"),
        ("على", "WORD"), ("https://news.example.org/ar/item?id=7", "URL"), (".", "PUNCT"),
        ("راسلونا", "WORD"), (":", "PUNCT"), ("info@example.org", "EMAIL"),
    ]  # fmt: skip


def test_hashtag_with_underscore_is_one_token():
    assert toks("#فيروز_تغني") == [("#فيروز_تغني", "HASHTAG")]


def test_www_url_without_scheme():
    assert toks("الموقع www.example.com،") == [("الموقع", "WORD"), ("www.example.com", "URL"), ("،", "PUNCT")]


def test_latin_words_and_symbols():
    assert toks("شركة Apple و O'Neil و G7 بنسبة 5% ($)") == [
        ("شركة", "WORD"), ("Apple", "LATIN"), ("و", "WORD"), ("O'Neil", "LATIN"), ("و", "WORD"), ("G7", "LATIN"),
        ("بنسبة", "WORD"), ("5", "NUMBER"), ("%", "SYMBOL"), ("(", "PUNCT"), ("$", "SYMBOL"), (")", "PUNCT"),
    ]  # fmt: skip


def test_tashkeel_and_tatweel_stay_inside_word():
    text = "كَتَبَ الطـــالبُ"
    tokens = tokenize(text)
    assert [(text[t.start : t.end], t.norm) for t in tokens] == [("كَتَبَ", "كتب"), ("الطـــالبُ", "الطالب")]


def test_lone_tatweel_is_a_dash():
    assert toks("تونس ـ وكالات") == [("تونس", "WORD"), ("ـ", "PUNCT"), ("وكالات", "WORD")]


def test_ellipsis_is_one_token():
    assert toks("وانتظر...") == [("وانتظر", "WORD"), ("...", "PUNCT")]


def test_norm_and_stem_of_word_tokens():
    text = "وصلَ وفدٌ للتحالف إلى بروكسيل وبالعراق"
    got = [(text[t.start : t.stem_start], text[t.stem_start : t.end], t.norm, t.stem) for t in tokenize(text)]
    assert got == [
        ("", "وصلَ", "وصل", "وصل"),
        ("", "وفدٌ", "وفد", "وفد"),
        ("ل", "لتحالف", "للتحالف", "التحالف"),
        ("", "إلى", "الي", "الي"),
        ("", "بروكسيل", "بروكسيل", "بروكسيل"),
        ("وب", "العراق", "وبالعراق", "العراق"),
    ]


def test_non_word_tokens_have_no_prefix():
    for t in tokenize("2020 #وسم www.example.com ، Paris"):
        assert t.stem_start == t.start and t.stem == t.norm


def test_module_is_not_hidden_by_the_function():
    import rasd.text
    import rasd.text.tokenize as module

    assert callable(module.tokenize) and module.TOKEN_RE
    assert rasd.text.tokenize is module


def test_offsets_on_empty_and_space():
    assert tokenize("") == []
    assert tokenize(" \n\t ") == []


ARABICISH = st.text(
    alphabet=st.sampled_from(list('وبلكفسالعراقتحنمةىأإآٱ ـًٌٍَُِّْٰ٠١٢.,،؛؟!?"“”«»#_@:/wh0123 \n\u200c\u200bﻻﷲ')),
    max_size=80,
)


def _check(text):
    tokens = tokenize(text)
    prev_end = 0
    for t in tokens:
        assert 0 <= t.start <= t.stem_start <= t.end <= len(text)
        assert t.start < t.end
        assert t.start >= prev_end
        assert t.kind in {"WORD", "LATIN", "NUMBER", "PUNCT", "URL", "EMAIL", "HASHTAG", "SYMBOL"}
        assert not text[t.start : t.end].isspace()
        prev_end = t.end


@given(st.text())
def test_tokenize_any_unicode(text):
    _check(text)


@settings(max_examples=300)
@given(ARABICISH)
def test_tokenize_arabic_like_text(text):
    _check(text)
