"""Who said it, as a reader reads it: agreement, new subjects, bodies, head nouns, headlines, and
the speakers' names the entity layer missed. Every text here is written for the test."""

from __future__ import annotations

from rasd.model import Entity, Mention
from rasd.quotes.lexicon import quote_lexicon
from rasd.quotes.stage import QuoteStage
from rasd.text.normalize import norm_key
from test_quotes_handmade import build

STAGE = QuoteStage()
SAMI = ("sami", "PERSON", ["سامي الحداد"])
HUDA = ("huda", "PERSON", ["هدى القاسم"], (), "وزيرة الصحة")
HEALTH = ("health", "ORG", ["وزارة الصحة"])


def quotes(text, entities=(), dates=(), title=None):
    doc = build(text, list(entities), list(dates), title=title)
    return doc, STAGE(doc).quotes


def speaker_of(qs, doc, words):
    (q,) = [q for q in qs if words in doc.text[q.start : q.end]]
    return q.speaker


def test_cue_forms_know_what_they_agree_with():
    agr = quote_lexicon().agreement
    expected = {"قال": "m", "قالت": "f", "قالوا": "p", "يؤكد": "m", "تؤكد": "f", "مشيرة": "f", "مشيرين": "p"}
    for form, a in expected.items():
        assert agr[norm_key(form)] == a, form


def test_a_feminine_verb_never_carries_a_man_over():
    text = "وقال سامي الحداد إن المفاوضات مستمرة. وأكدت أن الاتفاق قريب."
    doc, qs = quotes(text, [SAMI])
    assert speaker_of(qs, doc, "المفاوضات") == "sami"
    assert speaker_of(qs, doc, "الاتفاق") is None


def test_a_feminine_verb_takes_the_latest_speaker_that_fits():
    text = (
        "وقالت وزيرة الصحة هدى القاسم إن اللقاحات وصلت. وقال سامي الحداد إن التوزيع يبدأ غدا. "
        "وأضافت أن المستشفيات جاهزة."
    )
    doc, qs = quotes(text, [HUDA, SAMI])
    assert speaker_of(qs, doc, "المستشفيات") == "huda"


def test_a_plural_verb_is_never_one_person():
    text = "وقال سامي الحداد إن المفاوضات مستمرة. وأكدوا أن الاتفاق قريب."
    doc, qs = quotes(text, [SAMI])
    assert speaker_of(qs, doc, "الاتفاق") is None


def test_a_continuation_is_not_carried_over_a_subject_of_its_own():
    text = "وقال سامي الحداد إن الأسعار سترتفع. وقالت جهة رقابية مستقلة إن الواردات تراجعت."
    doc, qs = quotes(text, [SAMI])
    (q,) = [q for q in qs if "الواردات" in doc.text[q.start : q.end]]
    assert q.speaker is None
    assert doc.text[q.speaker_start : q.speaker_end].startswith("جهة رقابية")


def test_a_date_is_never_the_speaker():
    # a weekday mistaken for a person by the entity layer
    text = "أعلن رئيس الحزب، الأحد، أن الانتخابات ستجرى في موعدها."
    doc, (q,) = quotes(text, [("sunday", "PERSON", ["الأحد"])], [("الأحد", "2024-05-05", "day")])
    assert q.speaker != "sunday"


def test_a_spokesman_speaks_for_his_body():
    text = "وقال متحدث باسم وزارة الصحة إن الحالات تراجعت."
    doc, (q,) = quotes(text, [HEALTH])
    assert q.speaker == "health"
    text = "أعلنت اللجنة الوطنية للإغاثة توزيع المساعدات. وقالت متحدثة باسم اللجنة إن القوافل وصلت."
    doc, qs = quotes(text, [("relief", "ORG", ["اللجنة الوطنية للإغاثة"])])
    assert speaker_of(qs, doc, "القوافل") == "relief"


