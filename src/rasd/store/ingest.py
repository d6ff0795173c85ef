"""Ingest: paths → documents → analysis → store, idempotent and safe to interrupt.

- Every input record is read by `rasd.io` (txt, json, jsonl, html, RSS/Atom, zip, directories);
  a bad record or file is counted as failed with its reason and the rest go on.
- A content hash (text, title, date, source, url, meta) makes a re-ingest a no-op: a record whose
  id is stored with the same hash is "unchanged" and is not even analysed. A record whose id is
  stored with another hash is an updated article: its new analysis replaces the old one in one
  transaction. (When the id is derived from the text itself, a different hash means another
  record with the same text, e.g. the same article listed twice; it is skipped as "same text".)
- Documents are written in batches (500 by default), one transaction per batch (all or nothing): fewer,
  larger commits cost less (SQLite's full-text segments and WAL checkpoints). A batch is also
  committed once its first document has waited `batch_seconds` (5 by default), so a slow
  analysis still commits every few seconds and an ingest stopped again and again (a job killed
  at a time limit) keeps what it did. When a batch
  fails, its documents are retried one transaction each so only the bad one is lost. A kill or
  Ctrl-C loses at most the batch in flight, never leaves half a document, and rerunning the
  same command finishes the job.
- Several ingests may write into one PostgreSQL database at once: a batch locks its entity
  rows first, in the order of their ids (as every statement does), and a transaction that fails
  on a deadlock, a serialization failure or a unique-key race (another writer storing the same
  id) is rerun after a growing pause (`Store.retrying`); a document the other writer stored
  meanwhile with the same content is then counted unchanged.
- Ids: a record's own `id`; else, for a .txt file (or zip member), its name without the
  suffix; else the first 16 hex digits of the SHA-256 of its text (HTML pages and feed entries:
  of their URL or entry id). Two files of one run whose names give one id are an error (E009)
  naming both; the second is not stored.
- Near-duplicates are linked to story clusters as each document is stored (rasd.store.dedup).
"""

from __future__ import annotations

import gc
import os
import pickle
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rasd.errors import IdCollision, InputError, RasdError
from rasd.io.bounds import check_document
from rasd.model import Document, content_id
from rasd.store.base import Store
from rasd.store.prepare import Prepared, prepare
from rasd.store.rows import content_hash

__all__ = ["Failure", "IngestSummary", "few_collections", "ingest", "read_inputs"]

# Cyclic garbage collection during an ingest: a collection of the young objects after 100,000
# allocations instead of 700 and a full one rarely. An article allocates hundreds of thousands of
# short-lived objects, almost none in reference cycles, while the word caches hold millions that
# every full collection walks again. Measured on 6,000 SaudiNewsNet articles (gc.callbacks): the
# collector's time went from 0.75-0.89 to 0.12-0.18 ms an article.
_GC_THRESHOLDS = (100_000, 50, 1000)


@contextmanager
def few_collections() -> Iterator[None]:
    """Freeze what exists (the loaded pipeline: never collected again) and collect rarely until
    the block ends; the previous thresholds are restored after it."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


@dataclass(slots=True)
class Failure:
    where: str
    reason: str


@dataclass
class IngestSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    same_text: int = 0  # skipped: the same text is stored under the same (text-derived) id
    duplicates: int = 0  # added or updated documents linked to an existing story cluster
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    analysed: int = 0

    @property
    def records(self) -> int:
        return self.added + self.updated + self.unchanged + self.same_text + self.failed

    @property
    def rate(self) -> float:
        """Records handled per second."""
        return self.records / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["records"] = self.records
        d["rate"] = round(self.rate, 1)
        return d

    def report(self, max_failures: int = 50) -> str:
        lines = [
            f"{self.records} records in {self.seconds:.1f} s ({self.rate:.1f}/s): "
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.duplicates} near-duplicates linked to a story, {self.failed} failed"
            + (f", {self.same_text} skipped (same text already stored)" if self.same_text else "")
        ]
        for f in self.failures[:max_failures]:
            lines.append(f"  failed: {f.reason}" if f.reason.find(f.where) >= 0 else f"  failed: {f.where}: {f.reason}")
        if len(self.failures) > max_failures:
            lines.append(f"  … and {len(self.failures) - max_failures} more failures")
        return "\n".join(lines)


def read_inputs(paths: Iterable[str | Path], encoding: str | None = None, published: str | None = None) -> Iterator[Document | InputError]:
    """Every record of every path (files of any kind rasd reads, or directories of them)."""
    from rasd.io.archives import read_directory
    from rasd.io.readers import read_path

    for path in paths:
        if str(path) != "-" and Path(path).is_dir():
            yield from read_directory(path, encoding=encoding, published=published)
        else:
            yield from read_path(path, encoding=encoding, published=published)


def _where(exc: RasdError) -> str:
    d = exc.details
    return str(d.get("where") or d.get("path") or "")


def _checked(doc: Document, named: dict[str, str]) -> Document | InputError:
    """`doc`, or the error that refuses it: fields that cannot be hashed or stored
    (`rasd.io.bounds.check_document`), or an id that another file's name gave in this run."""
    try:
        check_document(doc, doc.id_from or f"document {doc.id}")
    except InputError as exc:
        return exc
    if doc.id_from is not None:
        first = named.setdefault(doc.id, doc.id_from)
        if os.path.normpath(first) != os.path.normpath(doc.id_from):  # the same file given twice is no collision
            return IdCollision(where=doc.id_from, id=doc.id, first=first)
    return doc


