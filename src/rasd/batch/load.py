"""Bulk-loading the Parquet output of `rasd batch` into a PostgreSQL knowledge base (`rasd load`).

The result is what `rasd ingest` of the same inputs would have stored, so `rasd serve` and every
query work on it unchanged; only the writing is different. Partitions are loaded in order, one
transaction each (a crash loses at most the partition in flight; running the load again
finishes the job):

1. The partition's `documents` rows are read; documents already stored with the same content hash
   are skipped (so loading twice adds nothing), a stored id with another hash is replaced (as
   ingest replaces an updated article), the same text twice is kept once.
2. Every row comes from the store's own functions: `rasd.store.rows.document_rows` (entity
   references are checked there), `document_row` and `table_rows` (the columns the store
   writes), with the search keys and MinHash signature the batch workers computed.
3. Near-duplicates join their story cluster exactly as `Store.put_document` links them: the
   candidates are the stored documents (one query for all of the partition's LSH band keys) and
   the partition's earlier documents, newest first, at most `dedup.MAX_CANDIDATES`.
4. The documents, band keys and per-document tables are sent with COPY straight into the store's
   tables (their `doc_no` reserved beforehand from the identity sequence); entities and clusters
   go through temporary staging tables and `INSERT … SELECT … ON CONFLICT`, which merges an
   entity seen in many documents under its stable id by the rule of `rows.ENTITY_UPSERT` (a
   stored entity keeps its type and name; a Latin name fills in when it had none).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rasd.batch.errors import BatchError, NotABatchOutput, NotPostgres
from rasd.batch.run import read_manifest
from rasd.batch.worker import MARKERS
from rasd.errors import RasdError
from rasd.store.base import safe_url
from rasd.store.rows import ENTITY_CONFLICT

__all__ = ["LoadSummary", "load"]

_STAGING = (
    "CREATE TEMP TABLE IF NOT EXISTS rasd_load_entities (seq INTEGER, id TEXT, type TEXT, name TEXT, latin TEXT) ON COMMIT DELETE ROWS",
    "CREATE TEMP TABLE IF NOT EXISTS rasd_load_clusters (id TEXT) ON COMMIT DELETE ROWS",
)

# rows.ENTITY_UPSERT applied to a whole partition at once: per id, the first type and name, the
# first Latin name given; a stored entity keeps its type and name and gains a missing Latin name.
_MERGE_ENTITIES = """
INSERT INTO entities (id, type, name, latin)
SELECT id, (array_agg(type ORDER BY seq))[1], (array_agg(name ORDER BY seq))[1],
       (array_agg(latin ORDER BY seq) FILTER (WHERE latin IS NOT NULL))[1]
