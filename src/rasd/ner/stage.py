"""The "ner" pipeline stage: the CRF per sentence, then the document-level rules of `rasd.ner.rules`.

Mentions are character spans into `Document.text` that start after the first token's proclitics
(«ببروكسيل» → «بروكسيل»; for «للتحالف» the span starts at the article's «ل»: «لتحالف»).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rasd.model import ENTITY_TYPES, Document, Mention
from rasd.ner.affinity import NameAffinity
from rasd.ner.rules import PRIO_CRF, Cand, apply_rules
from rasd.ner.scoring import chunks
from rasd.ner.tagger import DEFAULT_MODEL, load_tagger
from rasd.pipeline.registry import register

__all__ = ["LABELS", "NerStage"]

# the tags of a model (the entity types, and the older names of PERSON) -> entity type
LABELS = {"PERS": "PERSON", "PER": "PERSON", **{t: t for t in ENTITY_TYPES}}


def sentence_ranges(doc: Document) -> list[tuple[int, int]]:
    """The sentences of `doc` as token index ranges `[a, b)` (tokens outside sentences are skipped)."""
    toks = doc.tokens
    out = []
    i, n = 0, len(toks)
    for s in doc.sentences:
        while i < n and toks[i].start < s.start:
            i += 1
        a = i
        while i < n and toks[i].end <= s.end:
            i += 1
        if i > a:
            out.append((a, i))
    return out


@register("ner")
class NerStage:
    """Named-entity mentions (PERSON, ORG, LOC, MISC).

    Options: `model` (path to a crfsuite model; default the shipped one), `rules` (apply the
    document-level rules; default true).
    """

    name: ClassVar[str] = "ner"
    requires: ClassVar[tuple[str, ...]] = ("tokens", "sentences")
    provides: ClassVar[tuple[str, ...]] = ("mentions",)

    def __init__(self, model: str | Path | None = None, rules: bool = True) -> None:
        self.tagger = load_tagger(str(model or DEFAULT_MODEL))
        self.rules = rules
        self.affinity = NameAffinity(self.tagger.crf, self.tagger.extractor.clusters)

    def __call__(self, doc: Document) -> Document:
        toks = doc.tokens
        text = doc.text
        sents = sentence_ranges(doc)
        cands: list[Cand] = []
        tagged = self.tagger.tag_sentences([[text[t.start : t.end] for t in toks[a:b]] for a, b in sents])
        for (a, _b), tg in zip(sents, tagged, strict=True):
            for typ, s, e in chunks(tg.labels):
                s, e = s + a, e + a
                while s < e and toks[s].kind == "PUNCT":
                    s += 1
                while e > s and toks[e - 1].kind == "PUNCT":
                    e -= 1
                label = LABELS.get(typ)
                if e > s and label:
                    cands.append(Cand(s, e, label, "crf", PRIO_CRF))
        if self.rules:
            cands = apply_rules(text, toks, sents, cands, tagged, self.affinity)
        doc.mentions = [
            Mention(toks[c.s].stem_start, toks[c.e - 1].end, c.label, source=c.source) for c in cands
        ]
        return doc