class _Batch:
    def __init__(self, store: Store, summary: IngestSummary, size: int, force: bool = False, seconds: float = 5.0) -> None:
        self.store = store
        self.summary = summary
        self.size = size
        self.seconds = seconds
        self.force = force
        self.opened = 0.0  # time.monotonic() when the first document of the batch came
        self.items: list[tuple[Any, str, Any]] = []  # (Document or Prepared, hash, signature)
        self.pending: dict[str, str] = {}  # id → hash of what waits in this batch
        self.db_errors: tuple[type[Exception], ...] = getattr(store, "db_errors", ())

    def add(self, doc: Any, chash: str, sig: Any) -> None:
        if not self.items:
            self.opened = time.monotonic()
        self.items.append((doc, chash, sig))
        self.pending[doc.id] = chash
        if len(self.items) >= self.size or self.due():
            self.flush()

    def due(self) -> bool:
        """Whether the batch's first document has waited `seconds` (it is committed then)."""
        return bool(self.items) and time.monotonic() - self.opened >= self.seconds

    def _count(self, result: Any) -> None:
        if result is None:
            self.summary.unchanged += 1
        elif result.status == "added":
            self.summary.added += 1
        else:
            self.summary.updated += 1
        if result is not None and result.duplicate_of is not None:
            self.summary.duplicates += 1

    def _fail(self, doc_id: str, exc: Exception) -> None:
        self.summary.failed += 1
        self.summary.failures.append(Failure(f"document {doc_id}", f"not stored: {exc}"))

    def _write(self, items: list[tuple[Prepared, str]], attempt: int) -> list[Any]:
        """Store `items` in the open transaction: their entities first, all at once in the order of
        their ids, then each document. On a rerun (another writer's transaction got in the way), a
        document that writer stored meanwhile with the same content is left as it is (None)."""
        self.store.merge_entities([e for p, _h in items for e in p.rows.entities])
        out = []
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
        for d, h, s in items:  # prepared here unless a worker did: a bad document is refused alone
            try:
                ready.append((d if isinstance(d, Prepared) else prepare(d, s), h))
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
                else:  # counted only once committed (issue 9: a failed commit, e.g. a full disk, counted it twice)
                    results += result
        for r in results:
            self._count(r)


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    pipeline: Callable[[Document], Document] | None = None,
    encoding: str | None = None,
    published: str | None = None,
    batch_size: int = 500,
    batch_seconds: float = 5.0,
    force: bool = False,
    progress: Callable[[int, IngestSummary], None] | None = None,
    strict: bool = False,
    limit: int | None = None,
    workers: int = 1,
    config: dict[str, Any] | None = None,
) -> IngestSummary:
    """Read, analyse and store every record under `paths`; return the counts.

    A transaction commits every `batch_size` documents, or sooner once its first document has
    waited `batch_seconds`. `force` re-analyses and replaces documents even when unchanged. `strict` stops at the first
    analysis error instead of counting it as failed. `progress(n, summary)` is called after
    every `n` records handled. `limit` stops after that many records.

    With `workers` > 1 the analysis runs in that many worker processes, each building the
    pipeline of `config` (the configuration's, by default; a `pipeline` object cannot be sent to
    them); reading, deduplication and every write stay in this process, in input order, so the
    database ends up as with one worker.
    """
    if workers > 1 and pipeline is not None:
        raise ValueError("with workers > 1 give the configuration (config=...), not a pipeline object")
    if pipeline is None and workers <= 1:
        if config is None:
            from rasd import default_pipeline

            pipeline = default_pipeline()
        else:
            from rasd.pipeline import build_pipeline

            pipeline = build_pipeline(config=config)
    summary = IngestSummary()
    if not batch_seconds > 0:
        raise ValueError("batch_seconds must be a positive number of seconds")
    batch = _Batch(store, summary, max(1, batch_size), force, batch_seconds)
    started = time.perf_counter()
    tick = progress or (lambda n, s: None)
    inflight: dict[str, str] = {}  # id → hash of what is being analysed and not yet in the batch
    named: dict[str, str] = {}  # id → the file whose name gave it, in this run
    seen = 0

    def todo() -> Iterator[tuple[Document, str]]:
        """The records to analyse (the others are counted here: failed to read, unchanged, ...)."""
        nonlocal seen
        for item in read_inputs(paths, encoding, published):
            if limit is not None and seen >= limit:
                return
            seen += 1
            summary.seconds = time.perf_counter() - started
            if batch.due():  # records read, skipped or analysed while the batch waited: commit it now
                batch.flush()
            if not isinstance(item, InputError):
                item = _checked(item, named)
            if isinstance(item, InputError):
                summary.failed += 1
                summary.failures.append(Failure(_where(item), str(item)))
                tick(1, summary)
                continue
            chash = content_hash(item)
            text_id = item.id == content_id(item.text)
            waiting = batch.pending.get(item.id) or inflight.get(item.id)
            if waiting is not None:
                if waiting == chash or text_id:
                    summary.same_text += 1
                    tick(1, summary)
                    continue
                # the same explicit id twice in one run: the later one wins (it is stored after)
                batch.flush()
            stored = store.content_hash(item.id)
            if stored is not None and not force:
                if stored == chash:
                    summary.unchanged += 1
                    tick(1, summary)
                    continue
                if text_id:
                    summary.same_text += 1
                    tick(1, summary)
                    continue
            inflight[item.id] = chash
            yield item, chash

    pool = None
    with store.bulk(), few_collections():
        try:
            if workers > 1:
                pool = _worker_pool(workers, config)
                results = _in_order(pool, todo(), window=8 * workers)
            else:
                results = (_analyse(pipeline, pair) for pair in todo())
            for doc_id, chash, doc, error in results:
                if inflight.get(doc_id) == chash:
                    del inflight[doc_id]
                if error is not None:
                    if strict:
                        raise error
                    summary.failed += 1
                    summary.failures.append(Failure(f"document {doc_id}", f"analysis failed: {type(error).__name__}: {error}"))
                    tick(1, summary)
                    continue
                summary.analysed += 1
                batch.add(doc, chash, None)
                tick(1, summary)
            batch.flush()
        finally:
            if pool is not None:
                pool.terminate()
                pool.join()
            summary.seconds = time.perf_counter() - started
    return summary


