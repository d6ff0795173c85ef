"""kill -9 of the whole `rasd batch` command mid-run, then the same command again:
every document is written exactly once and the manifest is complete. (A single Dask worker
killed while the run goes on is tests/test_batch_faults.py.)"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from batch_fixtures import write_corpus

pq = pytest.importorskip("pyarrow.parquet")

BATCH = "import sys; from rasd.cli.batch import batch; batch.main(sys.argv[1:], prog_name='rasd batch')"
N = 120


def test_kill_batch_then_rerun_writes_each_document_once(tmp_path: Path) -> None:
    inputs = write_corpus(tmp_path / "in", n_jsonl=N, n_zip=0, n_txt=0, bad=False)[:1]
    out = tmp_path / "out"
    args = [*inputs, "--out", str(out), "--workers", "0", "--partition-size", "4", "--stages", "text,dates", "--quiet", "--json"]
    proc = subprocess.Popen([sys.executable, "-c", BATCH, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    markers = out / "_partitions"
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if markers.is_dir() and len(list(markers.glob("part-*.json"))) >= 5:
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL, "the batch finished before it could be killed"
    finished = len(list(markers.glob("part-*.json")))
    assert 0 < finished < N // 4

    rerun = subprocess.run([sys.executable, "-c", BATCH, *args], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["skipped"] >= finished  # the finished partitions were not run again
    ids = pq.read_table(out / "documents", columns=["id"]).column("id").to_pylist()
    assert len(ids) == len(set(ids)) == N  # every document exactly once
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]  # no half-written file left
    assert len(list(markers.glob("part-*.json"))) == N // 4
    assert os.path.exists(out / "manifest.json")
