"""What a document is stored as, computed before any database is touched.

`prepare(doc)` gives every row, the search keys (and their packed form), the MinHash signature
(and its LSH band keys) and the compressed analysis of a document: everything `SQLStore.put_document` writes that does not depend on the
database. `rasd ingest --workers N` prepares documents in its worker processes and sends them
back without their tokens and sentences (nothing left to compute needs them: the rows, keys and
compressed analysis are made), so the one process that writes only runs SQL.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from rasd.io.bounds import check_document
from rasd.model import Document
from rasd.store import dedup
from rasd.store.rows import DocumentRows, analysis_blob, document_rows
from rasd.store.search import DocumentKeys, document_keys

__all__ = ["Prepared", "prepare"]


@dataclass(slots=True)
class Prepared:
    doc: Document  # for its id, metadata and text (its tokens may have been dropped)
    rows: DocumentRows
    keys: DocumentKeys
    signature: Any  # numpy uint32[NUM_PERM], or None for a text too short to cluster
    analysis: bytes  # `rows.analysis_blob(doc)`, made before the document was lightened
    packed_keys: bytes  # `keys.pack()`: what documents.search_keys holds
    bands: list[int]  # the signature's LSH band keys (`dedup.band_keys`), distinct and sorted

    @property
    def id(self) -> str:
        return self.doc.id

    def light(self) -> Prepared:
        """The same, with a copy of the document without tokens and sentences (cheap to pickle)."""
        return dataclasses.replace(self, doc=dataclasses.replace(self.doc, tokens=[], sentences=[]))


def prepare(doc: Document, signature: Any = None) -> Prepared:
    """Raises `BadRecord` (E005) when a field of the document cannot be stored alike on both back
    ends (`rasd.io.bounds.check_document`: a missing id, a url that is not a string, a NUL
    character, ...), `BadReference` when a mention names an entity the document does not list."""
    if not isinstance(doc, Document):
        raise TypeError(f"a store keeps Documents, not {type(doc).__name__}")
    check_document(doc, f"document {doc.id!r}")
    rows = document_rows(doc)  # validates before anything is written
    keys = document_keys(doc)
    sig = signature if signature is not None else dedup.signature(doc, keys)
    bands = sorted(set(dedup.band_keys(sig))) if sig is not None else []
    return Prepared(doc, rows, keys, sig, analysis_blob(doc), keys.pack(), bands)
