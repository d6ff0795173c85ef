"""Where the partitions run: on Dask (a LocalCluster of worker processes, or a running scheduler),
or, for debugging and as the single-process reference, in this process.

Both executors offer the same four steps: count the input files, build the pipeline on every
worker, run partitions (yielding each one's result or the exception that failed it, in
completion order), and report the workers' memory.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from rasd.batch.errors import MissingBatchExtra, SchedulerUnavailable
from rasd.batch.plan import InputFile, Partition, count_file
from rasd.batch.worker import BatchSpec, run_partition, warm, worker_stats

__all__ = ["DaskExecutor", "LocalExecutor", "executor"]


def _dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise MissingBatchExtra(feature="Batch processing (Dask)", package="dask[distributed]") from None
    return distributed


class LocalExecutor:
    """Everything in this process, one partition after the other (no Dask)."""

    description = "this process"
    parallelism = 1

    def count(self, files: Sequence[str], step: int, encoding: str | None) -> list[InputFile]:
        return [count_file(f, step, encoding) for f in files]

    def warm(self, spec: BatchSpec) -> dict[str, dict[str, Any]]:
        return {"local": warm(spec)}

    def run(self, parts: Sequence[Partition], spec: BatchSpec, out: str) -> Iterator[tuple[str, dict[str, Any] | Exception]]:
        for part in parts:
            try:
                yield part.name, run_partition(part, spec, out)
            except Exception as exc:  # noqa: BLE001 - handed to the caller, which reports the failed partition
                yield part.name, exc

    def stats(self) -> dict[str, dict[str, Any]]:
        return {"local": worker_stats()}


class DaskExecutor:
    """Partitions as Dask tasks, at most two per worker thread queued at a time (so the
    scheduler and the client stay small however many partitions there are)."""

    def __init__(self, client: Any, description: str) -> None:
        self.client = client
        self.description = description

    @property
    def parallelism(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def count(self, files: Sequence[str], step: int, encoding: str | None) -> list[InputFile]:
        futures = self.client.map(count_file, list(files), step=step, encoding=encoding, pure=False)
        return self.client.gather(futures)

    def warm(self, spec: BatchSpec) -> dict[str, dict[str, Any]]:
        return self.client.run(warm, spec)

    def run(self, parts: Sequence[Partition], spec: BatchSpec, out: str) -> Iterator[tuple[str, dict[str, Any] | Exception]]:
        distributed = _dask()
        run_id = uuid.uuid4().hex[:8]
        pending = iter(parts)
        names: dict[str, str] = {}
        ac = distributed.as_completed()

        def submit_next() -> None:
            part = next(pending, None)
            if part is not None:
                # retries: a task that raises is tried once more; a task whose worker dies is run
                # again by the scheduler (distributed.scheduler.allowed-failures times).
                fut = self.client.submit(run_partition, part, spec, out, key=f"rasd-{part.name}-{run_id}", pure=False, retries=1)
                names[fut.key] = part.name
                ac.add(fut)

        window = max(4, 2 * self.parallelism)
        for _ in range(window):
            submit_next()
        for fut in ac:
            name = names.pop(fut.key)
            try:
                result: dict[str, Any] | Exception = fut.result()
            except Exception as exc:  # noqa: BLE001 - handed to the caller, which reports the failed partition
                result = exc
            fut.release()
            submit_next()
            yield name, result

    def stats(self) -> dict[str, dict[str, Any]]:
        """Memory of the workers alive now (a worker restarting after a crash is left out)."""
        got = self.client.run(worker_stats, on_error="return")
        return {addr: info for addr, info in got.items() if isinstance(info, dict)}


@contextlib.contextmanager
def executor(scheduler: str | None, workers: int) -> Iterator[LocalExecutor | DaskExecutor]:
    """A DaskExecutor on the scheduler at `scheduler`, else on a LocalCluster of `workers`
    processes (one thread each), or with `workers == 0` a LocalExecutor."""
    if not scheduler and workers == 0:
        yield LocalExecutor()
        return
    distributed = _dask()
    if scheduler:
        try:
            client = distributed.Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise SchedulerUnavailable(address=scheduler, problem=f"{type(exc).__name__}: {exc}") from None
        with client:
            yield DaskExecutor(client, f"the Dask scheduler at {scheduler}")
        return
    with (
        distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield DaskExecutor(client, f"a LocalCluster of {workers} worker processes")
