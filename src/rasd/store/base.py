"""The store interface shared by the SQLite and PostgreSQL back ends, its result types and errors.

A store takes and gives `Document`s and query results; it knows no HTTP, no HTML and no CLI.
Error codes E600–E619 belong to the store.
"""

from __future__ import annotations

import random
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from rasd.errors import RasdError
from rasd.model import Document

if TYPE_CHECKING:  # a cycle at run time: prepare imports the store's rows and search modules
    from rasd.store.prepare import Prepared

__all__ = [
    "AmbiguousEntity",
    "BadDatabaseURL",
    "BadQuery",
    "BadReference",
    "CheckReport",
    "DatabaseMissing",
    "DatabaseUnavailable",
    "DocumentNotFound",
    "EntityProfile",
    "EntitySummary",
    "EventRow",
    "Graph",
    "MigrationFailed",
    "MissingExtra",
    "PutResult",
    "QuoteRow",
    "SchemaTooNew",
    "SearchResult",
    "Store",
    "StoreError",
    "UnknownEntity",
    "UnknownValue",
]

T = TypeVar("T")
ORDERS = ("relevance", "date")
EXPORT_TABLES = ("documents", "entities", "mentions", "quotes", "events", "relations")


# ---------------------------------------------------------------------------------------- errors


class StoreError(RasdError):
    code = "E600"
    template = "{message}"


class BadDatabaseURL(StoreError):
    code = "E601"
    template = "{url!r} is not a database rasd can open ({problem}). Give a SQLite file path such as rasd.db, or a postgresql://user@host:port/dbname URL."
    exit_code = 2


class MissingExtra(StoreError):
    code = "E602"
    template = "{feature} needs the Python package {package!r}, which is not installed. Install it with: pip install 'rasd[{extra}]'"
    exit_code = 2


class DatabaseUnavailable(StoreError):
    code = "E603"
    template = "cannot open the database {url}: {problem}. {fix}"


class SchemaTooNew(StoreError):
    code = "E604"
    template = "{url}: the database has schema version {found}, newer than this rasd knows ({known}). Upgrade rasd to use it."


class MigrationFailed(StoreError):
    code = "E605"
    template = "{url}: migration {name} failed ({problem}); the database stays at schema version {version}. Fix the cause and run the command again."


class BadReference(StoreError):
    code = "E606"
    template = "document {doc!r}: {what} belongs to entity {ref!r}, which is not among the document's entities. Re-run the analysis: every mentioned entity must be listed in `entities`."


class UnknownEntity(StoreError):
    code = "E607"
    template = "no entity called {name!r}{kind} in the database. List names with `rasd entities`, or try another alias."


class AmbiguousEntity(StoreError):
    code = "E611"
    template = "{name!r} could be any of several entities: {listing}. Give the full name or the id of the one you mean."
    candidates: list[EntitySummary]  # most documents first

    @classmethod
    def of(cls, name: str, candidates: Sequence[EntitySummary]) -> AmbiguousEntity:
        listing = "; ".join(f"{e.name} ({e.type}) [{e.id}], {e.documents} documents" for e in candidates)
        err = cls(name=name, listing=listing)
        err.candidates = list(candidates)
        return err


class UnknownValue(StoreError):
    """An option that takes one of a list of values (an event or entity type) was given another."""

    code = "E612"
    template = "unknown {what} {value!r}. Use one of: {listing}."
    exit_code = 2
    valid: list[str]

    @classmethod
    def of(cls, what: str, value: str, valid: Sequence[str]) -> UnknownValue:
        err = cls(what=what, value=value, listing=", ".join(valid))
        err.valid = list(valid)
        return err


class BadQuery(StoreError):
    code = "E608"
    template = "{problem}. {fix}"
    exit_code = 2


class DocumentNotFound(StoreError):
    code = "E609"
    template = "no document with id {id!r} in the database. Find ids with `rasd search`."


class DatabaseMissing(StoreError):
    code = "E610"
    template = "{url}: {problem}. Check the path or URL (--db, $RASD_DB); `rasd ingest --db {url} FILES` creates a knowledge base."
    exit_code = 2


# --------------------------------------------------------------------------------------- results


@dataclass(slots=True)
class PutResult:
    status: str  # added | updated
    doc_no: int
    cluster: str  # id of the story cluster (the id of the document that founded it)
    duplicate_of: str | None = None  # the near-duplicate that linked this document to its cluster


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


# ------------------------------------------------------------------------------------- interface


