"""Relations from patterns: each pattern, with its evidence span. Sentences written for
these tests."""

from __future__ import annotations

import pytest

from rasd.resolve.errors import RelationPatternError
from rasd.resolve.patterns import load_patterns
from test_resolve_support import entity, relations, resolved


def test_part_of_with_a_relative_and_a_proclitic():
    doc = resolved("أطلقت [ORG لجنة التنسيق الإقليمية] التابعة [ORG للاتحاد الإفريقي] برنامجا جديدا.")
    sub = entity(doc, "لجنة التنسيق الإقليمية").id
    assert ("PART_OF", sub, "org:african-union") in relations(doc)
    r = next(r for r in doc.relations if r.type == "PART_OF")
    assert doc.text[r.start : r.end] == "لجنة التنسيق الإقليمية التابعة للاتحاد الإفريقي"


def test_co_chairs_listed_after_the_verb():
    doc = resolved(
        "أطلق الشركاء [ORG مجموعة العمل الخاصة بالساحل]. وتتولى [LOC تونس] الرئاسة المشتركة لهذه المجموعة "
        "بالإضافة إلى [LOC كندا] و[LOC اليابان] و[LOC الولايات المتحدة]."
    )
    group = entity(doc, "مجموعة العمل الخاصة بالساحل").id
    chairs = {s for t, s, o in relations(doc) if t == "CO_CHAIR_OF" and o == group}
    assert chairs == {"country:TN", "country:CA", "country:JP", "country:US"}


def test_co_chair_by_a_possessive_pronoun_points_to_the_feminine_org_before():
    doc = resolved(
        "اجتمعت [ORG مجموعة الدعم الإقليمية] التابعة [ORG للتحالف الدولي ضد داعش]، والتي يتولى "
        "[LOC الأردن] رئاستها المشتركة، في عمان."
    )
    group = entity(doc, "مجموعة الدعم الإقليمية").id
    rels = relations(doc)
    assert ("CO_CHAIR_OF", "country:JO", group) in rels
    assert ("CO_CHAIR_OF", "country:JO", "org:global-coalition-isis") not in rels
    assert ("PART_OF", group, "org:global-coalition-isis") in rels


def test_co_chair_by_a_masculine_pronoun():
    doc = resolved("انعقد [ORG المنتدى العالمي للمياه] الذي تتولى [LOC السنغال] رئاسته المشتركة.")
    assert ("CO_CHAIR_OF", "country:SN", entity(doc, "المنتدى العالمي للمياه").id) in relations(doc)


def test_co_chair_with_a_reference_as_subject():
    doc = resolved(
        "أكد وزير الخارجية أن [LOC المغرب] ملتزم. وتتولى المملكة الرئاسة المشتركة [ORG لمنتدى الأمن الإقليمي]."
    )
    assert ("CO_CHAIR_OF", "country:MA", entity(doc, "منتدى الأمن الإقليمي").id) in relations(doc)


def test_leads_by_a_verb():
    doc = resolved("ويقود [PER أحمد الزين] [ORG حزب النهضة الوطنية] منذ عشر سنوات.")
    assert ("LEADS", entity(doc, "أحمد الزين").id, entity(doc, "حزب النهضة الوطنية").id) in relations(doc)


def test_leads_by_a_title():
    doc = resolved("وقال رئيس [ORG الاتحاد العام للشغل]، [PER نور الدين التابعي]، إن الإضراب قائم.")
    person = entity(doc, "نور الدين التابعي")
    org = entity(doc, "الاتحاد العام للشغل").id
    rels = relations(doc)
    assert ("LEADS", person.id, org) in rels
    assert person.affiliation == org
    assert ("ROLE_OF", person.id, org) in rels


def test_leads_by_a_title_with_a_qualifier_before_the_organisation():
    for text in ("وقال المدير العام [ORG لشركة الموانئ الوطنية]، [PER سالم بن راشد]، إن الأرباح زادت.",
                 "وأكد الرئيس التنفيذي [ORG لشركة الموانئ الوطنية] [PER سالم بن راشد] أن الأرباح زادت."):
        doc = resolved(text)
        person, org = entity(doc, "سالم بن راشد").id, entity(doc, "شركة الموانئ الوطنية").id
        assert {("LEADS", person, org), ("ROLE_OF", person, org)} <= relations(doc), text


def test_a_deputy_does_not_lead():
    doc = resolved("وقال نائب رئيس [ORG حزب النهضة الوطنية] [PER أحمد الزين] إن الحزب سيشارك.")
    person, org = entity(doc, "أحمد الزين").id, entity(doc, "حزب النهضة الوطنية").id
    assert ("ROLE_OF", person, org) in relations(doc)
    assert not any(r[0] == "LEADS" for r in relations(doc))


