"""Many prepared documents written into PostgreSQL at once with COPY (`rasd load`).

The rows are the row builder's (`rasd.store.prepare`), so what is stored is what
`Store.put_document` stores: the documents, band keys and per-document tables are sent with COPY
straight into the store's tables (their `doc_no` reserved beforehand from the identity
sequence); entities and clusters go through temporary staging tables and `INSERT … SELECT … ON
CONFLICT`, which merges an entity seen in many documents under its stable id by the rule of
`rows.ENTITY_UPSERT` (a stored entity keeps its type and name; a Latin name fills in when it had
none). Near-duplicates join their story cluster as `put_document` links them: the candidates are
the stored documents (one query for all the band keys) and the earlier documents of the same
call, newest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rasd.store.prepare import Prepared
from rasd.store.rows import ENTITY_CONFLICT
from rasd.store.sql import now

if TYPE_CHECKING:
    from rasd.store.postgres import PostgresStore

__all__ = ["BulkWriter"]

_STAGING = (
    "CREATE TEMP TABLE IF NOT EXISTS rasd_load_entities (seq INTEGER, id TEXT, type TEXT, name TEXT, latin TEXT) ON COMMIT DELETE ROWS",
    "CREATE TEMP TABLE IF NOT EXISTS rasd_load_clusters (id TEXT) ON COMMIT DELETE ROWS",
)

# rows.ENTITY_UPSERT applied to many documents at once: per id, the first type and name, the
# first Latin name given; a stored entity keeps its type and name and gains a missing Latin name.
_MERGE_ENTITIES = """
INSERT INTO entities (id, type, name, latin)
SELECT id, (array_agg(type ORDER BY seq))[1], (array_agg(name ORDER BY seq))[1],
       (array_agg(latin ORDER BY seq) FILTER (WHERE latin IS NOT NULL))[1]
FROM rasd_load_entities GROUP BY id
""" + ENTITY_CONFLICT


class BulkWriter:
    """Writes lists of prepared documents into one PostgreSQL store; every call runs inside the
    caller's `store.transaction()`."""

    def __init__(self, store: PostgresStore) -> None:
        self.store = store
        self.conn = store.conn
        for sql in _STAGING:
            self.conn.execute(sql)

    def stored(self, ids: Sequence[str]) -> dict[str, tuple[str, int, str]]:
        """id → (content hash, doc_no, cluster) of those of `ids` that are stored."""
        return {
            i: (h, n, c)
            for i, h, n, c in self.conn.execute(
                "SELECT id, content_hash, doc_no, cluster_id FROM documents WHERE id = ANY(%s)", (list(ids),)
            ).fetchall()
        }

    def delete(self, doc_nos: Sequence[int]) -> tuple[list[str], list[str]]:
        """Delete the documents `doc_nos` (replaced by new versions); their entities and clusters,
        to collect once the new versions are written (`write`'s `garbage`)."""
        if not doc_nos:
            return [], []
        entities = [e for (e,) in self.conn.execute(
            "SELECT DISTINCT entity_id FROM document_entities WHERE doc_no = ANY(%s)", (list(doc_nos),)).fetchall()]
        clusters = [c for (c,) in self.conn.execute(
            "SELECT DISTINCT cluster_id FROM documents WHERE doc_no = ANY(%s)", (list(doc_nos),)).fetchall()]
        self.conn.execute("DELETE FROM documents WHERE doc_no = ANY(%s)", (list(doc_nos),))
        return entities, clusters

    def write(self, items: Sequence[tuple[Prepared, str]]) -> list[bool]:
        """Store (prepared document, content hash) pairs in their order; for each, whether it was
        linked to an existing story cluster."""
        if not items:
            return []
        clusters = self._clusters([p for p, _h in items])
        doc_nos = sorted(n for (n,) in self.conn.execute(
            "SELECT nextval(pg_get_serial_sequence('documents', 'doc_no')) FROM generate_series(1, %s)", (len(items),)).fetchall())
        self._write(items, clusters, doc_nos, now())
        for (p, _h), (_cluster, dup), no in zip(items, clusters, doc_nos, strict=True):
            self.store._link_story(no, p.id, p.story, dup)  # one after the other: each may join the one before
        return [dup is not None for _c, dup in clusters]

    def _copy(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _clusters(self, docs: list[Prepared]) -> list[tuple[str, str | None]]:
        """(cluster, near-duplicate) of each document as put_document would give, one after the other."""
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
        fresh: dict[int, list[int]] = {}  # band key → positions of the earlier documents of this call
        out: list[tuple[str, str | None]] = []
        packed = [d.packed_signature for d in docs]
        for pos, d in enumerate(docs):
            # newest first, as put_document's candidates: this call's earlier documents, then the
            # stored ones by descending doc_no
            new = sorted({p for k in d.bands for p in fresh.get(k, ())}, reverse=True)
            old = sorted({n for k in d.bands for n in by_key.get(k, ())}, reverse=True)
            cands = [(docs[p].id, out[p][0], packed[p]) for p in new] + [stored[n] for n in old]
            out.append(d.link(cands) if d.bands else (d.id, None))
            for k in d.bands:
                fresh.setdefault(k, []).append(pos)
        return out

    def _write(self, items: Sequence[tuple[Prepared, str]], clusters: list[tuple[str, str | None]], doc_nos: list[int],
               stamp: str) -> None:
        from rasd.store.postgres import tsvector_literal

        with self.conn.cursor() as cur:
            with cur.copy("COPY rasd_load_clusters (id) FROM STDIN") as copy:
                for cluster, _dup in clusters:
                    copy.write_row((cluster,))
            cur.execute("INSERT INTO clusters (id, created_at) SELECT DISTINCT id, %s FROM rasd_load_clusters ON CONFLICT (id) DO NOTHING", (stamp,))
            with cur.copy("COPY rasd_load_entities (seq, id, type, name, latin) FROM STDIN") as copy:
                seq = 0
                for p, _h in items:
                    for e in p.rows.entities:
                        copy.write_row((seq, *e))
                        seq += 1
            cur.execute(_MERGE_ENTITIES)
        documents: list[tuple[Any, ...]] = []
        columns: tuple[str, ...] = ()
        bands: list[tuple[int, int]] = []
        tables: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {}
        for (p, chash), (cluster, _dup), no in zip(items, clusters, doc_nos, strict=True):
            row = p.document_row(chash, cluster, stamp)
            columns = ("doc_no", *row, "search")
            documents.append((no, *row.values(), tsvector_literal(p.keys)))
            bands += [(k, no) for k in p.bands]
            for table, (cols, values) in p.table_rows(no, cluster).items():
                tables.setdefault(table, (cols, []))[1].extend(values)
        self._copy("documents", columns, documents)
        if bands:
            self._copy("minhash_bands", ("key", "doc_no"), bands)
        for table, (cols, values) in tables.items():
            self._copy(table, cols, values)
