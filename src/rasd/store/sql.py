"""What the two back ends share: migrations, transactions, writing and reading documents.

SQL here is written once, with `?` placeholders; the PostgreSQL back end rewrites them to `%s`.
Back ends supply the connection, the transaction primitives, and the full-text index (an FTS5
table in SQLite, a tsvector column in PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import re
from abc import abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from functools import lru_cache
from importlib import resources
from typing import Any

from rasd.model import Document
from rasd.serialize import from_dict
from rasd.store import dedup
from rasd.store.base import SCHEMA_VERSION, Store, placeholders
from rasd.store.errors import DatabaseMissing, DocumentNotFound, MigrationFailed, SchemaTooNew
from rasd.store.maintenance import MaintenanceMixin
from rasd.store.namecache import NameCache
from rasd.store.names import NamesMixin
from rasd.store.overview import OverviewMixin
from rasd.store.places import PlacesMixin
from rasd.store.prepare import Prepared, prepare
from rasd.store.queries import QueriesMixin
from rasd.store.ranking import RankingMixin
from rasd.store.redact import redacted_url
from rasd.store.results import PutResult
from rasd.store.rows import ENTITY_UPSERT, analysis_dict
from rasd.store.rows import content_hash as compute_hash
from rasd.store.search import DocumentKeys, SearchQuery
from rasd.store.storylist import StoriesMixin

__all__ = ["SCHEMA_VERSION", "SQLStore", "migration_files"]


_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
VERSION_TABLE = """CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    applied_at  TEXT NOT NULL
)"""


@lru_cache(maxsize=4)
def migration_files(dialect: str) -> tuple[tuple[int, str, str], ...]:
    """(version, name, sql) of the dialect's migrations, in order; numbering must be 1, 2, 3, …"""
    folder = resources.files("rasd.store").joinpath("migrations", dialect)
    found = []
    for entry in folder.iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    for expected, (version, name, _sql) in enumerate(found, 1):
        if version != expected:
            raise RuntimeError(f"migrations/{dialect}/{name}: expected number {expected:04d}; migrations must be numbered 0001, 0002, … without gaps")
    return tuple(found)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class SQLStore(RankingMixin, NamesMixin, PlacesMixin, QueriesMixin, OverviewMixin, StoriesMixin, MaintenanceMixin, Store):
    dialect: str
    db_errors: tuple[type[Exception], ...]  # the driver's error classes

    def __init__(self, url: str) -> None:
        self.url = url
        self._depth = 0
        self._names = NameCache()

    # ------------------------------------------------------------------ back-end primitives
    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...

    @abstractmethod
    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    @abstractmethod
    def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def _fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self._fetchall(sql, params)
        return rows[0] if rows else None

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self._fetchone(sql, params)
        return row[0] if row else None

    @abstractmethod
    def _begin(self) -> None: ...

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def _rollback(self) -> None: ...

    @abstractmethod
    def _apply_migration(self, version: int, name: str, sql: str) -> bool:
        """Run one migration and record it, in one transaction; False if another process did."""

    @abstractmethod
    def _insert_document(self, row: dict[str, Any], keys: DocumentKeys, bands: list[int], entities: list[tuple[Any, ...]]) -> int:
        """Insert the document's story cluster unless it exists, the documents row
        (`rows.document_row`), its full-text entry and its LSH band keys, and merge its entities
        (`rows.ENTITY_UPSERT`); return its doc_no."""

    def _lookup(self, doc_id: str, bands: list[int] | None) -> tuple[tuple[Any, ...] | None, list[tuple[str, str, Any]]]:
        """(doc_no, cluster) of the stored document with this id, or None; and the near-duplicate
        candidates of `bands` (`_candidates`; none when `bands` is None)."""
        old = self._fetchone("SELECT doc_no, cluster_id FROM documents WHERE id = ?", (doc_id,))
        return old, ([] if bands is None else self._candidates(bands, doc_id))

    @abstractmethod
    def _delete_rows(self, doc_no: int) -> None:
        """Delete the documents row (children cascade) and its full-text entry."""

    # ------------------------------------------------------------------ full-text index and checks
    @abstractmethod
    def _match_sql(self, query: SearchQuery, ranked: bool = True, floor: int = 0) -> tuple[str, list[Any]]:
        """The SQL of the documents matching `query` over the full-text index, giving doc_no and
        score, with its parameters. The score is 0 unless `ranked`; then the back end's relevance
        for the documents from doc_no `floor` on and 0 for the others, plus PHRASE_BONUS for an
        unquoted query's words standing as a phrase (`rasd.store.ranking`)."""

    @abstractmethod
    def _match_condition(self, query: SearchQuery) -> tuple[str, list[Any]] | None:
        """A condition on `documents d` that the documents matching `query` meet, with its
        parameters, where the full-text index is on the documents table itself (unscored matches
        are then read without joining the table to itself); None where it is a table of its own."""

    @abstractmethod
    def _newest_scored_sql(self, query: SearchQuery, n: int) -> tuple[str, list[Any]]:
        """The SQL of the `n` most recently stored documents matching `query` (highest doc_no),
        scored as `_match_sql` scores them with floor 0: doc_no, id, published, cluster_id, score."""

    @abstractmethod
    def _data_version(self) -> Any:
        """A value that changes when another connection commits new documents (what `NameCache`
        checks before it answers); this connection's own commits clear the cache."""

    @abstractmethod
    def _keys_in_step(self, doc_no: int, keys: DocumentKeys) -> bool:
        """Whether the full-text index holds `keys` for the document `doc_no`."""

    @abstractmethod
    def _check_index(self) -> list[str]:
        """Problems of the full-text index itself (run before the snapshot of `check`)."""

    @abstractmethod
    def _check_backend(self) -> list[str]:
        """The back end's own integrity problems (foreign keys, orphans, index in step)."""

    @abstractmethod
    def _snapshot(self) -> AbstractContextManager[None]:
        """A block in which every query reads one snapshot of the database."""

    # ------------------------------------------------------------------ schema
    def schema_version(self) -> int:
        return int(self._scalar("SELECT COALESCE(MAX(version), 0) FROM schema_version") or 0)

    @abstractmethod
    def _has_table(self, name: str) -> bool: ...

    def migrate(self, create: bool = True) -> int:
        """Apply the pending migrations in order, each in its own transaction; return the version.
        Unless `create`, a database without rasd's tables is refused (DatabaseMissing) untouched."""
        if not create and not self._has_table("schema_version"):
            self.close()
            raise DatabaseMissing(url=redacted_url(self.url), problem="the database holds no rasd knowledge base (no rasd tables)")
        self._execute(VERSION_TABLE)
        files = migration_files(self.dialect)
        known = files[-1][0] if files else 0
        current = self.schema_version()
        if current > known:
            raise SchemaTooNew(url=self.url, found=current, known=known)
        for version, name, sql in files:
            if version <= current:
                continue
            try:
                self._apply_migration(version, name, sql)
            except self.db_errors as exc:
                raise MigrationFailed(url=self.url, name=name, problem=f"{type(exc).__name__}: {exc}", version=self.schema_version()) from exc
        return self.schema_version()

    # ------------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        self._depth = 0
        try:
            self._commit()
        except BaseException:
            self._rollback()
            raise
        finally:
            self._names.clear()  # what this connection wrote may name new entities

    def in_transaction(self) -> bool:
        return self._depth > 0

    # ------------------------------------------------------------------ writing
    def merge_entities(self, rows: Sequence[tuple[Any, ...]]) -> None:
        by_id = {r[0]: r for r in rows}
        if by_id:
            self._executemany(ENTITY_UPSERT, [by_id[k] for k in sorted(by_id)])

    def put_document(self, doc: Document | Prepared, content_hash: str | None = None, signature: Any = None) -> PutResult:
        p = doc if isinstance(doc, Prepared) else prepare(doc, signature)  # validates before anything is written
        doc, rows, keys, sig = p.doc, p.rows, p.keys, p.signature
        chash = content_hash or compute_hash(doc)
        with self.transaction():
            status = "added"
            old, candidates = self._lookup(doc.id, None if sig is None else p.bands)
            old_entities: list[str] = []
            if old:
                status = "updated"
                old_entities = [r[0] for r in self._fetchall("SELECT entity_id FROM document_entities WHERE doc_no = ?", (old[0],))]
                self._delete_rows(old[0])
            cluster, dup_of = p.link(candidates)
            doc_no = self._insert_document(p.document_row(chash, cluster, now()), keys, p.bands, rows.entities)
            for table, (columns, values) in p.table_rows(doc_no, cluster).items():
                self._executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders(columns)})", values)
            story = self._link_story(doc_no, doc.id, p.story, dup_of)
            if old:
                self.collect_garbage(old_entities, [old[1]])
        return PutResult(status, doc_no, cluster, dup_of, story)

    def _candidates(self, bands: list[int], doc_id: str) -> list[tuple[str, str, Any]]:
        """Stored documents other than `doc_id` (whose old version is being replaced) sharing an
        LSH band, newest first, at most dedup.MAX_CANDIDATES (boilerplate shared by thousands of
        documents must not make each insert scan them all)."""
        return self._fetchall(self._candidates_sql(bands), [*bands, doc_id])

    @staticmethod
    def _candidates_sql(bands: list[int]) -> str:
        """The query of `_candidates`; its parameters are the bands, then the document's id."""
        return (
            "SELECT d.id, d.cluster_id, d.minhash FROM documents d WHERE d.doc_no IN "
            f"(SELECT DISTINCT doc_no FROM minhash_bands WHERE key IN ({placeholders(bands)})) AND d.id <> ? "
            f"ORDER BY d.doc_no DESC LIMIT {int(dedup.MAX_CANDIDATES)}"
        )

    def collect_garbage(self, entity_ids: Sequence[str], clusters: Sequence[str]) -> None:
        """Remove those of `entity_ids` and `clusters` that no document refers to any more (after
        documents were deleted or replaced)."""
        entity_ids, clusters = sorted(set(entity_ids)), sorted(set(clusters))  # locked in one order
        if entity_ids:
            self._execute(
                f"DELETE FROM entities WHERE id IN ({placeholders(entity_ids)}) "
                "AND NOT EXISTS (SELECT 1 FROM document_entities de WHERE de.entity_id = entities.id)",
                entity_ids,
            )
        if clusters:
            self._execute(
                f"DELETE FROM clusters WHERE id IN ({placeholders(clusters)}) "
                "AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.cluster_id = clusters.id)",
                clusters,
            )

    def delete_document(self, doc_id: str) -> bool:
        with self.transaction():
            old = self._fetchone("SELECT doc_no, cluster_id FROM documents WHERE id = ?", (doc_id,))
            if not old:
                return False
            ents = [r[0] for r in self._fetchall("SELECT entity_id FROM document_entities WHERE doc_no = ?", (old[0],))]
            self._delete_rows(old[0])
            self.collect_garbage(ents, [old[1]])
        return True

    # ------------------------------------------------------------------ reading documents
    def content_hash(self, doc_id: str) -> str | None:
        return self._scalar("SELECT content_hash FROM documents WHERE id = ?", (doc_id,))

    def has_hash(self, content_hash: str) -> bool:
        return self._fetchone("SELECT 1 FROM documents WHERE content_hash = ? LIMIT 1", (content_hash,)) is not None

    @staticmethod
    def _document(doc_id: str, text: str, analysis: bytes) -> Document:
        data = analysis_dict(analysis)
        data["text"] = text
        return from_dict(data, where=f"stored document {doc_id}")

    def get_document(self, doc_id: str) -> Document:
        row = self._fetchone("SELECT text, analysis FROM documents WHERE id = ?", (doc_id,))
        if row is None:
            raise DocumentNotFound(id=doc_id)
        return self._document(doc_id, row[0], row[1])

    def iter_documents(self, batch: int = 200) -> Iterator[Document]:
        last = -1
        while True:
            rows = self._fetchall(
                "SELECT doc_no, id, text, analysis FROM documents WHERE doc_no > ? ORDER BY doc_no LIMIT ?", (last, batch)
            )
            if not rows:
                return
            for doc_no, doc_id, text, analysis in rows:
                last = doc_no
                yield self._document(doc_id, text, analysis)
