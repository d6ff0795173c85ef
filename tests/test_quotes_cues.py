"""Reporting verbs in every person, gender and number, with proclitics."""

from __future__ import annotations

import pytest

from rasd.quotes.lexicon import quote_lexicon
from rasd.quotes.stage import QuoteStage
from rasd.text.inflect import noun_forms, participle_forms, verb_forms
from rasd.text.normalize import norm_key
from test_quotes_handmade import build

STAGE = QuoteStage()
SPEAKER = ("p", "PERSON", ["سامي الأحمد"])
CONTENT = "الأرباح ارتفعت هذا العام"

# cue as written, complement after the speaker
FORMS = [
    ("قال", "إن"),
    ("قالت", "إن"),
    ("قالوا", "إن"),
    ("قالا", "إن"),
    ("قالتا", "إن"),
    ("يقول", "إن"),
    ("تقول", "إن"),
    ("يقولون", "إن"),
    ("وقال", "إن"),
    ("فقال", "إن"),
    ("وقالت", "إن"),
    ("سيقول", "إن"),
    ("أكد", "أن"),
    ("أكدت", "أن"),
    ("أكدوا", "أن"),
    ("أكدا", "أن"),
    ("يؤكد", "أن"),
    ("تؤكد", "أن"),
    ("يؤكدون", "أن"),
    ("وأكد", "أن"),
    ("وأكدت", "أن"),
    ("أوضح", "أن"),
    ("وأوضحت", "أن"),
    ("يوضح", "أن"),
    ("أشار", "إلى أن"),
    ("أشارت", "إلى أن"),
    ("وأشاروا", "إلى أن"),
    ("يشير", "إلى أن"),
    ("أضاف", "أن"),
    ("وأضافت", "أن"),
    ("يضيف", "أن"),
    ("أبرز", "أن"),
    ("خلص", "إلى أن"),
    ("خلصت", "إلى أن"),
    ("أعلن", "أن"),
    ("أعلنت", "أن"),
    ("يعلن", "أن"),
    ("صرح", "بأن"),
    ("صرحت", "أن"),
    ("شدد", "على أن"),
    ("لفت", "إلى أن"),
    ("لفتت", "إلى أن"),
    ("اعتبر", "أن"),
    ("اعتبرت", "أن"),
    ("يعتبرون", "أن"),
    ("دعا", "إلى أن"),
    ("دعت", "إلى أن"),
    ("حذر", "من أن"),
    ("حذرت", "من أن"),
    ("كشف", "أن"),
    ("كشفت", "أن"),
    ("ذكر", "أن"),
    ("ذكرت", "أن"),
    ("يذكرون", "أن"),
    ("نفى", "أن"),
    ("نفت", "أن"),
    ("ينفي", "أن"),
    ("رأى", "أن"),
    ("يرى", "أن"),
]


@pytest.mark.parametrize(("cue", "comp"), FORMS)
def test_every_cue_form_gives_an_attributed_indirect_quote(cue, comp):
    doc = build(f"{cue} سامي الأحمد {comp} {CONTENT}.", [SPEAKER])
    quotes = STAGE(doc).quotes
    assert len(quotes) == 1, [doc.text[q.start : q.end] for q in quotes]
    q = quotes[0]
    assert doc.text[q.start : q.end] == CONTENT
    assert doc.text[q.cue_start : q.cue_end] == cue
    assert q.speaker == "p" and not q.direct
    assert q.negated == cue.endswith(("نفى", "نفت", "ينفي"))
    assert q.sentence == 0


def test_first_person_and_plural_forms_are_generated():
    forms = verb_forms("hollow", "قال|قل", "قول|قل")
    assert {"قلت", "قلنا", "قلن", "أقول", "نقول", "يقلن", "قالتا"} <= forms.forms
    assert forms.jussive_only == {"يقل", "تقل", "أقل", "نقل"}
    assert {"نفت", "نفوا", "ينفون", "نفينا"} <= verb_forms("defective-y", "نف", "نف").forms
    assert {"دعت", "دعوا", "يدعون", "دعونا"} <= verb_forms("defective-w", "دع", "دع").forms
    assert {"أكدتم", "تؤكدين", "سنؤكد"} <= verb_forms("sound", "أكد", "ؤكد").forms


def test_participles_and_nouns_by_rule():
    assert participle_forms("معتبرا") == {"معتبرا", "معتبرة", "معتبرين", "معتبرتين", "معتبرات"}
    forms = noun_forms("زيارة", "زيارات")
    assert {"الزيارة", "زيارته", "زيارتها", "الزيارات", "زيارتان"} <= forms
    assert "اجتماعي" not in noun_forms("اجتماع")  # the adjective «social», not «my meeting»
    with pytest.raises(ValueError):
        verb_forms("strong", "أكد", "ؤكد")


def test_lexicon_is_keyed_by_norm_key():
    lex = quote_lexicon()
    assert lex.finite[norm_key("أكّدت")].lemma == "أكد"
    assert norm_key("قائلة") in lex.participles
    assert norm_key("أنه") in lex.complementizers and norm_key("بعد") in lex.blockers


def test_jussive_form_only_after_a_negation():
    doc = build(f"لم يقل سامي الأحمد إن {CONTENT}.", [SPEAKER])
    (q,) = STAGE(doc).quotes
    assert q.negated and q.speaker == "p"
    doc = build("ويقل عدد السكان في القرى عن المدن بكثير.")
    assert STAGE(doc).quotes == []


def test_negated_speech_is_kept_and_marked():
    doc = build(f"ولم يؤكد سامي الأحمد أن {CONTENT}.", [SPEAKER])
    (q,) = STAGE(doc).quotes
    assert q.negated and doc.text[q.start : q.end] == CONTENT
    doc = build("ونفت الشركة الأنباء التي تحدثت عن إفلاسها الوشيك.", [("c", "ORG", ["الشركة"])])
    (q,) = STAGE(doc).quotes
    assert q.negated and q.speaker == "c"
    assert doc.text[q.start : q.end] == "الأنباء التي تحدثت عن إفلاسها الوشيك"


def test_lan_and_la_negate_too():
    doc = build(f"لن يعلن سامي الأحمد أن {CONTENT}.", [SPEAKER])
    assert STAGE(doc).quotes[0].negated


def test_verb_with_preposition_proclitic_is_not_a_cue():
    doc = build("تعامل المدير بحذر مع الملف، وطلب أن يراجع مرة أخرى.")
    assert all(doc.text[q.cue_start : q.cue_end] != "بحذر" for q in STAGE(doc).quotes)


def test_because_is_not_a_complementizer():
    doc = build(f"قال سامي الأحمد لأن {CONTENT}.", [SPEAKER])
    assert STAGE(doc).quotes == []
