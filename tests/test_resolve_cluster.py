"""Clustering name mentions into entities: each merging rule, and the cases that must
stay apart. Sentences written for these tests."""

from __future__ import annotations

from test_resolve_support import entity, resolved, texts


def test_head_noun_dropped_variant_merges():
    doc = resolved("أعلنت [ORG وزارة الخارجية المغربية] أمس أن [ORG الخارجية المغربية] ستصدر بيانا.")
    assert len(doc.entities) == 1
    e = doc.entities[0]
    assert e.name == "وزارة الخارجية المغربية"
    assert texts(doc, e.mentions) == ["وزارة الخارجية المغربية", "الخارجية المغربية"]
    assert e.aliases == ["الخارجية المغربية"]


def test_known_ministry_variants_merge_to_alias():
    doc = resolved("قالت [ORG وزارة الخارجية الأمريكية] إن الوفد وصل، وأكدت [ORG الخارجية الأميركية] ذلك.")
    assert len(doc.entities) == 1
    assert doc.entities[0].id == "org:us-state-department"
    assert doc.entities[0].name == "وزارة الخارجية الأمريكية"


def test_coalition_long_names_and_shortening_merge():
    doc = resolved(
        "اجتمع [ORG التحالف الدولي لمحاربة الإرهاب] في الرباط. وقال مسؤول إن [ORG التحالف الدولي] "
        "سيعقد اجتماعا آخر، وإن [ORG للتحالف الدولي لمحاربة الإرهاب] خطة جديدة."
    )
    orgs = [e for e in doc.entities if e.type == "ORG"]
    assert len(orgs) == 1
    assert len(orgs[0].mentions) == 3
    assert orgs[0].name == "التحالف الدولي لمحاربة الإرهاب"


def test_coalition_against_daesh_spellings_merge():
    doc = resolved(
        "شارك المغرب في اجتماع [ORG التحالف الدولي لهزيمة تنظيم “داعش”] ثم في لقاء "
        "[ORG للتحالف العالمي ضد “داعش”] وأشاد بدور [ORG التحالف الدولي]."
    )
    orgs = [e for e in doc.entities if e.type == "ORG"]
    assert len(orgs) == 1
    e = orgs[0]
    assert e.id == "org:global-coalition-isis"
    assert e.latin == "Global Coalition to Defeat ISIS"
    assert all("“" not in a and "”" not in a for a in [e.name, *e.aliases])


def test_armed_group_with_and_without_head_noun():
    doc = resolved(
        "تبنى [ORG تنظيم داعش] الهجوم، وقالت مصادر إن [ORG داعش] خسر مواقع، فيما أعلن "
        "[ORG تنظيم الدولة الإسلامية] مسؤوليته."
    )
    assert [e.id for e in doc.entities] == ["org:isis"]
    assert len(doc.entities[0].mentions) == 3
    assert doc.entities[0].name == "داعش"


def test_unknown_group_with_and_without_head_noun():
    doc = resolved("هاجم [ORG تنظيم المرابطين الجدد] قرية، ثم انسحب مسلحو [ORG المرابطين الجدد] منها.")
    assert len(doc.entities) == 1


def test_quotation_marks_inside_a_name_are_ignored():
    doc = resolved("أعلنت [ORG حركة “الأمل الجديد”] مشاركتها، وقالت [ORG حركة الأمل الجديد] إنها مستعدة.")
    assert len(doc.entities) == 1
    assert doc.entities[0].name == "حركة الأمل الجديد"


def test_surname_alone_joins_the_full_name():
    doc = resolved("التقى [PER كريم الفاسي] بنظيره، وقال [PER الفاسي] إن اللقاء كان مثمرا.")
    assert len(doc.entities) == 1
    assert texts(doc, doc.entities[0].mentions) == ["كريم الفاسي", "الفاسي"]
    assert doc.entities[0].name == "كريم الفاسي"


def test_surname_before_the_full_name_joins_it():
    doc = resolved("قال [PER الفاسي] إن الاتفاق قريب. وكان [PER كريم الفاسي] قد زار العاصمة.")
    assert len(doc.entities) == 1


def test_two_word_surname_joins_the_full_name():
    doc = resolved("وصل [PER ماركو دي لوكا] إلى الرباط، وصرح [PER دي لوكا] بأن الزيارة مهمة.")
    assert len(doc.entities) == 1


def test_two_people_sharing_a_surname_stay_apart():
    doc = resolved(
        "استقبل [PER سعيد العلمي] وزير الصحة [PER فاطمة العلمي] في مكتبه. وقالت [PER العلمي] إن الملف "
        "جاهز. ثم تحدث [PER سعيد العلمي] للصحفيين، وأكد [PER العلمي] أن العمل مستمر."
    )
    persons = [e for e in doc.entities if e.type == "PERSON"]
    assert len(persons) == 2
    said = entity(doc, "سعيد العلمي")
    fatima = entity(doc, "فاطمة العلمي")
    assert said.id != fatima.id
    # each bare surname goes to the nearest full name before it
    bare = [(m.start, e.id) for e in persons for m in e.mentions if doc.text[m.start : m.end] == "العلمي"]
    bare.sort()
    assert [ident for _, ident in bare] == [fatima.id, said.id]


