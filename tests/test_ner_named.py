"""Names the text announces (`rasd.ner.named`): after a naming cue, in quotation marks after a noun of
a happening, two bodies after a dual noun, agencies «… للأنباء», and «منظمة» as an adjective.

Sentences written for these tests; each checks one rule through the `ner` stage.
"""

from __future__ import annotations

from rasd.model import Document


def found(ner_pipe, text: str) -> set[tuple[str, str]]:
    doc = ner_pipe(Document(text=text))
    return {(doc.text[m.start : m.end], m.label) for m in doc.mentions}


def test_a_name_after_a_naming_cue_takes_the_type_of_the_noun_before_it(ner_pipe):
    got = found(ner_pipe, "وتمول الحكومة منظمة تدعى الرابطة الثقافية للمهاجرين الجدد. ووقعت عقدا مع شركة تدعى \"نورلاند\" أمس.")
    assert ("الرابطة الثقافية للمهاجرين الجدد", "ORG") in got
    assert ("نورلاند", "ORG") in got
    assert not any(s.startswith("منظمة") for s, _ in got)


def test_a_named_protest_after_known_as_is_misc(ner_pipe):
    got = found(ner_pipe, "واندلعت الاحتجاجات الشعبية المعروفة باسم \"ثورة الخبز الأولى\" في المدن الكبرى.")
    assert ("ثورة الخبز الأولى", "MISC") in got


def test_a_person_named_after_a_cue_ends_before_the_verb(ner_pipe):
    got = found(ner_pipe, "وقابل المراسل امرأة تدعى سلوى تعمل في المخبز منذ سنوات.")
    assert ("سلوى", "PERSON") in got
    assert not any("تعمل" in s for s, _ in got)


def test_a_quoted_happening_opened_by_its_noun_is_misc(ner_pipe):
    got = found(ner_pipe, "وشارك الآلاف في \"مسيرة الكرامة الكبرى\" وتحدثوا عن \"يوم الأرض\" وعن \"صفقة الموانئ\" الجديدة.")
    assert {("مسيرة الكرامة الكبرى", "MISC"), ("يوم الأرض", "MISC"), ("صفقة الموانئ", "MISC")} <= got


def test_a_quoted_common_phrase_is_no_name(ner_pipe):
    got = found(ner_pipe, "وأطلق الشبان أمس \"حملة واسعة\" لتنظيف الشوارع.")
    assert not any(s == "حملة واسعة" for s, _ in got)


def test_a_quoted_name_after_a_project_noun_is_misc_with_its_number(ner_pipe):
    got = found(ner_pipe, "وناقش الوزيران مشروع \"بحر الشمال 3\" للطاقة.")
    assert ("بحر الشمال 3", "MISC") in got


def test_a_dual_noun_names_two_bodies(ner_pipe):
    got = found(ner_pipe, "ودعا إلى المصالحة بين حركتي الشروق والأمل قبل الانتخابات.")
    assert {("الشروق", "ORG"), ("الأمل", "ORG")} <= got


def test_an_agency_named_before_lil_anbaa_is_one_organisation(ner_pipe):
    got = found(ner_pipe, "وقال المتحدث لوكالة قرطاج مغرب للأنباء إن الاجتماع انتهى.")
    assert ("وكالة قرطاج مغرب للأنباء", "ORG") in got


def test_munazzama_after_a_noun_of_manner_is_an_adjective(ner_pipe):
    got = found(ner_pipe, "وقال البيان إن الجماعة تعمل بطريقة منظمة المدنيين للخطر.")
    assert not any(s.startswith("منظمة") for s, _ in got)


def test_a_radio_station_is_its_name_and_the_letters_fm(ner_pipe):
    got = found(ner_pipe, "وقال المسؤول في تصريح لإذاعة موزاييك أف أم إن الطريق أغلق. وأكد لمراسل \"شمس إف إم\" أن العمل عاد.")
    assert ("إذاعة موزاييك أف أم", "ORG") in got
    assert ("شمس إف إم", "ORG") in got


def test_the_outlet_a_speaker_talks_to_and_a_websites_name_are_organisations(ner_pipe):
    got = found(
        ner_pipe,
        'وقال الوزير لـ"النهار" إن المفاوضات مستمرة. وأوضح في مقابلة مع "الميدان" أن الاتفاق قريب. '
        'وأضاف خبير لموقع المدار.نت أن الأسعار سترتفع.',
    )
    assert {("النهار", "ORG"), ("الميدان", "ORG"), ("المدار.نت", "ORG")} <= got


def test_a_quoted_word_after_lam_that_no_one_speaks_to_is_no_outlet(ner_pipe):
    got = found(ner_pipe, 'وتقول إنها تعرضت لـ"مضايقات" كثيرة. وتحدث الأطفال عن "الميدان" الكبير، ثم قال أحدهم لأخيه: "الميدان كبير".')
    assert ("مضايقات", "ORG") not in got
    assert ("الميدان", "ORG") not in got


def test_a_one_word_outlet_is_not_read_into_the_same_word_elsewhere(ner_pipe):
    got = found(ner_pipe, 'وأوضح في مقابلة مع "العربية" أن العمل مستمر. وتحدث الوزير باللغة العربية مع ممثلي الدول العربية.')
    assert sum(1 for s, lab in got if s == "العربية" and lab == "ORG") == 1
    doc = ner_pipe(Document(text='وأوضح في مقابلة مع "العربية" أن العمل مستمر. وتحدث الوزير باللغة العربية طويلا.'))
    assert len([m for m in doc.mentions if doc.text[m.start : m.end] == "العربية"]) == 1