def test_a_source_inside_a_body_is_that_body():
    doc, (q,) = quotes("وقال مصدر في وزارة الصحة إن الحالات تراجعت.", [HEALTH])
    assert q.speaker == "health"


def test_a_definite_head_noun_refers_to_the_name_it_introduced():
    text = 'ذكرت صحيفة "الأفق" أن الحكومة ستستقيل. وقالت الصحيفة إن الأزمة تتفاقم.'
    doc, qs = quotes(text, [("ufuq", "ORG", ["الأفق"])])
    assert speaker_of(qs, doc, "الحكومة ستستقيل") == "ufuq"
    assert speaker_of(qs, doc, "الأزمة") == "ufuq"


def test_an_other_body_is_not_the_name_after_its_head():
    text = "وقال مكتب الأمم المتحدة للتنمية إن التمويل تأخر."
    doc, (q,) = quotes(text, [("un", "ORG", ["الأمم المتحدة"])])
    assert q.speaker != "un"


def test_words_taken_from_someone_are_theirs():
    text = "ونقلت الوكالة عن سامي الحداد قوله إن المعبر سيفتح."
    doc, (q,) = quotes(text, [SAMI])
    assert q.speaker == "sami"


def test_the_antecedent_of_a_relative_clause_speaks():
    text = "وانتقد المعارضون سامي الحداد الذي صرح الجمعة أن الإصلاحات ضرورية."
    doc, qs = quotes(text, [SAMI], [("الجمعة", "2024-05-10", "day")])
    assert speaker_of(qs, doc, "الإصلاحات") == "sami"


def test_a_headline_name_colon():
    title = "سامي الحداد: لن نقبل بالتأجيل"
    doc, qs = quotes("وتحدث الوزير عن الموازنة.", [SAMI], title=title)
    assert speaker_of(qs, doc, "لن نقبل") == "sami"
    # a topic before the colon is no speaker
    doc, qs = quotes("وتحدث الوزير عن الموازنة.", [], title="أزمة المياه: الأسباب والحلول")
    assert qs == []


def test_a_name_the_entity_layer_missed_in_the_speakers_place():
    text = "وقال فيلاندروس إن القرار صائب. وأضاف فيلاندروس أن اللاعبين سيرحبون به."
    doc, qs = quotes(text)
    (ent,) = [e for e in doc.entities if e.type == "PERSON"]
    assert ent.name == "فيلاندروس" and len(ent.mentions) == 2
    assert all(q.speaker == ent.id for q in qs)
    for m in ent.mentions:
        assert doc.text[m.start : m.end] == "فيلاندروس"


def test_a_surname_alone_joins_its_person():
    text = "وقال سامي الحداد إن الأسعار سترتفع. وأشار الحداد إلى أن الدعم سيستمر."
    doc, qs = quotes(text, [SAMI])
    assert speaker_of(qs, doc, "الدعم") == "sami"
    assert len([e for e in doc.entities if e.type == "PERSON"]) == 1


def test_common_nouns_in_the_speakers_place_are_no_names():
    for text in (
        "وقال معلق إن القرار صائب.",
        "وأكد حرص الحكومة على الحوار.",
        "ووصف تقريرها بأنه مضلل.",
        "وقالت جهة رقابية إن الواردات تراجعت.",
        "وأضاف أيضا أن العمل مستمر.",
    ):
        doc, _ = quotes(text)
        assert doc.entities == [], text


def test_a_name_after_a_title_is_its_holder():
    text = "وقال المفتش العام في الشرطة، كارلوس بيندا، إن التحقيق مستمر."
    doc, (q,) = quotes(text, [("police", "ORG", ["الشرطة"])])
    (ent,) = [e for e in doc.entities if e.type == "PERSON"]
    assert ent.name == "كارلوس بيندا" and q.speaker == ent.id


