"""Who said it: the speaker after the verb, before it, through a reference, a source phrase,
an anonymous source, or the previous quotation."""

from __future__ import annotations

from rasd.quotes.stage import QuoteStage
from test_quotes_handmade import build

STAGE = QuoteStage()
KHALID = ("khalid", "PERSON", ["خالد العمري"], ["الوزير"])
HEALTH = ("health", "ORG", ["وزارة الصحة"])


def quotes(text, entities=(), dates=()):
    doc = build(text, list(entities), list(dates))
    return doc, STAGE(doc).quotes


def spk(doc, q):
    return doc.text[q.speaker_start : q.speaker_end] if q.speaker_start is not None else None


def test_person_named_after_the_title_after_the_verb():
    text = "أكد وزير الاقتصاد والتخطيط، خالد العمري، إن النمو سيتسارع العام المقبل."
    for title in (None, "وزير الاقتصاد والتخطيط"):
        ent = ("khalid", "PERSON", ["خالد العمري"], (), title)
        doc, (q,) = quotes(text, [ent])
        assert q.speaker == "khalid"
        assert spk(doc, q) == "وزير الاقتصاد والتخطيط، خالد العمري"
        assert doc.text[q.start : q.end] == "النمو سيتسارع العام المقبل"


def test_title_with_an_organisation_inside_still_names_the_person():
    text = "وقال الممثل الخاص للأمم المتحدة، يوسف كامل، إن المفاوضات ستستأنف."
    doc, (q,) = quotes(text, [("un", "ORG", ["الأمم المتحدة"]), ("yusuf", "PERSON", ["يوسف كامل"])])
    assert q.speaker == "yusuf"


def test_organisation_after_the_verb():
    doc, (q,) = quotes("قالت وزارة الصحة، في بيان صدر مساء أمس، إن عدد الإصابات انخفض.", [HEALTH])
    assert q.speaker == "health" and doc.text[q.start : q.end] == "عدد الإصابات انخفض"


def test_subject_before_the_verb():
    doc, (q,) = quotes("وكانت وزارة الصحة قد أعلنت أن المستشفى الجديد سيفتح أبوابه قريبا.", [HEALTH])
    assert q.speaker == "health"
    doc, (q,) = quotes("خالد العمري أكد أن الحكومة ستدعم المزارعين.", [KHALID])
    assert q.speaker == "khalid"


def test_a_place_before_a_comma_is_not_the_subject():
    doc, (q,) = quotes(
        "وفيما يتعلق بلبنان، قالت وزارة الصحة إن الشحنة وصلت.", [HEALTH, ("lb", "LOC", ["لبنان"])]
    )
    assert q.speaker == "health"


def test_speaker_through_a_resolved_reference():
    text = "استقبل خالد العمري وفدا من المستثمرين. وأشار الوزير إلى أن الاستثمارات تضاعفت."
    doc, qs = quotes(text, [KHALID])
    (q,) = qs
    assert q.speaker == "khalid" and spk(doc, q) == "الوزير"
    assert doc.text[q.start : q.end] == "الاستثمارات تضاعفت"


def test_unresolved_title_keeps_the_phrase_without_an_id():
    doc, (q,) = quotes("وأشار الوزير إلى أن الاستثمارات تضاعفت.")
    assert q.speaker is None and spk(doc, q) == "الوزير"


def test_explicit_subject_wins_over_a_source_phrase():
    text = "وبحسب بيان وزارة الصحة، فقد أبرز المدير الإقليمي، هاني سالم، بهذه المناسبة الجهود التي تبذلها الفرق الطبية في القرى، معربا عن شكره للمتطوعين."
    doc, (q,) = quotes(text, [HEALTH, ("hani", "PERSON", ["هاني سالم"])])
    assert q.speaker == "hani"
    assert doc.text[q.start : q.end] == "الجهود التي تبذلها الفرق الطبية في القرى"
    assert doc.text[q.cue_start : q.cue_end] == "أبرز"