def test_the_head_of_a_unit_of_an_organisation_belongs_to_the_organisation():
    doc = resolved("وقال [PER سالم بن راشد]، رئيس [ORG المكتب الإعلامي] [ORG لمنظمة الإغاثة الدولية]، إن الوضع صعب.")
    person, org = entity(doc, "سالم بن راشد").id, entity(doc, "منظمة الإغاثة الدولية").id
    assert {r for r in relations(doc) if r[1] == person} == {("ROLE_OF", person, org)}
    assert ("PART_OF", entity(doc, "المكتب الإعلامي").id, org) in relations(doc)


def test_a_country_named_before_the_leader_word_is_the_affiliation():
    """«X، وزير الداخلية السعودي رئيس لجنة …»: a minister of a country who leads a committee; an
    honorific before the name does not stand for the title."""
    doc = resolved("تابع الأمير [PER سالم بن راشد]، وزير الداخلية السعودي رئيس [ORG لجنة الموانئ العليا]، العرض في [LOC السعودية].")
    person = entity(doc, "سالم بن راشد").id
    assert relations(doc) == {("ROLE_OF", person, "country:SA"), ("LEADS", person, entity(doc, "لجنة الموانئ العليا").id)}


def test_a_former_office_holder_keeps_the_title_country():
    doc = resolved("وقال الرئيس البرتغالي السابق [PER جواو كرافينيو] إن [LOC البرتغال] تدعم الاتفاق.")
    assert ("ROLE_OF", entity(doc, "جواو كرافينيو").id, "country:PT") in relations(doc)


def test_a_country_only_an_adjective_names_is_the_affiliation_without_a_relation():
    """No entity of the article is Portugal: the person keeps the affiliation, and no relation
    points at an entity the article does not name."""
    doc = resolved("وقال وزير الخارجية البرتغالي، [PER جواو كرافينيو]، إن بلاده تدعم الاتفاق.")
    person = entity(doc, "جواو كرافينيو")
    assert person.affiliation == "country:PT"
    assert not any(r[0] == "ROLE_OF" for r in relations(doc))


def test_role_of_from_the_title_affiliation():
    doc = resolved("وقال وزير الخارجية البرتغالي، [PER جواو كرافينيو]، إن [LOC البرتغال] تدعم الاتفاق.")
    person = entity(doc, "جواو كرافينيو").id
    assert ("ROLE_OF", person, "country:PT") in relations(doc)
    r = next(r for r in doc.relations if r.type == "ROLE_OF")
    assert doc.text[r.start : r.end] == "وزير الخارجية البرتغالي، جواو كرافينيو"


def test_member_of():
    doc = resolved("وقال الوزير إن [LOC موريتانيا] عضو في [ORG الاتحاد الإفريقي] منذ تأسيسه.")
    assert ("MEMBER_OF", "country:MR", "org:african-union") in relations(doc)


def test_member_of_by_joining():
    doc = resolved("وأعلنت الحكومة انضمام [LOC السويد] إلى [ORG حلف شمال الأطلسي] رسميا.")
    assert ("MEMBER_OF", "country:SE", "org:nato") in relations(doc)


def test_located_in():
    doc = resolved("ووقع الانفجار في [LOC قرية تامدة] في [LOC مالي] صباح أمس.")
    assert ("LOCATED_IN", entity(doc, "قرية تامدة").id, "country:ML") in relations(doc)


def test_located_in_by_a_nisba():
    doc = resolved("وانعقد المؤتمر في مدينة [LOC أكادير] المغربية بحضور الوزراء.")
    assert ("LOCATED_IN", entity(doc, "أكادير").id, "country:MA") in relations(doc)


def test_no_located_in_between_two_countries():
    doc = resolved("وقال سفير [LOC النيجر] في [LOC بلجيكا]، [PER موسى ديالو]، إن الزيارة ناجحة.")
    assert not any(t == "LOCATED_IN" for t, _, _ in relations(doc))


def test_relations_need_their_trigger_words():
    doc = resolved("وزار [PER أحمد الزين] مقر [ORG حزب النهضة الوطنية] أمس.")
    assert relations(doc) == set()


