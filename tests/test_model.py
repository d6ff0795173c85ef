"""The document model and its JSON form rasd.document/1."""

from __future__ import annotations

import pytest

from helpers import validate
from rasd.errors import BadRecord
from rasd.model import (
    DateSpan,
    Document,
    Entity,
    Event,
    Mention,
    Participant,
    Quantity,
    Quote,
    Relation,
    Span,
)
from rasd.serialize import from_dict, to_dict


def _doc() -> Document:
    doc = Document.from_parts("زار الرئيس التونسي الجزائر أمس.", "زيارة", published="2024-01-05", source="مثال")
    t = doc.text
    s = t.index("الجزائر")
    m = Mention(s, s + len("الجزائر"), "LOC", source="crf", entity="loc:dz")
    doc.mentions = [m]
    doc.entities = [Entity("loc:dz", "LOC", "الجزائر", latin="Algeria", mentions=[m])]
    d = t.index("أمس")
    doc.dates = [DateSpan(d, d + 3, "2024-01-04", "relative", "day")]
    doc.quantities = [Quantity(0, 4, 3, "قتيل")]
    doc.sentences = [Span(0, len(doc.title), "SENT"), Span(doc.body_start, len(t), "SENT")]
    z = t.index("زار")
    doc.events = [Event("VISIT", z, z + 3, [Participant("loc:dz", "target")], location="loc:dz", date="2024-01-04", sentence=1)]
    doc.quotes = [Quote(doc.body_start, len(t), False, z, z + 3, "loc:dz", s, s + 7, sentence=1)]
    doc.relations = [Relation("LOCATED_IN", "loc:dz", "loc:dz", s, s + 7)]
    return doc


def test_text_is_title_newline_body():
    doc = Document.from_parts("النص", "العنوان")
    assert doc.text == "العنوان\nالنص"
    assert doc.body_start == len("العنوان") + 1
    assert Document.from_parts("النص").text == "النص"


def test_id_is_stable_content_hash():
    assert Document.from_parts("نص").id == Document.from_parts("نص").id
    assert Document.from_parts("نص").id != Document.from_parts("نص آخر").id


def test_round_trip_and_schema():
    doc = _doc()
    data = to_dict(doc)
    validate(data)
    again = to_dict(from_dict(data))
    assert again == data


def test_empty_layers_are_lists_not_missing():
    data = to_dict(Document.from_parts("نص قصير"))
    for key in ("entities", "dates", "quantities", "quotes", "events", "relations"):
        assert data[key] == []
    validate(data)


def test_from_dict_rejects_span_that_does_not_match_text():
    data = to_dict(_doc())
    data["dates"][0]["start"] += 1
    with pytest.raises(BadRecord, match="does not match"):
        from_dict(data)


def test_sentence_index():
    doc = _doc()
    assert doc.sentence_index(0) == 0
    assert doc.sentence_index(doc.body_start + 2) == 1
    assert doc.sentence_index(len(doc.title)) is None  # the newline between title and body


def test_a_date_written_again_is_one_date_with_its_repeats():
    """«الخميس» three times with one value is one date of the article (as news annotation lists
    dates) whose repeats keep the other spans; reading it back gives every occurrence again."""
    doc = Document.from_parts("قال الوزير الخميس إن الاجتماع عقد الخميس، وإن الخميس شهد اتفاقا. وسيعود الجمعة.", published="2024-03-08")
    t = doc.text
    at = [i for i in range(len(t)) if t.startswith("الخميس", i)]
    friday = t.index("الجمعة")
    doc.dates = [DateSpan(a, a + 6, "2024-03-07", "relative", "day") for a in at]
    doc.dates.insert(2, DateSpan(friday, friday + 6, "2024-03-08", "relative", "day", ["future"]))
    doc.dates.sort(key=lambda d: d.start)
    data = to_dict(doc)
    validate(data)
    assert [(d["text"], d["start"], [r["start"] for r in d.get("repeats", [])]) for d in data["dates"]] == [
        ("الخميس", at[0], at[1:]), ("الجمعة", friday, [])]
    assert from_dict(data).dates == doc.dates
    data["dates"][0]["repeats"][0]["start"] += 1  # a repeat must be the same words
    with pytest.raises(BadRecord):
        from_dict(data)
