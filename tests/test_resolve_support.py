"""Support for the resolve tests: documents whose mentions are marked by hand, as a NER
would produce them. No tests here.

    doc = marked("قال [PER ناصر بوزيدة] إن [LOC المغرب] ...")

Each `[TYPE text]` becomes a name mention (TYPE: PER, ORG, LOC, MISC); as the NER stage does, a
mention starting on a word with proclitics starts after them («[ORG للتحالف الدولي]» → the span
starts at the stem). Tokens and sentences come from the real text layer.
"""

from __future__ import annotations

import re

from rasd.model import Document, Mention
from rasd.pipeline import build_pipeline
from rasd.resolve.stage import resolve_document
from rasd.text.sentences import split_sentences
from rasd.text.tokenize import tokenize

MARK = re.compile(r"\[(PER|ORG|LOC|MISC) ([^\]]+)\]")
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


def marked(body: str, title: str | None = None) -> Document:
    """A document with tokens, sentences and the marked mentions (not yet resolved)."""
    spans: list[tuple[int, int, str]] = []

    def strip(text: str, offset: int) -> str:
        out, pos = [], 0
        for m in MARK.finditer(text):
            out.append(text[pos : m.start()])
            start = offset + sum(len(x) for x in out)
            out.append(m.group(2))
            spans.append((start, start + len(m.group(2)), LABELS[m.group(1)]))
            pos = m.end()
        out.append(text[pos:])
        return "".join(out)

    clean_title = strip(title, 0) if title else None
    clean_body = strip(body, len(clean_title) + 1 if clean_title else 0)
    doc = Document.from_parts(clean_body, clean_title)
    doc.tokens = tokenize(doc.text)
    doc.sentences = split_sentences(doc.text, doc.tokens)
    by_start = {t.start: t for t in doc.tokens}
    for start, end, label in spans:
        tok = by_start.get(start)
        if tok is not None and tok.stem_start > tok.start:
            start = tok.stem_start
        doc.mentions.append(Mention(start, end, label, source="test"))
    return doc


def resolved(body: str, title: str | None = None) -> Document:
    return resolve_document(marked(body, title))


def pipeline():
    return build_pipeline(["resolve"], config={"pipeline": {"stages": []}})


def entity(doc: Document, name: str):
    """The entity one of whose mentions reads `name` (proclitics excluded)."""
    for e in doc.entities:
        if e.name == name or any(doc.text[m.start : m.end] == name for m in e.mentions):
            return e
    raise AssertionError(f"no entity for {name!r}: {[e.name for e in doc.entities]}")


def texts(doc: Document, mentions) -> list[str]:
    return [doc.text[m.start : m.end] for m in mentions]


def relations(doc: Document) -> set[tuple[str, str, str]]:
    return {(r.type, r.subject, r.object) for r in doc.relations}