def test_same_source_refers_back_to_the_source_phrase():
    text = (
        "وبحسب بيان وزارة الصحة، فقد أكد المدير الإقليمي، هاني سالم، أن اللقاحات متوفرة. "
        "وأشار المصدر ذاته إلى أن حملة التطعيم ستبدأ الأسبوع المقبل."
    )
    doc, qs = quotes(text, [HEALTH, ("hani", "PERSON", ["هاني سالم"])])
    assert [q.speaker for q in qs] == ["hani", "health"]
    assert spk(doc, qs[1]) == "المصدر ذاته"


def test_statement_author_is_the_speaker():
    doc, (q,) = quotes(
        "وخلص تقرير منظمة الصحة العالمية إلى أن الوضع الوبائي مستقر.",
        [("who", "ORG", ["منظمة الصحة العالمية"])],
    )
    assert q.speaker == "who" and spk(doc, q) == "تقرير منظمة الصحة العالمية"


def test_source_phrase_then_fa_inna_is_a_quotation_of_the_source():
    doc, (q,) = quotes("وبحسب وزارة الصحة، فإن المستشفيات الجديدة ستفتح قريبا.", [HEALTH])
    assert q.speaker == "health" and doc.text[q.start : q.end] == "المستشفيات الجديدة ستفتح قريبا"
    assert doc.text[q.cue_start : q.cue_end] == "وبحسب"


def test_trailing_source_phrase_attributes_the_sentence():
    doc, (q,) = quotes("وصلت الشحنة الأولى من الأدوية إلى المستشفيات، وفقا لوزارة الصحة.", [HEALTH])
    assert q.speaker == "health"
    assert doc.text[q.start : q.end] == "وصلت الشحنة الأولى من الأدوية إلى المستشفيات"


def test_anonymous_sources_keep_their_phrase():
    cases = [
        ("وقال مصدر أمني إن الهجوم وقع فجرا.", "مصدر أمني"),
        ("وذكرت مصادر مطلعة أن المفاوضات تعثرت.", "مصادر مطلعة"),
        ("وقال شهود عيان إن النيران اشتعلت في المبنى.", "شهود عيان"),
        ("وأكد مسؤول كبير في الوزارة أن القرار نهائي.", "مسؤول كبير"),
    ]
    for text, phrase in cases:
        doc, (q,) = quotes(text)
        assert q.speaker is None and spk(doc, q) == phrase, text


def test_verb_without_subject_continues_the_previous_speaker():
    text = "قال خالد العمري إن الاقتصاد ينمو بسرعة. وأضاف أن البطالة تراجعت."
    doc, qs = quotes(text, [KHALID])
    assert [q.speaker for q in qs] == ["khalid", "khalid"]
    assert [q.sentence for q in qs] == [0, 1]


def test_participle_clause_takes_the_governing_speaker():
    text = "وصل خالد العمري إلى المطار صباح اليوم، مؤكدا أن الزيارة ستعزز العلاقات بين البلدين."
    doc, (q,) = quotes(text, [KHALID])
    assert q.speaker == "khalid" and doc.text[q.start : q.end] == "الزيارة ستعزز العلاقات بين البلدين"


def test_participle_clause_ends_the_previous_quotation():
    text = "وأوضح خالد العمري أن المصانع عادت للعمل، معتبرا أن الأزمة انتهت."
    doc, qs = quotes(text, [KHALID])
    assert [doc.text[q.start : q.end] for q in qs] == ["المصانع عادت للعمل", "الأزمة انتهت"]
    assert [q.speaker for q in qs] == ["khalid", "khalid"]


def test_framing_adverbial_and_date_are_skipped_before_the_subject():
    doc, (q,) = quotes("وأكد، من جهته، خالد العمري أن الحوار مستمر.", [KHALID])
    assert q.speaker == "khalid"
    doc, (q,) = quotes("وقال أمس خالد العمري إن الحوار مستمر.", [KHALID], [("أمس", "2024-05-09", "day")])
    assert q.speaker == "khalid"


def test_impersonal_background_is_not_a_quotation():
    doc, qs = quotes("يذكر أن المصنع افتتح قبل عشر سنوات. ويشار إلى أن الإنتاج تضاعف.")
    assert qs == []