def test_a_quoted_name_after_an_organisation_head_is_an_organisation():
    text = 'قالت منظمة "عين الرقيب" إن التقرير سينشر. وأضافت عين الرقيب أن النواب تغيبوا.'
    doc, qs = quotes(text)
    (ent,) = [e for e in doc.entities if e.type == "ORG"]
    assert ent.name == "عين الرقيب" and len(ent.mentions) == 2
    assert speaker_of(qs, doc, "التقرير") == ent.id


def test_a_title_without_a_name_refers_to_the_person_it_introduced():
    text = (
        "وصل الرئيس التونسي سامي الحداد إلى الجزائر. وقال رئيس البرلمان إن الزيارة مهمة. "
        "وأضاف الرئيس التونسي أن التعاون سيتعزز."
    )
    doc, qs = quotes(text, [SAMI])
    assert speaker_of(qs, doc, "التعاون") == "sami"


def test_an_object_ends_at_the_next_reporting_verb():
    text = "انتقد الوزير سامي الحداد النائب الذي صرح الجمعة أن الموازنة غير عادلة."
    doc, qs = quotes(text, [SAMI], [("الجمعة", "2024-05-10", "day")])
    assert speaker_of(qs, doc, "الموازنة") != "sami"


def test_a_participle_after_a_quotation_continues_its_speaker():
    text = 'وقال سامي الحداد "الوضع مستقر" مشيرا إلى أن الحدود مفتوحة.'
    doc, qs = quotes(text, [SAMI])
    assert speaker_of(qs, doc, "الحدود") == "sami"


def test_a_participle_with_an_object_after_a_comma():
    text = "وأكدت وزارة الصحة وقوع إصابات جديدة، مبررة ذلك بارتفاع درجات الحرارة في المنطقة."
    doc, qs = quotes(text, [HEALTH])
    assert speaker_of(qs, doc, "بارتفاع") == "health"


def test_a_source_phrase_inside_or_at_the_end_of_a_sentence():
    text = "قتل ثلاثة أشخاص في انفجار بالسوق حسبما أفادت وزارة الصحة الاثنين."
    doc, qs = quotes(text, [HEALTH], [("الاثنين", "2024-05-06", "day")])
    assert speaker_of(qs, doc, "انفجار") == "health"
    text = "وبحسب وزارة الصحة فإن الحالات تراجعت."
    doc, qs = quotes(text, [HEALTH])
    assert speaker_of(qs, doc, "الحالات") == "health"


def test_a_statement_that_something_is_written_in():
    text = "وجاء في بيان وزارة الصحة أن اللقاحات وصلت."
    doc, qs = quotes(text, [HEALTH])
    assert speaker_of(qs, doc, "اللقاحات") == "health"


def test_a_quoted_name_after_the_verb_is_not_its_content():
    text = 'وكشفت "شركة النور للطيران" في يونيو أنها ستبيع أسطولها.'
    doc, qs = quotes(text, [("nur", "ORG", ["شركة النور للطيران"])])
    assert speaker_of(qs, doc, "ستبيع") == "nur"


def test_a_statement_by_the_body_named_earlier():
    text = "أعلن الجيش الوطني السيطرة على التلال. وقال بيان للجيش إن القوات تقدمت."
    doc, qs = quotes(text, [("army", "ORG", ["الجيش الوطني"])])
    assert speaker_of(qs, doc, "القوات") == "army"


def test_reported_from_an_unnamed_source():
    doc, (q,) = quotes("ونقل عن مصدر عسكري أن المعارك مستمرة.")
    assert q.speaker is None and doc.text[q.speaker_start : q.speaker_end].startswith("مصدر عسكري")


def test_the_issuer_of_a_statement_speaks_in_it():
    text = "وأصدرت وزارة الصحة بيانا أكدت فيه أن اللقاحات آمنة."
    doc, qs = quotes(text, [HEALTH])
    assert speaker_of(qs, doc, "اللقاحات") == "health"


