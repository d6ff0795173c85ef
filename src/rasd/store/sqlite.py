"""The SQLite back end: one file, WAL journal, foreign keys on, FTS5 over the search keys."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rasd.store.base import placeholders
from rasd.store.errors import DatabaseMissing, DatabaseUnavailable
from rasd.store.rows import CLUSTER_INSERT, ENTITY_UPSERT
from rasd.store.search import PHRASE_BONUS, DocumentKeys, QueryTerm, SearchQuery
from rasd.store.sql import SQLStore, now

__all__ = ["SQLiteStore"]

# bm25 weights of the FTS5 columns surf, stem, skel: a surface match counts most.
_BM25 = "bm25(document_fts, 1.0, 0.5, 0.25)"
_MMAP_BYTES = 1 << 30  # address space only (64-bit); the operating system's page cache holds the data
# Page cache while ingesting (KiB, as PRAGMA cache_size takes it when negative): a batch of
# documents dirties pages all over the indexes; with the default 2 MB, SQLite spills them to the
# WAL and reads them back within the transaction (bench: 5.3 → 4.5 ms a document into 60k).
_BULK_CACHE_KIB = 64 * 1024
# WAL pages (4 KiB each) between automatic checkpoints while ingesting: index pages a batch
# dirties again and again are copied into the database once per 64 MB of WAL instead of once per
# 4 MB (bench: 4.55 → 4.27 ms a document into 10k, the final checkpoint at close included).
_BULK_WAL_PAGES = 16384


# Primary result codes (https://sqlite.org/rescode.html) of faults of the file, not of rasd's SQL:
# BUSY, LOCKED, NOMEM, READONLY, IOERR, CORRUPT, CANTOPEN, PROTOCOL, NOTADB; FULL apart.
_SQLITE_FULL = 13
_SQLITE_FAILED = frozenset({5, 6, 7, 8, 10, 11, 14, 15, 26})

_COLUMNS = ("surf", "stem", "skel")


def _phrase(run: Sequence[QueryTerm]) -> str:
    """FTS5: the words adjacent and in order, by their surf keys or by their stems."""
    alts = ['surf : "' + " ".join(t.surf for t in run) + '"']
    if all(t.stem for t in run):
        alts.append('stem : "' + " ".join(t.stem for t in run) + '"')
    return "(" + " OR ".join(alts) + ")"


def _statements(sql: str) -> list[str]:
    """Split a script into complete statements (sqlite3.complete_statement knows comments,
    strings and trigger bodies)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip() and not all(ln.strip().startswith("--") or not ln.strip() for ln in buf.splitlines()):
        raise ValueError(f"incomplete SQL statement at the end of the script: {buf.strip()[:80]!r}")
    return out


