"""Spans stay inside the text whatever the input: quotations and events on arbitrary
text, with entity mentions and dates placed on arbitrary tokens."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.events.stage import EventStage
from rasd.model import DateSpan, Document, Entity, Mention
from rasd.quotes.stage import QuoteStage
from rasd.text.sentences import split_sentences
from rasd.text.tokenize import tokenize

QUOTES = QuoteStage()
EVENTS = EventStage()
WORDS = [
    "قال",
    "وأكدت",
    "إن",
    "أن",
    "إلى",
    "بحسب",
    "بيان",
    "المصدر",
    "ذاته",
    "مصدر",
    "أمني",
    "الوزير",
    "لم",
    "يقل",
    "نفى",
    "اجتماع",
    "استضاف",
    "زيارة",
    "هجوم",
    "قتلى",
    "5",
    "في",
    "ببغداد",
    "،",
    ".",
    ":",
    "“",
    "”",
    "«",
    "»",
    '"',
    "معتبرا",
    "علم",
    "الاجتماع",
    "حادث",
    "سيارة",
    "\n",
    "x",
    "؛",
]


@st.composite
def documents(draw):
    words = draw(st.lists(st.sampled_from(WORDS) | st.text(min_size=1, max_size=4), max_size=60))
    text = " ".join(words)
    doc = Document.from_parts(text or " ")
    doc.tokens = tokenize(doc.text)
    doc.sentences = split_sentences(doc.text, doc.tokens)
    n = len(doc.tokens)
    if n:
        for k, idx in enumerate(draw(st.lists(st.integers(0, n - 1), max_size=6))):
            t = doc.tokens[idx]
            etype = draw(st.sampled_from(["PERSON", "ORG", "LOC"]))
            kind = draw(st.sampled_from(["name", "reference"]))
            m = Mention(t.start, t.end, etype, kind=kind, entity=f"e{k}")
            ent = Entity(f"e{k}", etype, doc.text[t.start : t.end])
            (ent.mentions if kind == "name" else ent.references).append(m)
            if draw(st.booleans()) and idx > 0:
                ent.title_span = (doc.tokens[idx - 1].start, doc.tokens[idx - 1].end)
            doc.entities.append(ent)
            doc.mentions.append(m)
        for idx in draw(st.lists(st.integers(0, n - 1), max_size=2)):
            t = doc.tokens[idx]
            doc.dates.append(DateSpan(t.start, t.end, "2020-01-02", "absolute", "day"))
    return doc


def _inside(doc, a, b):
    return a is None and b is None or (a is not None and b is not None and 0 <= a <= b <= len(doc.text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_spans_in_bounds(doc):
    QUOTES(doc)
    doc.done.add("quotes")
    EVENTS(doc)
    ids = {e.id for e in doc.entities}
    for q in doc.quotes:
        assert 0 <= q.start <= q.end <= len(doc.text)
        assert _inside(doc, q.cue_start, q.cue_end)
        assert _inside(doc, q.speaker_start, q.speaker_end)
        assert q.speaker is None or q.speaker in ids
        assert q.sentence is None or 0 <= q.sentence < len(doc.sentences)
    for e in doc.events:
        assert 0 <= e.trigger_start < e.trigger_end <= len(doc.text)
        assert all(p.entity in ids for p in e.participants)
        assert e.location is None or e.location in ids
        assert e.date_precision in (None, 1, 2, 3) and e.location_precision in (None, 1, 2, 3)
