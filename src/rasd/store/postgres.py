"""The PostgreSQL back end (psycopg 3): the same schema, a tsvector column over the same search keys.

The tsvector is not built by a PostgreSQL text-search configuration: rasd computes the keys
(`rasd.store.search`) and passes them as a tsvector literal, surf keys with weight A, Snowball
stems with weight B (prefixed "="), skeletons with weight C (prefixed "~"); a query is a tsquery
literal of the same prefixed keys. Matching is therefore exactly SQLite's; only the scores differ
(ts_rank, which weighs the kinds by their weights, instead of bm25). The prefixes alone keep the
kinds apart (keys are letters and digits), so the query names no weight: a query without a phrase
is then answered by the GIN index alone, without reading each match's tsvector to check weights.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rasd.store.errors import DatabaseUnavailable, MissingExtra
from rasd.store.redact import redacted_url
from rasd.store.rows import CLUSTER_INSERT, ENTITY_CONFLICT
from rasd.store.search import PHRASE_BONUS, DocumentKeys, QueryTerm, SearchQuery
from rasd.store.sql import SQLStore, now

if TYPE_CHECKING:
    from rasd.store.bulkload import BulkWriter

__all__ = ["PostgresStore", "tsquery_literal", "tsvector_literal"]

_MAX_POS = 16383  # PostgreSQL's largest tsvector position
_LOCK_KEY = zlib.crc32(b"rasd.store.migrate")
_CONNECT_TIMEOUT = 10  # seconds, unless the URL says otherwise
_PLAIN_INSERT = re.compile(r"^INSERT INTO (\w+) \(([\w, ]+)\) VALUES \([?, ]+\)$")


def _psycopg():
    try:
        import psycopg
    except ImportError:
        raise MissingExtra(feature="PostgreSQL support", package="psycopg", extra="postgres") from None
    return psycopg


@lru_cache(maxsize=256)
def _pg(sql: str) -> str:
    """`?` placeholders to psycopg's `%s` (rasd's SQL has no literal ? or %)."""
    return sql.replace("?", "%s")


def _lexeme(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(keys: DocumentKeys) -> str:
    """`'lexeme':pos,pos…weight …` for the three key kinds (positions are word numbers)."""
    positions: dict[str, list[str]] = {}
    for i, (a, b, c) in enumerate(zip(keys.surf, keys.stem, keys.skel, strict=True)):
        pos = min(i + 1, _MAX_POS)
        positions.setdefault(a, []).append(f"{pos}A")
        positions.setdefault("=" + b, []).append(f"{pos}B")
        if c:
            positions.setdefault("~" + c, []).append(f"{pos}C")
    return " ".join(f"{_lexeme(lex)}:{','.join(p[:256])}" for lex, p in positions.items())


def tsquery_literal(query: SearchQuery) -> str:
    groups = []
    for t in query.terms:
        surf, stem, skel = t.column_keys()
        alts = [_lexeme(k) for k in surf]
        alts += [_lexeme("=" + k) for k in stem]
        alts += [_lexeme("~" + k) for k in skel]
        groups.append("(" + " | ".join(alts) + ")")
    groups += [phrase_literal(run) for run in query.phrases]
    return " & ".join(groups)


def phrase_literal(run: Sequence[QueryTerm]) -> str:
    """The words adjacent and in order, by their surf keys or by their stems (tsvector positions
    are word numbers, the same for both)."""
    alts = ["(" + " <-> ".join(_lexeme(t.surf) for t in run) + ")"]
    if all(t.stem for t in run):
        alts.append("(" + " <-> ".join(_lexeme("=" + t.stem) for t in run) + ")")
    return "(" + " | ".join(alts) + ")"


class PostgresStore(SQLStore):
    dialect = "postgres"

    def __init__(self, url: str, *, create: bool = True) -> None:
        psycopg = _psycopg()
        super().__init__(url)
        self.db_errors = (psycopg.Error,)
        errors = psycopg.errors
        self.transient_errors = (errors.DeadlockDetected, errors.SerializationFailure, errors.UniqueViolation, errors.LockNotAvailable)
        # the server ended the session (a restart, a crash, pg_terminate_backend) or cannot take it
        self._lost_errors = (errors.AdminShutdown, errors.CrashShutdown, errors.CannotConnectNow, errors.ConnectionException,
                             errors.IdleSessionTimeout)
        self._full_errors = (errors.DiskFull,)
        self._failed_errors = (psycopg.OperationalError,)
        # a host that drops packets would hold a request (and its thread) for minutes otherwise
        timeout = {} if "connect_timeout" in url else {"connect_timeout": _CONNECT_TIMEOUT}
        try:
            self.conn = psycopg.connect(url, autocommit=True, **timeout)
        except psycopg.OperationalError as exc:
            raise DatabaseUnavailable(
                url=redacted_url(url), problem=str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__,
                fix="Is the server running, and do the host, port, user and database name in the URL exist?",
            ) from None
        enc = self.conn.execute("SHOW server_encoding").fetchone()[0]
        if enc.upper() not in ("UTF8", "UTF-8"):
            self.conn.close()
            raise DatabaseUnavailable(url=redacted_url(url), problem=f"the database encoding is {enc}, not UTF8", fix="Create it with ENCODING 'UTF8'.")
        # The planner's default prices a random page read at four sequential ones and does not price
        # reading a TOASTed tsvector at all: it matched a country's name (a fifth of the documents)
        # by detoasting every document's tsvector (0.4-0.5 s) rather than by the GIN index (25 ms).
        # A knowledge base lives in memory or on SSD; a search is short and many run at once, so a
        # parallel plan's start-up is not worth it.
        self.conn.execute("SET random_page_cost = 1.1")
        self.conn.execute("SET max_parallel_workers_per_gather = 0")
        self._tx: AbstractContextManager[Any] | None = None
        self._buffer: dict[str, tuple[str, list[Sequence[Any]]]] = {}
        self.migrate(create)

    def close(self) -> None:
        self.conn.close()

    def bulk_writer(self) -> BulkWriter:
        """A writer of many prepared documents at once, with COPY (`rasd load`)."""
        from rasd.store.bulkload import BulkWriter

        return BulkWriter(self)

    def connection_broken(self) -> bool:
        return self.conn.broken or self.conn.closed

    def fault_of(self, exc: BaseException) -> str | None:
        if isinstance(exc, self._lost_errors) or (isinstance(exc, self.db_errors) and self.connection_broken()):
            return "lost"
        if isinstance(exc, self._full_errors):
            return "full"
        return "failed" if isinstance(exc, self._failed_errors) else None

    # ------------------------------------------------------------------ primitives
    def _has_table(self, name: str) -> bool:
        return self.conn.execute("SELECT to_regclass(%s) IS NOT NULL", (name,)).fetchone()[0]

    # Inside a transaction, plain multi-row INSERTs are buffered per table and written with one
    # COPY per table when the transaction commits (or before any statement that reads a buffered
    # table): one round trip per table per batch of documents instead of one per row.
    def _flush(self) -> None:
        buffered, self._buffer = self._buffer, {}
        if not buffered:
            return
        with self.conn.cursor() as cur:
            for table, (cols, rows) in buffered.items():
                with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)

    def _reads_buffer(self, sql: str) -> bool:
        return any(re.search(rf"\b{t}\b", sql) for t in self._buffer)

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if self._buffer and self._reads_buffer(sql):
            self._flush()
        return self.conn.execute(_pg(sql), params)

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        m = _PLAIN_INSERT.match(sql)
        if m is not None and self._tx is not None:
            self._buffer.setdefault(m.group(1), (m.group(2), []))[1].extend(rows)
            return
        if self._buffer and self._reads_buffer(sql):
            self._flush()
        with self.conn.cursor() as cur:
            cur.executemany(_pg(sql), rows)

    def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        if self._buffer and self._reads_buffer(sql):
            self._flush()
        return self.conn.execute(_pg(sql), params).fetchall()

    def _begin(self) -> None:
        self._tx = self.conn.transaction()
        self._tx.__enter__()

    def _commit(self) -> None:
        self._flush()  # on failure, transaction() rolls back
        tx, self._tx = self._tx, None
        if tx is not None:
            tx.__exit__(None, None, None)

    def _rollback(self) -> None:
        self._buffer = {}
        tx, self._tx = self._tx, None
        if tx is not None:
            err = RuntimeError("rolled back")
            tx.__exit__(type(err), err, None)

    def _apply_migration(self, version: int, name: str, sql: str) -> bool:
        with self.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            if self.schema_version() >= version:
                return False
            self.conn.execute(sql)
            self._execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)", (version, name, now()))
        return True

    # ------------------------------------------------------------------ documents and the index
    def _insert_document(self, row: dict[str, Any], keys: DocumentKeys, bands: list[int], entities: list[tuple[Any, ...]]) -> int:
        # One round trip: the cluster, the row, its band keys from the doc_no it was given and the
        # entities. The foreign key from the row to its cluster is checked at the statement's end,
        # when the cluster row is there.
        cols = [*row, "search"]
        values = [*row.values(), tsvector_literal(keys)]
        marks = ", ".join(["?"] * len(row) + ["?::tsvector"])
        columns = [list(c) for c in zip(*entities, strict=True)] if entities else [[], [], [], []]
        return self._execute(
            f"WITH c AS ({CLUSTER_INSERT}), "
            f"d AS (INSERT INTO documents ({', '.join(cols)}) VALUES ({marks}) RETURNING doc_no), "
            "b AS (INSERT INTO minhash_bands (key, doc_no) SELECT k, d.doc_no FROM d, unnest(?::bigint[]) AS k), "
            "e AS (INSERT INTO entities (id, type, name, latin) SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) "
            f"{ENTITY_CONFLICT}) "
            "SELECT doc_no FROM d",
            (row["cluster_id"], row["ingested_at"], *values, bands, *columns),
        ).fetchone()[0]

    def _lookup(self, doc_id: str, bands: list[int] | None) -> tuple[tuple[Any, ...] | None, list[tuple[str, str, Any]]]:
        # One round trip for both (a stored version's doc_no in the id column, the first row).
        if bands is None:
            return super()._lookup(doc_id, None)
        rows = self._fetchall(
            "SELECT 0, doc_no::text, cluster_id, NULL::bytea FROM documents WHERE id = ? UNION ALL "
            f"SELECT 1, * FROM ({self._candidates_sql(bands)}) AS c",
            (doc_id, *bands, doc_id),
        )
        old = next(((int(r[1]), r[2]) for r in rows if r[0] == 0), None)
        return old, [r[1:] for r in rows if r[0] == 1]

    def _delete_rows(self, doc_no: int) -> None:
        self._flush()  # buffered rows may belong to this document
        self._execute("DELETE FROM documents WHERE doc_no = ?", (doc_no,))

    def _bonus_sql(self, query: SearchQuery, column: str = "search") -> tuple[str, list[Any]]:
        """PHRASE_BONUS for the documents with an unquoted query's words as a phrase (`column`: the tsvector)."""
        if not query.boost:
            return "0.0", []
        return f"CASE WHEN {column} @@ ?::tsquery THEN {PHRASE_BONUS} ELSE 0.0 END", [phrase_literal(query.boost)]

    def _match_sql(self, query: SearchQuery, ranked: bool = True, floor: int = 0) -> tuple[str, list[Any]]:
        """ts_rank reads the whole tsvector of each document it scores (a TOASTed value of
        kilobytes): scoring the 4,000 matches of a country's name took 0.3 s. So only the matches
        from doc_no `floor` on are scored (`rasd.store.ranking.RANKED` of them); the others score 0.
        Documents with an unquoted query's words as a phrase score PHRASE_BONUS more, all of them."""
        lit = tsquery_literal(query)
        if not ranked:
            return "SELECT doc_no, 0.0 AS score FROM documents WHERE search @@ ?::tsquery", [lit]
        bonus, params = self._bonus_sql(query)
        if floor <= 0:
            rank, ranks = "ts_rank(search, ?::tsquery)", [lit]
        else:
            rank, ranks = "CASE WHEN doc_no >= ? THEN ts_rank(search, ?::tsquery) ELSE 0.0 END", [int(floor), lit]
        return f"SELECT doc_no, {rank} + {bonus} AS score FROM documents WHERE search @@ ?::tsquery", [*ranks, *params, lit]

    def _match_condition(self, query: SearchQuery) -> tuple[str, list[Any]] | None:
        # the tsvector is a column of documents: joining the matches back to documents cost a
        # second lookup of each (counting 1,000 matches took 22 ms rather than 10)
        return "d.search @@ ?::tsquery", [tsquery_literal(query)]

    def _newest_scored_sql(self, query: SearchQuery, n: int) -> tuple[str, list[Any]]:
        # The n newest matches are picked from the GIN index's bitmap and sorted by doc_no; only they
        # are read and scored. `doc_no + 0` keeps the planner from walking the primary key
        # backwards and testing each document's tsvector instead: it expects the matches to be
        # spread evenly, but a name absent from the newest source's articles made that walk test
        # 9,000 tsvectors (75-245 ms against 5-10 ms).
        lit = tsquery_literal(query)
        bonus, params = self._bonus_sql(query, "d.search")
        return ("SELECT d.doc_no, d.id, d.published, d.cluster_id, ts_rank(d.search, ?::tsquery) + " + bonus
                + " FROM (SELECT doc_no FROM documents WHERE search @@ ?::tsquery ORDER BY doc_no + 0 DESC LIMIT ?) m "
                "JOIN documents d ON d.doc_no = m.doc_no", [lit, *params, lit, int(n)])

    def _data_version(self) -> Any:
        return self._scalar("SELECT MAX(doc_no) FROM documents")

    def _keys_in_step(self, doc_no: int, keys: DocumentKeys) -> bool:
        return bool(self._scalar("SELECT search = ?::tsvector FROM documents WHERE doc_no = ?", (tsvector_literal(keys), doc_no)))

    def _check_index(self) -> list[str]:
        return []  # the tsvector is a column of the documents row: nothing to check apart

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """A read-only REPEATABLE READ transaction: every query sees the snapshot of its first."""
        if self._tx is not None:  # inside the caller's transaction
            yield
            return
        with self.conn.transaction():
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield

    def _check_backend(self) -> list[str]:
        # PostgreSQL enforces foreign keys on every write, unless they were bypassed (a restore with
        # --disable-triggers, session_replication_role = replica): such orphans would otherwise go
        # unreported. The tsvector lives in the documents row.
        problems = []
        for table in _DOCUMENT_TABLES:
            n = int(self._scalar(f"SELECT COUNT(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc_no = t.doc_no)"))
            if n:
                problems.append(f"{n} rows in {table} whose document is missing (a foreign key was bypassed)")
        return problems


_DOCUMENT_TABLES = ("minhash_bands", "document_entities", "entity_aliases", "entity_titles", "mentions", "quotes", "events",
                    "event_participants", "relations", "story_members", "story_terms")

