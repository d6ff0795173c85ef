"""What real news does to names: hashtags, time words and units, names after a title, surnames.

Sentences written for these tests; each rule of `rasd.ner.noise`, `rasd.ner.persons` and
`rasd.text.hashtags` is checked on its own.
"""

from __future__ import annotations

import pytest

import rasd
from rasd.dates.lexicon import lexicon as dates_lexicon
from rasd.model import Document
from rasd.pipeline import build_pipeline
from rasd.text.hashtags import expand_hashtags
from rasd.text.normalize import norm_key
from rasd.text.tokenize import tokenize


@pytest.fixture(scope="module")
def pipe():
    return build_pipeline(["text", "ner"], config={"pipeline": {"stages": []}})


def found(doc: Document) -> list[tuple[str, str]]:
    return [(doc.text[m.start : m.end], m.label) for m in doc.mentions]


# -- hashtags ---------------------------------------------------------------------------------------


def test_a_hashtag_is_read_as_its_words_with_offsets_into_the_text():
    text = "غرد الوزير على #الاتحاد_الأوروبي و#قمة2030 اليوم"
    toks = expand_hashtags(text, tokenize(text))
    words = [text[t.start : t.end] for t in toks]
    assert words[3:6] == ["الاتحاد", "الأوروبي", "و"]
    assert "#" not in "".join(words) and "_" not in "".join(words)
    assert all(t.kind != "HASHTAG" for t in toks)
    assert toks[3].start == text.index("الاتحاد")


HASHTAG_NEWS = (
    "وجه رئيس الاتحاد الأوروبي #شارل_ميشيل رسالة إلى الرئيس الأمريكي جو #بايدن قبل قمة "
    "#الاتحاد_الأوروبي في بروكسل. وقال #شارل_ميشيل إن القمة مهمة، ورد #بايدن بأنه سيحضر."
)


def test_no_entity_name_or_id_keeps_a_hashtag_sign_or_underscore():
    doc = rasd.analyze(HASHTAG_NEWS, title="رسالة أوروبية")
    assert doc.entities
    for e in doc.entities:
        assert "#" not in e.name and "_" not in e.name, e.name
        assert "#" not in e.id and "_" not in e.id, e.id
    names = {e.name for e in doc.entities}
    assert "الاتحاد الأوروبي" in names
    for e in doc.entities:
        for m in e.mentions:  # every span still points at the text
            assert doc.text[m.start : m.end].replace("_", " ").replace("#", "").strip()


def test_a_hashtag_name_and_the_plain_name_are_one_entity():
    doc = rasd.analyze("قال وزير الخارجية #سامي_العبيدي إن المحادثات مستمرة. وأضاف سامي العبيدي أن الوفد وصل.", title="محادثات")
    people = [e for e in doc.entities if e.type == "PERSON"]
    assert [e.name for e in people] == ["سامي العبيدي"]
    assert len(people[0].mentions) == 2


# -- weekdays, months, time words, currencies -------------------------------------------------------


NOISE_NEWS = (
    "أعلن البنك المركزي المصري الجمعة أن الدولار ارتفع إلى 18 جنيها، وقال محافظ البنك مساء الثلاثاء "
    "إن الاحتياطي بلغ 40 مليار دولار في يونيو. وتراجع اليورو أمام الدولار يوم الإثنين، وسيعقد "
    "مجلس الشيوخ الأمريكي الشهر المقبل جلسة في واشنطن."
)


def test_weekdays_months_time_words_and_currencies_are_never_entities():
    doc = rasd.analyze(NOISE_NEWS, title="الدولار يرتفع الأحد")
    lex = dates_lexicon()
    never = set(lex.weekdays) | set(lex.months) | {norm_key(w) for w in ("دولار", "الدولار", "دولارا", "اليورو", "يورو", "جنيها")}
    bare = {k[2:] if k.startswith("ال") else k for k in never}
    for e in doc.entities:
        for text in [e.name, *(doc.text[m.start : m.end] for m in e.mentions)]:
            words = [norm_key(w) for w in text.split()]
            assert not all(w in never or w in bare or (w[2:] if w.startswith("ال") else w) in bare for w in words), text
    names = {e.name for e in doc.entities}
    assert "واشنطن" in names


def test_a_name_is_cut_before_a_time_phrase(pipe):
    doc = pipe(Document.from_parts("وصوت مجلس الشيوخ الأمريكي الشهر الماضي على القانون."))
    texts = [t for t, _label in found(doc)]
    assert not any("الشهر" in t for t in texts)


# -- person names after a title, and surnames -------------------------------------------------------


def test_a_name_right_after_a_title_is_a_person(pipe):
    doc = pipe(Document.from_parts("وقال الرئيس الأمريكي هارولد غرانت إن الاتفاق سيئ، ثم غادر غرانت القاعة."))
    assert ("هارولد غرانت", "PERSON") in found(doc)
    assert ("غرانت", "PERSON") in found(doc)  # the surname alone, by the full name


