"""Where database calls run: on threads that each own one store (the analysis has its own thread:
`rasd.api.analyzer`).

A store (a SQLite connection, a PostgreSQL connection) is never shared between threads: each
worker thread opens its own when it starts and closes it when the pool stops. Request handlers
submit a function `fn(store) -> result` and await its result, so the event loop never blocks.

Connections heal: a thread replaces a store whose connection is known to be lost before it runs a
job, and reruns once, on a new connection, a job that met a lost one (a database restart between
two requests costs nothing). While the database does not answer, jobs fail with DatabaseDown
(503, E631) and the next job tries again; a full disk is StorageFull (507, E632), another fault
of the database DatabaseFailed (503, E633), never a 500 "bug".
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from rasd.api.errors import DatabaseDown, DatabaseFailed, StorageFull
from rasd.errors import RasdError
from rasd.store import open_store
from rasd.store.base import Store
from rasd.store.errors import DatabaseUnavailable
from rasd.store.redact import redacted_url

__all__ = ["StorePool"]

log = logging.getLogger("rasd.api")
T = TypeVar("T")
_STOP = object()


class StorePool:
    """`size` threads, each with its own store opened on `url`."""

    def __init__(self, url: str, size: int = 2) -> None:
        if size < 1:
            raise ValueError("a store pool needs at least one thread")
        self.url = url
        self.size = size
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        """Open every thread's store; raises the store's error (bad path, schema too new...) at once."""
        with self._lock:
            if self._threads:
                return
            ready: list[Future[None]] = []
            for i in range(self.size):
                fut: Future[None] = Future()
                t = threading.Thread(target=self._run, args=(fut,), name=f"rasd-store-{i}", daemon=True)
                t.start()
                self._threads.append(t)
                ready.append(fut)
        for fut in ready:
            fut.result()  # re-raises an opening error in the caller

    def _run(self, ready: Future[None]) -> None:
        try:
            conn = _Connection(self.url)
        except BaseException as exc:  # noqa: BLE001 -- reported to start(), which raises it
            ready.set_exception(exc)
            return
        ready.set_result(None)
        try:
            while True:
                job = self._jobs.get()
                if job is _STOP:
                    return
                fn, fut = job
                if not fut.set_running_or_notify_cancel():
                    continue
                try:
                    fut.set_result(conn.run(fn))
                except BaseException as exc:  # noqa: BLE001 -- handed to the awaiting request
                    fut.set_exception(exc)
        finally:
            conn.close()

    def submit(self, fn: Callable[[Store], T]) -> Future[T]:
        if self._closed:
            raise RuntimeError("the store pool is closed")
        if not self._threads:
            self.start()
        fut: Future[T] = Future()
        self._jobs.put((fn, fut))
        return fut

    async def run(self, fn: Callable[[Store], T]) -> T:
        return await asyncio.wrap_future(self.submit(fn))

    def call(self, fn: Callable[[Store], T]) -> T:
        """Run `fn` on a store thread from ordinary (non-async) code and wait for it."""
        return self.submit(fn).result()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            threads = list(self._threads)
        for _ in threads:
            self._jobs.put(_STOP)
        for t in threads:
            t.join(timeout=30)


class _Connection:
    """One database thread's store: checked before each job, replaced when its connection is lost."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.label = redacted_url(url)
        self.store: Store | None = open_store(url)

    def run(self, fn: Callable[[Store], T]) -> T:
        """`fn(store)`; once more on a new connection if it met a lost one. Faults of the database
        become DatabaseDown, StorageFull or DatabaseFailed; any other error propagates as it is."""
        for attempt in range(2):
            store = self._usable()
            try:
                return fn(store)
            except RasdError:
                raise
            except Exception as exc:
                fault = store.fault_of(exc)
                if fault is None:
                    raise
                problem = _first_line(exc)
                if fault == "full":
                    raise StorageFull(db=self.label, problem=problem) from exc
                if fault == "failed":
                    raise DatabaseFailed(db=self.label, problem=problem) from exc
                self.close()
                if attempt:
                    raise DatabaseDown(db=self.label, problem=problem) from exc
                log.warning("the connection to %s was lost (%s); reconnecting and trying the request again", self.label, problem)
        raise AssertionError("unreachable: the second attempt returns or raises")

    def _usable(self) -> Store:
        if self.store is not None and self.store.connection_broken():
            self.close()
        if self.store is None:
            try:
                self.store = open_store(self.url)
            except DatabaseUnavailable as exc:  # the server is down, restarting or unreachable
                raise DatabaseDown(db=self.label, problem=str(exc.details.get("problem", exc))) from exc
            log.warning("reconnected to %s", self.label)
        return self.store

    def close(self) -> None:
        store, self.store = self.store, None
        if store is not None:
            store.close()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0][:200]}" if text else type(exc).__name__