FROM rasd_load_entities GROUP BY id
""" + ENTITY_CONFLICT

_DOC_COLUMNS = ["id", "text", "analysis", "content_hash", "minhash", "search_keys"]


@dataclass
class LoadSummary:
    out: str
    db: str
    partitions: int = 0  # loaded
    unfinished: int = 0  # planned but not finished by `rasd batch` (not loaded)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    same_text: int = 0
    duplicates: int = 0  # added or updated documents linked to an existing story
    failed: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.added + self.updated + self.unchanged + self.same_text + self.failed

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["documents"] = self.documents
        d["rate"] = round(self.rate, 1)
        return d

    def report(self, max_failures: int = 20) -> str:
        lines = [
            f"loaded {self.partitions} partitions of {self.out} into {self.db}: {self.documents} documents in {self.seconds:.1f} s "
            f"({self.rate:.0f}/s): {self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.duplicates} near-duplicates linked to a story, {self.failed} failed"
            + (f", {self.same_text} skipped (same text already stored)" if self.same_text else "")
        ]
        if self.unfinished:
            lines.append(f"  {self.unfinished} partitions are not finished: rerun `rasd batch` into {self.out}, then load again.")
        for f in self.failures[:max_failures]:
            lines.append(f"  failed: {f}")
        if len(self.failures) > max_failures:
            lines.append(f"  … and {len(self.failures) - max_failures} more failures")
        return "\n".join(lines)


@dataclass(slots=True)
class _Doc:
    """One document to load: rebuilt from its analysis, its store rows, and what the workers computed."""

    doc: Any
    rows: Any
    content_hash: str
    packed: bytes | None  # MinHash signature as stored
    sig: Any  # the same as an array (None when the body is too short to cluster)
    keys: bytes  # packed search keys
    bands: list[int] = field(default_factory=list)
    cluster: str = ""
    linked: bool = False


def _read_documents(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return pq.read_table(path, columns=_DOC_COLUMNS).to_pylist()


class _Loader:
    def __init__(self, store: Any, summary: LoadSummary) -> None:
        from rasd.store.sql import now

        self.store = store
        self.conn = store.conn
        self.summary = summary
        self.now = now
        for sql in _STAGING:
            self.conn.execute(sql)

    def _copy(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _select(self, rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, tuple[int, str]]]:
        """The rows to write (in order), and the stored documents they replace (id → doc_no, cluster)."""
        from rasd.model import content_id

        ids = list(dict.fromkeys(r["id"] for r in rows))
        stored = {
            i: (h, n, c)
            for i, h, n, c in self.conn.execute(
                "SELECT id, content_hash, doc_no, cluster_id FROM documents WHERE id = ANY(%s)", (ids,)
            ).fetchall()
        }
        chosen: dict[str, dict[str, Any]] = {}
        for r in rows:
            text_id = r["id"] == content_id(r["text"])
            earlier = chosen.get(r["id"])
            if earlier is not None:
                if earlier["content_hash"] == r["content_hash"] or text_id:
                    self.summary.same_text += 1
                    continue
                del chosen[r["id"]]  # the same explicit id twice: the later record wins (it updates the earlier)
                self.summary.updated += 1
            old = stored.get(r["id"])
            if old is not None:
                if old[0] == r["content_hash"]:
                    self.summary.unchanged += 1
                    continue
                if text_id:
                    self.summary.same_text += 1
                    continue
            chosen[r["id"]] = r
        replaced = {i: (stored[i][1], stored[i][2]) for i in chosen if i in stored}
        return list(chosen.values()), replaced

    def _clusters(self, docs: list[_Doc]) -> None:
        """Give each document its story cluster as put_document would, one after the other."""
        from rasd.store import dedup

        for d in docs:
            d.bands = sorted(set(dedup.band_keys(d.sig))) if d.sig is not None else []
        keys = sorted({k for d in docs for k in d.bands})
        by_key: dict[int, list[int]] = {}
        stored: dict[int, tuple[str, str, bytes]] = {}
        if keys:
            for key, doc_no, doc_id, cluster, packed in self.conn.execute(
                "SELECT b.key, d.doc_no, d.id, d.cluster_id, d.minhash FROM minhash_bands b "
                "JOIN documents d ON d.doc_no = b.doc_no WHERE b.key = ANY(%s)",
                (keys,),
            ).fetchall():
                by_key.setdefault(key, []).append(doc_no)
                stored[doc_no] = (doc_id, cluster, packed)
        fresh: dict[int, list[int]] = {}  # band key → positions of this partition's earlier documents
        for pos, d in enumerate(docs):
            d.cluster = d.doc.id
            if not d.bands:
                continue
            # newest first, as put_document's candidates: this partition's earlier documents, then
            # the stored ones by descending doc_no
            new = sorted({p for k in d.bands for p in fresh.get(k, ())}, reverse=True)
            old = sorted({n for k in d.bands for n in by_key.get(k, ())}, reverse=True)
            cands = [(docs[p].doc.id, docs[p].cluster, docs[p].packed) for p in new] + [stored[n] for n in old]
            match = dedup.best_match(d.sig, cands[: dedup.MAX_CANDIDATES])
            if match:
                d.cluster, d.linked = match[1], True
            for k in d.bands:
                fresh.setdefault(k, []).append(pos)

    def load_partition(self, path: Path) -> None:
        from rasd.serialize import from_dict
        from rasd.store import dedup
        from rasd.store.rows import document_rows

        records = _read_documents(path)
        with self.conn.transaction():
            rows, replaced = self._select(records)
            if not rows:
                return
            old_entities: list[str] = []
            if replaced:
                old_nos = [n for n, _c in replaced.values()]
                old_entities = [e for (e,) in self.conn.execute(
                    "SELECT DISTINCT entity_id FROM document_entities WHERE doc_no = ANY(%s)", (old_nos,)).fetchall()]
                self.conn.execute("DELETE FROM documents WHERE doc_no = ANY(%s)", (old_nos,))
            docs: list[_Doc] = []
            for r in rows:
                try:
                    doc = from_dict({**json.loads(r["analysis"]), "text": r["text"]}, where=f"document {r['id']} in {path}")
                    docs.append(_Doc(doc, document_rows(doc), r["content_hash"], r["minhash"], dedup.unpack(r["minhash"]), r["search_keys"]))
                except RasdError as exc:
                    self.summary.failed += 1
                    self.summary.failures.append(f"document {r['id']}: not stored: {exc}")
            if docs:
                self._clusters(docs)
                doc_nos = sorted(n for (n,) in self.conn.execute(
                    "SELECT nextval(pg_get_serial_sequence('documents', 'doc_no')) FROM generate_series(1, %s)", (len(docs),)).fetchall())
                self._write(docs, doc_nos, self.now())
            self.store.collect_garbage(old_entities, sorted({c for _n, c in replaced.values()}))
        for d in docs:
            if d.doc.id in replaced:
                self.summary.updated += 1
            else:
                self.summary.added += 1
            self.summary.duplicates += d.linked

    def _write(self, docs: list[_Doc], doc_nos: list[int], stamp: str) -> None:
        from rasd.store.postgres import tsvector_literal
        from rasd.store.rows import document_row, table_rows
        from rasd.store.search import DocumentKeys

        with self.conn.cursor() as cur:
            with cur.copy("COPY rasd_load_clusters (id) FROM STDIN") as copy:
                for d in docs:
                    copy.write_row((d.cluster,))
            cur.execute("INSERT INTO clusters (id, created_at) SELECT DISTINCT id, %s FROM rasd_load_clusters ON CONFLICT (id) DO NOTHING", (stamp,))
            with cur.copy("COPY rasd_load_entities (seq, id, type, name, latin) FROM STDIN") as copy:
                seq = 0
                for d in docs:
                    for e in d.rows.entities:
                        copy.write_row((seq, *e))
                        seq += 1
            cur.execute(_MERGE_ENTITIES)
        documents: list[tuple[Any, ...]] = []
        columns: tuple[str, ...] = ()
        bands: list[tuple[int, int]] = []
        tables: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {}
        for d, no in zip(docs, doc_nos, strict=True):
            keys = DocumentKeys.unpack(d.keys)
            row = document_row(d.doc, d.content_hash, d.cluster, d.packed, keys, stamp)
            columns = ("doc_no", *row, "search")
            documents.append((no, *row.values(), tsvector_literal(keys)))
            bands += [(k, no) for k in d.bands]
            for table, (cols, values) in table_rows(no, d.cluster, d.rows).items():
                tables.setdefault(table, (cols, []))[1].extend(values)
        self._copy("documents", columns, documents)
        if bands:
            self._copy("minhash_bands", ("key", "doc_no"), bands)
        for table, (cols, values) in tables.items():
            self._copy(table, cols, values)


def load(
    out: str | os.PathLike[str],
    db_url: str,
    *,
    progress: Callable[[LoadSummary], None] | None = None,
) -> LoadSummary:
    """Load every finished partition of the batch output `out` into the PostgreSQL store at
    `db_url` (created and migrated when new). Loading again adds nothing; see the module docs."""
    from rasd.store import is_postgres_url, open_store

    root = Path(out)
    manifest = read_manifest(root)
    if not is_postgres_url(db_url):
        raise NotPostgres(url=db_url)
    summary = LoadSummary(str(root), safe_url(db_url))
    names = [p["name"] for p in manifest["partitions"]]
    ready = [n for n in names if (root / MARKERS / f"{n}.json").exists() and (root / "documents" / f"{n}.parquet").exists()]
    summary.unfinished = len(names) - len(ready)
    if not ready and names:
        raise NotABatchOutput(path=str(root), problem="no partition is finished yet")
    started = time.perf_counter()
    with open_store(db_url) as store:
        from rasd.store.sql import SCHEMA_VERSION

        version = store.schema_version()
        if version != SCHEMA_VERSION:  # open_store migrates; an older rasd meeting a newer schema fails there
            raise BatchError(message=f"{summary.db}: the store has schema version {version}, not {SCHEMA_VERSION}. "
                                     "Run any rasd command on it with this version of rasd to migrate it, then load again.")
        loader = _Loader(store, summary)
        for name in ready:
            try:
                loader.load_partition(root / "documents" / f"{name}.parquet")
            except store.db_errors as exc:
                raise BatchError(message=f"{name}: the database refused the load ({type(exc).__name__}: {exc}). Nothing of this "
                                         "partition was written and earlier partitions stay loaded; fix the cause and run rasd load again.") from exc
            summary.partitions += 1
            summary.seconds = time.perf_counter() - started
            if progress is not None:
                progress(summary)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary
