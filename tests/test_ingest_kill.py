"""Killing `rasd ingest` halfway (SIGKILL) leaves a consistent database, and rerunning the same
command gives the same database as one clean run."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from rasd.store import open_store

# The `ingest` click command run on its own (the same code `rasd ingest` runs).
RUN = "import sys; from rasd.cli.store import ingest; ingest.main(sys.argv[1:], prog_name='rasd ingest')"
N = 300



def _count(db) -> int:
    if not os.path.exists(db):
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created or migrated yet
        return 0


def _state(db, deep=True):
    with open_store(db) as s:
        report = s.check(deep=deep)
        docs = sorted((r["id"], r["cluster"], r["content_hash"]) for r in s.iter_rows("documents"))
        return report, docs


def test_kill_halfway_then_rerun_equals_a_clean_run(tmp_path, arabic_corpus):
    data = tmp_path / "corpus.jsonl"
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in arabic_corpus(N, seed=7)) + "\n", encoding="utf-8")
    cfg = tmp_path / "fast.toml"  # light stages: fast, and killed at a known point
    cfg.write_text('[pipeline]\nstages = ["text"]\n', encoding="utf-8")
    env = {**os.environ, "RASD_CONFIG": str(cfg)}
    killed_db, clean_db = str(tmp_path / "killed.db"), str(tmp_path / "clean.db")
    args = [str(data), "--db", killed_db, "--batch-size", "5", "--quiet"]

    proc = subprocess.Popen([sys.executable, "-c", RUN, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _count(killed_db) < N // 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    halfway = _count(killed_db)
    assert 0 < halfway < N
    assert halfway % 5 == 0  # whole batches only: nothing partial was committed
    report, _ = _state(killed_db, deep=False)
    assert report.ok, report.problems

    rerun = subprocess.run([sys.executable, "-c", RUN, *args], env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{N - halfway} added" in rerun.stdout and f"{halfway} unchanged" in rerun.stdout

    clean = subprocess.run([sys.executable, "-c", RUN, str(data), "--db", clean_db, "--quiet"], env=env, capture_output=True, text=True, timeout=300)
    assert clean.returncode == 0, clean.stderr
    (r1, docs1), (r2, docs2) = _state(killed_db), _state(clean_db)
    assert r1.ok and r2.ok, (r1.problems, r2.problems)
    assert docs1 == docs2 and len(docs1) == N
    assert r1.counts == r2.counts

    again = subprocess.run([sys.executable, "-c", RUN, *args], env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and f"0 added, 0 updated, {N} unchanged" in again.stdout


def test_an_ingest_killed_again_and_again_keeps_what_each_run_committed(tmp_path, arabic_corpus):
    """A batch larger than the whole input still commits once its first document has waited
    [ingest] batch_seconds: each run killed after that keeps its work, and the runs add up
    (with only a batch size, an ingest killed every 15 s never got anywhere)."""
    n = 1500
    data = tmp_path / "corpus.jsonl"
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in arabic_corpus(n, seed=11)) + "\n", encoding="utf-8")
    cfg = tmp_path / "slow-commits.toml"
    cfg.write_text('[pipeline]\nstages = ["text"]\n\n[ingest]\nbatch_seconds = 0.02\n', encoding="utf-8")
    env = {**os.environ, "RASD_CONFIG": str(cfg)}
    db = str(tmp_path / "killed.db")
    args = [str(data), "--db", db, "--batch-size", str(10 * n), "--quiet"]

    kept = 0
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", RUN, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while _count(db) <= kept and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        assert proc.returncode == -signal.SIGKILL, "the ingest ended before it committed anything and could be killed"
        now = _count(db)
        assert kept < now < n  # this run's committed batches stayed
        report, _ = _state(db, deep=False)
        assert report.ok, report.problems
        kept = now

    rerun = subprocess.run([sys.executable, "-c", RUN, *args], env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{n - kept} added" in rerun.stdout and f"{kept} unchanged" in rerun.stdout
    report, docs = _state(db)
    assert report.ok and len(docs) == n