def test_verb_inside_reported_speech_starts_no_new_quotation():
    text = "وقال خالد العمري إن الحلول التي نعترف أنها صعبة هي الممكنة الآن."
    doc, (q,) = quotes(text, [KHALID])
    assert doc.text[q.start : q.end] == "الحلول التي نعترف أنها صعبة هي الممكنة الآن"


def test_anonymous_source_phrase_stops_before_the_addressee():
    doc, (q,) = quotes("وأكدت مصادر خاصة لـ«الوطن» أن الصفقة اكتملت.")
    assert q.speaker is None and spk(doc, q) == "مصادر خاصة"


def test_a_relative_clause_speaks_for_its_antecedent_and_is_not_continued():
    text = (
        'وقالت جمعية "الرقيب" إن الحضور ضعيف. واستشهدت الجمعية بأرقام منظمة "الميزان" والتي تشير إلى '
        "أن نصف النواب تغيبوا. وأضافت الجمعية أن الغياب يتكرر كل عام."
    )
    ents = [("raqib", "ORG", ["الرقيب"]), ("mizan", "ORG", ['منظمة "الميزان"'])]
    doc, qs = quotes(text, ents)
    by_text = {doc.text[q.start : q.end]: q.speaker for q in qs}
    assert by_text["نصف النواب تغيبوا"] == "mizan"
    assert by_text["الغياب يتكرر كل عام"] == "raqib"


def test_a_new_name_followed_by_a_relative_clause():
    text = 'وأشارت نيرمين التي أتت من برلين مع شقيقتها أن "الرحلة كانت شاقة".'
    doc, (q,) = quotes(text)
    assert spk(doc, q) == "نيرمين"
    assert q.speaker is not None


def test_an_arm_of_a_body_speaks_for_it():
    text = "وقالت قوات التحالف إنها تعمل على تأمين الممرات. وكان التحالف الدولي قد بدأ عملياته العام الماضي."
    doc, (q,) = quotes(text, [("coalition", "ORG", ["التحالف الدولي"])])
    assert q.speaker == "coalition"
    assert spk(doc, q) == "قوات التحالف"


def test_a_name_without_its_head_noun_is_that_body():
    text = (
        "أعلنت شركة النخيل القابضة عن استثمار جديد في المغرب. "
        'وأضاف النخيل القابضة في بيان: "الاستثمار يعزز حضورنا في المنطقة".'
    )
    doc, qs = quotes(text, [("palms", "ORG", ["شركة النخيل القابضة"]), ("ma", "LOC", ["المغرب"])])
    assert qs[-1].speaker == "palms"


def test_a_word_that_opens_two_names_refers_to_neither():
    text = "وقالت الشرطة إن الحادث وقع ليلا. وتعاونت الشرطة المحلية مع الشرطة الاتحادية في التحقيق."
    doc, (q,) = quotes(text, [("local", "ORG", ["الشرطة المحلية"]), ("federal", "ORG", ["الشرطة الاتحادية"])])
    assert q.speaker is None


def test_a_description_after_a_person_spoke_is_that_person():
    text = "وقال سامر ناصيف إن المباراة كانت صعبة. وأضاف اللاعب اللبناني أن الفريق سيتعافى سريعا."
    doc, qs = quotes(text, [("samer", "PERSON", ["سامر ناصيف"])])
    assert [q.speaker for q in qs] == ["samer", "samer"]
    assert spk(doc, qs[1]) == "اللاعب اللبناني"
    # a person known by another title is not what a new title describes
    text = "وقال وزير الرياضة سامر ناصيف إن المباراة كانت صعبة. وأضاف اللاعب اللبناني أن الفريق سيتعافى سريعا."
    titled = ("samer", "PERSON", ["سامر ناصيف"], (), "وزير الرياضة")
    doc, qs = quotes(text, [titled])
    assert qs[1].speaker is None