def test_what_is_described_is_not_who_describes_it():
    text = "وقال سامي الحداد إن التقرير مضلل. ووصف التقرير الأخير بأنه حملة سياسية."
    doc, qs = quotes(text, [SAMI, ("report", "MISC", ["التقرير الأخير"])])
    assert speaker_of(qs, doc, "حملة سياسية") == "sami"


def test_an_unnamed_source_at_the_end_of_a_sentence():
    doc, (q,) = quotes("تظاهر ألف شخص أمام البرلمان للمطالبة بالإصلاح، بحسب الشرطة.")
    assert q.speaker is None and doc.text[q.speaker_start : q.speaker_end] == "الشرطة"
    assert doc.text[q.start : q.end].startswith("تظاهر ألف شخص")


def test_a_quoted_word_the_clause_goes_on_after_is_not_the_whole_content():
    doc, qs = quotes('وقال سامي الحداد إن "الواحة" ستكون أكبر حديقة عامة.', [SAMI])
    (q,) = [q for q in qs if q.speaker == "sami"]
    assert doc.text[q.start : q.end].endswith("أكبر حديقة عامة")


def test_a_definite_title_followed_by_a_name_with_a_family_name():
    text = "أكدت النائبة ريم الشابوني، أن القرار ظالم. وقالت الشابوني إن الحزب منقسم."
    doc, qs = quotes(text)
    (ent,) = [e for e in doc.entities if e.type == "PERSON"]
    assert ent.name == "ريم الشابوني"
    assert {q.speaker for q in qs} == {ent.id}


def test_the_subject_of_an_earlier_clause_speaks():
    text = "وقال مسؤول إن الوفد وصل. واستقبل سامي الحداد الوفد في مكتبه، وشدد خلال اللقاء على أن التعاون ضروري."
    doc, qs = quotes(text, [SAMI])
    assert speaker_of(qs, doc, "التعاون") == "sami"


def test_an_unnamed_antecedent_of_a_relative_clause_is_not_someone_else():
    text = "انتقد سامي الحداد النائب الذي صرح الجمعة أن الموازنة غير عادلة."
    doc, qs = quotes(text, [SAMI], [("الجمعة", "2024-05-10", "day")])
    (q,) = [q for q in qs if "الموازنة" in doc.text[q.start : q.end]]
    assert q.speaker is None and doc.text[q.speaker_start : q.speaker_end] == "النائب"


def test_a_known_name_written_again_without_its_mention():
    doc = build("رحب مجلس الشيوخ بالقرار. وقال مجلس الشيوخ إن التنفيذ يبدأ غدا.", [])
    first = doc.text.index("مجلس الشيوخ")
    ent = Entity("committee", "ORG", "مجلس الشيوخ")
    ent.mentions.append(Mention(first, first + len("مجلس الشيوخ"), "ORG", entity="committee"))
    doc.entities.append(ent)
    (q,) = STAGE(doc).quotes
    assert q.speaker == "committee"


def test_each_quote_says_how_its_speaker_was_found():
    from rasd.quotes.speaker import SPEAKER_RULES

    text = "وقال سامي الحداد إن المفاوضات مستمرة. وأضاف أن الاتفاق قريب. وقال مصدر أمني إن الحدود مغلقة."
    doc, qs = quotes(text, [SAMI], title="سامي الحداد: لا تأجيل")
    rules = {doc.text[q.start : q.end].split()[0]: q.speaker_rule for q in qs}
    assert rules == {"لا": "headline", "المفاوضات": "name", "الاتفاق": "previous", "الحدود": "unnamed"}
    assert all(q.speaker_rule in SPEAKER_RULES for q in qs)


def test_a_plural_verb_after_names_joined_by_wa_takes_the_first():
    text = "وكانت كل من مصر والأردن وتونس قد أعلنوا دعم المبادرة الجديدة للسلام."
    ents = [("eg", "LOC", ["مصر"]), ("jo", "LOC", ["والأردن"]), ("tn", "LOC", ["وتونس"])]
    doc, (q,) = quotes(text, ents)
    assert q.speaker == "eg"


