"""Ingest: paths → documents → analysis → store, idempotent and safe to interrupt.

The one flow every way into the store takes (`rasd ingest`, `POST /documents`, `rasd batch` and
`rasd load` through the same steps):

1. read: every input record by `rasd.io` (any format of its registry, directories of them); a bad
   record or file is counted as failed with its reason and the rest go on;
2. skip unchanged: the content hash against the stored one (`rasd.ingest.skip`): an unchanged
   record is not even analysed, an updated one replaces its old analysis;
3. analyse: the pipeline of a `PipelineProvider`, here or in worker processes
   (`rasd.ingest.workers`);
4. prepare and write: `rasd.ingest.writer`, through the Store interface, in batches of one
   transaction each (500 documents by default, or fewer once the first has waited `batch_seconds`,
   5 by default), so a kill or Ctrl-C loses at most the batch in flight and rerunning the same
   command finishes the job.

Ids: a record's own `id`; else, for a .txt file (or zip member), its name without the suffix;
else the first 16 hex digits of the SHA-256 of its text (HTML pages and feed entries: of their
URL or entry id). Two files of one run whose names give one id are an error (E009) naming both;
the second is not stored. Several ingests may write into one PostgreSQL database at once (see
`rasd.ingest.writer`). Near-duplicates are linked to story clusters as each document is stored.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from rasd.bounds import check_document
from rasd.errors import IdCollision, InputError, RasdError
from rasd.ingest.provider import PipelineProvider, default_provider
from rasd.ingest.skip import skip_reason
from rasd.ingest.summary import IngestSummary
from rasd.ingest.workers import PipelineUnavailable, analyse, few_collections, in_order, worker_pool
from rasd.ingest.writer import Batch
from rasd.model import Document
from rasd.store import Store
from rasd.store.prepare import content_hash

__all__ = ["ingest", "read_inputs"]


def read_inputs(paths: Iterable[str | Path], encoding: str | None = None, published: str | None = None) -> Iterator[Document | InputError]:
    """Every record of every path (files of any kind rasd reads, or directories of them)."""
    from rasd.io.readers import read_directory, read_path

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
    (`rasd.bounds.check_document`), or an id that another file's name gave in this run."""
    try:
        check_document(doc, doc.id_from or f"document {doc.id}")
    except InputError as exc:
        return exc
    if doc.id_from is not None:
        first = named.setdefault(doc.id, doc.id_from)
        if os.path.normpath(first) != os.path.normpath(doc.id_from):  # the same file given twice is no collision
            return IdCollision(where=doc.id_from, id=doc.id, first=first)
    return doc


def _provider(pipeline: Callable[[Document], Document] | PipelineProvider | None, config: dict[str, Any] | None,
              workers: int) -> PipelineProvider:
    if isinstance(pipeline, PipelineProvider):
        provider = pipeline
    elif pipeline is not None:
        provider = PipelineProvider(pipeline=pipeline)
    else:
        provider = default_provider() if config is None else PipelineProvider(config)
    if workers > 1 and not provider.portable:
        raise ValueError("with workers > 1 give the configuration (config=...), not a pipeline object")
    return provider


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    pipeline: Callable[[Document], Document] | PipelineProvider | None = None,
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

    The analysis is `pipeline` (a pipeline, or a `PipelineProvider`), else the pipeline of
    `config` (default: the configuration's). A transaction commits every `batch_size` documents,
    or sooner once its first document has waited `batch_seconds`. `force` re-analyses and
    replaces documents even when unchanged. `strict` stops at the first analysis error instead
    of counting it as failed. `progress(n, summary)` is called after every `n` records handled.
    `limit` stops after that many records.

    With `workers` > 1 the analysis runs in that many worker processes, each building the
    provider's pipeline from its recipe (a pipeline object cannot be sent to them: ValueError);
    reading, deduplication and every write stay in this process, in input order, so the database
    ends up as with one worker. A worker that cannot build the pipeline stops the ingest with
    the reason (a RasdError).
    """
    provider = _provider(pipeline, config, workers)
    if not batch_seconds > 0:
        raise ValueError("batch_seconds must be a positive number of seconds")
    pipe = provider.get() if workers <= 1 else None  # built before the clock starts
    summary = IngestSummary()
    batch = Batch(store, summary, max(1, batch_size), force, batch_seconds)
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
                summary.fail(_where(item), str(item))
                tick(1, summary)
                continue
            chash = content_hash(item)
            waiting = batch.pending.get(item.id) or inflight.get(item.id)
            if waiting is not None:
                if skip_reason(item.id, item.text, chash, waiting) is not None:  # the same record twice in one run
                    summary.same_text += 1
                    tick(1, summary)
                    continue
                # the same explicit id twice in one run: the later one wins (it is stored after)
                batch.flush()
            reason = None if force else skip_reason(item.id, item.text, chash, store.content_hash(item.id))
            if reason is not None:
                setattr(summary, reason, getattr(summary, reason) + 1)
                tick(1, summary)
                continue
            inflight[item.id] = chash
            yield item, chash

    pool = None
    with store.bulk(), few_collections():
        try:
            if workers > 1:
                stages, cfg = provider.recipe()
                pool = worker_pool(workers, stages, cfg)
                results = in_order(pool, todo(), window=8 * workers)
            else:
                assert pipe is not None
                results = (analyse(pipe, pair) for pair in todo())
            for doc_id, chash, doc, error in results:
                if inflight.get(doc_id) == chash:
                    del inflight[doc_id]
                if isinstance(error, PipelineUnavailable):
                    raise error.error() from None
                if error is not None:
                    if strict:
                        raise error
                    summary.fail(f"document {doc_id}", f"analysis failed: {type(error).__name__}: {error}")
                    tick(1, summary)
                    continue
                summary.analysed += 1
                batch.add(doc, chash)
                tick(1, summary)
            batch.flush()
        finally:
            if pool is not None:
                pool.terminate()
                pool.join()
            summary.seconds = time.perf_counter() - started
    return summary
