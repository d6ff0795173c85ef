"""The last two steps of an ingest: prepare each analysed document (`rasd.store.prepare`) and
write it through the Store interface, in batches of one transaction each.

A batch commits every `size` documents, or once its first document has waited `seconds`. When a
batch fails, its documents are written again one transaction each, so only the bad one is lost;
a document is counted only once its transaction committed. Entities are merged first, all at
once in the order of their ids (the lock order every writer uses), and a transaction that
another writer got in the way of is rerun (`Store.retrying`).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from rasd.errors import RasdError
from rasd.ingest.summary import IngestSummary
from rasd.model import Document
from rasd.store import PutResult, Store
from rasd.store.prepare import Prepared, prepare

__all__ = ["Batch", "write_all"]


class Batch:
    def __init__(self, store: Store, summary: IngestSummary, size: int, force: bool = False, seconds: float = 5.0) -> None:
        self.store = store
        self.summary = summary
        self.size = size
        self.seconds = seconds
        self.force = force
        self.opened = 0.0  # time.monotonic() when the first document of the batch came
        self.items: list[tuple[Document | Prepared, str]] = []  # (document or Prepared, content hash)
        self.pending: dict[str, str] = {}  # id → hash of what waits in this batch
        self.db_errors: tuple[type[Exception], ...] = store.db_errors

    def add(self, doc: Document | Prepared, chash: str) -> None:
        if not self.items:
            self.opened = time.monotonic()
        self.items.append((doc, chash))
        self.pending[doc.id] = chash
        if len(self.items) >= self.size or self.due():
            self.flush()

    def due(self) -> bool:
        """Whether the batch's first document has waited `seconds` (it is committed then)."""
        return bool(self.items) and time.monotonic() - self.opened >= self.seconds

    def _count(self, result: PutResult | None) -> None:
        if result is None:
            self.summary.unchanged += 1
        elif result.status == "added":
            self.summary.added += 1
        else:
            self.summary.updated += 1
        if result is not None and result.duplicate_of is not None:
            self.summary.duplicates += 1

    def _fail(self, doc_id: str, exc: Exception) -> None:
        self.summary.fail(f"document {doc_id}", f"not stored: {exc}")

    def _write(self, items: list[tuple[Prepared, str]], attempt: int) -> list[PutResult | None]:
        """Store `items` in the open transaction: their entities first, all at once in the order of
        their ids, then each document. On a rerun (another writer's transaction got in the way), a
        document that writer stored meanwhile with the same content is left as it is (None)."""
        self.store.merge_entities([e for p, _h in items for e in p.rows.entities])
        out: list[PutResult | None] = []
        for p, h in items:
            if attempt and not self.force and self.store.content_hash(p.id) == h:
                out.append(None)
            else:
                out.append(self.store.put_document(p, h))
        return out

    def flush(self) -> None:
        if not self.items:
            return
        items, self.items, self.pending = self.items, [], {}
        ready: list[tuple[Prepared, str]] = []
        for d, h in items:  # prepared here unless a worker did: a bad document is refused alone
            try:
                ready.append((d if isinstance(d, Prepared) else prepare(d), h))
            except RasdError as exc:
                self._fail(d.id, exc)
        try:
            results = self.store.retrying(lambda attempt: self._write(ready, attempt))
        except (RasdError, *self.db_errors):
            results = []
            for item in ready:  # one transaction each: only the bad document is lost
                try:
                    result = self.store.retrying(lambda attempt, item=item: self._write([item], attempt))
                except (RasdError, *self.db_errors) as exc:
                    self._fail(item[0].id, exc)
                else:  # counted only once committed (a failed commit, e.g. a full disk, counted it twice)
                    results += result
        for r in results:
            self._count(r)


def write_all(store: Store, docs: Sequence[Document]) -> list[dict[str, Any]]:
    """Prepare and store `docs` in one transaction (all or nothing: a bad one raises and nothing
    is written); the outcome of each, in order: id, status (added, updated), cluster, duplicate_of."""
    prepared = [prepare(d) for d in docs]  # every document is checked before anything is written
    out = []
    with store.transaction():
        for p in prepared:
            r = store.put_document(p)
            out.append({"id": p.id, "status": r.status, "cluster": r.cluster, "duplicate_of": r.duplicate_of})
    return out