def test_a_body_called_on_inside_a_sentence_is_not_the_speaker():
    text = "رئيس الوزراء يستقبل نظيره في عمان ويدعو الاتحاد الأوروبي للمساهمة في دعم اللاجئين."
    ents = [("pm", "PERSON", ["رئيس الوزراء"]), ("eu", "ORG", ["الاتحاد الأوروبي"]), ("amman", "LOC", ["عمان"])]
    doc, (q,) = quotes(text, ents)
    assert q.speaker == "pm"
    assert doc.text[q.start : q.end].startswith("للمساهمة")
    # at the start of a sentence the body is the one calling
    doc, (q,) = quotes("ودعا الاتحاد الأوروبي إلى وقف القتال فورا.", [ents[1]])
    assert q.speaker == "eu"


def test_the_person_a_title_is_of_is_not_its_holder():
    text = (
        "وكان محامي الشركة ديفيد كوفمان قد مثل أمام المحققين. "
        "وقال المحامي الخاص لكوفمان، يوم السبت، إن موكله أجاب على كل الأسئلة."
    )
    doc, qs = quotes(text, [("kaufman", "PERSON", ["ديفيد كوفمان", "كوفمان"])])
    assert qs[-1].speaker is None
    assert spk(doc, qs[-1]).startswith("المحامي الخاص")


def test_the_head_of_a_named_body_is_not_any_head_of_the_text():
    text = "قال رئيس الهيئة العليا للانتخابات، إن الرئيس سليم حداد فاز بالأغلبية."
    ents = [("haddad", "PERSON", ["سليم حداد"], (), "الرئيس"), ("board", "ORG", ["الهيئة العليا للانتخابات"])]
    doc, (q,) = quotes(text, ents)
    assert q.speaker is None
    assert spk(doc, q).startswith("رئيس الهيئة")


def test_what_a_call_is_for_is_its_content_and_the_noun_before_it_is_called_on():
    ents = [("samer", "PERSON", ["سامر ناصيف"])]
    doc, (q,) = quotes("ودعا سامر ناصيف الشركات للاستثمار في المناطق الجنوبية.", ents)
    assert q.speaker == "samer"
    assert doc.text[q.start : q.end] == "للاستثمار في المناطق الجنوبية"
    text = "وقال سامر ناصيف إن الاقتصاد يتعافى. ودعا المستثمرين للعودة إلى السوق المحلية."
    doc, qs = quotes(text, ents)
    assert [q.speaker for q in qs] == ["samer", "samer"]
    assert doc.text[qs[1].start : qs[1].end].startswith("للعودة")


def test_a_subject_fronted_after_anna_is_not_the_previous_speaker():
    text = (
        "وقال سامر ناصيف إن الاحتجاجات تحركها جهات خارجية. "
        "غير أن النقابات المستقلة في المدينة تؤكد أن الاحتجاجات عفوية."
    )
    doc, qs = quotes(text, [("samer", "PERSON", ["سامر ناصيف"])])
    assert qs[1].speaker is None
    assert spk(doc, qs[1]) == "النقابات المستقلة في المدينة"


def test_a_body_called_on_before_a_quotation_in_ba_is_not_the_speaker():
    text = 'ورفع المحتجون صور المعتقلين، ولافتات تطالب الأمم المتحدة بـ"التحرك العاجل لوقف الحصار".'
    doc, qs = quotes(text, [("un", "ORG", ["الأمم المتحدة"])])
    assert [q.speaker for q in qs if "التحرك" in doc.text[q.start : q.end]] == [None]


def test_a_head_noun_refers_to_the_name_it_opens():
    text = "وأوضح النادي أن القرار نهائي. وكان نادي شباب الساحل قد أعلن تعديل قواعد البطولة."
    doc, qs = quotes(text, [("club", "ORG", ["نادي شباب الساحل"])])
    assert qs[0].speaker == "club"
    text = "أعلن نادي شباب الساحل تعديل قواعد البطولة. وأوضح النادي أن القرار نهائي."
    doc, qs = quotes(text, [("club", "ORG", ["نادي شباب الساحل"])])
    assert qs[-1].speaker == "club"
    assert spk(doc, qs[-1]) == "النادي"