def test_bad_pattern_file_is_reported(tmp_path):
    p = tmp_path / "relations.tsv"
    p.write_text("type\tpattern\nPART_OF\t@ORG=subj التابعة @ORG\n", encoding="utf-8")
    with pytest.raises(RelationPatternError) as err:
        load_patterns(p)
    assert "line 1" in str(err.value) and "E402" in str(err.value)
    p.write_text("type\tpattern\nFRIEND_OF\t@ORG=subj مع @ORG=obj\n", encoding="utf-8")
    with pytest.raises(RelationPatternError, match="unknown relation type"):
        load_patterns(p)
    p.write_text("type\tpattern\nPART_OF\t@ORG=subj ?التابعة @ORG=obj\n", encoding="utf-8")
    with pytest.raises(RelationPatternError, match="not optional"):
        load_patterns(p)


def test_a_known_city_is_not_located_in_another_country():
    doc = resolved("وتحدث المسؤول عن دور [LOC واشنطن] في [LOC العراق] خلال السنوات الماضية.")
    assert not any(t == "LOCATED_IN" for t, _, _ in relations(doc))
    doc = resolved("وسيطر الجيش على [LOC الموصل] في [LOC العراق] بعد معارك.")
    assert ("LOCATED_IN", "city:mosul-iq", "country:IQ") in relations(doc)


def test_located_in_by_a_direction_of_a_country():
    doc = resolved("وتواصلت المعارك في [LOC مدينة الزهراء]، جنوبي [LOC سوريا]، منذ أيام.")
    assert ("LOCATED_IN", entity(doc, "مدينة الزهراء").id, "country:SY") in relations(doc)
    doc = resolved("واستقبل الرئيس ضيفه في [LOC قصر النور] شمال [LOC القاهرة] أمس.")  # north of a city: maybe outside it
    assert not any(t == "LOCATED_IN" for t, _, _ in relations(doc))


def test_a_city_a_comma_and_its_country_as_a_dateline():
    doc = resolved("[LOC دبي]، [LOC الإمارات العربية المتحدة] -- أعلنت الشركة توسعها في المنطقة.")
    assert ("LOCATED_IN", "city:dubai-ae", "country:AE") in relations(doc)
    doc = resolved("[LOC دبي]، [LOC فرنسا] و[LOC ألمانيا] من الدول المشاركة في المعرض.")  # not its country
    assert not any(t == "LOCATED_IN" for t, _, _ in relations(doc))


def test_a_state_body_with_a_nisba_is_part_of_its_country():
    doc = resolved("وأعلنت [ORG الحكومة التركية] أن [LOC تركيا] ستشارك في القمة.")
    assert ("PART_OF", entity(doc, "الحكومة التركية").id, "country:TR") in relations(doc)
    # a company is no body of a state; the country must be named in the article
    doc = resolved("وأعلنت [ORG الشركة التركية] أن [LOC تركيا] سوق واعدة، وقال [ORG الجيش المصري] إنه مستعد.")
    assert not any(t == "PART_OF" for t, _, _ in relations(doc))


def test_a_spelling_of_a_country_and_of_another_countrys_city_before_that_country_is_the_city():
    """«عمان» is Oman and Amman: before a comma and «الأردن» (a dateline) it is Amman; «الكويت»
    before «الكويت» stays the country (its city is in the same country)."""
    doc = resolved("[LOC عمان]، [LOC الأردن] -- أعلنت الحكومة خطة جديدة للمياه.")
    assert entity(doc, "عمان").id == "city:amman-jo"
    assert ("LOCATED_IN", "city:amman-jo", "country:JO") in relations(doc)
    doc = resolved("وصل الوفد إلى [LOC عمان]، واستقبله وزير الخارجية.")
    assert entity(doc, "عمان").id == "country:OM"


def test_located_in_by_nouns_of_districts_and_provinces():
    doc = resolved("وتقدمت القوات في مديرية [LOC الملاجم] بمحافظة [LOC المهرة] بعد مواجهات.")
    assert ("LOCATED_IN", entity(doc, "الملاجم").id, entity(doc, "المهرة").id) in relations(doc)
    doc = resolved("وقع الهجوم في حي [LOC الزهور] في [LOC الجديدة الكبرى] مساء أمس.")
    assert ("LOCATED_IN", entity(doc, "الزهور").id, entity(doc, "الجديدة الكبرى").id) in relations(doc)
    doc = resolved("ويقع المسجد في حي [LOC الزهور] [LOC بالجديدة الكبرى] منذ قرن.")
    assert ("LOCATED_IN", entity(doc, "الزهور").id, entity(doc, "الجديدة الكبرى").id) in relations(doc)


def test_located_in_by_a_nisba_after_a_province():
    doc = resolved("وقصفت الطائرات بلدات في محافظة [LOC الحسكة] السورية.")
    assert ("LOCATED_IN", entity(doc, "الحسكة").id, "country:SY") in relations(doc)


