#!/usr/bin/env python3
"""Start-up time of the CLI commands that need no model: the wall-clock time of a whole
`rasd search` (and of `entity`, `quotes`, `events`, `entities`) run as a new process, median of N.

usage: python bench/startup.py [--db PATH|URL] [--runs N] [--all] [--json FILE]

Each run is the installed `rasd <command> --db DB` (the script next to this Python) in a new
process, its output thrown away; the first run of each command is a warm-up
(the operating system's file cache) and is not counted. Without --db a small database is built in
a temporary folder from examples/. The query and the entity are the database's most named
entity's name. Target (the analyst's desk): <= 1.5 s for each of these commands.
"""

# ruff: noqa: E402 (the standard library imports follow the sys.path fix below)
from __future__ import annotations

import sys
from pathlib import Path

# bench/ holds a tokenize.py, which would shadow the standard library's when this script runs
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import statistics
import subprocess
import tempfile
import time

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 1.5


def build_small_db(folder: Path) -> str:
    from rasd.ingest import ingest
    from rasd.store import open_store

    db = folder / "startup.db"
    with open_store(db) as store:
        ingest([str(ROOT / "examples")], store)
    return str(db)


def top_name(db: str) -> str:
    from rasd.store import open_store

    with open_store(db, create=False) as store:
        top = store.entities(None, 1)
    if not top:
        raise SystemExit(f"{db}: no entities; ingest some articles first")
    return top[0].name


def time_command(args: list[str], runs: int) -> list[float]:
    script = Path(sys.executable).parent / "rasd"
    if not script.exists():
        raise SystemExit(f"{script}: no rasd script next to this Python; install rasd (pip install -e .) in its environment")
    cmd = [str(script), *args]
    times = []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        elapsed = time.perf_counter() - t0
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(args)} exited with {done.returncode}: {done.stderr.decode('utf-8', 'replace')[-300:]}")
        if i:  # the first run warms the file cache
            times.append(elapsed)
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="database (SQLite path or postgresql:// URL); default: a small one built from examples/")
    ap.add_argument("--runs", type=int, default=5, help="counted runs per command (default 5)")
    ap.add_argument("--all", action="store_true", help="also entity, quotes, events and entities (default: search only)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = ap.parse_args()
    if args.runs < 1:
        raise SystemExit("--runs must be at least 1")
    with tempfile.TemporaryDirectory(prefix="rasd-startup-") as tmp:
        db = args.db or build_small_db(Path(tmp))
        name = top_name(db)
        commands = {"search": ["search", name]}
        if args.all:
            commands |= {"entity": ["entity", name], "quotes": ["quotes", "--limit", "20"], "events": ["events", "--limit", "20"],
                         "entities": ["entities"]}
        result = {}
        for label, cmd in commands.items():
            times = time_command([*cmd, "--db", db], args.runs)
            result[label] = {"median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3),
                             "max_s": round(max(times), 3), "runs": len(times)}
    for label, r in result.items():
        verdict = "met" if r["median_s"] <= TARGET_S else "NOT met"
        print(f"rasd {label}: median {r['median_s']} s of {r['runs']} runs (min {r['min_s']}, max {r['max_s']})   "
              f"[target <= {TARGET_S} s: {verdict}]")
    if args.json:
        Path(args.json).write_text(json.dumps({"db": args.db or "small (examples)", **result}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