def test_a_verb_after_a_title_is_no_name(pipe):
    doc = pipe(Document.from_parts("وقال الوزير يصل الوفد غدا إلى العاصمة، وأكد الرئيس أن الزيارة مهمة."))
    assert not [t for t, label in found(doc) if label == "PERSON"]


def test_the_name_ends_where_a_verb_starts(pipe):
    doc = pipe(Document.from_parts("وجه الرئيس الأمريكي هارولد #غرنت دعاه فيها إلى التعاون."))
    persons = [t for t, label in found(doc) if label == "PERSON"]
    assert persons == ["هارولد #غرنت"]


# -- organisations ----------------------------------------------------------------------------------


def orgs(pipe, text: str) -> list[str]:
    return [t for t, label in found(pipe(Document.from_parts(text))) if label == "ORG"]


def test_a_state_institution_with_a_nationality_adjective_is_an_organisation(pipe):
    got = orgs(pipe, "وقالت الحكومة الكندية إن السلطات البرازيلية أبلغتها بالقرار، ورد الجيش الكيني بالرفض.")
    assert {"الحكومة الكندية", "السلطات البرازيلية", "الجيش الكيني"} <= set(got)


def test_an_adjective_that_does_not_agree_belongs_to_a_title(pipe):
    got = orgs(pipe, "والتقى رئيس الحكومة الكندي بالوفد في المساء.")
    assert "الحكومة الكندي" not in got


def test_a_ministers_portfolio_is_part_of_the_title_and_the_department_alone_a_body(pipe):
    assert "الخارجية الأمريكية" not in orgs(pipe, "واستقبل الملك مساعد وزير الخارجية الأمريكية في القصر.")
    assert "الخارجية الأمريكية" in orgs(pipe, "وقالت الخارجية الأمريكية في بيان إن المحادثات مستمرة.")


def test_a_descriptive_name_keeps_its_complement(pipe):
    got = orgs(
        pipe,
        "أصدرت المحكمة الإدارية العليا حكمها، وأعلنت الهيئة العامة للطيران المدني نتائجها، "
        "ورحب حزب الوحدة والتقدم بقرار صندوق الاستثمارات العامة.",
    )
    assert "المحكمة الإدارية العليا" in got
    assert "الهيئة العامة للطيران المدني" in got
    assert "حزب الوحدة والتقدم" in got
    assert "صندوق الاستثمارات العامة" in got


def test_a_relative_phrase_is_no_part_of_the_name(pipe):
    got = orgs(pipe, "وأعلنت وزارة الدفاع التابعة للحكومة المؤقتة عن خطة جديدة.")
    assert "وزارة الدفاع" in got
    assert not any("التابعة" in g for g in got)


def test_agencies_and_platforms_are_organisations(pipe):
    got = orgs(pipe, "ونقلت وكالة رويترز عن مصادر أن الشركة نشرت بيانا على تويتر، بحسب وكالة فرانس برس.")
    assert {"وكالة رويترز", "تويتر", "وكالة فرانس برس"} <= set(got)


def test_an_alias_without_its_article_also_names_the_body_and_a_name_after_it_is_a_person(pipe):
    doc = pipe(Document.from_parts("وأكد الأمين العام للحلف الأطلسي أولاف ستينبرغ أن القمة ناجحة."))
    assert ("لحلف الأطلسي", "ORG") in found(doc)
    assert ("أولاف ستينبرغ", "PERSON") in found(doc)


def test_a_tournament_and_its_year_are_one_misc_name(pipe):
    doc = pipe(Document.from_parts("وتأهل المنتخب إلى نهائيات كأس العالم 2026 بعد فوزه أمس."))
    assert ("كأس العالم 2026", "MISC") in found(doc)


# -- the edges of a person's name -------------------------------------------------------------------


def test_a_kinship_noun_with_a_pronoun_suffix_is_no_part_of_the_name(pipe):
    doc = pipe(Document.from_parts("وكلف الرئيس صهره ليندبرغ بتولي الملف.", "ملف"))
    persons = [t for t, label in found(doc) if label == "PERSON"]
    assert persons and all(not p.startswith("صهره") for p in persons), found(doc)


def test_a_word_with_the_preposition_and_a_pronoun_ends_the_name(pipe):
    doc = pipe(Document.from_parts("وقرر الرئيس تعيين جون ميلر لمراقبته في الوزارة.", "تعيين"))
    persons = [t for t, label in found(doc) if label == "PERSON"]
    assert persons and all("لمراقبته" not in p for p in persons), found(doc)


def test_a_feminine_participle_after_a_long_name_is_no_part_of_it(pipe):
    doc = pipe(Document.from_parts(
        "وقال زوج الإيرانية البريطانية سارة زاهدي كرمان المسجونة في إيران إن الحكم جائر.", "حكم"))
    persons = [t for t, label in found(doc) if label == "PERSON"]
    assert persons and all(not p.endswith("المسجونة") for p in persons), found(doc)
