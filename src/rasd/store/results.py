"""What a store gives back: plain dataclasses, each with `to_dict()` for JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "CheckReport",
    "EntityProfile",
    "EntitySummary",
    "EventRow",
    "Facets",
    "Graph",
    "PlaceCount",
    "PutResult",
    "QuoteRow",
    "SearchResult",
    "StoryArticle",
    "StorySummary",
    "Trend",
]


@dataclass(slots=True)
class PutResult:
    status: str  # added | updated
    doc_no: int
    cluster: str  # id of the story cluster (the id of the document that founded it)
    duplicate_of: str | None = None  # the near-duplicate that linked this document to its cluster
    story: str | None = None  # the top story it joined or started (`rasd.store.stories`)


@dataclass(slots=True)
class SearchResult:
    id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    snippet: str  # excerpt of the original text
    highlights: list[tuple[int, int]]  # spans of `snippet` to highlight
    score: float | None  # relevance (back-end specific scale); None without a query
    cluster: str
    cluster_size: int  # matching documents in the same story cluster (1 = no duplicates)

    def marked(self, open_mark: str = "[", close_mark: str = "]") -> str:
        out, pos = [], 0
        for a, b in self.highlights:
            out += [self.snippet[pos:a], open_mark, self.snippet[a:b], close_mark]
            pos = b
        out.append(self.snippet[pos:])
        return "".join(out)

    def to_dict(self) -> dict[str, Any]:
        # by hand: dataclasses.asdict deep-copies every value, a third of a search request's time
        return {
            "id": self.id, "title": self.title, "published": self.published, "source": self.source, "url": self.url,
            "snippet": self.snippet, "highlights": [list(h) for h in self.highlights], "score": self.score,
            "cluster": self.cluster, "cluster_size": self.cluster_size,
        }


@dataclass(slots=True)
class StoryArticle:
    id: str
    title: str | None
    published: str | None
    source: str | None


@dataclass(slots=True)
class StorySummary:
    """A top story: the articles of several outlets about one event (`rasd.store.stories`)."""

    id: str  # the id of the document that started it
    title: str | None  # the title of its first article
    first: str | None  # first and last publication days of its articles
    last: str | None
    documents: int
    outlets: list[str]  # distinct sources, most articles first
    people: list[tuple[str, str, int]]  # (entity id, name, articles naming it), most first
    places: list[tuple[str, str, int]]
    articles: list[StoryArticle]  # earliest first, at most the number asked for

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "first": self.first, "last": self.last, "documents": self.documents,
            "outlets": list(self.outlets),
            "people": [{"id": i, "name": n, "documents": c} for i, n, c in self.people],
            "places": [{"id": i, "name": n, "documents": c} for i, n, c in self.places],
            "articles": [asdict(a) for a in self.articles],
        }


@dataclass(slots=True)
class EntitySummary:
    id: str
    type: str
    name: str
    latin: str | None
    documents: int
    stories: int  # distinct story clusters
    mentions: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class QuoteRow:
    document_id: str
    title: str | None
    published: str | None
    source: str | None
    text: str
    direct: bool
    cue: str | None
    speaker_id: str | None
    speaker_name: str | None
    speaker_text: str | None
    negated: bool
    index: int | None = None  # the quotation's place in its document (the article page's anchor #q<index>)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class EventRow:
    document_id: str
    title: str | None
    published: str | None
    type: str
    trigger: str
    date: str | None
    location_id: str | None
    location_name: str | None
    participants: list[dict[str, Any]]  # {entity, name, role}
    killed: int | None
    injured: int | None
    negated: bool
    modality: str = "asserted"  # asserted | planned
    date_basis: str | None = None  # text | report | anchor | anchor_undated; None: undated or stored before schema 4
    happening: str | None = None  # key of the happening it reports (`rasd.store.happening`); None: too little to tell
    reports: int = 1  # stored documents with an event of the same happening (1 without a key)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class EntityProfile:
    id: str
    type: str
    name: str
    latin: str | None
    documents: int
    stories: int
    mentions: int
    first_seen: str | None
    last_seen: str | None
    aliases: list[tuple[str, int]]  # (alias, documents), every alias seen
    titles: list[tuple[str, int]]  # (title, documents), every title seen
    affiliations: list[tuple[str, str | None, int]]  # (id, name if known, documents)
    quotes: list[QuoteRow]
    cooccurring: list[tuple[EntitySummary, int]]  # (entity, shared documents)
    per_day: list[tuple[str, int]]  # (YYYY-MM-DD, mentions)
    relations: list[dict[str, Any]]  # {type, subject, subject_name, object, object_name, documents}
    others: list[EntitySummary] = field(default_factory=list)  # other entities with the same alias
    # entities whose documents give this one as their affiliation: (entity, most frequent title, documents)
    affiliated: list[tuple[EntitySummary, str | None, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["aliases"] = [{"alias": a, "documents": n} for a, n in self.aliases]
        d["titles"] = [{"title": t, "documents": n} for t, n in self.titles]
        d["affiliations"] = [{"id": i, "name": nm, "documents": n} for i, nm, n in self.affiliations]
        d["cooccurring"] = [{**e.to_dict(), "shared": n} for e, n in self.cooccurring]
        d["per_day"] = [{"date": day, "mentions": n} for day, n in self.per_day]
        d["affiliated"] = [{**e.to_dict(), "title": t, "shared": n} for e, t, n in self.affiliated]
        return d


@dataclass(slots=True)
class Graph:
    nodes: list[EntitySummary]
    edges: list[tuple[str, str, int]]  # (entity id, entity id, shared documents)

    def to_dict(self) -> dict[str, Any]:
        return {
            "nodes": [n.to_dict() for n in self.nodes],
            "edges": [{"source": a, "target": b, "weight": w} for a, b, w in self.edges],
        }


@dataclass(slots=True)
class CheckReport:
    ok: bool
    problems: list[str]
    counts: dict[str, int]


@dataclass(slots=True)
class Facets:
    """What the documents of a search hold, with how many documents hold each: `total` documents
    (every match, duplicates included), and the most frequent `sources`, entity `types`, `entities`
    (id, name, type, documents) and `months` (YYYY-MM, by publication date, oldest first)."""

    total: int
    sources: list[tuple[str, int]]
    types: list[tuple[str, int]]
    entities: list[tuple[str, str, str, int]]
    months: list[tuple[str, int]]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Trend:
    """An entity named in `recent` documents of the last days against `before` documents of as
    many days before them (`since` is the first day of the recent period, `until` its last)."""

    id: str
    type: str
    name: str
    recent: int
    before: int
    since: str
    until: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class PlaceCount:
    """A place with the documents that name it, the events located there and (where counted) the
    times those documents name it."""

    id: str
    name: str
    documents: int
    events: int
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