def test_a_source_inside_a_body_speaks_for_it_not_for_the_outlet_it_spoke_to():
    agency = ("agency", "ORG", ["رويترز"])
    doc, (q,) = quotes("وقال مسؤول بوزارة الصحة إن عدد الإصابات انخفض.", [HEALTH])
    assert q.speaker == "health"
    doc, (q,) = quotes("وقال مصدران بالمعارضة لرويترز إن اتفاقا تم التوصل إليه.", [agency])
    assert q.speaker is None and spk(doc, q) == "مصدران بالمعارضة"


def test_a_feminine_verb_does_not_carry_a_masculine_body_over():
    bank = ("bank", "ORG", ["البنك المركزي"])
    doc, (q1, q2) = quotes("أعلن البنك المركزي أن التضخم سينخفض. وتقول إن الأسعار ستستقر.", [bank])
    assert q1.speaker == "bank" and q2.speaker is None
    doc, (q1, q2) = quotes("أعلن البنك المركزي أن التضخم سينخفض. ويقول إن الأسعار ستستقر.", [bank])
    assert q2.speaker == "bank"


def test_a_verbal_noun_after_without_is_no_reporting_verb():
    merkel = ("merkel", "PERSON", ["أنغيلا ميركل"])
    doc, found = quotes("وبدون ذكر اسمه ردت المستشارة أنغيلا ميركل بأن لألمانيا سياساتها الخاصة.", [merkel])
    assert all(doc.text[q.cue_start : q.cue_end] != "ذكر" for q in found)


def test_a_description_then_a_name_after_the_verb_is_that_person():
    kevin = ("kevin", "PERSON", ["كيفن دي بروين"])
    doc, (q,) = quotes("قال صانع اللعب البلجيكي الدولي كيفن دي بروين إن أسلوب الفريق أقنعه بالانضمام.", [kevin])
    assert q.speaker == "kevin"
    trump = ("trump", "PERSON", ["دونالد ترامب"])
    doc, (q,) = quotes("وقالت زوجة الرئيس دونالد ترامب إن الحملة مستمرة.", [trump])
    assert q.speaker is None  # his wife said it


def test_a_place_before_a_headlines_colon_speaks_only_for_itself():
    macron = ("macron", "PERSON", ["ماكرون"])
    syria = ("syria", "LOC", ["سوريا"])
    doc, found = quotes("سوريا: ماكرون وميركل يطالبان بحلول سلمية في إدلب\\nقال الرئيس إن الوضع صعب.", [syria, macron])
    assert all(q.speaker != "syria" for q in found)
    egypt = ("egypt", "LOC", ["مصر"])
    doc, found = quotes("مصر: لن نسمح بالمساس بحصتنا من مياه النيل\\nوأكد الوزير أن المفاوضات مستمرة.", [egypt])
    assert found[0].speaker == "egypt"
    town = ("monastir", "LOC", ["المنستير"])
    doc, found = quotes("المنستير: العثور على سجين مخنوق في السجن المدني\nوأفاد مصدر أمني بأن التحقيق جار.", [town])
    assert all(q.speaker != "monastir" for q in found)


def test_a_source_phrase_with_what_and_a_verb_with_its_object_pronoun():
    ministry = ("interior", "ORG", ["وزارة الداخلية"])
    doc, (q,) = quotes("أوقفت الوحدات الأمنية اليوم رجلا بساحة القصبة، حسب ما أعلنته وزارة الداخلية.", [ministry])
    assert q.speaker == "interior"


def test_a_profession_before_a_name_refers_back_to_that_person():
    lawyer = ("salem", "PERSON", ["سالم بن راشد"])
    doc, (q1, q2, q3) = quotes("قال القيادي في الحزب سالم بن راشد إن الحزب بخير. وقالت وزارة الصحة إن الأدلة كافية. "
                               "وأكد القيادي أن الحزب سيدخل الانتخابات.", [lawyer, HEALTH])
    assert q1.speaker == "salem" and q2.speaker == "health"
    assert q3.speaker == "salem" and spk(doc, q3) == "القيادي"
