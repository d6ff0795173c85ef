"""The app's analysis: one pipeline, built once, run on one thread of its own, with bounded and
fairly ordered work.

`POST /analyze` needs no token, so what anyone can make the server analyse is bounded: at most
`max_jobs` analyses running or waiting, and at most `max_chars` characters of text among them.
A request of /analyze beyond either is refused at once (AnalysisBusy: 503, E635, with
`Retry-After`) instead of waiting behind all the others; an authenticated `POST /documents` is
counted but never refused. Whatever the limits, the server's work is never refused when it is
idle: one request is always admitted.

Waiting jobs run in the order of their turn, `arrival + characters / CHARS_PER_SECOND`: a short
article sent while a long one waits runs first (it waits only for the analysis in progress), and
a long one is not passed for ever, since a request that comes once its turn has passed runs after it.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Any

from rasd.api.errors import AnalysisBusy, AnalysisUnavailable
from rasd.errors import RasdError
from rasd.ingest.provider import PipelineProvider
from rasd.model import Document

__all__ = ["CHARS_PER_SECOND", "DEFAULT_MAX_CHARS", "DEFAULT_MAX_JOBS", "Analyzer"]

log = logging.getLogger("rasd.api")

# About what the default pipeline analyses in a second on one core (RELIABILITY.md: a 1 MB,
# 550,000-character article in 6.8 s): the unit of a job's turn and of Retry-After.
CHARS_PER_SECOND = 80_000
DEFAULT_MAX_JOBS = 16
DEFAULT_MAX_CHARS = 2_000_000


class Analyzer:
    """The pipeline of `stages` (default: the configuration's) built from `config`, or a ready
    `pipeline`; and the queue of the work given to it."""

    def __init__(self, stages: Sequence[str] | None = None, pipeline: Any = None, *, config: dict[str, Any] | None = None,
                 max_jobs: int = DEFAULT_MAX_JOBS, max_chars: int = DEFAULT_MAX_CHARS) -> None:
        if max_jobs < 1 or max_chars < 1:
            raise ValueError("the analysis limits must be positive")
        self._provider = PipelineProvider(config, stages, pipeline)  # config None: the default one
        self._error: RasdError | None = None
        self._lock = threading.Lock()  # building the pipeline
        self.max_jobs = max_jobs
        self.max_chars = max_chars
        self._cond = threading.Condition()  # the queue and its counts
        self._queue: list[tuple[float, int, Callable[[], Any], Future[Any], int]] = []  # a heap by turn
        self._order = itertools.count()
        self._jobs = 0  # admitted and not finished (running or waiting)
        self._chars = 0  # their characters
        self._running = 0
        self._closed = False
        self._thread: threading.Thread | None = None

    # -- the pipeline

    @property
    def ready(self) -> bool:
        return self._provider.built

    @property
    def stage_names(self) -> list[str]:
        return self._provider.names()

    @property
    def problem(self) -> str | None:
        return str(self._error) if self._error is not None else None

    def pipeline(self) -> Any:
        with self._lock:
            if not self._provider.built:
                if self._error is not None:
                    raise AnalysisUnavailable(problem=str(self._error))
                try:
                    self._provider.get()
                except RasdError as exc:
                    self._error = exc
                    log.error("the analysis pipeline cannot be built: %s", exc)
                    raise AnalysisUnavailable(problem=str(exc)) from exc
            return self._provider.get()

    def warm_up(self) -> Future[Any]:
        """Build the pipeline in the background, before any analysis (a failure is kept and
        reported on use)."""

        def build() -> None:
            try:
                self.pipeline()
            except AnalysisUnavailable:
                pass  # kept in self._error, logged, and answered with 503 on every /analyze

        return self._submit(build, 0, limited=False, turn=-math.inf)

    # -- the work

    def load(self) -> dict[str, int]:
        """What runs and waits now, and the limits (shown by /health)."""
        with self._cond:
            return {"running": self._running, "waiting": self._jobs - self._running, "characters": self._chars,
                    "max_jobs": self.max_jobs, "max_characters": self.max_chars}

    def analyze_sync(self, doc: Document) -> Document:
        return self.pipeline()(doc)

    async def analyze(self, docs: list[Document], *, limited: bool = False) -> list[Document]:
        """The analysed `docs`, when their turn comes. `limited` (an unauthenticated request):
        refused with AnalysisBusy when the jobs or characters running and waiting are at their limit."""

        def work() -> list[Document]:
            pipe = self.pipeline()
            return [pipe(d) for d in docs]

        chars = sum(len(d.text) for d in docs)
        return await asyncio.wrap_future(self._submit(work, chars, limited=limited))

    def _submit(self, work: Callable[[], Any], chars: int, *, limited: bool, turn: float | None = None) -> Future[Any]:
        fut: Future[Any] = Future()
        with self._cond:
            if self._closed:
                raise RuntimeError("the analyzer is closed")
            if limited and self._jobs and (self._jobs >= self.max_jobs or self._chars + chars > self.max_chars):
                wait = max(1, min(60, math.ceil(self._chars / CHARS_PER_SECOND)))
                raise AnalysisBusy(jobs=self._jobs, chars=self._chars, max_jobs=self.max_jobs,
                                   max_chars=self.max_chars, seconds=wait)
            if turn is None:
                turn = time.monotonic() + chars / CHARS_PER_SECOND
            heapq.heappush(self._queue, (turn, next(self._order), work, fut, chars))
            self._jobs += 1
            self._chars += chars
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="rasd-analyze", daemon=True)
                self._thread.start()
            self._cond.notify()
        return fut

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                _turn, _n, work, fut, chars = heapq.heappop(self._queue)
                self._running += 1
            try:
                if fut.set_running_or_notify_cancel():
                    try:
                        fut.set_result(work())
                    except BaseException as exc:  # noqa: BLE001 -- handed to the awaiting request
                        fut.set_exception(exc)
            finally:
                with self._cond:
                    self._running -= 1
                    self._jobs -= 1
                    self._chars -= chars

    def close(self) -> None:
        """Cancel what waits, let the analysis in progress finish, stop the thread."""
        with self._cond:
            self._closed = True
            waiting, self._queue = self._queue, []
            for _turn, _n, _work, fut, chars in waiting:
                fut.cancel()
                self._jobs -= 1
                self._chars -= chars
            self._cond.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(timeout=60)
