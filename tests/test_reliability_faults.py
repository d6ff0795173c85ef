"""Faults during `rasd ingest`: a full disk, and PostgreSQL restarted mid-ingest.

After the fault the database is consistent (`check()` clean) and rerunning the same command
stores every document exactly once. (kill -9 during ingest: tests/test_ingest_kill.py; a worker
killed during `rasd batch`: tests/test_batch_faults.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from rasd.store import open_store

RUN = "import sys; from rasd.cli.store import ingest; ingest.main(sys.argv[1:], prog_name='rasd ingest')"
ARTICLE = "قال وزير المالية في الرياض إن الميزانية الجديدة تدعم المشاريع الصغيرة. وأكد المتحدث باسم الوزارة ذلك أمس."


def _corpus(path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"f-{i:04d}", "text": f"{ARTICLE} الخبر رقم {i}. " * 5}, ensure_ascii=False) + "\n")


def _fast_env(tmp_path) -> dict[str, str]:
    cfg = tmp_path / "fast.toml"  # the text stage only: the faults are in the store, not the analysis
    cfg.write_text('[pipeline]\nstages = ["text"]\n', encoding="utf-8")
    return {**os.environ, "RASD_CONFIG": str(cfg)}


def _ingest(args: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], dict]:
    proc = subprocess.run([sys.executable, "-c", RUN, *args, "--quiet", "--json"], env=env, capture_output=True, text=True, timeout=300)
    return proc, (json.loads(proc.stdout.strip().splitlines()[-1]) if proc.stdout.strip() else {})


def _stored(db: str) -> tuple[list[str], list[str]]:
    with open_store(db) as s:
        report = s.check(deep=True)
        return sorted(r["id"] for r in s.iter_rows("documents")), report.problems


# -------------------------------------------------------------------------------------- full disk


def test_full_disk_clear_error_consistent_then_rerun_completes(tmp_path, small_tmpfs):
    """Regression: a document whose commit failed was counted both added and failed."""
    where, grow = small_tmpfs
    data, n = tmp_path / "corpus.jsonl", 400
    _corpus(data, n)
    env, db = _fast_env(tmp_path), os.path.join(where, "kb.db")
    args = [str(data), "--db", db, "--batch-size", "50"]

    full, summary = _ingest(args, env)
    assert full.returncode == 1
    assert summary["failed"] > 0 and "database or disk is full" in summary["failures"][0]["reason"]
    assert summary["added"] + summary["failed"] == summary["records"] == n  # each record counted once
    stored, problems = _stored(db)
    assert problems == []
    assert len(stored) == summary["added"]

    grow()  # space freed
    rerun, summary2 = _ingest(args, env)
    assert rerun.returncode == 0, rerun.stderr
    assert summary2["added"] == n - len(stored) and summary2["unchanged"] == len(stored)
    stored, problems = _stored(db)
    assert problems == [] and stored == sorted(f"f-{i:04d}" for i in range(n))  # each exactly once


# ------------------------------------------------------------------------- PostgreSQL restarted


def _pg_count(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except psycopg.Error:  # not migrated yet, or restarting
        return 0


def test_postgres_restart_mid_ingest_then_rerun_stores_each_once(tmp_path, own_pg_server):
    url, restart = own_pg_server.url, own_pg_server.restart
    data, n = tmp_path / "corpus.jsonl", 300
    _corpus(data, n)
    env = _fast_env(tmp_path)
    args = [str(data), "--db", url, "--batch-size", "5", "--quiet", "--json"]

    proc = subprocess.Popen([sys.executable, "-c", RUN, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while _pg_count(url) < n // 4 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the ingest finished before the restart"
    restart()
    out, err = proc.communicate(timeout=300)
    # regression: the lost connection escaped as a psycopg traceback; now a coded error
    assert proc.returncode == 1, err
    assert "Traceback" not in err and "[E600]" in err and "Run the same command again" in err, err
    stored, problems = _stored(url)
    assert problems == [] and 0 < len(stored) < n and len(stored) % 5 == 0  # whole batches only

    rerun, summary = _ingest(args[:-2], env)
    assert rerun.returncode == 0, rerun.stderr
    assert summary["added"] == n - len(stored)
    stored, problems = _stored(url)
    assert problems == [] and stored == sorted(f"f-{i:04d}" for i in range(n))