class Store(ABC):
    """One knowledge base. Open one with `rasd.store.open_store(url_or_path)`; close it (or use it
    as a context manager) when done."""

    url: str

    # -- life cycle
    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def schema_version(self) -> int: ...

    # -- faults of the database, not of rasd (a server answers them 503/507, not 500)
    def connection_broken(self) -> bool:
        """Whether the connection is known to be lost (the server restarted, the network failed):
        every further call would fail, so the store must be reopened. No round trip."""
        return False

    def fault_of(self, exc: BaseException) -> str | None:
        """What a driver error says of the database rather than of rasd: "lost" (the connection is
        gone; reopen the store and try again), "full" (no space left for a write), "failed" (the
        database could not carry out the request: a lock held too long, an I/O error, resources
        exhausted); None for anything else (a bug, to be reported as one)."""
        return None

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside happen together or not at all (nested blocks join the outer one)."""

    # The driver's errors that another writer's concurrent transaction can cause and a rerun of
    # the same transaction can get past: a deadlock, a serialization failure, a unique-key race.
    transient_errors: tuple[type[Exception], ...] = ()

    def retrying(self, work: Callable[[int], T], attempts: int = 8) -> T:
        """`work(attempt)` in one transaction, rerun from the start (after a growing, jittered
        pause: 20 ms, 40 ms … at most 2 s) when it fails on one of `transient_errors`; the last
        attempt's error propagates. Inside an outer transaction it runs once (that one decides)."""
        for attempt in range(attempts):
            try:
                with self.transaction():
                    return work(attempt)
            except self.transient_errors:
                if attempt == attempts - 1 or self.in_transaction():
                    raise
                time.sleep(min(2.0, 0.02 * 2**attempt) * (0.5 + random.random()))
        raise AssertionError("unreachable: the last attempt returns or raises")

    @abstractmethod
    def in_transaction(self) -> bool:
        """Whether a transaction() block is open on this store."""

    # -- writing
    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Many writes follow (an ingest): inside the block the back end may hold more in memory to
        write faster (SQLite: a larger page cache and WAL window). Changes nothing that is stored."""
        yield

    @abstractmethod
    def merge_entities(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Insert or merge entity rows (id, type, name, latin) as `put_document` does, in the order
        of their ids: a batch's writer takes all its entity locks first, in the one order every
        writer uses."""

    @abstractmethod
    def put_document(self, doc: Document | Prepared, content_hash: str | None = None, signature: Any = None) -> PutResult:
        """Store an analysed document, replacing any earlier analysis of the same id atomically, and
        link it to its story cluster (near-duplicates by MinHash LSH). `doc` may come prepared
        (`rasd.store.prepare`), its rows and keys already computed."""

    @abstractmethod
    def delete_document(self, doc_id: str) -> bool: ...

    # -- reading documents
    @abstractmethod
    def content_hash(self, doc_id: str) -> str | None:
        """The content hash stored for `doc_id`, or None when the id is not stored."""

    @abstractmethod
    def has_hash(self, content_hash: str) -> bool: ...

    @abstractmethod
    def get_document(self, doc_id: str) -> Document: ...

    @abstractmethod
    def iter_documents(self, batch: int = 200) -> Iterator[Document]: ...

    @abstractmethod
    def iter_rows(self, table: str, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Flat rows for export: one of EXPORT_TABLES."""

    # -- queries
    @abstractmethod
    def search(
        self,
        query: str | None = None,
        *,
        entity: str | None = None,
        type: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        order: str = "relevance",
        limit: int = 20,
        offset: int = 0,
        collapse_duplicates: bool = True,
    ) -> list[SearchResult]:
        """Documents matching the query (all its words, clitic and spelling variants included) and
        the filters. An empty query needs a filter, or order="date" (the latest documents)."""

    @abstractmethod
    def count(
        self,
        query: str | None = None,
        *,
        entity: str | None = None,
        type: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        collapse_duplicates: bool = True,
    ) -> int:
        """How many results `search` with the same arguments has in all (stories when collapsed)."""

    @abstractmethod
    def duplicates(self, doc_id: str, limit: int = 20) -> list[SearchResult]:
        """The other documents of `doc_id`'s story cluster, most similar first."""

    @abstractmethod
    def entities(
        self,
        type: str | None = None,
        top: int = 50,
        *,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        offset: int = 0,
    ) -> list[EntitySummary]: ...

    @abstractmethod
    def find_entities(self, name: str, type: str | None = None) -> list[EntitySummary]:
        """Entities whose id is `name` or that were ever called `name` (any alias), most documents first."""

    @abstractmethod
    def resolve_entities(self, name: str, type: str | None = None) -> list[EntitySummary]:
        """The entities `name` stands for: its exact matches (`find_entities`), else the one entity
        whose name it spells differently or is part of (a surname, «ترامب» for «ترمب»); raises
        UnknownEntity, or AmbiguousEntity with the candidates when several entities fit."""

    @abstractmethod
    def entity_profile(self, name_or_id: str, type: str | None = None, quotes: int = 10, cooccurring: int = 15) -> EntityProfile: ...

    @abstractmethod
    def quotes(
        self,
        speaker: str | None = None,
        *,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[QuoteRow]: ...

    @abstractmethod
    def events(
        self,
        type: str | None = None,
        *,
        location: str | None = None,
        participant: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[EventRow]: ...

    @abstractmethod
    def event_counts(
        self,
        type: str | None = None,
        *,
        location: str | None = None,
        participant: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[tuple[str, str, int]]:
        """(YYYY-MM-DD, event type, events) per day."""

    @abstractmethod
    def cooccurrence(self, top: int = 50, type: str | None = None, min_weight: int = 1) -> Graph: ...

    # -- maintenance
    @abstractmethod
    def counts(self) -> dict[str, int]: ...

    @abstractmethod
    def check(self, deep: bool = False) -> CheckReport:
        """Integrity: foreign keys, orphans, full-text index in step with the documents; `deep`
        also re-reads every stored analysis and compares it with the tables."""


def placeholders(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}@{host}"
    return url