# -- analysis, here or in worker processes -----------------------------------------------------

Analysed = tuple[str, str, Any, Exception | None]  # id, hash, document (or Prepared), error


def _analyse(pipeline: Callable[[Document], Document], pair: tuple[Document, str]) -> Analysed:
    item, chash = pair
    try:
        return item.id, chash, pipeline(item), None
    except Exception as exc:  # noqa: BLE001 - one article's analysis failure must not stop a corpus; it is reported
        return item.id, chash, None, exc


_WORKER_PIPELINE: Callable[[Document], Document] | None = None


def _init_worker(config: dict[str, Any] | None) -> None:
    global _WORKER_PIPELINE
    import signal

    from rasd.pipeline import build_pipeline

    # Ctrl-C reaches the whole process group: the ingesting process handles it (it stops the pool
    # and leaves the database consistent); a worker would only print a traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_PIPELINE = build_pipeline(config=config)
    gc.freeze()  # a worker lives for the ingest: collect as the ingesting process does
    gc.set_threshold(*_GC_THRESHOLDS)


def _analyse_in_worker(pair: tuple[Document, str]) -> Analysed:
    """Analyse and prepare (rows, search keys, signature: `rasd.store.prepare`) one record; what
    comes back is light to send: the document without its tokens."""
    assert _WORKER_PIPELINE is not None, "the worker's pipeline is built by its initializer"
    doc_id, chash, doc, error = _analyse(_WORKER_PIPELINE, pair)
    if doc is not None:
        from rasd.store.prepare import prepare

        try:
            doc = prepare(doc).light()
        except (RasdError, ValueError) as exc:  # e.g. a mention of an unlisted entity: reported
            doc, error = None, exc
    if error is not None:
        try:  # an exception that cannot cross the process boundary is sent as its message
            pickle.dumps(error)
        except Exception:  # noqa: BLE001 - any pickling failure: the message is what is reported
            error = RuntimeError(f"{type(error).__name__}: {error}")
    return doc_id, chash, doc, error


def _worker_pool(workers: int, config: dict[str, Any] | None) -> Any:
    import multiprocessing

    # spawn: the workers start clean (no copy of this process's database connection or threads)
    return multiprocessing.get_context("spawn").Pool(workers, initializer=_init_worker, initargs=(config,))


def _in_order(pool: Any, pairs: Iterator[tuple[Document, str]], window: int) -> Iterator[Analysed]:
    """The workers' results in input order, with at most `window` records in flight. `pairs` is
    advanced here, in this thread (it reads the store)."""
    pending: deque = deque()
    for pair in pairs:
        pending.append(pool.apply_async(_analyse_in_worker, (pair,)))
        if len(pending) >= window:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()