def test_spelling_variants_of_a_city_merge():
    doc = resolved("عقد الاجتماع في [LOC بروكسيل] أمس، وتستضيف [LOC بروكسل] اجتماعا آخر الشهر المقبل.")
    assert len(doc.entities) == 1
    assert doc.entities[0].id == "city:brussels-be"
    assert doc.entities[0].latin == "Brussels"


def test_spelling_variants_of_a_country_merge():
    doc = resolved(
        "قال السفير إن [LOC أمريكا] تدعم الخطة، وإن [LOC أميركا] ستمولها مع [LOC الولايات المتحدة الأمريكية]."
    )
    assert [e.id for e in doc.entities] == ["country:US"]


def test_fuzzy_spelling_variant_of_an_unknown_place_merges():
    doc = resolved("وصل الوفد إلى [LOC تيزنيتوفا] صباحا، وغادر [LOC تيزنيتوفه] مساء.")
    assert len(doc.entities) == 1


def test_different_known_places_never_merge():
    doc = resolved("زار الوزير [LOC النيجر] ثم [LOC نيجيريا] و[LOC مالي].")
    assert [e.id for e in doc.entities] == ["country:NE", "country:NG", "country:ML"]


def test_known_name_does_not_swallow_a_longer_different_body():
    doc = resolved("اجتمع [ORG مجلس الأمن] أمس، وقال [ORG مجلس الأمن القومي] إنه يتابع الوضع.")
    assert len(doc.entities) == 2


def test_maghrib_prayer_is_not_morocco():
    doc = resolved("بعد صلاة [LOC المغرب] اجتمع الأهالي، ثم غادروا قبل موعد صلاة العشاء.")
    assert doc.entities == []
    assert doc.mentions == []


def test_morocco_the_country_is_kept_next_to_the_prayer():
    doc = resolved("أدى المصلون صلاة [LOC المغرب] في المسجد. وقال الوزير إن [LOC المغرب] يدعم الحوار.")
    assert [e.id for e in doc.entities] == ["country:MA"]
    assert len(doc.entities[0].mentions) == 1
    m = doc.entities[0].mentions[0]
    assert m.start == doc.text.rindex("المغرب")


def test_every_clustered_mention_points_to_its_entity():
    doc = resolved("قال [PER كريم الفاسي] إن [LOC المغرب] و[LOC فرنسا] وقعا اتفاقا، وأكد [PER الفاسي] ذلك.")
    ids = {e.id for e in doc.entities}
    assert doc.mentions and all(m.entity in ids for m in doc.mentions)
    for e in doc.entities:
        assert all(m.entity == e.id for m in e.mentions)


def test_misc_mention_spelled_like_an_entity_joins_it():
    doc = resolved("أعلنت [ORG حركة الأمل الجديد] برنامجها، وقدمت [MISC حركة الأمل الجديد] مرشحيها.")
    assert len(doc.entities) == 1
    assert doc.entities[0].type == "ORG"


def test_a_name_cut_short_by_ner_grows_to_the_known_alias():
    doc = resolved("وشارك المغرب في اجتماع [ORG التحالف الدولي] لهزيمة تنظيم “[ORG داعش]” أمس.")
    assert [e.id for e in doc.entities] == ["org:global-coalition-isis"]
    m = doc.entities[0].mentions[0]
    assert doc.text[m.start : m.end] == "التحالف الدولي لهزيمة تنظيم “داعش”"


def test_a_name_is_not_grown_over_words_that_make_no_known_name():
    doc = resolved("وقال [ORG التحالف الدولي] إن [ORG داعش] خسر مواقعه.")
    assert [e.id for e in doc.entities][1] == "org:isis"
    assert doc.text[doc.entities[0].mentions[0].start : doc.entities[0].mentions[0].end] == "التحالف الدولي"


def test_an_organisation_tagged_as_a_person_is_the_organisation():
    doc = resolved("وأعلنت [PER حركة حماس] موافقتها، وقالت [ORG حماس] إن الرد إيجابي.")
    assert [(e.id, e.type) for e in doc.entities] == [("org:hamas", "ORG")]


def test_a_misspelt_head_noun_before_a_known_group():
    doc = resolved("وتوعد الجيش [ORG داعش] بالملاحقة، وقال إن [PER نظيم داعش] يتراجع.")
    assert [(e.id, e.type, len(e.mentions)) for e in doc.entities] == [("org:isis", "ORG", 2)]


def test_a_person_whose_name_ends_like_a_place_stays_a_person():
    doc = resolved("وقال [PER عمر المغرب] إن المشروع جاهز.")
    assert [e.type for e in doc.entities] == ["PERSON"]


def test_first_name_alone_joins_the_one_full_name_it_begins():
    doc = resolved("شيع المئات [PER ليلى الخطيب] أمس، وحمل المشيعون صور [PER ليلى] في شوارع المدينة.")
    assert len(doc.entities) == 1
    assert texts(doc, doc.entities[0].mentions) == ["ليلى الخطيب", "ليلى"]


def test_first_name_shared_by_two_people_or_ending_a_name_stays_apart():
    doc = resolved("التقى [PER سامر حداد] مع [PER سامر عوض]، وقال [PER سامر] إن اللقاء مثمر.")
    assert len([e for e in doc.entities if e.type == "PERSON"]) == 3
    doc = resolved("التقى [PER خالد يوسف] مع [PER يوسف نعمان]، وقال [PER يوسف] إن اللقاء مثمر.")
    assert not any(texts(doc, e.mentions) == ["يوسف نعمان", "يوسف"] for e in doc.entities)
