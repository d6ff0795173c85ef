"""What runs on a Dask worker: the pipeline, built once per worker process, and one partition →
Parquet files.

The pipeline (and so every model and word list) is built the first time a worker process needs it
and kept in a module-level cache for the life of the process, keyed by the run's `BatchSpec`.
A partition's records are streamed: read, analysed and appended to column lists one at a time,
so a worker holds at most one partition's rows (bounded by the partition size) whatever the size
of the corpus.

Every file is written under a temporary name in its table's folder and moved into place with
`os.replace`, so a file either exists whole or not at all; the partition's marker
(`_partitions/part-NNNNN.json`, with its counts) is written last. A partition whose worker died
part-way is simply run again: it rewrites the same files with the same content.
"""

from __future__ import annotations

import json
import os
import resource
import time
import traceback
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rasd.batch.plan import Partition, read_segment
from rasd.batch.tables import TABLES, TableBuilder
from rasd.errors import InputError

__all__ = ["BatchSpec", "PartitionResult", "MARKERS", "pipeline_for", "run_partition", "table_files", "warm", "worker_stats", "write_atomic", "write_json"]

MARKERS = "_partitions"
_PIPELINES: dict[str, Any] = {}
_BUILDS = {"count": 0}  # how many pipelines this process built (a test checks it is one per worker)


@dataclass(frozen=True)
class BatchSpec:
    """What every worker needs to build the same pipeline and read the inputs alike."""

    stages: tuple[str, ...]
    config: dict[str, Any] = field(default_factory=dict)
    encoding: str | None = None
    published: str | None = None

    @property
    def key(self) -> str:
        return json.dumps([list(self.stages), self.config], sort_keys=True, ensure_ascii=False, default=str)


@dataclass
class PartitionResult:
    index: int
    name: str
    records: int = 0
    documents: int = 0
    bad_records: int = 0  # records that could not be read
    failed_analyses: int = 0  # documents whose analysis raised
    rows: dict[str, int] = field(default_factory=dict)
    bytes: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of the worker process while it ran the partition
    pid: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def pipeline_for(spec: BatchSpec) -> Any:
    """This process's pipeline for `spec`, built on first use and kept for the process's life."""
    pipe = _PIPELINES.get(spec.key)
    if pipe is None:
        from rasd.ingest.provider import PipelineProvider

        pipe = PipelineProvider(spec.config, list(spec.stages)).get()
        _PIPELINES[spec.key] = pipe
        _BUILDS["count"] += 1
    return pipe


def worker_stats() -> dict[str, Any]:
    """This process's id, its peak and current resident memory (MB), and pipelines built."""
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        import psutil

        rss = psutil.Process().memory_info().rss / 2**20
    except ImportError:
        rss = None
    return {"pid": os.getpid(), "peak_rss_mb": round(peak_kb / 1024, 1), "rss_mb": None if rss is None else round(rss, 1),
            "pipelines_built": _BUILDS["count"]}


_WARM_UP = "قال المتحدث باسم الوزارة في مؤتمر صحفي يوم الأحد إن «العمل مستمر» بعد اجتماع عقد في المدينة."


def warm(spec: BatchSpec) -> dict[str, Any]:
    """Build this worker's pipeline now and run one short sentence through it and the table
    builder, so every model, word list and library is loaded before the partitions are timed."""
    from rasd.model import Document

    pipeline = pipeline_for(spec)
    TableBuilder(-1).add_document(pipeline(Document.from_parts(_WARM_UP, "تجربة")), "warm-up", 0)
    return {**worker_stats(), "stages": pipeline.names}


def write_atomic(path: Path, write: Any) -> int:
    """Write a file through `write(tmp_path)` under a temporary name in the same folder, then move
    it into place; return its size. A crash leaves at most a `.tmp` file, never a partial `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path.stat().st_size


def write_json(path: Path, data: Any) -> int:
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())

    return write_atomic(path, write)


def _write_table(path: Path, table: Any) -> int:
    import pyarrow.parquet as pq

    return write_atomic(path, lambda tmp: pq.write_table(table, tmp, compression="zstd", compression_level=9))


def run_partition(part: Partition, spec: BatchSpec, out: str) -> dict[str, Any]:
    """Read, analyse and write one partition; return its `PartitionResult` as a dict."""
    started, cpu = time.perf_counter(), time.process_time()
    pipeline = pipeline_for(spec)
    builder = TableBuilder(part.index)
    result = PartitionResult(part.index, part.name, pid=os.getpid())
    for seg in part.segments:
        for record, item in read_segment(seg, spec.encoding, spec.published, out=out):
            result.records += 1
            if isinstance(item, InputError):
                result.bad_records += 1
                builder.add_error(seg.path, record, item.code, str(item))
                continue
            try:
                doc = pipeline(item)
                builder.add_document(doc, seg.path, record)
            except Exception as exc:  # noqa: BLE001 - one article's failure must not stop a corpus; it goes to the errors table
                result.failed_analyses += 1
                tb = traceback.extract_tb(exc.__traceback__)
                where = f" at {tb[-1].filename}:{tb[-1].lineno}" if tb else ""
                builder.add_error(seg.path, record, getattr(exc, "code", "analysis"),
                                  f"analysis failed: {type(exc).__name__}: {exc}{where}", item.id)
                continue
            result.documents += 1
    root = Path(out)
    for table, data in builder.tables().items():
        result.rows[table] = data.num_rows
        result.bytes += _write_table(root / table / f"{part.name}.parquet", data)
    result.seconds = round(time.perf_counter() - started, 3)
    result.cpu_seconds = round(time.process_time() - cpu, 3)
    done = result.to_json()
    write_json(root / MARKERS / f"{part.name}.json", done)
    return done


def table_files(out: str, name: str) -> list[Path]:
    return [Path(out) / t / f"{name}.parquet" for t in TABLES]
