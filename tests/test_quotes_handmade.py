"""Hand-built Documents for the quotes and events tests, and checks of the builder.

`build(text, entities=..., dates=..., quantities=...)` tokenises the text with the text layer and
adds entities, dates and quantities as the upstream stages would produce them: each entity is
`(id, type, names, references, title)`, where names and references are surface strings found in
the text (every whole-word occurrence), and title (optional) is the surface of the person's title.
A name or reference may be written with a proclitic: the span then starts after it, as the NER
stage does («للتحالف» → «لتحالف…»).
"""

from __future__ import annotations

import re

from rasd.model import DateSpan, Document, Entity, Mention, Quantity
from rasd.text.sentences import split_sentences
from rasd.text.tokenize import tokenize

_BOUNDARY = r"(?<!\w)"
_END = r"(?!\w)"
_CLITICS = "(?:و|ف)?(?:ب|ل|ك)?"


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    alts = "(" + re.escape(surface) + ")"
    if surface.startswith("ال"):  # «للوزير»: ل + الوزير with the article's alef elided
        alts += "|ل(" + re.escape(surface[1:]) + ")"
    pat = re.compile(_BOUNDARY + _CLITICS + "(?:" + alts + ")" + _END)
    out = []
    for m in pat.finditer(text):
        g = 1 if m.group(1) is not None else 2
        out.append((m.start(g), m.end(g)))
    return out


def build(
    text: str,
    entities: list[tuple] = (),
    dates: list[tuple[str, str, str]] = (),
    quantities: list[tuple[str, int, str]] = (),
    title: str | None = None,
) -> Document:
    doc = Document.from_parts(text, title, published="2024-05-10")
    doc.tokens = tokenize(doc.text)
    doc.sentences = split_sentences(doc.text, doc.tokens)
    taken: list[tuple[int, int]] = []
    for spec in entities:
        eid, etype, names = spec[0], spec[1], spec[2]
        refs = spec[3] if len(spec) > 3 else ()
        ttl = spec[4] if len(spec) > 4 else None
        ent = Entity(eid, etype, names[0])
        for kind, surfaces in (("name", names), ("reference", refs)):
            for s in sorted(surfaces, key=len, reverse=True):
                for a, z in _occurrences(doc.text, s):
                    if any(a < y and x < z for x, y in taken):
                        continue
                    m = Mention(a, z, etype, kind=kind, source="test", entity=eid)
                    (ent.mentions if kind == "name" else ent.references).append(m)
                    doc.mentions.append(m)
                    taken.append((a, z))
        if ttl:
            p = doc.text.find(ttl)
            assert p >= 0, ttl
            ent.title, ent.title_span = ttl, (p, p + len(ttl))
        doc.entities.append(ent)
    doc.mentions.sort(key=lambda m: (m.start, m.end))
    for surface, value, precision in dates:
        for a, z in _occurrences(doc.text, surface):
            doc.dates.append(DateSpan(a, z, value, "absolute", precision))
    for surface, value, unit in quantities:
        for a, z in _occurrences(doc.text, surface):
            doc.quantities.append(Quantity(a, z, value, unit))
    doc.done.update({"tokens", "sentences", "mentions", "entities", "dates", "quantities"})
    return doc


def test_build_finds_names_with_proclitics():
    doc = build("وقال للوزير سمير إن الأمر بخير.", [("p", "PERSON", ["سمير"]), ("x", "PERSON", ["الوزير"])])
    texts = sorted(doc.text[m.start : m.end] for m in doc.mentions)
    assert texts == ["سمير", "لوزير"]


def test_build_sets_title_span():
    doc = build(
        "قال وزير المالية، خالد العمري، إن العجز تراجع.",
        [("p", "PERSON", ["خالد العمري"], (), "وزير المالية")],
    )
    ent = doc.entities[0]
    assert doc.text[ent.title_span[0] : ent.title_span[1]] == "وزير المالية"
