"""Running a batch: inputs → partitions → Dask workers → Parquet tables and a manifest.

    >>> from rasd.batch import run_batch
    >>> summary = run_batch(["corpus/"], "out/", workers=2)           # a LocalCluster
    >>> summary = run_batch(["corpus/"], "out/", scheduler="tcp://10.0.0.5:8786")   # a real cluster

The client plans the run (the file list, counted on the workers, cut into partitions) and writes
`OUT/manifest.json` before any partition runs. Each worker builds the pipeline once, then runs
partitions one at a time (a thread per worker process: the analysis is pure Python, so processes,
not threads, give parallelism). A finished partition leaves one Parquet file per table and its
marker `OUT/_partitions/part-NNNNN.json`; a rerun of the same command in the same OUT skips the
finished partitions and runs the rest, so an interrupted or failed run is finished by running it
again. When a worker process dies, Dask runs its partitions again elsewhere (up to
`distributed.scheduler.allowed-failures` times); the atomic writes make that safe.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rasd.batch.errors import BatchMismatch, NotABatchOutput
from rasd.batch.executors import executor
from rasd.batch.plan import InputFile, Partition, expand_inputs, make_partitions
from rasd.batch.tables import TABLES
from rasd.batch.worker import MARKERS, BatchSpec, table_files, write_json

__all__ = ["FORMAT", "MANIFEST", "BatchSummary", "read_manifest", "run_batch"]

FORMAT = "rasd.batch/1"
MANIFEST = "manifest.json"
_MANIFEST_EVERY = 2.0  # seconds between manifest rewrites while running (markers are the real record)
_log = logging.getLogger(__name__)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class BatchSummary:
    out: str
    partitions: int = 0  # in the plan
    skipped: int = 0  # already finished before this run
    ran: int = 0  # finished by this run
    failed: dict[str, str] = field(default_factory=dict)  # partition name → why
    records: int = 0  # read by this run
    documents: int = 0
    bad_records: int = 0
    failed_analyses: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    bytes: int = 0  # Parquet bytes written by this run
    plan_seconds: float = 0.0
    warm_seconds: float = 0.0  # building the pipeline on every worker
    seconds: float = 0.0  # running the partitions
    cpu_seconds: float = 0.0  # CPU time the workers spent on this run's partitions
    workers: dict[str, dict[str, Any]] = field(default_factory=dict)  # address → pid, peak memory
    totals: dict[str, Any] = field(default_factory=dict)  # over every finished partition of OUT

    @property
    def rate(self) -> float:
        """Records handled per second by this run (after the models were loaded)."""
        return self.records / self.seconds if self.seconds > 0 else 0.0

    @property
    def complete(self) -> bool:
        return not self.failed and self.skipped + self.ran == self.partitions

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["rate"] = round(self.rate, 2)
        d["complete"] = self.complete
        return d

    def report(self, max_failures: int = 20) -> str:
        lines = [
            f"{self.out}: {self.ran} partitions run, {self.skipped} already done, {len(self.failed)} failed, of {self.partitions}",
            f"  this run: {self.records} records in {self.seconds:.1f} s ({self.rate:.1f}/s) on {len(self.workers)} workers: "
            f"{self.documents} documents, {self.bad_records} bad records, {self.failed_analyses} failed analyses; "
            f"{self.bytes / 2**20:.1f} MB of Parquet",
            f"  (planning {self.plan_seconds:.1f} s, loading models {self.warm_seconds:.1f} s)",
        ]
        t = self.totals
        if t:
            lines.append(f"  in {self.out}: {t.get('documents', 0)} documents, {t.get('bad_records', 0)} bad records, "
                         f"{t.get('failed_analyses', 0)} failed analyses (see the errors table)")
        for name, why in list(self.failed.items())[:max_failures]:
            lines.append(f"  failed: {name}: {why}")
        if len(self.failed) > max_failures:
            lines.append(f"  … and {len(self.failed) - max_failures} more failed partitions")
        if self.failed:
            lines.append("  Run the same command again to retry the failed partitions.")
        return "\n".join(lines)


# ------------------------------------------------------------------------------------ manifest


def read_manifest(out: str | os.PathLike[str]) -> dict[str, Any]:
    """The manifest of a batch output folder (NotABatchOutput when there is none)."""
    path = Path(out) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NotABatchOutput(path=str(out), problem=f"there is no {MANIFEST}") from None
    except json.JSONDecodeError as exc:
        raise NotABatchOutput(path=str(path), problem=f"is not valid JSON ({exc.msg})") from None
    if data.get("format") != FORMAT:
        raise NotABatchOutput(path=str(path), problem=f"its format is {data.get('format')!r}, not {FORMAT!r}")
    return data


def _finished(out: Path, plan: Sequence[Partition]) -> dict[str, dict[str, Any]]:
    """Partitions whose marker and every table file exist (the marker is written last)."""
    done = {}
    for p in plan:
        marker = out / MARKERS / f"{p.name}.json"
        if marker.exists() and all(f.exists() for f in table_files(str(out), p.name)):
            done[p.name] = json.loads(marker.read_text(encoding="utf-8"))
    return done


def _clean_temporaries(out: Path) -> None:
    """Remove the temporary files of writes that a crash interrupted (never a finished file)."""
    for folder in (out, out / MARKERS, *(out / t for t in TABLES)):
        if folder.is_dir():
            for tmp in folder.glob(".*.tmp"):
                tmp.unlink()


def _totals(finished: dict[str, dict[str, Any]]) -> dict[str, Any]:
    keys = ("records", "documents", "bad_records", "failed_analyses", "bytes")
    tot: dict[str, Any] = {k: sum(r.get(k, 0) for r in finished.values()) for k in keys}
    tot["rows"] = {t: sum(r.get("rows", {}).get(t, 0) for r in finished.values()) for t in TABLES}
    return tot


def _differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [f"{k} was {old.get(k)!r}, now {new.get(k)!r}" for k in new if old.get(k) != new.get(k)]


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchMismatch(out=str(out), problem="another rasd batch is writing to it right now") from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _count(ex: Any, files: Sequence[str], step: int, encoding: str | None, limit: int | None) -> list[InputFile]:
    """Count the records of the input files on the executor; with a limit, only as many files
    (in order, a round of one per worker at a time) as hold the first `limit` records."""
    if limit is None:
        return ex.count(files, step, encoding)
    counted: list[InputFile] = []
    while len(counted) < len(files) and sum(f.records for f in counted) < limit:
        counted += ex.count(files[len(counted) : len(counted) + ex.parallelism], step, encoding)
    return counted


def run_batch(
    inputs: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = 500,
    limit: int | None = None,
    stages: Sequence[str] | None = None,
    config: dict[str, Any] | None = None,
    encoding: str | None = None,
    published: str | None = None,
    progress: Callable[[BatchSummary], None] | None = None,
) -> BatchSummary:
    """Analyse every record of `inputs` on Dask and write Parquet tables under `out`.

    `scheduler` is the address of a running Dask scheduler (`tcp://host:8786`); without it a
    LocalCluster of `workers` processes runs here (`workers=0`: everything in this process,
    without Dask). `stages` overrides the configuration's stage list; `config` is a full
    configuration (default: `rasd.config.load_config()`); `limit` keeps the first records only.
    A rerun with the same arguments skips the partitions already finished; other arguments in
    the same `out` raise BatchMismatch. `progress(summary)` is called after each partition."""
    from rasd import __version__
    from rasd.config import load_config
    from rasd.io.decoding import check_encoding
    from rasd.io.records import check_published

    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    if not scheduler and workers < 0:
        raise ValueError("workers must be at least 0 (0: in this process, without Dask)")
    cfg = config if config is not None else load_config()
    names = tuple(stages) if stages is not None else tuple(cfg["pipeline"]["stages"])
    spec = BatchSpec(names, {n: cfg.get(n, {}) for n in names}, check_encoding(encoding), check_published(published))
    root = Path(out).resolve()
    summary = BatchSummary(str(root))
    started_at = _now()
    files_now = expand_inputs(inputs)
    settings = {
        "inputs": [str(Path(i).resolve()) for i in inputs],
        "partition_size": partition_size,
        "limit": limit,
        "stages": list(names),
        "config": spec.config,
        "encoding": spec.encoding,
        "published": spec.published,
    }
    with _locked(root), contextlib.ExitStack() as stack:
        started: list[Any] = []

        def executor_() -> Any:
            if not started:
                started.append(stack.enter_context(executor(scheduler, workers)))
            return started[0]

        t0 = time.perf_counter()
        manifest_path = root / MANIFEST
        if manifest_path.exists():
            manifest = read_manifest(root)
            problems = _differences(manifest["settings"], settings)
            if problems:
                raise BatchMismatch(out=str(root), problem="; ".join(problems))
            files = [InputFile.from_json(f) for f in manifest["files"]]
            # with a limit only the files holding the first `limit` records were counted
            if [f.path for f in files] != files_now[: len(files)] or (limit is None and len(files) != len(files_now)):
                raise BatchMismatch(out=str(root), problem="the input folders now hold other files")
            for f in files:
                f.check_unchanged(str(root))
            plan = [Partition.from_json(p) for p in manifest["partitions"]]
        else:
            files = _count(executor_(), files_now, partition_size, spec.encoding, limit)
            plan = make_partitions(files, partition_size, limit)
            manifest = {
                "format": FORMAT,
                "rasd_version": __version__,
                "created": _now(),
                "settings": settings,
                "stages": list(names),
                "tables": list(TABLES),
                "files": [f.to_json() for f in files],
                "partitions": [p.to_json() for p in plan],
                "finished": {},
                "failed": {},
                "runs": [],
            }
            write_json(manifest_path, manifest)
        summary.partitions = len(plan)
        summary.plan_seconds = round(time.perf_counter() - t0, 3)
        _clean_temporaries(root)
        finished = _finished(root, plan)
        failed: dict[str, str] = {}
        summary.skipped = len(finished)
        todo = [p for p in plan if p.name not in finished]

        def save(run: dict[str, Any] | None = None) -> None:
            manifest["finished"] = dict(sorted(finished.items()))
            manifest["failed"] = dict(sorted(failed.items()))
            manifest["counts"] = _totals(finished)
            manifest["updated"] = _now()
            if run is not None:
                manifest["runs"].append(run)
            write_json(manifest_path, manifest)

        if not todo:
            summary.totals = _totals(finished)
            save()
            return summary

        ex = executor_()
        t1 = time.perf_counter()
        for addr, info in ex.warm(spec).items():
            if info["stages"] != list(names):
                raise BatchMismatch(out=str(root), problem=f"worker {addr} built the stages {info['stages']}, not {list(names)}")
        summary.warm_seconds = round(time.perf_counter() - t1, 3)

        t2 = last_write = time.perf_counter()
        try:
            for name, result in ex.run(todo, spec, str(root)):
                if isinstance(result, Exception):
                    failed[name] = f"{type(result).__name__}: {result}"
                    _log.warning("partition %s failed: %s", name, failed[name])
                else:
                    finished[name] = result
                    summary.ran += 1
                    for k in ("records", "documents", "bad_records", "failed_analyses", "bytes", "cpu_seconds"):
                        setattr(summary, k, getattr(summary, k) + result.get(k, 0))
                    for t, n in result["rows"].items():
                        summary.rows[t] = summary.rows.get(t, 0) + n
                summary.seconds = round(time.perf_counter() - t2, 3)
                summary.failed = dict(failed)
                if progress is not None:
                    progress(summary)
                if time.perf_counter() - last_write > _MANIFEST_EVERY:
                    save()
                    last_write = time.perf_counter()
        except BaseException:
            save()  # interrupted (Ctrl-C, a lost scheduler): record what is finished; a rerun does the rest
            raise
        summary.seconds = round(time.perf_counter() - t2, 3)
        _clean_temporaries(root)  # left by workers that died while writing (no task is running now)
        summary.workers = ex.stats()
        summary.failed = dict(sorted(failed.items()))
        summary.totals = _totals(finished)
        save({
            "started": started_at,
            "executor": ex.description,
            "workers": summary.workers,
            "partitions_run": summary.ran,
            "partitions_failed": len(failed),
            "records": summary.records,
            "seconds": summary.seconds,
            "cpu_seconds": round(summary.cpu_seconds, 1),
            "records_per_second": round(summary.rate, 2),
            "warm_seconds": summary.warm_seconds,
        })
    return summary
