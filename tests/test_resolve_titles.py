"""Titles and affiliations by apposition. Sentences written for these tests."""

from __future__ import annotations

from rasd.model import Mention
from rasd.resolve import resolve_document
from test_resolve_support import entity, marked, resolved


def test_title_before_the_comma_with_nisba_affiliation():
    doc = resolved("وشارك في اللقاء وزير الخارجية البرتغالي، [PER جواو كرافينيو]، عبر الفيديو.")
    e = entity(doc, "جواو كرافينيو")
    assert e.title == "وزير الخارجية البرتغالي"
    assert e.affiliation == "country:PT"
    assert doc.text[e.title_span[0] : e.title_span[1]] == e.title


def test_title_naming_a_country_and_a_city():
    doc = resolved("وحضر سفير [LOC السنغال] في [LOC مدريد]، [PER مامادو سال]، حفل الافتتاح.")
    e = entity(doc, "مامادو سال")
    assert e.title == "سفير السنغال في مدريد"
    assert e.affiliation == "country:SN"


def test_long_title_after_a_verb():
    doc = resolved(
        "وفي افتتاح الدورة، أكد وزير الشؤون الخارجية والتعاون الإفريقي والتونسيين بالخارج، "
        "[PER منير الحداد]، أن بلاده مستعدة."
    )
    e = entity(doc, "منير الحداد")
    assert e.title == "وزير الشؤون الخارجية والتعاون الإفريقي والتونسيين بالخارج"
    assert e.affiliation == "country:TN"


def test_title_word_with_a_conjunction():
    doc = resolved(
        "وتحدث وزير الدفاع الفرنسي، [PER بيير مارتان]، ووزير الدفاع الألماني، [PER هانز كرامر]، عن الخطة."
    )
    e = entity(doc, "هانز كرامر")
    assert e.title == "وزير الدفاع الألماني"
    assert e.affiliation == "country:DE"
    assert entity(doc, "بيير مارتان").affiliation == "country:FR"


def test_envoy_title_with_an_organisation_inside():
    doc = resolved("وقال المبعوث الأمريكي الخاص [ORG للتحالف الدولي]، [PER جيمس براون]، إن العمل مستمر.")
    e = entity(doc, "جيمس براون")
    assert e.title == "المبعوث الأمريكي الخاص للتحالف الدولي"
    assert e.affiliation == "country:US"


def test_title_without_a_comma():
    doc = resolved("استقبل وزير الخارجية المصري [PER سامح عبد الحميد] نظيره أمس.")
    e = entity(doc, "سامح عبد الحميد")
    assert e.title == "وزير الخارجية المصري"
    assert e.affiliation == "country:EG"


def test_title_after_the_name():
    doc = resolved("وقال [PER عمر السعيدي]، رئيس الحكومة الجزائرية، إن الإصلاحات ستستمر.")
    e = entity(doc, "عمر السعيدي")
    assert e.title == "رئيس الحكومة الجزائرية"
    assert e.affiliation == "country:DZ"


def test_chained_title_words():
    doc = resolved("وأوضح المتحدث باسم رئيس الوزراء العراقي، [PER علي الكاظمي]، أن الزيارة مقررة.")
    e = entity(doc, "علي الكاظمي")
    assert e.title == "المتحدث باسم رئيس الوزراء العراقي"
    assert e.affiliation == "country:IQ"


def test_a_title_word_with_a_preposition_starts_a_new_title():
    doc = resolved("والتقى رئيس الحكومة بوزير الخارجية الإيطالي، [PER ماريو روسي]، في روما.")
    assert entity(doc, "ماريو روسي").title == "وزير الخارجية الإيطالي"


def test_a_title_stops_at_another_person():
    doc = resolved("وأعلن [PER كريم الفاسي]، [PER سمير الناصري]، عن المبادرة.")
    assert entity(doc, "سمير الناصري").title is None


def test_honorific_between_comma_and_name():
    doc = resolved("وقال الأمين العام [ORG للأمم المتحدة]، السيد [PER كارلوس مينديز]، إن الوضع خطير.")
    e = entity(doc, "كارلوس مينديز")
    assert e.title == "الأمين العام للأمم المتحدة"
    assert e.affiliation == "org:un"


def test_plural_nisba_gives_the_country():
    doc = resolved("وقال وزير الجالية والمغاربة المقيمين بالخارج، [PER يوسف البقالي]، إن البرنامج جاهز.")
    assert entity(doc, "يوسف البقالي").affiliation == "country:MA"


def test_person_without_a_title():
    doc = resolved("وقال [PER يوسف البقالي] إن البرنامج جاهز.")
    e = entity(doc, "يوسف البقالي")
    assert e.title is None and e.affiliation is None


def test_a_title_between_commas_after_a_name_is_not_the_next_persons():
    doc = resolved("وكتب [PER خالد الراشد]، رئيس وزراء البلاد، ثم علق [PER سامي فريد] على ذلك.")
    assert entity(doc, "خالد الراشد").title == "رئيس وزراء البلاد"
    assert entity(doc, "سامي فريد").title is None


def test_without_a_comma_the_name_belongs_to_the_last_title_word():
    doc = resolved("وقال مستشار الرئيس اليمني [PER منصور العولقي] إن الحوار مستمر.")
    assert entity(doc, "منصور العولقي").title == "الرئيس اليمني"
    doc = resolved("واستقبل نائب رئيس الوزراء الأردني [PER سمير عبيدات] الوفد.")
    assert entity(doc, "سمير عبيدات").title == "نائب رئيس الوزراء الأردني"


def test_without_a_comma_a_phrase_that_does_not_end_like_a_title_is_not_one():
    doc = resolved("وصل إلى مطار الملك خالد الدولي [PER يوسف البقالي] صباح أمس.")
    assert entity(doc, "يوسف البقالي").title is None


def test_title_after_a_proclitic_article_is_written_with_the_article():
    doc = resolved("ونقلت الصحيفة عن للكاتب المصري [PER صلاح حامد] قوله إن الرواية جاهزة.")
    e = entity(doc, "صلاح حامد")
    assert e.title == "الكاتب المصري"
    assert doc.text[e.title_span[0] : e.title_span[1]] == "لكاتب المصري"  # the span starts after ل


def test_a_name_inside_another_name_gets_no_title():
    doc = marked("وافتتح [ORG مركز الملك فهد الثقافي] أمس.")
    start = doc.text.index("فهد")
    doc.mentions.append(Mention(start, start + 3, "PERSON", source="test"))
    doc = resolve_document(doc)
    assert entity(doc, "فهد").title is None
