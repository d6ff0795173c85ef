"""The "ner" stage on sentences written for these tests."""

from __future__ import annotations

import subprocess
import sys

import pytest

from rasd.model import Document
from rasd.pipeline import build_pipeline


@pytest.fixture(scope="module")
def pipe():
    return build_pipeline(["text", "ner"], config={"pipeline": {"stages": []}})


def run(pipe, text: str) -> Document:
    return pipe(Document.from_parts(text))


def found(doc: Document) -> list[tuple[str, str]]:
    return [(doc.text[m.start : m.end], m.label) for m in doc.mentions]


def test_importing_rasd_ner_loads_no_model():
    code = (
        "import sys, rasd.ner, rasd.ner.stage, rasd.ner.tagger as t, rasd.ner.clusters as c;"
        "print(t.load_tagger.cache_info().currsize, c.load_clusters.cache_info().currsize,"
        " 'pycrfsuite' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "0", "False"]


def test_proclitics_stay_outside_the_span(pipe):
    doc = run(pipe, "وصل الوفد الحكومي ببغداد صباح الأحد بعد زيارة قصيرة إلى العراق.")
    assert ("بغداد", "LOC") in found(doc)
    m = next(m for m in doc.mentions if doc.text[m.start : m.end] == "بغداد")
    assert doc.text[m.start - 1] == "ب"


def test_spans_are_text_slices_and_do_not_overlap(pipe):
    doc = run(pipe, "واستقبل الملك في الرباط وزير الخارجية الفرنسي، ثم توجه إلى مدريد وبرلين ولندن.")
    last_end = -1
    for m in sorted(doc.mentions, key=lambda m: m.start):
        assert m.start >= last_end
        assert 0 <= m.start < m.end <= len(doc.text)
        assert doc.text[m.start : m.end].strip() == doc.text[m.start : m.end]
        last_end = m.end
    assert {"الرباط", "مدريد", "برلين", "لندن"} <= {t for t, label in found(doc) if label == "LOC"}


def test_apposition_after_a_title_is_a_person(pipe):
    doc = run(pipe, "وقال وزير الزراعة والصيد البحري التونسي، فاروق بن صالح، إن الموسم سيكون جيدا.")
    assert ("فاروق بن صالح", "PERSON") in found(doc)
    doc = run(pipe, "وحضر اللقاء سفير تشاد في الجزائر، عمر محمدي.")
    assert ("عمر محمدي", "PERSON") in found(doc)


def test_no_person_from_a_comma_phrase_that_is_not_a_name(pipe):
    doc = run(pipe, "وقال الوزير، في تصريح للصحفيين، إن الاجتماع كان مثمرا.")
    assert not [m for m in doc.mentions if m.label == "PERSON"]


def test_organisation_phrase_and_consistency(pipe):
    doc = run(
        pipe, "أعلنت وزارة الصحة المغربية عن حملة جديدة. وقالت الصحة المغربية إن الحملة تشمل المدن الكبرى."
    )
    assert ("وزارة الصحة المغربية", "ORG") in found(doc)
    assert ("الصحة المغربية", "ORG") in found(doc)


def test_a_name_tagged_once_is_tagged_everywhere(pipe):
    doc = run(
        pipe, "وقالت منظمة الصحة العالمية إن الوباء تراجع. وأضاف بيان لمنظمة الصحة العالمية أن الوضع تحسن."
    )
    orgs = [t for t, label in found(doc) if label == "ORG"]
    assert len(orgs) == 2 and all(t.endswith("الصحة العالمية") for t in orgs)


def test_a_body_named_after_a_known_organisation_is_its_own(pipe):
    doc = run(pipe, "وقال مكتب الأمم المتحدة لشؤون الإغاثة إن القوافل وصلت إلى المدينة.")
    assert ("مكتب الأمم المتحدة لشؤون الإغاثة", "ORG") in found(doc)
    assert ("الأمم المتحدة", "ORG") not in found(doc)


def test_a_kind_noun_before_a_known_organisation_leaves_its_name(pipe):
    doc = run(pipe, "وأدانت الحكومة هجوما تبنته حركة حماس المسلحة قرب الحدود.")
    orgs = [t for t, label in found(doc) if label == "ORG"]
    assert not any(t.startswith("حركة حماس ال") for t in orgs)


def test_a_state_body_with_a_nationality_adjective(pipe):
    doc = run(pipe, "وطالبت السلطة الفلسطينية بوقف الاستيطان في الضفة الغربية.")
    assert ("السلطة الفلسطينية", "ORG") in found(doc)
    doc = run(pipe, "وأكد نادي شباب الأردن أن البطولة ستقام في موعدها.")
    assert ("نادي شباب الأردن", "ORG") in found(doc)


def test_a_family_name_with_the_article_ends_a_title_holders_name(pipe):
    doc = run(pipe, "وقال المتحدث باسم الدفاع المدني كريم الحداد إن فرق الإنقاذ انتشلت ثلاثة ناجين.")
    assert ("كريم الحداد", "PERSON") in found(doc)
    doc = run(pipe, "وقال المدير التنفيذي لمنظمة الصحة العالمية سامر الخطيب في مقابلة مع التلفزيون إن الوباء تراجع.")
    assert ("سامر الخطيب", "PERSON") in found(doc)
    doc = run(pipe, "وقال وزير الزراعة سامي الأحد إن الموسم جيد.")  # a weekday is no family name
    assert ("سامي الأحد", "PERSON") not in found(doc)


def test_a_title_with_a_quoted_body_before_the_name_between_commas(pipe):
    doc = run(pipe, 'وقال المتحدث باسم ائتلاف "شباب من أجل الوطن"، تركي العنزي، إن المسيرة سلمية.')
    assert ("تركي العنزي", "PERSON") in found(doc)


def test_a_rare_name_after_a_noun_of_place_is_a_place(pipe):
    doc = run(pipe, "وتقدمت القوات في مديرية الشعافيش بعد معارك عنيفة قرب جبل \"سمارة\".")
    assert ("الشعافيش", "LOC") in found(doc)
    assert ("سمارة", "LOC") in found(doc)
    assert not [t for t, label in found(doc) if label == "ORG" and "الشعافيش" in t]
    # a common noun after the noun of place is no name: «مديرية الأمن» is a body, not a place
    doc = run(pipe, "وأعلنت مديرية الأمن العام إغلاق منطقة سكنية في المدينة.")
    assert not [t for t, label in found(doc) if label == "LOC" and t in ("الأمن", "سكنية", "الأمن العام")]


def test_a_body_named_by_its_leader_is_an_organisation(pipe):
    doc = run(pipe, "وصل الرئيس الأمريكي هارولد غرانت إلى باريس. وقالت إدارة غرانت إن الزيارة ناجحة.")
    assert ("إدارة غرانت", "ORG") in found(doc)
    assert ("هارولد غرانت", "PERSON") in found(doc)


def test_a_second_title_after_a_name_is_no_name(pipe):
    doc = run(pipe, "واتصل الوزير هاتفيا مع الأمير فيصل بن خالد، ولي العهد الأردني.")
    assert not [t for t, label in found(doc) if label == "PERSON" and t.startswith("ولي العهد")]


def test_an_agreement_named_after_a_place_is_one_name(pipe):
    doc = run(pipe, "وطالب الوزير بتطبيق اتفاقات الدوحة بين الطرفين قبل نهاية العام.")
    assert ("اتفاقات الدوحة", "MISC") in found(doc)
    assert ("الدوحة", "LOC") not in found(doc)


def test_a_common_word_between_a_first_name_and_a_title_is_the_family_name(pipe):
    doc = run(pipe, "ويقول وليد أمل الناشط البارز في مجال حقوق الإنسان إن الشرطة اعتدت عليه.")
    assert ("وليد أمل", "PERSON") in found(doc)


def test_a_title_in_apposition_after_a_name_is_no_part_of_it(pipe):
    doc = run(pipe, "ويقول وليد نور الناشط البارز في مجال حقوق الإنسان إن الشرطة اعتدت عليه.")
    assert ("وليد نور", "PERSON") in found(doc)


def test_a_kinship_noun_with_a_pronoun_after_a_name_is_no_part_of_it(pipe):
    doc = run(pipe, "وحضر الحفل الفنان فضل شاكر والده الذي غنى معه.")
    assert ("فضل شاكر", "PERSON") in found(doc)


def test_a_counterpart_with_a_pronoun_is_no_person(pipe):
    doc = run(pipe, "والتقى الوزير نظيره الأردني في العاصمة أمس.")
    assert not [t for t, label in found(doc) if label == "PERSON"]
    doc = run(pipe, "وبحث الرئيس مع نظيره الفرنسي إيمانويل ماكرون الأزمة.")
    assert ("إيمانويل ماكرون", "PERSON") in found(doc)


def test_a_country_listed_after_a_title_phrase_is_no_person(ner_pipe):
    """«زار الوزير مصر، الإمارات والكويت»: the words after the comma are a country, not the
    minister's name in apposition (the short form «الإمارات» is a country of the gazetteer)."""
    doc = ner_pipe(Document.from_parts("زار الوزير مصر، الإمارات والكويت في جولة خليجية."))
    assert [(doc.text[m.start:m.end], m.label) for m in doc.mentions if m.label == "PERSON"] == []


def test_an_adjective_of_standing_after_a_name_is_no_part_of_it(pipe):
    doc = run(pipe, "وطالب أنصار زعيم الحزب سالم بن راشد المسجون منذ عامين بالإفراج عنه.")
    assert ("سالم بن راشد", "PERSON") in found(doc)
    doc = run(pipe, "وقالت عائلة الصحفي وليد نور المعتقل إن صحته تدهورت.")
    assert ("وليد نور", "PERSON") in found(doc)


def test_a_common_definite_phrase_after_a_title_and_a_comma_is_no_person(pipe):
    """«وحضر X، وزير المالية، الحفل السنوي»: the verb's object follows the title, not a name; a
    family name with the article («الحزامي») still is one."""
    doc = run(pipe, "وحضر سالم بن راشد، وزير المالية الكويتي، الحفل السنوي.")
    assert ("الحفل السنوي", "PERSON") not in found(doc)
    doc = run(pipe, "وحضر سالم بن راشد، وزير المالية الكويتي، الاجتماع.")
    assert ("الاجتماع", "PERSON") not in found(doc)
    doc = run(pipe, "وقال المتحدث باسم النقابة، الحبيب الحزامي، إن الإضراب مستمر.")
    assert ("الحبيب الحزامي", "PERSON") in found(doc)


def test_a_large_citys_one_word_name_is_a_place_unless_it_reads_as_a_first_name(pipe):
    doc = run(pipe, "وصل الوفد إلى أتلانتا أمس للمشاركة في المؤتمر.")
    assert ("أتلانتا", "LOC") in found(doc)
    doc = run(pipe, "وقال سالم إن الاجتماع تأجل إلى الأسبوع المقبل.")
    assert ("سالم", "LOC") not in found(doc)


def test_the_adjective_of_another_place_is_no_part_of_a_places_name(pipe):
    doc = run(pipe, "استهدف الهجوم تجمعا في ضاحية فيلبنت الباريسية يوم السبت.")
    assert ("فيلبنت", "LOC") in found(doc)
    for name in ("شبه الجزيرة الكورية", "كوريا الشمالية"):  # there the adjective makes the name
        doc = run(pipe, f"وتصاعد التوتر في {name} خلال الأسبوع الماضي.")
        assert (name, "LOC") in found(doc), name


def test_a_noun_with_a_pronoun_after_a_name_and_a_family_after_al(pipe):
    doc = run(pipe, "ولقي مدير المركز سالم بن راشد مصرعه في انفجار سيارة.")
    assert ("سالم بن راشد", "PERSON") in found(doc)
    doc = run(pipe, "وقال رئيس المجلس عبدالله آل الشيخ إن المجلس سيناقش النظام.")
    assert ("عبدالله آل الشيخ", "PERSON") in found(doc)


def test_a_person_speaking_to_an_outlet_keeps_the_name(pipe):
    doc = run(pipe, "وقال الناشط سالم بن راشد لبي بي سي إن الوضع صعب.")
    assert ("سالم بن راشد", "PERSON") in found(doc) and ("لبي بي سي", "ORG") in found(doc)  # the proclitic stays on its word


def test_two_people_joined_by_and_on_a_foreign_name_are_two(pipe):
    doc = run(pipe, "والتقى الوزير نيكولا ساركوزي وكولين كال في باريس.")
    assert ("نيكولا ساركوزي", "PERSON") in found(doc) and ("وكولين كال", "PERSON") in found(doc)


def test_to_someone_and_a_particle_are_no_part_of_a_name(pipe):
    doc = run(pipe, "وقال رئيس الوزراء شينزو آبي للبرلمان إن الخطة جاهزة.")
    assert ("شينزو آبي", "PERSON") in found(doc)
    doc = run(pipe, "وأكد أليكسيس سانشيز فإن راشفورد سيلعب.")
    assert ("أليكسيس سانشيز", "PERSON") in found(doc)
    doc = run(pipe, "وقال أحمد لبيب إن الوضع صعب.")  # a name of two words keeps its «ل»-word
    assert ("أحمد لبيب", "PERSON") in found(doc)


def test_an_organisations_name_ends_on_its_adjective(pipe):
    doc = run(pipe, "وقالت وكالة الأنباء الكورية الشمالية الخطوات التي اتخذت مهمة.")
    assert ("وكالة الأنباء الكورية الشمالية", "ORG") in found(doc)
    doc = run(pipe, "وأعلن الاتحاد الوطني الحر فوزه في الانتخابات.")
    assert ("الاتحاد الوطني الحر", "ORG") in found(doc)


def test_what_a_country_declared_is_no_named_declaration(pipe):
    doc = run(pipe, "ورحب الوزير بإعلان المغرب استعداده للحوار.")
    assert ("المغرب", "LOC") in found(doc)
    doc = run(pipe, "وشارك في إعلان الرياض قادة الدول.")
    assert ("إعلان الرياض", "MISC") in found(doc)


def test_a_noun_with_a_pronoun_before_a_name_is_no_part_of_it(pipe):
    doc = run(pipe, "وأقال الرئيس وزير خارجيته سالم بن راشد أمس.")
    assert ("سالم بن راشد", "PERSON") in found(doc)


def test_pyongyang_written_in_two_words_is_the_capital(pipe):
    doc = run(pipe, "وزار الوزير بيونغ يانغ سرا الشهر الماضي.")
    assert ("بيونغ يانغ", "LOC") in found(doc)


def test_a_word_with_a_proclitic_ends_no_place_name(pipe):
    doc = run(pipe, "وقع هجوم بغاز سام في دوما بريف دمشق في السابع من أبريل.")
    assert ("دوما", "LOC") in found(doc) and ("دمشق", "LOC") in found(doc)


def test_a_place_of_two_words_the_tagger_read_as_a_person_is_a_place(pipe):
    doc = run(pipe, "سيدي بوزيد: نحو إحداث مؤسستين لتشغيل الشباب في الجهة")
    assert ("سيدي بوزيد", "LOC") in found(doc)


def test_a_place_in_ba_after_a_name_is_no_part_of_it(pipe):
    doc = run(pipe, "وقال الطبيب سالم بن راشد بصفاقس إن البحث مهم.")
    assert ("سالم بن راشد", "PERSON") in found(doc)


def test_a_noun_with_a_pronoun_after_a_title_is_no_name(pipe):
    doc = run(pipe, "وقال متحدث باسم وزارة الدفاع قوله إن الهجوم فشل.")
    assert not [t for t, label in found(doc) if label == "PERSON"]
