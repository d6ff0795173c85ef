"""Nominal references: each reference type, proclitics, demonstratives, and references
with no compatible antecedent. Sentences written for these tests."""

from __future__ import annotations

from test_resolve_support import entity, resolved, texts


def refs(doc, name):
    return texts(doc, entity(doc, name).references)


def test_minister_refers_to_the_last_person_titled_minister():
    doc = resolved(
        "قال وزير الخارجية المغربي، [PER كريم الفاسي]، إن المفاوضات مستمرة. وأشار الوزير إلى أن الاتفاق قريب."
    )
    assert refs(doc, "كريم الفاسي") == ["الوزير"]
    assert all(r.kind == "reference" and r.source == "resolve" for r in entity(doc, "كريم الفاسي").references)


def test_minister_skips_a_person_without_that_title():
    doc = resolved(
        "صرح وزير الداخلية، [PER سمير الناصري]، بأن الوضع هادئ. والتقى مدير الشركة، [PER هشام البقالي]، "
        "بالصحفيين. وأكد الوزير أن الأمن مستتب."
    )
    assert refs(doc, "سمير الناصري") == ["الوزير"]
    assert refs(doc, "هشام البقالي") == []


def test_nisba_after_the_noun_narrows_the_antecedent():
    doc = resolved(
        "التقى وزير الخارجية المغربي، [PER كريم الفاسي]، وزير الخارجية الإسباني، [PER خوسيه ألفاريس]. "
        "وقال الوزير المغربي إن العلاقات ممتازة."
    )
    assert refs(doc, "كريم الفاسي") == ["الوزير المغربي"]
    assert refs(doc, "خوسيه ألفاريس") == []


def test_organisation_noun_refers_to_an_armed_group():
    doc = resolved("تبنى [ORG داعش] الهجوم. وقالت مصادر محلية إن التنظيم فقد عددا من مقاتليه.")
    assert refs(doc, "داعش") == ["التنظيم"]


def test_organisation_noun_refers_to_an_org_with_that_head():
    doc = resolved(
        "أعلن [ORG تنظيم المرابطين الجدد] مسؤوليته. ونفت [ORG الحكومة المحلية] ذلك، وقالت إن التنظيم ضعيف."
    )
    assert refs(doc, "تنظيم المرابطين الجدد") == ["التنظيم"]


def test_kingdom_refers_to_the_last_kingdom():
    doc = resolved("زار الوفد [LOC فرنسا] ثم [LOC الأردن] و[LOC تونس]. وقالت المملكة إنها ترحب بالزيارة.")
    assert refs(doc, "الأردن") == ["المملكة"]


def test_continent_with_a_proclitic():
    doc = resolved("تنشط الجماعات المسلحة في [LOC إفريقيا] و[LOC مالي]. ويتطور الوضع بالقارة بسرعة.")
    assert refs(doc, "إفريقيا") == ["القارة"]


def test_group_noun_and_demonstratives():
    doc = resolved(
        "أطلق الشركاء [ORG مجموعة العمل الخاصة بالساحل]. وستعمل هذه المجموعة على التنسيق، "
        "وقال مسؤول إن مجموعة العمل هذه ستجتمع قريبا، وإن للمجموعة ميزانية."
    )
    assert refs(doc, "مجموعة العمل الخاصة بالساحل") == ["هذه المجموعة", "مجموعة العمل هذه", "لمجموعة"]


def test_movement_noun():
    doc = resolved("قالت [ORG حركة حماس] إنها توافق. وأضافت الحركة أن الرد سيكون مكتوبا.")
    assert refs(doc, "حركة حماس") == ["الحركة"]


def test_president_refers_to_a_person_titled_president():
    doc = resolved("قال رئيس الجمعية، [PER نبيل الحمداني]، إن المشروع جاهز. وأضاف الرئيس أن التمويل متوفر.")
    assert refs(doc, "نبيل الحمداني") == ["الرئيس"]


def test_country_noun_refers_to_the_last_country():
    doc = resolved("عاد الوفد من [LOC بروكسل] إلى [LOC تونس]. وتشهد البلاد نقاشا واسعا.")
    assert refs(doc, "تونس") == ["البلاد"]


def test_reference_tagged_by_ner_becomes_a_reference():
    doc = resolved("أعلن [ORG التحالف الدولي ضد داعش] خطته. وقال [ORG التحالف] إن العمليات مستمرة.")
    assert len(doc.entities) == 1
    assert refs(doc, "التحالف الدولي ضد داعش") == ["التحالف"]


def test_no_compatible_antecedent_stays_unresolved():
    doc = resolved(
        "زار الوفد [LOC فرنسا] و[LOC تونس]. وقالت المملكة إنها ترحب بالزيارة. وأشار الوزير إلى ذلك."
    )
    assert all(e.references == [] for e in doc.entities)
    assert all(m.kind == "name" for m in doc.mentions)


def test_reference_before_its_antecedent_stays_unresolved():
    doc = resolved("قال الوزير إن الاتفاق قريب. وكان وزير الخارجية، [PER كريم الفاسي]، قد زار المنطقة.")
    assert refs(doc, "كريم الفاسي") == []


def test_title_before_a_name_is_not_a_reference():
    doc = resolved(
        "قال وزير الخارجية، [PER كريم الفاسي]، إن الوفد وصل. واستقبل الوزير [PER سمير الناصري] في مكتبه."
    )
    assert refs(doc, "كريم الفاسي") == []


def test_reference_can_point_back_through_an_earlier_reference():
    doc = resolved(
        "قال وزير الداخلية، [PER سمير الناصري]، إن الوضع هادئ. وأكد الوزير أن الأمن مستتب. "
        "ثم غادر الوزير القاعة."
    )
    assert refs(doc, "سمير الناصري") == ["الوزير", "الوزير"]