def test_the_seat_of_organisations():
    doc = resolved("وتظاهر المئات في [LOC ستراسبورغ] مقر [ORG المجلس الأوروبي] و[ORG المحكمة الأوروبية لحقوق الإنسان].")
    place = entity(doc, "ستراسبورغ").id
    assert {("LOCATED_IN", entity(doc, "المجلس الأوروبي").id, place),
            ("LOCATED_IN", entity(doc, "المحكمة الأوروبية لحقوق الإنسان").id, place)} <= relations(doc)


def test_a_unit_named_before_an_organisation_is_part_of_it():
    doc = resolved("وأكد البيان الذي نشره [ORG المركز الإعلامي] [ORG للجيش الوطني] أن المعارك مستمرة.")
    assert ("PART_OF", entity(doc, "المركز الإعلامي").id, entity(doc, "الجيش الوطني").id) in relations(doc)
    doc = resolved("وقالت [ORG لجنة النظام الداخلي] في [ORG مجلس النواب] إنها رفضت المقترح.")
    assert ("PART_OF", entity(doc, "لجنة النظام الداخلي").id, entity(doc, "مجلس النواب").id) in relations(doc)


def test_an_organisation_speaking_to_an_outlet_is_no_part_of_it():
    doc = resolved("وقالت [ORG الهيئة العامة للاستثمار] [ORG لوكالة الأنباء الوطنية] إن الوضع هادئ.")
    assert not any(r[0] == "PART_OF" for r in relations(doc))


def test_member_countries_listed_after_the_organisations_members():
    doc = resolved("توترت العلاقات مع بعض دول [ORG الاتحاد الأوروبي] مثل [LOC ألمانيا] و[LOC النمسا].")
    org = entity(doc, "الاتحاد الأوروبي").id
    assert {("MEMBER_OF", "country:DE", org), ("MEMBER_OF", "country:AT", org)} <= relations(doc)


def test_a_unit_is_named_with_the_body_it_belongs_to():
    """Two bodies' media centres are two entities, each named with its body; the body stays an
    entity of its own, and the bare «المركز الإعلامي» later is the nearest one before it."""
    doc = resolved("وأكد [ORG المركز الإعلامي] [ORG للجيش الوطني] أن المعارك مستمرة. وذكر [ORG المركز الإعلامي] "
                   "[ORG لقوات المقاومة] أن الهجوم فشل. وقال [ORG المركز الإعلامي] إن القوات تقدمت.")
    names = sorted(e.name for e in doc.entities)
    assert names == sorted(["الجيش الوطني", "المركز الإعلامي للجيش الوطني", "المركز الإعلامي لقوات المقاومة", "قوات المقاومة"])
    army_centre = next(e for e in doc.entities if e.name == "المركز الإعلامي للجيش الوطني")
    assert ("PART_OF", army_centre.id, entity(doc, "الجيش الوطني").id) in relations(doc)
    resistance_centre = next(e for e in doc.entities if e.name == "المركز الإعلامي لقوات المقاومة")
    assert len(resistance_centre.mentions) == 2


def test_a_unit_speaking_to_an_outlet_is_not_named_with_it():
    doc = resolved("وقال [ORG المكتب الإعلامي] [ORG لرويترز] إن الجلسة تأجلت.")
    assert entity(doc, "المكتب الإعلامي").name == "المكتب الإعلامي"
    assert not any(r[0] == "PART_OF" for r in relations(doc))


def test_an_embassy_or_ministry_sits_in_the_place_named_after_it():
    doc = resolved("وأكدت [ORG السفارة الأمريكية] في [LOC القدس] أن الافتتاح تم.")
    assert ("LOCATED_IN", entity(doc, "السفارة الأمريكية").id, entity(doc, "القدس").id) in relations(doc)
    doc = resolved("وقالت [ORG وزارة الخارجية] في بيان إن الوزير سيزور [LOC عمان].")
    assert not any(r[0] == "LOCATED_IN" for r in relations(doc))


def test_a_title_after_and_belongs_to_the_next_person():
    doc = resolved("وحضر الاجتماع [PER علي بن سالم]، ورئيس [ORG المجلس الأعلى للإعلام] [PER مكرم أحمد].")
    council = entity(doc, "المجلس الأعلى للإعلام").id
    assert ("LEADS", entity(doc, "مكرم أحمد").id, council) in relations(doc)
    assert not any(r[1] == entity(doc, "علي بن سالم").id for r in relations(doc))
    doc = resolved("والتقى رئيس [ORG هيئة الأركان المشتركة] و[PER جون بولتون] بالوفد.")
    assert not relations(doc)
