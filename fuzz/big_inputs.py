"""Long inputs (issue 9), too slow for the test suite; run by fuzz/run.sh, figures in RELIABILITY.md.

1. A single-line text of --mb-line MB (default 10) through the whole default pipeline: it must
   finish, with every span in bounds; time and peak memory are printed for 1/4, 1/2 and all of
   it, so a quadratic stage shows as a time that quadruples when the size doubles.
2. A --mb-jsonl MB (default 50) JSON-lines file through `rasd ingest` (text stage) in a
   subprocess: every record stored exactly once, `check()` clean, the ingest's peak memory.

    .venv/bin/python fuzz/big_inputs.py [--mb-line 10] [--mb-jsonl 50]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

UNIT = "قال وزير الخارجية في الرياض يوم الأحد 3 مارس إن «التعاون مستمر» مع 12 دولة، وأكد المتحدث باسم الحكومة ذلك "
# `rasd ingest` in a subprocess; its own peak memory (VmHWM: ru_maxrss would carry the parent's over exec)
RUN = (
    "import sys\nfrom rasd.cli.store import ingest\ntry:\n    ingest.main(sys.argv[1:], prog_name='rasd ingest')\n"
    "finally:\n    hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
    "    print('maxrss_kib', hwm[0] if hwm else 0, file=sys.stderr)\n"
)


def spans(obj):
    if isinstance(obj, dict):
        if {"start", "end", "text"} <= obj.keys() and isinstance(obj["start"], int):
            yield obj
        for v in obj.values():
            yield from spans(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from spans(v)


def long_line(mb: float) -> bool:
    import rasd

    rasd.default_pipeline()
    ok = True
    times = []
    for share in (0.25, 0.5, 1.0):
        n = int(mb * 1_000_000 * share)
        body = (UNIT * (n // len(UNIT) + 1))[:n]
        t = time.perf_counter()
        d = rasd.to_dict(rasd.analyze(body))
        took = time.perf_counter() - t
        times.append(took)
        text = d["text"]
        all_spans = list(spans({k: v for k, v in d.items() if k != "text"}))
        bad = sum(1 for s in all_spans if text[s["start"] : s["end"]] != s["text"])
        ok &= bad == 0
        print(f"long line: {n / 1e6:.1f} MB analysed in {took:.1f} s, {len(all_spans)} spans, "
              f"{bad} bad spans, peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB", flush=True)
    ratio = times[-1] / max(times[-2], 1e-9)
    print(f"long line: doubling the size took {ratio:.2f}x the time (linear: ~2, quadratic: ~4)")
    return ok and ratio < 3


def big_jsonl(mb: float) -> bool:
    from rasd.store import open_store

    with tempfile.TemporaryDirectory(prefix="rasd-big-") as tmp:
        data, db, cfg = Path(tmp) / "big.jsonl", Path(tmp) / "big.db", Path(tmp) / "fast.toml"
        cfg.write_text('[pipeline]\nstages = ["text"]\n', encoding="utf-8")
        n = 0
        with data.open("w", encoding="utf-8") as fh:
            while fh.tell() < mb * 1_000_000:
                fh.write(json.dumps({"id": f"big-{n:06d}", "text": f"{UNIT} الخبر رقم {n}. " * 60}, ensure_ascii=False) + "\n")
                n += 1
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", RUN, str(data), "--db", str(db), "--quiet", "--json", "--batch-size", "500"],
                              capture_output=True, text=True, env={**os.environ, "RASD_CONFIG": str(cfg)})
        took = time.perf_counter() - t
        rss = int(proc.stderr.strip().splitlines()[-1].split()[-1]) // 1024
        summary = json.loads(proc.stdout.strip().splitlines()[-1])
        with open_store(str(db)) as store:
            report = store.check()
            stored = store.counts()["documents"]
        ok = proc.returncode == 0 and summary["added"] == n == stored and report.ok
        print(f"big JSONL: {data.stat().st_size / 1e6:.0f} MB, {n} records, {stored} stored, {n - stored} lost, "
              f"{took:.0f} s, ingest peak memory {rss} MiB, check {'ok' if report.ok else report.problems}")
        return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb-line", type=float, default=10)
    ap.add_argument("--mb-jsonl", type=float, default=50)
    args = ap.parse_args()
    ok = long_line(args.mb_line)
    ok &= big_jsonl(args.mb_jsonl)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
