"""Names the text announces (`rasd.ner.named`): after a naming cue, in quotation marks after a noun of
a happening, two bodies after a dual noun, agencies «… للأنباء», and «منظمة» as an adjective.

Sentences written for these tests; each checks one rule through the `ner` stage.
"""

from __future__ import annotations

import pytest

from rasd.model import Document
from rasd.pipeline import build_pipeline


@pytest.fixture(scope="module")
def pipe():
    return build_pipeline(["text", "ner"], config={"pipeline": {"stages": []}})


def found(pipe, text: str) -> set[tuple[str, str]]:
    doc = pipe(Document(text=text))
    return {(doc.text[m.start : m.end], m.label) for m in doc.mentions}


def test_a_name_after_a_naming_cue_takes_the_type_of_the_noun_before_it(pipe):
    got = found(pipe, "وتمول الحكومة منظمة تدعى الرابطة الثقافية للمهاجرين الجدد. ووقعت عقدا مع شركة تدعى \"نورلاند\" أمس.")
    assert ("الرابطة الثقافية للمهاجرين الجدد", "ORG") in got
    assert ("نورلاند", "ORG") in got
    assert not any(s.startswith("منظمة") for s, _ in got)


def test_a_named_protest_after_known_as_is_misc(pipe):
    got = found(pipe, "واندلعت الاحتجاجات الشعبية المعروفة باسم \"ثورة الخبز الأولى\" في المدن الكبرى.")
    assert ("ثورة الخبز الأولى", "MISC") in got


def test_a_person_named_after_a_cue_ends_before_the_verb(pipe):
    got = found(pipe, "وقابل المراسل امرأة تدعى سلوى تعمل في المخبز منذ سنوات.")
    assert ("سلوى", "PERSON") in got
    assert not any("تعمل" in s for s, _ in got)


def test_a_quoted_happening_opened_by_its_noun_is_misc(pipe):
    got = found(pipe, "وشارك الآلاف في \"مسيرة الكرامة الكبرى\" وتحدثوا عن \"يوم الأرض\" وعن \"صفقة الموانئ\" الجديدة.")
    assert {("مسيرة الكرامة الكبرى", "MISC"), ("يوم الأرض", "MISC"), ("صفقة الموانئ", "MISC")} <= got


def test_a_quoted_common_phrase_is_no_name(pipe):
    got = found(pipe, "وأطلق الشبان أمس \"حملة واسعة\" لتنظيف الشوارع.")
    assert not any(s == "حملة واسعة" for s, _ in got)


def test_a_quoted_name_after_a_project_noun_is_misc_with_its_number(pipe):
    got = found(pipe, "وناقش الوزيران مشروع \"بحر الشمال 3\" للطاقة.")
    assert ("بحر الشمال 3", "MISC") in got


def test_a_dual_noun_names_two_bodies(pipe):
    got = found(pipe, "ودعا إلى المصالحة بين حركتي الشروق والأمل قبل الانتخابات.")
    assert {("الشروق", "ORG"), ("الأمل", "ORG")} <= got


def test_an_agency_named_before_lil_anbaa_is_one_organisation(pipe):
    got = found(pipe, "وقال المتحدث لوكالة قرطاج مغرب للأنباء إن الاجتماع انتهى.")
    assert ("وكالة قرطاج مغرب للأنباء", "ORG") in got


def test_munazzama_after_a_noun_of_manner_is_an_adjective(pipe):
    got = found(pipe, "وقال البيان إن الجماعة تعمل بطريقة منظمة المدنيين للخطر.")
    assert not any(s.startswith("منظمة") for s, _ in got)
