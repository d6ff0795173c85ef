"""The row builder: what a document is stored as, computed before any database is touched.

`prepare(doc)` gives every row, the search keys (and their packed form), the MinHash signature
(and its LSH band keys) and the compressed analysis of a document, and its top-story profile: everything
`SQLStore.put_document` writes that does not depend on the database. `store_columns(doc)` gives
the columns `rasd batch` writes with a document (its hash, packed signature and packed keys) and
`from_columns` turns them back into a `Prepared` without computing them again, for `rasd load`.
Every writer builds its rows here (`Prepared.document_row`, `Prepared.table_rows`) and links a
document to its story cluster by `Prepared.link`. `rasd ingest --workers N` prepares documents in its worker processes and sends them
back without their tokens and sentences (nothing left to compute needs them: the rows, keys and
compressed analysis are made), so the one process that writes only runs SQL. An event's row
carries the key of the happening it reports (`rasd.store.happening`, re-exported here for the
batch tables).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rasd.bounds import check_document
from rasd.model import Document
from rasd.store import dedup, stories
from rasd.store.happening import ACTOR_ROLES, happening_key
from rasd.store.rows import DocumentRows, analysis_blob, content_hash, document_row, document_rows, table_rows
from rasd.store.search import DocumentKeys, document_keys

__all__ = ["ACTOR_ROLES", "Prepared", "content_hash", "from_columns", "happening_key", "prepare", "store_columns"]


@dataclass(slots=True)
class Prepared:
    doc: Document  # for its id, metadata and text (its tokens may have been dropped)
    rows: DocumentRows
    keys: DocumentKeys
    signature: Any  # numpy uint32[NUM_PERM], or None for a text too short to cluster
    analysis: bytes  # `rows.analysis_blob(doc)`, made before the document was lightened
    packed_keys: bytes  # `keys.pack()`: what documents.search_keys holds
    bands: list[int]  # the signature's LSH band keys (`dedup.band_keys`), distinct and sorted
    story: stories.Profile  # what it is compared by to join a top story (`rasd.store.stories`)

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def packed_signature(self) -> bytes | None:
        return dedup.pack(self.signature)

    def document_row(self, chash: str, cluster: str, stamp: str) -> dict[str, Any]:
        """The `documents` row (`rasd.store.rows.document_row`), stored at time `stamp`."""
        return document_row(self.doc, chash, cluster, self.packed_signature, self.keys, stamp, self.analysis, self.packed_keys)

    def table_rows(self, doc_no: int, cluster: str) -> dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]:
        """The rows of the per-document tables once the document has its `doc_no`."""
        return table_rows(doc_no, cluster, self.rows)

    def link(self, candidates: Sequence[tuple[str, str, Any]]) -> tuple[str, str | None]:
        """(story cluster, the near-duplicate that gave it, or None): the cluster of the most similar
        of `candidates` (id, cluster, packed signature; newest first, the first
        `dedup.MAX_CANDIDATES` compared), else a cluster of its own, named by its id."""
        if self.signature is not None:
            match = dedup.best_match(self.signature, candidates[: dedup.MAX_CANDIDATES])
            if match:
                return match[1], match[0]
        return self.doc.id, None

    def light(self) -> Prepared:
        """The same, with a copy of the document without tokens and sentences (cheap to pickle)."""
        return dataclasses.replace(self, doc=dataclasses.replace(self.doc, tokens=[], sentences=[]))


def prepare(doc: Document, signature: Any = None) -> Prepared:
    """Raises `BadRecord` (E005) when a field of the document cannot be stored alike on both back
    ends (`rasd.bounds.check_document`: a missing id, a url that is not a string, a NUL
    character, ...), `BadReference` when a mention names an entity the document does not list."""
    if not isinstance(doc, Document):
        raise TypeError(f"a store keeps Documents, not {type(doc).__name__}")
    check_document(doc, f"document {doc.id!r}")
    rows = document_rows(doc)  # validates before anything is written
    keys = document_keys(doc)
    sig = signature if signature is not None else dedup.signature(doc, keys)
    bands = sorted(set(dedup.band_keys(sig))) if sig is not None else []
    return Prepared(doc, rows, keys, sig, analysis_blob(doc), keys.pack(), bands, stories.profile(doc, keys.stem, keys.starts))


def store_columns(doc: Document) -> tuple[str, bytes | None, bytes]:
    """The content hash, packed MinHash signature and packed search keys stored with `doc`
    (computed where its tokens are at hand: `rasd batch` workers)."""
    keys = document_keys(doc)
    return content_hash(doc), dedup.pack(dedup.signature(doc, keys)), keys.pack()


def from_columns(doc: Document, packed_signature: bytes | None, packed_keys: bytes) -> Prepared:
    """`prepare(doc)` from the columns `store_columns` made, without computing them again. Raises
    `BadReference` when a mention names an entity the document does not list."""
    rows = document_rows(doc)
    sig = dedup.unpack(packed_signature)
    bands = sorted(set(dedup.band_keys(sig))) if sig is not None else []
    keys = DocumentKeys.unpack(packed_keys)
    return Prepared(doc, rows, keys, sig, analysis_blob(doc), packed_keys, bands, stories.profile(doc, keys.stem, keys.starts))
