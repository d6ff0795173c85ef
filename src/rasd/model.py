"""The document model: one `Document` owns the text; every annotation is a character span into it.

Nothing here depends on any other part of rasd. The JSON form is `rasd.document/1`, described by
`rasd/schema/rasd.document-1.schema.json`.

Layers (names used by pipeline stages in `requires` / `provides`):

    tokens      list[Token]       words, numbers, punctuation; proclitics marked by `stem_start`
    sentences   list[Span]        label "SENT"
    dates       list[DateSpan]
    quantities  list[Quantity]
    mentions    list[Mention]     named-entity mentions found by NER (label PERSON|ORG|LOC|MISC)
    entities    list[Entity]      mentions clustered into things, with references, titles, latin names
    relations   list[Relation]
    quotes      list[Quote]
    events      list[Event]
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "rasd.document/1"
ENTITY_TYPES = ("PERSON", "ORG", "LOC", "MISC")
LAYERS = (
    "tokens",
    "sentences",
    "dates",
    "quantities",
    "mentions",
    "entities",
    "relations",
    "quotes",
    "events",
)


@dataclass(slots=True)
class Span:
    """A labelled character span `[start, end)` into `Document.text`."""

    start: int
    end: int
    label: str = ""

    def text_of(self, doc: Document) -> str:
        return doc.text[self.start : self.end]

    def to_json(self, doc: Document) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": doc.text[self.start : self.end]}


@dataclass(slots=True)
class Token:
    """A token. `stem_start` is where the word proper begins after proclitics (== start if none).

    `norm` is the normalised key of the whole token, `stem` the normalised key of the word without
    its proclitics (for «للتحالف» the stem key is «التحالف»: the elided article is restored).
    `kind` is one of WORD, LATIN, NUMBER, PUNCT, URL, EMAIL, HASHTAG, SYMBOL.
    """

    start: int
    end: int
    kind: str
    norm: str
    stem_start: int = -1
    stem: str = ""

    def __post_init__(self) -> None:
        if self.stem_start < 0:
            self.stem_start = self.start
        if not self.stem:
            self.stem = self.norm

    @property
    def prefix_len(self) -> int:
        return self.stem_start - self.start


@dataclass(slots=True)
class DateSpan:
    start: int
    end: int
    value: str | None  # YYYY, YYYY-MM or YYYY-MM-DD; None when unresolvable
    kind: str = "absolute"  # absolute | relative | hijri | numeric | year
    precision: str = ""  # year | month | day | "" when value is None
    flags: list[str] = field(default_factory=list)  # e.g. "weekday_mismatch"


@dataclass(slots=True)
class Quantity:
    start: int
    end: int
    value: float | int | None
    unit: str | None = None
    approximate: bool = False  # «عشرات»: value is a lower bound


@dataclass(slots=True)
class Mention:
    """A span naming (kind="name") or referring to (kind="reference") an entity."""

    start: int
    end: int
    label: str  # PERSON | ORG | LOC | MISC
    kind: str = "name"
    source: str = ""  # which component found it: crf, gazetteer, rule, ...
    score: float = 1.0
    entity: str | None = None  # entity id once resolved


@dataclass(slots=True)
class Entity:
    id: str
    type: str
    name: str
    latin: str | None = None  # English name: the alias table's, or a confident romanisation
    latin_guess: str | None = None  # the letter rules' guess at a foreign name, when latin is None
    title: str | None = None
    title_span: tuple[int, int] | None = None
    affiliation: str | None = None  # entity id (or stable id) of the country/organisation
    mentions: list[Mention] = field(default_factory=list)
    references: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Relation:
    type: str  # ROLE_OF | MEMBER_OF | PART_OF | CO_CHAIR_OF | LOCATED_IN | LEADS | AFFILIATED_WITH
    subject: str
    object: str
    start: int  # evidence span
    end: int


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    direct: bool
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None  # entity id
    speaker_start: int | None = None  # the speaker phrase as written (also when unnamed)
    speaker_end: int | None = None
    negated: bool = False
    sentence: int | None = None
    # how the speaker was found (see rasd.quotes.speaker.SPEAKER_RULES), for showing why
    speaker_rule: str = ""


@dataclass(slots=True)
class Participant:
    entity: str
    role: str = ""  # actor | target | host | location | ...


@dataclass(slots=True)
class Event:
    type: str
    trigger_start: int
    trigger_end: int
    participants: list[Participant] = field(default_factory=list)
    location: str | None = None
    date: str | None = None
    date_precision: int | None = None  # ACLED: 1 day, 2 week/approx, 3 month or longer
    location_precision: int | None = None  # ACLED: 1 town, 2 region, 3 province/country
    killed: int | None = None
    injured: int | None = None
    negated: bool = False
    sentence: int | None = None
    # every trigger of the happening, the main one (trigger_start, trigger_end) first: the words
    # of each mention merged into it («اجتمع … الاجتماع … هذا اللقاء»), in text order after it
    triggers: list[tuple[int, int]] = field(default_factory=list)
    modality: str = "asserted"  # asserted | planned («من المقرر أن يزور», «سيزور», «يعتزم»)
    # how the date was reached: "text" (a date written in the clause), "report" (relative to the
    # publication: «أمس», «الثلاثاء»), "anchor" (relative to another date or event of the
    # sentence: «عشية القمة»), "anchor_undated" (relative to an anchor with no date: date null)
    date_basis: str | None = None


@dataclass
class Document:
    """The text of one article (title, a newline, then the body) and everything found in it."""

    text: str
    id: str = ""
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    source: str | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    dates: list[DateSpan] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    done: set[str] = field(default_factory=set)  # layers provided so far
    warnings: list[str] = field(default_factory=list)
    # The file whose name gave `id` (a .txt file, or a zip member), for ingest's check that two
    # files of one run do not give one id; None when the record gave its id or the id hashes the text.
    id_from: str | None = field(default=None, compare=False, repr=False)
    # Views derived from the layers that several stages share while the document is analysed (the
    # token index of `rasd.text.docindex`); never serialised, emptied when a pipeline has run.
    views: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_parts(
        cls,
        body: str,
        title: str | None = None,
        *,
        id: str | None = None,
        published: str | None = None,
        source: str | None = None,
        url: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> Document:
        """Build a document whose text is `title + "\\n" + body` (or the body alone)."""
        title = title.strip() if title and title.strip() else None
        text = f"{title}\n{body}" if title else body
        doc = cls(text=text, title=title, published=published, source=source, url=url, meta=dict(meta or {}))
        doc.id = id or content_id(text)
        return doc

    @property
    def body_start(self) -> int:
        return len(self.title) + 1 if self.title else 0

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence containing `offset` (binary search), or None."""
        sents = self.sentences
        lo, hi = 0, len(sents) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = sents[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return mid
        return None

    def entity(self, entity_id: str) -> Entity | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None


def content_id(text: str) -> str:
    """A stable id from the text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