class SQLiteStore(SQLStore):
    dialect = "sqlite"
    db_errors = (sqlite3.Error,)

    def __init__(self, path: str | Path, *, timeout: float = 30.0, create: bool = True) -> None:
        super().__init__(str(path))
        p = Path(path)
        if not create and not p.exists():
            raise DatabaseMissing(url=str(p), problem="no such database file")
        if p.is_dir():
            raise DatabaseUnavailable(url=str(p), problem="it is a directory", fix="Give a file name such as rasd.db.")
        if p.parent and not p.parent.exists():
            raise DatabaseUnavailable(url=str(p), problem=f"the folder {p.parent} does not exist", fix="Create it first, or use another path.")
        try:
            self.conn = sqlite3.connect(str(p), timeout=timeout, isolation_level=None, check_same_thread=False)
            if not create and not self._has_table("schema_version"):  # before WAL mode writes the file's header
                self.conn.close()
                raise DatabaseMissing(url=str(p), problem="the database holds no rasd knowledge base (no rasd tables)")
            self.conn.execute("PRAGMA foreign_keys = ON")
            mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            self.conn.execute("PRAGMA synchronous = NORMAL")
            # Reads through a memory map: a search touches thousands of pages of the index and of
            # documents rows, each a read() system call and a copy into the page cache otherwise.
            self.conn.execute(f"PRAGMA mmap_size = {_MMAP_BYTES}")
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        except sqlite3.DatabaseError as exc:
            raise DatabaseUnavailable(url=str(p), problem=str(exc), fix="Is it a SQLite database? Give another path for a new one.") from None
        if mode.lower() != "wal":
            raise DatabaseUnavailable(url=str(p), problem=f"WAL journal mode could not be set (got {mode})", fix="Put the database on a local file system.")
        self.migrate(create)

    def close(self) -> None:
        self.conn.close()

    def fault_of(self, exc: BaseException) -> str | None:
        if not isinstance(exc, sqlite3.OperationalError):
            return None
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # the primary result code
        if code == _SQLITE_FULL:
            return "full"
        return "failed" if code in _SQLITE_FAILED else None  # SQLITE_ERROR (bad SQL) stays a bug

    @contextmanager
    def bulk(self) -> Iterator[None]:
        cache = self.conn.execute("PRAGMA cache_size").fetchone()[0]
        wal = self.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        self.conn.execute(f"PRAGMA cache_size = -{_BULK_CACHE_KIB}")
        self.conn.execute(f"PRAGMA wal_autocheckpoint = {_BULK_WAL_PAGES}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA cache_size = {int(cache)}")
            self.conn.execute(f"PRAGMA wal_autocheckpoint = {int(wal)}")

    # ------------------------------------------------------------------ primitives
    def _has_table(self, name: str) -> bool:
        return self._fetchone("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)) is not None

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, params)

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, params).fetchall()

    def _begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def _apply_migration(self, version: int, name: str, sql: str) -> bool:
        with self.transaction():
            if self.schema_version() >= version:  # another process got there first
                return False
            for stmt in _statements(sql):
                self.conn.execute(stmt)
            self.conn.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)", (version, name, now()))
        return True

    # ------------------------------------------------------------------ documents and the index
    def _insert_document(self, row: dict[str, Any], keys: DocumentKeys, bands: list[int], entities: list[tuple[Any, ...]]) -> int:
        self.conn.execute(CLUSTER_INSERT, (row["cluster_id"], row["ingested_at"]))
        cols = list(row)
        doc_no = self.conn.execute(
            f"INSERT INTO documents ({', '.join(cols)}) VALUES ({placeholders(cols)}) RETURNING doc_no", list(row.values())
        ).fetchone()[0]
        self.conn.execute("INSERT INTO document_fts (rowid, surf, stem, skel) VALUES (?, ?, ?, ?)", (doc_no, *keys.columns()))
        if bands:
            self.conn.executemany("INSERT INTO minhash_bands (key, doc_no) VALUES (?, ?)", [(k, doc_no) for k in bands])
        if entities:
            self.conn.executemany(ENTITY_UPSERT, entities)
        return doc_no

    def _delete_rows(self, doc_no: int) -> None:
        row = self._fetchone("SELECT search_keys FROM documents WHERE doc_no = ?", (doc_no,))
        if row is not None:  # a contentless FTS5 row is deleted with the values it was indexed with
            self.conn.execute(
                "INSERT INTO document_fts (document_fts, rowid, surf, stem, skel) VALUES ('delete', ?, ?, ?, ?)",
                (doc_no, *DocumentKeys.unpack(row[0]).columns()),
            )
        self.conn.execute("DELETE FROM documents WHERE doc_no = ?", (doc_no,))

    def _fts_query(self, query: SearchQuery) -> str:
        groups = []
        for t in query.terms:
            alts = [f'{col} : "{key}"' for col, keys in zip(_COLUMNS, t.column_keys(), strict=True) for key in keys]
            groups.append("(" + " OR ".join(alts) + ")")
        groups += [_phrase(run) for run in query.phrases]
        return " AND ".join(groups)

    def _score_sql(self, query: SearchQuery, floor: int) -> tuple[str, list[Any]]:
        """bm25 for the matches from doc_no `floor` on (CASE evaluates it only there), plus
        PHRASE_BONUS for the documents with an unquoted query's words as a phrase."""
        rank, params = (f"-{_BM25}", []) if floor <= 0 else (f"CASE WHEN rowid >= ? THEN -{_BM25} ELSE 0.0 END", [int(floor)])
        if not query.boost:
            return rank, params
        return (f"{rank} + CASE WHEN rowid IN (SELECT rowid FROM document_fts WHERE document_fts MATCH ?) THEN {PHRASE_BONUS} ELSE 0.0 END",
                [*params, _phrase(query.boost)])

    def _match_sql(self, query: SearchQuery, ranked: bool = True, floor: int = 0) -> tuple[str, list[Any]]:
        """(doc_no, score) of the matching documents; the score is 0 unless `ranked`, and then
        bm25 from doc_no `floor` on (bm25 reads each scored match's word counts and lengths).
        Documents with an unquoted query's words as a phrase score PHRASE_BONUS more: they come
        first."""
        expr = self._fts_query(query)
        if not ranked:
            return "SELECT rowid AS doc_no, 0.0 AS score FROM document_fts WHERE document_fts MATCH ?", [expr]
        score, params = self._score_sql(query, floor)
        return f"SELECT rowid AS doc_no, {score} AS score FROM document_fts WHERE document_fts MATCH ?", [*params, expr]

    def _match_condition(self, query: SearchQuery) -> tuple[str, list[Any]] | None:
        return None  # document_fts is a table of its own: `_match_sql` is joined

    def _newest_scored_sql(self, query: SearchQuery, n: int) -> tuple[str, list[Any]]:
        # FTS5 walks the index by rowid, newest first, and stops after n: bm25 is computed for those only
        score, params = self._score_sql(query, 0)
        return ("SELECT h.doc_no, d.id, d.published, d.cluster_id, h.score FROM "
                f"(SELECT rowid AS doc_no, {score} AS score FROM document_fts WHERE document_fts MATCH ? ORDER BY rowid DESC LIMIT ?) h "
                "JOIN documents d ON d.doc_no = h.doc_no", [*params, self._fts_query(query), int(n)])

    def _data_version(self) -> Any:
        return self._fetchone("PRAGMA data_version")[0]

    def _keys_in_step(self, doc_no: int, keys: DocumentKeys) -> bool:
        row = self._fetchone("SELECT search_keys FROM documents WHERE doc_no = ?", (doc_no,))
        indexed = self._fetchone("SELECT 1 FROM document_fts WHERE rowid = ?", (doc_no,))
        return row is not None and indexed is not None and DocumentKeys.unpack(row[0]) == keys

    def _check_backend(self) -> list[str]:
        problems = []
        result = [r[0] for r in self._fetchall("PRAGMA quick_check")]
        if result != ["ok"]:
            problems += [f"SQLite quick_check: {r}" for r in result[:20]]
        fk = self._fetchall("PRAGMA foreign_key_check")
        if fk:
            problems.append(f"{len(fk)} rows break a foreign key (first: table {fk[0][0]}, rowid {fk[0][1]} → {fk[0][2]})")
        missing = int(self._scalar("SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_fts f WHERE f.rowid = d.doc_no)"))
        extra = int(self._scalar("SELECT COUNT(*) FROM document_fts f WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc_no = f.rowid)"))
        if missing:
            problems.append(f"{missing} documents missing from the full-text index")
        if extra:
            problems.append(f"{extra} full-text index rows without a document")
        return problems

    def _check_index(self) -> list[str]:
        # a write statement: it cannot run in the read snapshot of the other checks
        try:
            self.conn.execute("INSERT INTO document_fts (document_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            return [f"full-text index integrity check failed: {exc}"]
        return []

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """One read transaction: in WAL mode its first read fixes what every later one sees."""
        if self.conn.in_transaction:  # inside the caller's transaction: that is the snapshot
            yield
            return
        self.conn.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            self.conn.execute("COMMIT")
