"""Places in real news: named buildings and landforms, lists of places, split city names, place
types (`rasd.ner.sites`, `rasd.ner.places`). Sentences written for these tests."""

from __future__ import annotations

from rasd.model import Document


def found(ner_pipe, text: str) -> list[tuple[str, str]]:
    doc = ner_pipe(Document.from_parts(text))
    return [(doc.text[m.start : m.end], m.label) for m in doc.mentions]


def test_a_named_building_is_one_place_with_its_noun(ner_pipe):
    got = found(ner_pipe, "وزار الوفد متحف سرقيلا قبل أن يعقد اجتماعا في قصر \"فالدنبرغ\" شمال المدينة.")
    assert ("متحف سرقيلا", "LOC") in got
    assert ('قصر "فالدنبرغ"', "LOC") in got
    assert not [t for t, _ in got if t in ("سرقيلا", "فالدنبرغ")]


def test_a_predicate_after_a_building_is_no_part_of_its_name(ner_pipe):
    got = found(ner_pipe, "وقال الطبيب إن مستشفى القرطاوية معطل عن العمل منذ أسبوع.")
    assert ("مستشفى القرطاوية", "LOC") in got


def test_a_landform_keeps_its_noun_and_a_place_found_after_it(ner_pipe):
    got = found(ner_pipe, "ورست السفينة قرب جزيرة كورانديا الصينية، ثم قصفت الطائرات مرتفعات الجولان.")
    assert ("جزيرة كورانديا", "LOC") in got
    assert ("مرتفعات الجولان", "LOC") in got


def test_a_building_named_after_a_listed_city_is_left_to_the_gazetteer(ner_pipe):
    got = found(ner_pipe, "وهبطت الطائرة في مطار القاهرة مساء أمس.")
    assert ("القاهرة", "LOC") in got
    assert not [t for t, _ in got if t.startswith("مطار")]


def test_places_listed_after_a_dual_noun_of_place_are_each_a_place(ner_pipe):
    got = found(ner_pipe, 'واسترجعت الدولة ضيعتي "الغرنوقة" و"السمّارية" من معتمدية قصر الحيران.')
    assert ("الغرنوقة", "LOC") in got
    assert ("السمّارية", "LOC") in got


def test_a_remark_in_brackets_does_not_end_a_list_of_places(ner_pipe):
    got = found(ner_pipe, 'وشملت العملية لضيعتي "الدهمانية" (300 هكتار) و"البرقوقة" (200 هكتار).')
    assert ("الدهمانية", "LOC") in got
    assert ("البرقوقة", "LOC") in got


def test_a_place_after_a_noun_of_place_keeps_its_definite_second_word(ner_pipe):
    got = found(ner_pipe, "وتقع الأرض في معتمدية مرسيط الواد شمال البلاد.")
    assert ("مرسيط الواد", "LOC") in got


def test_a_participle_after_a_place_is_no_part_of_its_name(ner_pipe):
    got = found(ner_pipe, "وعثر الباحثون على الكهف في بلدة ليانهوا التابعة لإقليم بعيد.")
    assert ("ليانهوا", "LOC") in got
    assert not [t for t, _ in got if "التابعة" in t]


def test_places_listed_after_a_plural_noun_of_place(ner_pipe):
    got = found(ner_pipe, "وتشمل الحملة مناطق قرنوطة، دحموسة، برقاشة في الجنوب.")
    assert {("قرنوطة", "LOC"), ("دحموسة", "LOC"), ("برقاشة", "LOC")} <= set(got)


def test_a_noun_with_a_pronoun_suffix_after_a_noun_of_place_is_no_place(ner_pipe):
    got = found(ner_pipe, "وقال إن القوات انسحبت من مناطق تواجدها في الشمال.")
    assert not [t for t, label in got if label == "LOC" and "تواجد" in t]


def test_a_city_name_opened_by_san_is_one_place(ner_pipe):
    got = found(ner_pipe, "ووصل الوفد إلى مدينة سانت دوناتو الإيطالية.")
    assert ("سانت دوناتو", "LOC") in got
    assert ("سانت", "LOC") not in got


def test_san_after_a_place_or_with_li_is_no_city(ner_pipe):
    got = found(ner_pipe, "وقال المدرب إن لسان حال فريقه يقول إن باريس سان جيرمان أقوى.")
    assert not [t for t, _ in got if t.startswith("سان")]


def test_a_province_named_beside_its_town_is_another_place_with_its_noun(ner_pipe):
    got = found(ner_pipe, "وقصفت الطائرات مدينة كفرنبودة أمس، ثم وسعت قصفها على محافظة كفرنبودة كلها.")
    assert ("كفرنبودة", "LOC") in got
    assert ("محافظة كفرنبودة", "LOC") in got


def test_a_province_named_alone_is_its_name_without_the_noun(ner_pipe):
    got = found(ner_pipe, "ووصلت القافلة إلى محافظة كفرنبودة مساء أمس.")
    assert ("كفرنبودة", "LOC") in got
    assert not [t for t, _ in got if t.startswith("محافظة")]


def test_the_countryside_of_a_place_is_the_place(ner_pipe):
    got = found(ner_pipe, "وتقدمت القوات في ريف حلب الشرقي، وقصفت الطائرات الريف الغربي لمحافظة إدلب.")
    assert ("حلب", "LOC") in got
    assert not [t for t, _ in got if "ريف" in t or "الشرقي" in t]


def test_a_short_word_one_letter_off_a_place_is_no_place(ner_pipe):
    got = found(ner_pipe, "وقال المدرب إن ثقة الجمهور فينا كبيرة، وإن الفريق سيسافر إلى بروكسيل غدا.")
    assert not [t for t, _ in got if t == "فينا"]
    assert ("بروكسيل", "LOC") in got


def test_a_frequent_noun_with_a_pronoun_suffix_is_no_misspelt_place(ner_pipe):
    got = found(ner_pipe, "وقال الوزير إن الاقتصاد يحتاج إلى كل موارده الطبيعية هذا العام.")
    assert not [t for t, _ in got if t == "موارده"]


def test_a_rare_word_before_a_side_of_a_place_is_a_place(ner_pipe):
    got = found(ner_pipe, "وتواصل القصف في تلعرن شمال سوريا أمس، ووقعت المعارك في سنجرين شرق الموصل.")
    assert ("تلعرن", "LOC") in got
    assert ("سنجرين", "LOC") in got


def test_a_name_written_with_hyphens_is_one_name(ner_pipe):
    got = found(ner_pipe, "ويقيم اللاجئ في ولاية بادن-فورتمبرغ-زولينغ منذ عامين.")
    assert ("بادن-فورتمبرغ-زولينغ", "LOC") in got


def test_a_hyphen_next_to_a_word_with_the_article_joins_nothing(ner_pipe):
    got = found(ner_pipe, "ونشرت الصحيفة ملفا بعنوان الحرب-بيروت عن المدينة.")
    assert not [t for t, _ in got if "-" in t]