def test_a_sentence_that_opens_with_a_continued_verb_and_its_object():
    text = "وقال سامي الحداد إن المفاوضات مستمرة. وأكد التزام الوزارة بتنفيذ توصيات اللجنة."
    doc, qs = quotes(text, [SAMI])
    assert speaker_of(qs, doc, "التزام الوزارة") == "sami"


def test_a_source_after_a_participle_that_is_no_cue():
    # «تابعا» is a participle here («تابعا لحركة»), not the verb «تابع»: it does not block the source
    text = "قتل شخصان في قصف موقع تابعا لحركة الأحرار في جنوب المدينة، بحسب ما أعلنت وزارة الصحة في القطاع."
    doc, qs = quotes(text, [HEALTH])
    assert speaker_of(qs, doc, "قتل شخصان") == "health"


def test_a_quoted_name_at_the_start_of_the_clause_is_not_the_whole_content():
    text = 'وقالت وكالة الأنباء إن "شركة النور للطيران" تخضع حاليا للتدقيق.'
    doc, qs = quotes(text, [("nur", "ORG", ["شركة النور للطيران"])])
    (q,) = qs
    assert doc.text[q.start : q.end].endswith("تخضع حاليا للتدقيق")


def test_a_name_between_commas_after_a_title_with_a_family_name():
    text = 'دعا رجل الدين البارز، مهدي الحكيم، الخميس، إلى عقد "اجتماع عاجل" للحكومة، قائلا: "الوقت يداهمنا".'
    doc, qs = quotes(text, [], [("الخميس", "2024-05-09", "day")])
    persons = [e for e in doc.entities if e.type == "PERSON"]
    assert [e.name for e in persons] == ["مهدي الحكيم"]
    assert speaker_of(qs, doc, "الوقت يداهمنا") == persons[0].id


def test_a_name_inside_the_content_is_not_the_holder_of_the_speakers_title():
    text = "قال رئيس اللجنة العليا للانتخابات، إن الرئيس سامي الحداد فاز بولاية جديدة."
    doc, (q,) = quotes(text, [("sami", "PERSON", ["سامي الحداد"], (), "رئيس اللجنة العليا للانتخابات")])
    assert q.speaker != "sami"


def test_words_the_corpus_knows_as_common_nouns_or_adverbs_are_no_names():
    # each is written with the article in the news corpus (القرار، الدائم …), or is a preposition
    # with a pronoun, or a participle: none becomes a person, where a foreign name does
    for text in (
        "وقال قرار إن الحكومة ستستقيل.",
        "وأضاف دائما أن العمل مستمر.",
        "وتابع متحديا إن الشعب لن يتراجع.",
        "وقال لكم إن الوقت قد حان.",
    ):
        doc, _ = quotes(text)
        assert [e for e in doc.entities if e.type == "PERSON"] == [], text
    doc, _ = quotes("وقال غوستافسون إن القرار صائب.")
    assert [e.name for e in doc.entities if e.type == "PERSON"] == ["غوستافسون"]


def test_the_name_after_a_company_head_is_an_organisation():
    text = "وقالت شركة زاهر إن أرباحها تضاعفت. وأضافت زاهر أن التوسع مستمر."
    doc, qs = quotes(text)
    (ent,) = [e for e in doc.entities if e.type == "ORG"]
    assert ent.name == "زاهر" and {q.speaker for q in qs} == {ent.id}


def test_a_continued_statement_keeps_where_its_speaker_was_named():
    text = "وقال سامي الحداد إن المفاوضات مستمرة. وأضاف أن الاتفاق قريب."
    doc, qs = quotes(text, [SAMI])
    (q,) = [q for q in qs if "الاتفاق" in doc.text[q.start : q.end]]
    assert q.speaker_rule == "previous" and doc.text[q.speaker_start : q.speaker_end] == "سامي الحداد"


