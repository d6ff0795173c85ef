"""Direct quotations, partial quotations inside reported speech, scare quotes and names in
quotation marks."""

from __future__ import annotations

from rasd.quotes.marks import find_pairs
from rasd.quotes.stage import QuoteStage
from test_quotes_handmade import build

STAGE = QuoteStage()
KHALID = ("khalid", "PERSON", ["خالد العمري"])


def run(text, entities=(KHALID,)):
    doc = build(text, list(entities))
    qs = STAGE(doc).quotes
    return doc, [(doc.text[q.start : q.end], q.direct, q.speaker) for q in qs], qs


def test_colon_and_curly_quotes():
    _, got, qs = run("وقال خالد العمري: “نحن ملتزمون بالإصلاحات الاقتصادية”.")
    assert got == [("نحن ملتزمون بالإصلاحات الاقتصادية", True, "khalid")]
    assert qs[0].sentence == 0


def test_ascii_quotes_and_guillemets():
    _, got, _ = run('وقال خالد العمري: "سنعمل معا من أجل مستقبل أفضل".')
    assert got == [("سنعمل معا من أجل مستقبل أفضل", True, "khalid")]
    _, got, _ = run("وأضاف خالد العمري: «الأبواب مفتوحة أمام الجميع دون استثناء».")
    assert got == [("الأبواب مفتوحة أمام الجميع دون استثناء", True, "khalid")]


def test_direct_quote_after_an_complementizer_is_one_quotation():
    _, got, _ = run("أكد خالد العمري أن “الحكومة ستواصل دعم الأسر المحتاجة”.")
    assert got == [("الحكومة ستواصل دعم الأسر المحتاجة", True, "khalid")]


def test_passage_right_after_the_subject_without_colon():
    _, got, _ = run("وأضاف خالد العمري “لن نتراجع عن هذا القرار مهما كانت الضغوط”.")
    assert got == [("لن نتراجع عن هذا القرار مهما كانت الضغوط", True, "khalid")]


def test_colon_without_marks_is_direct_speech():
    _, got, _ = run("وقال خالد العمري: نحن مستعدون للحوار.")
    assert got == [("نحن مستعدون للحوار", True, "khalid")]


def test_partial_quotes_inside_reported_speech_are_part_of_it():
    # one statement, one quotation: the quoted fragments inside it are not quotations of their own
    text = "واعتبر خالد العمري أن القرار يمثل”خطوة مهمة”، “أكثر أهمية من أي وقت مضى” لاستقرار المنطقة."
    _, got, qs = run(text)
    assert got == [("القرار يمثل”خطوة مهمة”، “أكثر أهمية من أي وقت مضى” لاستقرار المنطقة", False, "khalid")]


def test_scare_quote_and_name_in_quotes_are_not_quotations():
    text = "وحذر خالد العمري من أن الخطر “المتنامي” لتنظيم “الشباب” يهدد المنطقة."
    _, got, _ = run(text, [KHALID, ("shabab", "ORG", ["الشباب"])])
    assert got == [("الخطر “المتنامي” لتنظيم “الشباب” يهدد المنطقة", False, "khalid")]
    _, got, _ = run("عادت فرقة “النجوم” إلى المسرح بعد غياب.", [])
    assert got == []


def test_quoted_name_in_the_subject_is_not_taken_as_the_content():
    text = "وقالت حركة “الأمل الجديد” إن مرشحها سيفوز."
    _, got, _ = run(text, [("amal", "ORG", ["حركة “الأمل الجديد”"])])
    assert got == [("مرشحها سيفوز", False, "amal")]


def test_quotation_before_its_reporting_verb():
    _, got, qs = run("“سنعيد بناء كل ما تهدم”، قال خالد العمري أمام الحشد.")
    assert got == [("سنعيد بناء كل ما تهدم", True, "khalid")]


def test_title_of_a_campaign_is_not_a_quotation():
    _, got, _ = run("أطلقت الوزارة حملة “معا من أجل بيئة نظيفة” في المدارس.", [])
    assert got == []


def test_continued_quotation_in_the_next_sentence():
    text = "وقال خالد العمري: “الوضع صعب”.\n“لكننا سنتجاوز هذه المرحلة بالعمل والصبر”."
    _, got, _ = run(text)
    assert got == [("الوضع صعب", True, "khalid"), ("لكننا سنتجاوز هذه المرحلة بالعمل والصبر", True, "khalid")]


def test_standalone_quotation_without_speaker():
    _, got, qs = run("“العلم نور والجهل ظلام في كل زمان”.", [])
    assert got == [("العلم نور والجهل ظلام في كل زمان", True, None)]
    assert qs[0].cue_start is None and qs[0].speaker_start is None


def test_pairs_within_a_paragraph():
    text = "قال: “أ ب ج” ثم «د “هـ” و»\n“مفتوح بلا إغلاق\nو”خطأ"
    pairs = [(text[o + 1 : c]) for o, c in find_pairs(text)]
    assert pairs == ["أ ب ج", "د “هـ” و", "هـ"]


def test_object_quotation_stops_at_a_circumstantial_clause():
    text = "وأبرز خالد العمري، بهذه المناسبة، الجهود التي تبذلها الحكومة لدعم الشباب، معربا عن تفاؤله."
    _, got, _ = run(text)
    assert got == [("الجهود التي تبذلها الحكومة لدعم الشباب", False, "khalid")]


def test_short_object_is_not_a_quotation():
    _, got, _ = run("وأكد خالد العمري ذلك.")
    assert got == []


def test_quoted_name_after_a_preposition_is_not_the_content():
    text = "ويقول خالد العمري من “مبادرة الحوار بين الأديان”: “علينا أن نستمع لبعضنا أكثر”."
    _, got, _ = run(text)
    assert got == [("علينا أن نستمع لبعضنا أكثر", True, "khalid")]


def test_short_term_in_quotes_without_a_cue_is_not_a_quotation():
    _, got, _ = run("ويملك البلد ما يوصف بأنه “سلاح دمار شامل” منذ سنوات.", [])
    assert got == []


def test_continuation_only_when_the_quotation_opens_the_sentence():
    text = "وقال خالد العمري: “الوضع صعب”.\nوكتب معلق أن “الأيام المقبلة ستكون أصعب على الجميع بلا شك”."
    _, got, _ = run(text)
    assert got[-1] == ("الأيام المقبلة ستكون أصعب على الجميع بلا شك", True, None)


def test_names_in_quotes_inside_reported_speech_are_not_quotations():
    text = "وأكد خالد العمري أن الأمسية تستضيف ممثلا لـ“منتدى الأدب الحديث” وعددا من الشعراء."
    _, got, _ = run(text)
    assert [g for g in got if g[1]] == []
