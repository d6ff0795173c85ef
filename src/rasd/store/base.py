"""The store interface shared by the SQLite and PostgreSQL back ends: the abstract class `Store`.

A store takes and gives `Document`s and query results (rasd.store.results); it knows no HTTP, no
HTML, no CLI, no files and no pipeline. Its errors are in rasd.store.errors.
"""

from __future__ import annotations

import random
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any, TypeVar, Unpack

from rasd.model import Document
from rasd.store.filters import DateFilters, DocumentFilters, SearchFilters
from rasd.store.results import (
    CheckReport,
    EntityProfile,
    EntitySummary,
    EventRow,
    Facets,
    Graph,
    PlaceCount,
    PutResult,
    QuoteRow,
    SearchResult,
    StorySummary,
    Trend,
)

if TYPE_CHECKING:  # a cycle at run time: prepare imports the store's rows and search modules
    from rasd.store.prepare import Prepared

__all__ = ["EXPORT_TABLES", "ORDERS", "SCHEMA_VERSION", "Store", "placeholders"]

SCHEMA_VERSION = 4  # the newest migration of every dialect (a test checks the files agree)
T = TypeVar("T")
ORDERS = ("relevance", "date")
EXPORT_TABLES = ("documents", "entities", "mentions", "quotes", "events", "relations")


class Store(ABC):
    """One knowledge base. Open one with `rasd.store.open_store(url_or_path)`; close it (or use it
    as a context manager) when done."""

    url: str
    # The driver's error classes: what a database can raise besides rasd's own errors
    db_errors: tuple[type[Exception], ...] = ()

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
    def search(self, query: str | None = None, *, order: str = "relevance", limit: int = 20, offset: int = 0,
               collapse_duplicates: bool = True, **filters: Unpack[SearchFilters]) -> list[SearchResult]:
        """Documents matching the query (all its words, clitic and spelling variants included) and
        the filters (rasd.store.filters: entity, type, source, since, until). An empty query needs
        a filter, or order="date" (the latest documents)."""

    @abstractmethod
    def count(self, query: str | None = None, *, collapse_duplicates: bool = True, **filters: Unpack[SearchFilters]) -> int:
        """How many results `search` with the same arguments has in all (stories when collapsed)."""

    @abstractmethod
    def count_upto(self, query: str | None = None, *, documents: int, collapse_duplicates: bool = True,
                   **filters: Unpack[SearchFilters]) -> tuple[int, bool]:
        """(n, exact): `count` read from at most `documents` matching documents. When more match,
        exact is False and n (the results among those read) is a lower bound of the count."""

    @abstractmethod
    def duplicates(self, doc_id: str, limit: int = 20) -> list[SearchResult]:
        """The other documents of `doc_id`'s story cluster, most similar first."""

    @abstractmethod
    def entities(self, type: str | None = None, top: int = 50, *, offset: int = 0, **filters: Unpack[DocumentFilters]) -> list[EntitySummary]: ...

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
    def quotes(self, speaker: str | None = None, *, limit: int = 50, offset: int = 0, **filters: Unpack[DocumentFilters]) -> list[QuoteRow]: ...

    @abstractmethod
    def events(self, type: str | None = None, *, location: str | None = None, participant: str | None = None,
               limit: int = 50, offset: int = 0, **dates: Unpack[DateFilters]) -> list[EventRow]: ...

    @abstractmethod
    def event_counts(self, type: str | None = None, *, location: str | None = None, participant: str | None = None,
                     **dates: Unpack[DateFilters]) -> list[tuple[str, str, int]]:
        """(YYYY-MM-DD, event type, happenings) per day: the events of one happening (reported by
        several articles, `EventRow.happening`) count once."""

    @abstractmethod
    def top_stories(self, *, days: int = 7, limit: int = 10, articles: int = 5, since: str | None = None,
                    until: str | None = None, min_documents: int = 2) -> list[StorySummary]:
        """The largest stories (articles of several outlets about one event) with an article in the
        period, most articles first, with their outlets, people and places."""

    @abstractmethod
    def story(self, story_id: str, articles: int = 100) -> StorySummary:
        """One top story; raises StoryNotFound."""

    @abstractmethod
    def backfill_stories(self, batch: int = 200) -> int:
        """Group the stored documents that have no story yet; return how many."""

    @abstractmethod
    def cooccurrence(self, top: int = 50, type: str | None = None, min_weight: int = 1) -> Graph: ...

    # -- overviews (rasd.store.overview)
    @abstractmethod
    def facets(self, query: str | None = None, *, top: int = 10, **filters: Unpack[SearchFilters]) -> Facets:
        """What the documents matching `search`'s arguments hold, with counts: sources, entity
        types, entities and months."""

    @abstractmethod
    def daily_counts(self, **filters: Unpack[DocumentFilters]) -> list[tuple[str, int]]:
        """(YYYY-MM-DD, documents published that day) for every dated day, oldest first."""

    @abstractmethod
    def trending(self, days: int = 7, top: int = 10, type: str | None = None) -> list[Trend]:
        """Entities named in more documents in the last `days` days of the corpus (up to its newest
        publication date) than in the `days` days before, the largest rise first."""

    @abstractmethod
    def place_counts(self, ids: Sequence[str] | None = None, top: int = 100, *, within: bool = False) -> list[PlaceCount]:
        """Places (`ids`, with `within` also the places inside them; else the places named in most
        documents) with their documents and events, most documents first."""

    @abstractmethod
    def search_places(self, query: str | None = None, *, top: int = 100, **filters: Unpack[SearchFilters]) -> list[PlaceCount]:
        """The places named in the documents a search with the same arguments matches (all of
        them, near-duplicates included), most documents first, with the events located there in
        those documents and their mentions there."""

    @abstractmethod
    def event_places(self, type: str | None = None, *, location: str | None = None, participant: str | None = None,
                     top: int = 100, **dates: Unpack[DateFilters]) -> list[PlaceCount]:
        """The places of the events `event_counts` counts, with how many happenings each has."""

    @abstractmethod
    def quotes_about(self, name_or_id: str, *, limit: int = 20, offset: int = 0) -> list[QuoteRow]:
        """Quotations that name the entity in their text (said by someone else), newest first."""

    # -- maintenance
    @abstractmethod
    def counts(self) -> dict[str, int]: ...

    @abstractmethod
    def check(self, deep: bool = False) -> CheckReport:
        """Integrity: foreign keys, orphans, full-text index in step with the documents; `deep`
        also re-reads every stored analysis and compares it with the tables."""


def placeholders(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))