def test_a_noun_described_by_a_verb_in_the_imperfect_is_its_speaker():
    text = "ورفع المحتجون لافتات تطالب الأمم المتحدة بحماية المدنيين."
    doc, (q,) = quotes(text, [("un", "ORG", ["الأمم المتحدة"])])
    assert q.speaker is None and doc.text[q.speaker_start : q.speaker_end] == "لافتات"
    assert doc.text[q.start : q.end].startswith("الأمم المتحدة بحماية")


def test_a_headline_with_a_verb_in_the_present_before_its_colon():
    doc, qs = quotes("وتحدث الوزير عن الموازنة.", [SAMI], title="سامي الحداد يرد على منتقديه: لن نتراجع")
    assert speaker_of(qs, doc, "لن نتراجع") == "sami"
    doc, qs = quotes("وتحدث الوزير عن الموازنة.", [SAMI], title="سامي الحداد يزور المدينة اليوم")
    assert qs == []


def test_a_straight_quotation_nested_after_a_saying_verb():
    from rasd.quotes.marks import find_pairs

    text = 'وتابع "في الصباح المدير قال "نعم، سأوقع الطلب". لكن الموعد لم يحدد بعد". وأضاف "موقفنا اليوم ثابت".'
    pairs = {text[o + 1 : c] for o, c in find_pairs(text)}
    assert "نعم، سأوقع الطلب" in pairs and "موقفنا اليوم ثابت" in pairs
    doc, qs = quotes("وقال سامي الحداد إن الأمور تتحسن. " + text, [SAMI])
    assert speaker_of(qs, doc, "موقفنا اليوم") == "sami"


def test_a_leading_source_with_a_phrase_before_its_comma():
    doc, (q,) = quotes("وبحسب مصدر قريب من الصفقة، فإنه بهذا التمويل تتضاعف أرباح الشركة.")
    assert q.speaker is None and doc.text[q.start : q.end].startswith("بهذا التمويل")


def test_a_quoted_description_followed_by_a_complementizer_is_not_the_content():
    text = 'وتابعت المنظمة بشأن حزب الأمل "الفائز بالانتخابات الأخيرة" أنه اكتفى بحضور ضعيف.'
    doc, qs = quotes(text, [("amal", "ORG", ["حزب الأمل"])])
    assert [doc.text[q.start : q.end] for q in qs] == ["اكتفى بحضور ضعيف"]


def test_one_mark_that_closes_a_nested_quotation_and_the_one_around_it():
    from rasd.quotes.marks import find_pairs

    text = 'وتابع "هذا الأسبوع المدير قال "نعم، وافقت على ذلك قبل أشهر". وأضاف "رسالتي اليوم واضحة". وقالت الوزارة "سنواصل العمل مع الجميع".'
    pairs = [text[o + 1 : c] for o, c in find_pairs(text)]
    assert "رسالتي اليوم واضحة" in pairs and "سنواصل العمل مع الجميع" in pairs
    ministry = ("health", "ORG", ["الوزارة"])
    doc, qs = quotes("وقال سامي الحداد إن الأمور تتحسن. " + text, [SAMI, ministry])
    assert len([q for q in qs if "نعم" in doc.text[q.start : q.end]]) == 1  # the nested one is part of it
    assert speaker_of(qs, doc, "سنواصل") == "health"


def test_a_headline_title_colon_names_the_title_holder_of_the_text():
    title = "وزير المالية الأسبق: الأزمة أعمق مما يظن الجميع"
    text = "قال سامي الحداد، وزير المالية الأسبق، إن الاقتصاد يمر بمرحلة صعبة."
    doc, qs = quotes(text, [SAMI], title=title)
    assert speaker_of(qs, doc, "الأزمة أعمق") == "sami"
    # a title that nobody in the text holds is no speaker
    doc, qs = quotes("وتحدث الخبراء عن الموازنة.", [SAMI], title=title)
    assert not [q for q in qs if q.speaker is not None]


