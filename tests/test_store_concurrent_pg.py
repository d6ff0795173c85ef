"""Two `rasd ingest` processes into one PostgreSQL database, overlapping inputs, batches of 50:
no deadlock, no duplicate key, every record stored once (rows are locked in one order and
transient errors are retried)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from rasd.store import open_store

RUN = "import sys; from rasd.cli.store import ingest; ingest.main(sys.argv[1:], prog_name='rasd ingest')"


def test_two_writers_with_overlapping_inputs(pg_url, tmp_path, arabic_corpus):
    records = arabic_corpus(360, seed=11)
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    shared, own_a, own_b = records[:200], records[200:280], records[280:]  # both start with the same 200
    a.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in shared + own_a), encoding="utf-8")
    b.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in shared + own_b), encoding="utf-8")
    with open_store(pg_url):
        pass  # the schema, before two processes race to make it
    cmds = [[sys.executable, "-c", RUN, str(f), "--db", pg_url, "--batch-size", "50", "--quiet", "--json"] for f in (a, b)]
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ)) for c in cmds]
    outs = [p.communicate(timeout=600) for p in procs]
    summaries = []
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, (out[-2000:], err[-2000:])
        summaries.append(json.loads(out.strip().splitlines()[-1]))
    assert [s["failed"] for s in summaries] == [0, 0], [s["failures"][:3] for s in summaries]
    assert sum(s["added"] for s in summaries) == 360
    assert sum(s["added"] + s["unchanged"] + s["updated"] for s in summaries) == 560
    with open_store(pg_url) as store:
        assert store.counts()["documents"] == 360
        report = store.check(deep=True)
        assert report.ok, report.problems[:5]
