"""A worker process killed in the middle of `rasd batch`: Dask runs its partitions again
on a live worker, the atomic writes make that safe, and every document is written exactly once."""

from __future__ import annotations

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


def _kill_in_a_partition(client, out: Path, addr: str, pid: int, done: threading.Event, killed: list[str]) -> None:
    """SIGKILL the worker at `addr` while it is running a partition, once two partitions are
    finished (so the run is well under way and most partitions are still to run)."""
    markers = out / "_partitions"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not done.is_set():
        if markers.is_dir() and len(list(markers.glob("part-*.json"))) >= 2:
            running = [k for k in client.processing(workers=[addr]).get(addr, ()) if str(k).startswith("rasd-part-")]
            if running:
                os.kill(pid, signal.SIGKILL)
                killed.append(str(running[0]).split("-")[2])  # rasd-part-NNNNN-run → NNNNN
                return
        time.sleep(0.005)


def test_a_killed_worker_loses_and_repeats_nothing(tmp_path: Path) -> None:
    inputs = write_corpus(tmp_path / "in", n_jsonl=N, n_zip=0, n_txt=0, bad=False)[:1]
    out = tmp_path / "out"
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
                                 silence_logs=logging.CRITICAL) as cluster,
        distributed.Client(cluster) as client,
    ):
        addr, victim = min(client.run(os.getpid).items())
        done, killed = threading.Event(), []
        killer = threading.Thread(target=_kill_in_a_partition, args=(client, out, addr, victim, done, killed), daemon=True)
        killer.start()
        try:
            summary = run_batch(inputs, out, scheduler=cluster.scheduler_address, partition_size=2)
        finally:
            done.set()
            killer.join(10)
    assert killed, "the worker was not killed in the middle of a partition"
    assert victim not in {w["pid"] for w in summary.workers.values()}  # the nanny started a new process
    assert summary.complete and summary.failed == {}
    ids = pq.read_table(out / "documents", columns=["id"]).column("id").to_pylist()
    assert len(ids) == len(set(ids)) == N
    m = read_manifest(out)
    assert len(m["finished"]) == len(m["partitions"]) == N // 2
    assert m["finished"][f"part-{killed[0]}"]["pid"] != victim  # the interrupted partition was run again elsewhere
    assert m["counts"]["documents"] == N
    assert not list(out.rglob("*.tmp"))
