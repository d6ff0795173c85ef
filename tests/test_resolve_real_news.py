"""Merging what real news writes in several ways: a place with and without its head noun, a lineage
cut short, a surname with and without the article, a surname the gazetteer knows as a place, a short
name in brackets after an organisation, and state bodies named by a nationality adjective.

Sentences written for these tests.
"""

from __future__ import annotations

import rasd


def entities_with(doc, *forms: str) -> set[str]:
    """Ids of the entities that have a mention written as one of `forms`."""
    out = set()
    for e in doc.entities:
        for m in e.mentions:
            if doc.text[m.start : m.end] in forms or doc.text[m.start : m.end].lstrip("وبل") in forms:
                out.add(e.id)
    return out


def test_a_strip_and_its_city_name_are_one_place():
    doc = rasd.analyze(
        "قصفت الطائرات مواقع في قطاع غزة صباح اليوم. وقال سكان في غزة إن الكهرباء انقطعت.",
        title="قصف",
    )
    ids = entities_with(doc, "قطاع غزة", "غزة")
    assert len(ids) == 1, ids


def test_a_lineage_cut_short_is_the_same_person():
    doc = rasd.analyze(
        "استقبل الأمير خالد بن فهد بن عبدالرحمن الوفد في المدينة. وقال خالد بن فهد إن الزيارة ناجحة.",
        title="استقبال",
    )
    ids = entities_with(doc, "خالد بن فهد بن عبدالرحمن", "خالد بن فهد")
    assert len(ids) == 1, [(e.name, e.type) for e in doc.entities]


def test_a_surname_with_and_without_the_article_is_one_person():
    doc = rasd.analyze(
        "قال الشاب سمير الغرباوي إنه سيعود. وأكدت الشرطة أن سمير غرباوي غادر المدينة أمس.",
        title="عودة",
    )
    persons = [e for e in doc.entities if e.type == "PERSON"]
    ids = {e.id for e in persons if any("غرباوي" in doc.text[m.start : m.end] for m in e.mentions)}
    assert len(ids) == 1, [(e.name, e.type) for e in doc.entities]


def test_a_surname_that_is_also_a_city_is_the_person_of_the_article():
    doc = rasd.analyze(
        "أدار الحكم البرازيلي ماركوس مندوزا ، الذي قاد اللقاء ، المباراة. وقال المدرب : مندوزا لم "
        "يكن موفقا في قراراته.",
        title="حكم المباراة",
    )
    mendoza = [e for e in doc.entities if any(doc.text[m.start : m.end] == "مندوزا" for m in e.mentions)]
    assert len(mendoza) == 1 and mendoza[0].type == "PERSON", [(e.name, e.type) for e in doc.entities]
    assert any(doc.text[m.start : m.end] == "ماركوس مندوزا" for m in mendoza[0].mentions)


def test_a_short_name_in_brackets_after_an_organisation_is_that_organisation():
    doc = rasd.analyze(
        "ذكرت وكالة الأنباء الأردنية (بترا) أن الملك استقبل الوفد. وأضافت بترا أن اللقاء تناول "
        "العلاقات الثنائية.",
        title="استقبال",
    )
    ids = entities_with(doc, "وكالة الأنباء الأردنية", "بترا")
    assert len(ids) == 1, [(e.name, e.type) for e in doc.entities]
    (agency,) = [e for e in doc.entities if e.id in ids]
    assert agency.type == "ORG"


def test_the_presidency_and_the_prosecution_with_a_nationality_are_organisations():
    doc = rasd.analyze(
        "قالت الرئاسة المصرية في بيان إن المحادثات مستمرة. وقال الادعاء الألماني إن المتهم اعتقل.",
        title="بيانات",
    )
    orgs = {e.name for e in doc.entities if e.type == "ORG"}
    assert {"الرئاسة المصرية", "الادعاء الألماني"} <= orgs, orgs


def test_an_institution_takes_the_country_it_serves_but_not_its_city():
    doc = rasd.analyze(
        "أعلنت وزارة التعليم في قطاع غزة إغلاق المدارس. وسلمت عائلة الطالب عريضة للسفارة المصرية لدى "
        "فرنسا. وتظاهر العشرات أمام السفارة الأمريكية في القدس.",
        title="أخبار",
    )
    orgs = {e.name for e in doc.entities if e.type == "ORG"}
    assert {"وزارة التعليم في قطاع غزة", "السفارة المصرية لدى فرنسا"} <= orgs, orgs
    assert "السفارة الأمريكية في القدس" not in orgs
    assert any(e.name == "القدس" and e.type == "LOC" for e in doc.entities)


def test_a_party_named_by_a_noun_and_a_country_is_one_organisation():
    doc = rasd.analyze(
        "قال قيادي في حزب نهضة مصر إن الحزب سيشارك في الانتخابات المقبلة في القاهرة.",
        title="انتخابات",
    )
    orgs = {e.name for e in doc.entities if e.type == "ORG"}
    assert "حزب نهضة مصر" in orgs, [(e.name, e.type) for e in doc.entities]


def test_a_surname_with_a_proclitic_left_on_it_joins_the_person_without_it():
    doc = rasd.analyze(
        "قال المحامي دونالد ماكفيرسون إن القضية معقدة. ووجهت اللجنة أسئلة لماكفيرسون حول الملف.",
        title="قضية",
    )
    persons = [e for e in doc.entities if e.type == "PERSON"]
    assert len(persons) == 1, [(e.name, e.type) for e in doc.entities]
    assert all(not doc.text[m.start : m.end].startswith("ل") for m in persons[0].mentions)
