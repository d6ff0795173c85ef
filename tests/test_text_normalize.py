"""rasd.text.normalize: matching keys and the key → text offset map."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rasd.text.normalize import key_span, norm_key, norm_lex, norm_light, normalize_map


def test_tashkeel_and_tatweel_removed():
    assert norm_key("مَدْرَسَـــةٌ") == "مدرسه"
    assert norm_key("الرَّحْمٰن") == "الرحمن"  # shadda, sukun and the superscript alef


def test_alef_forms_unified():
    assert norm_key("أحمد إبراهيم آمال ٱلكتاب") == "احمد ابراهيم امال الكتاب"


def test_ya_and_ta_marbuta_folded_for_keys():
    assert norm_key("مستشفى") == norm_key("مستشفي") == "مستشفي"
    assert norm_key("جامعة") == norm_key("جامعه") == "جامعه"


def test_light_keeps_ta_marbuta_and_alef_maqsura():
    assert norm_light("مَدْرَسَةٌ على") == "مدرسة على"
    assert norm_light("أَحمد") == "احمد"
    assert norm_lex("وزارة إلى") == "وزارة الي"


def test_digits_to_ascii():
    assert norm_key("٢٠١٨ و۱۴۰۳ و3٫5 و١٬٢٠٠ و٪٥") == "2018 و1403 و3.5 و1,200 و%5"


def test_presentation_forms_folded():
    assert norm_key("ﻻ") == "لا"
    assert norm_key("ﺍﻟﺴﻼﻡ") == "السلام"
    assert norm_key("ﷲ") == "الله"


def test_quotation_marks_unified():
    assert norm_key("«نعم» “لا” ‹ربما› 'حسنا' ‘كلا’ „هنا‟") == '"نعم" "لا" "ربما" "حسنا" "كلا" "هنا"'


def test_zero_width_removed():
    assert norm_key("كتا\u200bب\u200c\u200d\u200f\ufeff") == "كتاب"


def test_key_of_plain_text_is_itself():
    assert norm_key("ذهب الولد الي المدرسه") == "ذهب الولد الي المدرسه"


def test_normalize_map_points_back_to_original():
    text = "زارَ الوزيرُ «المـدرسةَ» ﻻحقا"
    key, offsets = normalize_map(text)
    assert key == norm_key(text)
    assert len(offsets) == len(key) + 1 and offsets[-1] == len(text)
    a = key.index("المدرسه")
    start, end = key_span(text, offsets, a, a + len("المدرسه"))
    assert text[start:end] == "المـدرسةَ"  # the final vowel belongs to the word
    a = key.index("لاحقا")
    start, end = key_span(text, offsets, a, a + 1)  # only the ل of the ligature ﻻ
    assert text[start:end] == "ﻻ"


def test_normalize_map_without_changes_is_identity():
    key, offsets = normalize_map("نص عادي")
    assert key == "نص عادي" and offsets == list(range(8))


@given(st.text())
def test_normalize_map_properties(text):
    key, offsets = normalize_map(text)
    assert key == norm_key(text)
    assert len(offsets) == len(key) + 1
    assert offsets[-1] == len(text)
    assert all(0 <= o <= len(text) for o in offsets)
    assert all(a <= b for a, b in zip(offsets, offsets[1:], strict=False))
    for i in range(len(key)):
        s, e = key_span(text, offsets, i, i + 1)
        assert 0 <= s < e <= len(text)


@given(st.text())
def test_keys_are_idempotent(text):
    assert norm_key(norm_key(text)) == norm_key(text)
    assert norm_light(norm_light(text)) == norm_light(text)
