"""The analysis of an ingest, in this process or in a pool of worker processes.

Each result is `(id, hash, document or Prepared, error)`: a worker analyses and prepares
(`rasd.store.prepare`) a record and sends it back without its tokens; an analysis that raised is
reported, never allowed to stop the corpus. A worker whose pipeline cannot be built answers every
record with `PipelineUnavailable`, which stops the ingest (it is not one article's fault).
"""

from __future__ import annotations

import gc
import pickle
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rasd.errors import RasdError
from rasd.model import Document

__all__ = ["Analysed", "PipelineUnavailable", "analyse", "few_collections", "in_order", "worker_pool"]

Analysed = tuple[str, str, Any, Exception | None]  # id, hash, document (or Prepared), error

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


class PipelineUnavailable(Exception):
    """A worker could not build its pipeline: the RasdError why, sent as its class and details
    (a RasdError itself is not rebuilt by pickle) and raised again by the ingesting process."""

    def __init__(self, kind: type[Exception], details: dict[str, Any], message: str) -> None:
        super().__init__(kind, details, message)
        self.kind, self.details, self.message = kind, details, message

    @classmethod
    def of(cls, exc: Exception) -> PipelineUnavailable:
        return cls(type(exc), getattr(exc, "details", {}), f"{type(exc).__name__}: {exc}")

    def error(self) -> Exception:
        if issubclass(self.kind, RasdError):
            return self.kind(**self.details)
        return RuntimeError(f"the analysis pipeline cannot be built: {self.message}")


def analyse(pipeline: Callable[[Document], Document], pair: tuple[Document, str]) -> Analysed:
    item, chash = pair
    try:
        return item.id, chash, pipeline(item), None
    except Exception as exc:  # noqa: BLE001 - one article's analysis failure must not stop a corpus; it is reported
        return item.id, chash, None, exc


_WORKER_PIPELINE: Callable[[Document], Document] | None = None
_WORKER_ERROR: Exception | None = None


def _init_worker(stages: list[str] | None, config: dict[str, Any] | None) -> None:
    global _WORKER_PIPELINE, _WORKER_ERROR
    import signal

    from rasd.ingest.provider import PipelineProvider

    # Ctrl-C reaches the whole process group: the ingesting process handles it (it stops the pool
    # and leaves the database consistent); a worker would only print a traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _WORKER_PIPELINE = PipelineProvider(config, stages).get()
    except Exception as exc:  # noqa: BLE001 - answered to every record: the ingest stops with it
        _WORKER_ERROR = exc
    gc.freeze()  # a worker lives for the ingest: collect as the ingesting process does
    gc.set_threshold(*_GC_THRESHOLDS)


def _analyse_in_worker(pair: tuple[Document, str]) -> Analysed:
    """Analyse and prepare (rows, search keys, signature: `rasd.store.prepare`) one record; what
    comes back is light to send: the document without its tokens."""
    if _WORKER_ERROR is not None:
        return pair[0].id, pair[1], None, PipelineUnavailable.of(_WORKER_ERROR)
    assert _WORKER_PIPELINE is not None, "the worker's pipeline is built by its initializer"
    doc_id, chash, doc, error = analyse(_WORKER_PIPELINE, pair)
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


def worker_pool(workers: int, stages: list[str] | None, config: dict[str, Any] | None) -> Any:
    import multiprocessing

    # spawn: the workers start clean (no copy of this process's database connection or threads)
    return multiprocessing.get_context("spawn").Pool(workers, initializer=_init_worker, initargs=(stages, config))


def in_order(pool: Any, pairs: Iterator[tuple[Document, str]], window: int) -> Iterator[Analysed]:
    """The workers' results in input order, with at most `window` records in flight. `pairs` is
    advanced here, in this thread (it reads the store)."""
    pending: deque = deque()
    for pair in pairs:
        pending.append(pool.apply_async(_analyse_in_worker, (pair,)))
        if len(pending) >= window:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()
