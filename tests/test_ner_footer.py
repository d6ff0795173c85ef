"""The outlet's closing word to its reader (`rasd.ner.footer`): no entity is taken from it.

Sentences written for these tests.
"""

from __future__ import annotations

from rasd.model import Document

BODY = "وقالت الحكومة الكندية إن وزير الخارجية سيزور القاهرة الأسبوع المقبل. وأضافت أن الزيارة تستمر يومين."
PROMO = "يمكنكم متابعة آخر الأخبار بعد تحميل تطبيق شبكة نورث ستار على هواتفكم."


def names(ner_pipe, text: str) -> set[str]:
    doc = ner_pipe(Document(text=text))
    return {doc.text[m.start : m.end] for m in doc.mentions}


def test_the_closing_line_to_the_reader_gives_no_entity(ner_pipe):
    assert "نورث ستار" in " ".join(names(ner_pipe, "وأعلنت شبكة نورث ستار أنها ستبث المباراة. " + BODY))
    got = names(ner_pipe, BODY + "\n" + PROMO)
    assert "القاهرة" in got
    assert not any("نورث" in s for s in got)


def test_a_speaker_addressing_an_audience_keeps_the_names_of_the_sentence(ner_pipe):
    got = names(ner_pipe, BODY + '\nوقال الوزير: "يمكنكم أن تثقوا بأن شبكة نورث ستار ستبث المباراة من القاهرة".')
    assert any("نورث" in s for s in got)
