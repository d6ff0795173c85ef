"""A worker process killed in the middle of `rasd batch` (issue 8): Dask runs its partitions again
on a live worker, the atomic writes make that safe, and every document is written exactly once."""

from __future__ import annotations

import json
import logging
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from batch_fixtures import write_corpus

pq = pytest.importorskip("pyarrow.parquet")
distributed = pytest.importorskip("distributed")

from rasd.batch.run import read_manifest, run_batch  # noqa: E402

N = 30


def _kill_when_busy(out: Path, victim: int, done: threading.Event, killed: list[int]) -> None:
    """SIGKILL `victim` once it has finished a partition and two are finished in all (so it is in
    the middle of its next one and most partitions are still to run)."""
    markers = out / "_partitions"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not done.is_set():
        found = list(markers.glob("part-*.json")) if markers.is_dir() else []
        pids = [json.loads(p.read_text(encoding="utf-8"))["pid"] for p in found]
        if len(pids) >= 2 and victim in pids:
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)
            return
        time.sleep(0.01)


def test_a_killed_worker_loses_and_repeats_nothing(tmp_path: Path) -> None:
    inputs = write_corpus(tmp_path / "in", n_jsonl=N, n_zip=0, n_txt=0, bad=False)[:1]
    out = tmp_path / "out"
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
                                 silence_logs=logging.CRITICAL) as cluster,
        distributed.Client(cluster) as client,
    ):
        victim = min(client.run(os.getpid).values())
        done, killed = threading.Event(), []
        killer = threading.Thread(target=_kill_when_busy, args=(out, victim, done, killed), daemon=True)
        killer.start()
        try:
            summary = run_batch(inputs, out, scheduler=cluster.scheduler_address, partition_size=2)
        finally:
            done.set()
            killer.join(10)
    assert killed == [victim], "the worker was not killed while the run was going on"
    assert victim not in {w["pid"] for w in summary.workers.values()}  # the nanny started a new process
    assert summary.complete and summary.failed == {}
    ids = pq.read_table(out / "documents", columns=["id"]).column("id").to_pylist()
    assert len(ids) == len(set(ids)) == N
    m = read_manifest(out)
    assert len(m["finished"]) == len(m["partitions"]) == N // 2
    assert m["counts"]["documents"] == N
    assert not list(out.rglob("*.tmp"))