def test_a_headline_with_an_adverbial_before_its_colon():
    title = "سامي الحداد ردا على منتقديه: لن نقبل بالتأجيل"
    doc, qs = quotes("وتحدث الوزير عن الموازنة.", [SAMI], title=title)
    assert speaker_of(qs, doc, "لن نقبل") == "sami"


def test_a_sentence_of_no_words_at_the_end_of_the_text_is_read_without_error():
    from rasd.model import Document
    from rasd.pipeline import build_pipeline

    pipe = build_pipeline(["text", "dates", "ner", "resolve", "quotes"])
    doc = pipe(Document.from_parts("وقال المدرب إن الفريق جاهز للموسم المقبل.\n\u200f \n", "المدرب: الفريق جاهز"))
    assert [doc.text[q.start : q.end] for q in doc.quotes] == ["الفريق جاهز للموسم المقبل"]


def test_a_speakers_name_found_by_the_quotes_stage_has_no_guessed_latin_name():
    doc, qs = quotes("وقال فيلاندروس إن القرار صائب. وأضاف فيلاندروس أن اللاعبين سيرحبون به.")
    (ent,) = [e for e in doc.entities if e.type == "PERSON"]
    assert ent.latin is None and ent.latin_guess


def test_a_quotation_handed_on_by_hakadha_or_by_these_words_is_the_verbs_subjects():
    """«"…"، هكذا علق فلان …», «"…".. بهذه الكلمات وصف فلان …»: the verb need not be a reporting
    verb; the full stop does not stop it. «هكذا انتهى الاجتماع» names no one."""
    text = "\"نحن أمام أزمة حقيقية في قطاع المياه\"، هكذا علق سامي الحداد على التقرير."
    doc, qs = quotes(text, [SAMI])
    assert speaker_of(qs, doc, "أزمة حقيقية") == "sami"
    text = "\"لن نتراجع عن الخطة مهما كانت الضغوط\".. بهذه الكلمات وصف سامي الحداد موقف الحكومة."
    doc, qs = quotes(text, [SAMI])
    assert speaker_of(qs, doc, "نتراجع") == "sami"
    text = "\"لن نتراجع عن الخطة مهما كانت الضغوط في المرحلة المقبلة\". هكذا انتهى الاجتماع الطويل."
    doc, qs = quotes(text, [SAMI])
    assert all(q.speaker is None for q in qs)


def test_according_to_a_plain_noun_is_no_source():
    """«… وفق شروط»: in keeping with conditions, nobody's words; «… بحسب مصادر» is a source."""
    text = "وتقرر خصم مبلغ من منحة النواب في حالة الغياب وفق شروط، وكان المكتب قد تبنى المقترح."
    doc, qs = quotes(text)
    assert qs == []
    text = "وتقرر خصم مبلغ من منحة النواب في حالة الغياب، بحسب مصادر، وكان المكتب قد تبنى المقترح."
    doc, qs = quotes(text)
    assert [doc.text[q.start : q.end] for q in qs] == ["وتقرر خصم مبلغ من منحة النواب في حالة الغياب"]


def test_a_person_named_by_a_title_as_the_object_of_criticism_is_no_content():
    """«وانتقد سامي الحداد المستشار الألماني الجديد»: whom he criticised, not what he said;
    «وطالب سامي الحداد النائب العام بفتح تحقيق فوري»: the demand is content (no «aimed» flag)."""
    doc, qs = quotes("وانتقد سامي الحداد المستشار الألماني الجديد بسبب القرار الأخير.", [SAMI])
    assert qs == []
    doc, qs = quotes("وانتقد سامي الحداد رئيسي الحكومتين في البلدين بسبب القرار الأخير.", [SAMI])
    assert qs == []  # a title in a construct dual
    doc, qs = quotes("وطالب سامي الحداد النائب العام بفتح تحقيق فوري في الحادث.", [SAMI])
    assert speaker_of(qs, doc, "بفتح تحقيق") == "sami"
