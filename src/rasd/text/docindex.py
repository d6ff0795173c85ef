"""A token-level view of a Document's annotations, for rule matching over tokens.

`DocIndex(doc)` maps tokens to the entity mentions, titles and dates that cover them, and
sentences to token ranges. Only the outermost mention is kept where mentions nest («داعش» inside
«التحالف الدولي لهزيمة داعش»). Mentions come from `doc.entities` (names and references, with the
entity id) and from `doc.mentions` (an unresolved mention keeps `entity=None`).

Used by the quotation and event stages; it reads the model only. The index is kept on the
document (`Document.views`), never in the module, so it lives no longer than the document.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rasd.model import DateSpan, Document, Mention, Token

__all__ = ["DocIndex", "Hit"]

PREP_CLITICS = frozenset("بلك")
_VIEW = "docindex"


@dataclass(slots=True)
class Hit:
    """A mention (or a title followed by its holder's name) spanning tokens `first..last`."""

    entity: str | None
    type: str  # PERSON | ORG | LOC | MISC
    kind: str  # name | reference | title
    start: int  # character span of the phrase
    end: int
    first: int  # token indices, inclusive
    last: int


def _state(doc: Document) -> tuple[tuple[object, ...], tuple[int, ...]]:
    """The layers an index is built from, and their sizes: an index is reused while both hold."""
    key = (doc.text, doc.tokens, doc.sentences, doc.mentions, doc.entities, doc.dates)
    sizes = (len(doc.tokens), len(doc.sentences), len(doc.mentions), len(doc.entities), len(doc.dates))
    return key, sizes


class DocIndex:
    @classmethod
    def of(cls, doc: Document) -> DocIndex:
        """The index of `doc`, reused when the previous call indexed the same, unchanged layers
        (the quotes and events stages run one after the other on the same document)."""
        key, sizes = _state(doc)
        kept = doc.views.get(_VIEW)
        if kept is not None:
            old_key, old_sizes, index = kept
            if old_sizes == sizes and all(a is b for a, b in zip(old_key, key, strict=True)):
                return index
        index = cls(doc)
        doc.views[_VIEW] = (key, sizes, index)
        return index

    def add_names(self, entity: str, etype: str, mentions: list[Mention]) -> None:
        """Index name mentions added to `entity` where no mention was (the quotation stage's
        names), and keep this index as the one reused for the document as it now is."""
        self.etype[entity] = etype
        for m in mentions:
            a, b = self.token_range(m.start, m.end)
            if a >= b or any(self.cover[i] is not None for i in range(a, b)):
                continue
            hit = Hit(entity, etype, "name", m.start, m.end, a, b - 1)
            self.at_start.setdefault(a, hit)
            for i in range(a, b):
                self.cover[i] = hit
        doc = self.doc
        self.entities = {e.id: e for e in doc.entities}
        doc.views[_VIEW] = (*_state(doc), self)

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.tokens: list[Token] = doc.tokens
        self.starts = [t.start for t in self.tokens]
        self.ends = [t.end for t in self.tokens]
        text = self.text
        self.stems = [t.stem for t in self.tokens]
        self.stem_set = frozenset(self.stems)
        self.norms = [t.norm for t in self.tokens]
        self.prefixes = [text[t.start : t.stem_start] if t.stem_start > t.start else "" for t in self.tokens]
        self.prep = [bool(p) and ("ب" in p or "ل" in p or "ك" in p) for p in self.prefixes]
        # the stem, or for a short word the segmenter kept whole («ولم», «وفي») the word after و/ف:
        # for comparing with function words only
        self.bare = [
            s[1:] if 2 < len(s) <= 4 and s[0] in "وف" and s == n else s
            for s, n in zip(self.stems, self.norms, strict=True)
        ]
        self.etype: dict[str, str] = {e.id: e.type for e in doc.entities}
        self.entities = {e.id: e for e in doc.entities}
        self.at_start: dict[int, Hit] = {}  # first token -> outermost mention starting there
        self.cover: list[Hit | None] = [None] * len(self.tokens)
        self.title_at: dict[int, Hit] = {}  # first token of a title -> title + name of its holder
        self._index_mentions()
        self._index_titles()
        self.sent_ranges = [self.token_range(s.start, s.end) for s in doc.sentences]
        self.sent_of: list[int] = [-1] * len(self.tokens)
        for si, (a, b) in enumerate(self.sent_ranges):
            for i in range(a, b):
                self.sent_of[i] = si
        self.date_at: dict[int, DateSpan] = {}
        self.date_cover: list[DateSpan | None] = [None] * len(self.tokens)
        for d in doc.dates:
            a, b = self.token_range(d.start, d.end)
            if a < b:
                self.date_at.setdefault(a, d)
                for i in range(a, b):
                    self.date_cover[i] = d

    # -- offsets ----------------------------------------------------------------------------
    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices `[a, b)` of the tokens overlapping the character span `[start, end)`."""
        a = bisect_right(self.ends, start)
        b = bisect_left(self.starts, end)
        return a, max(a, b)

    def token_at(self, offset: int) -> int:
        """Index of the token containing `offset`, or of the first token after it."""
        return bisect_right(self.ends, offset)

    # -- mentions ---------------------------------------------------------------------------
    def _index_mentions(self) -> None:
        seen: set[tuple[int, int]] = set()
        items: list[tuple[Mention, str | None, str]] = []
        for e in self.doc.entities:
            for m in e.mentions:
                items.append((m, e.id, e.type))
            for m in e.references:
                items.append((m, e.id, e.type))
        for m in self.doc.mentions:
            items.append((m, m.entity, self.etype.get(m.entity or "", m.label)))
        items.sort(key=lambda x: (x[0].start, -(x[0].end - x[0].start), x[1] is None))
        reach = -1
        for m, ent, etype in items:
            key = (m.start, m.end)
            if key in seen or m.end <= m.start:
                continue
            seen.add(key)
            if m.end <= reach:  # nested inside an outer mention
                continue
            a, b = self.token_range(m.start, m.end)
            if a >= b:
                continue
            reach = max(reach, m.end)
            hit = Hit(ent, etype, "reference" if m.kind == "reference" else "name", m.start, m.end, a, b - 1)
            self.at_start.setdefault(a, hit)
            for i in range(a, b):
                if self.cover[i] is None:
                    self.cover[i] = hit

    def _index_titles(self) -> None:
        for e in self.doc.entities:
            if not e.title_span:
                continue
            ts, te = e.title_span
            a, b = self.token_range(ts, te)
            if a >= b:
                continue
            # the holder's name: the first of the entity's mentions after the title, close to it
            name = None
            for m in sorted(e.mentions, key=lambda m: m.start):
                if m.start >= te and m.start - te <= 12:
                    name = m
                    break
            if name is not None:
                _, nb = self.token_range(name.start, name.end)
                hit = Hit(e.id, e.type, "title", self.tokens[a].stem_start, name.end, a, nb - 1)
            else:
                hit = Hit(e.id, e.type, "title", self.tokens[a].stem_start, te, a, b - 1)
            self.title_at.setdefault(a, hit)

    def mention_at(self, i: int) -> Hit | None:
        """The title-led phrase or the mention that starts at token `i`."""
        return self.title_at.get(i) or self.at_start.get(i)

    def type_of(self, entity: str | None, default: str = "") -> str:
        return self.etype.get(entity or "", default)

    # -- tokens -----------------------------------------------------------------------------
    def prefix(self, i: int) -> str:
        """The proclitics of token `i` as written (e.g. «وب» for «وبحسب»)."""
        return self.prefixes[i]

    def has_prep_clitic(self, i: int) -> bool:
        """Whether token `i` carries a preposition proclitic (ب ل ك)."""
        return self.prep[i]

    def char(self, i: int) -> str:
        """The first character of token `i` (for punctuation tests)."""
        return self.text[self.tokens[i].start]
