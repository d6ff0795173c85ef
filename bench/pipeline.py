"""Benchmark of the full default pipeline (`rasd.analyze`'s stages) on one core.

    python bench/pipeline.py [SAMPLE.jsonl] [--limit N] [--profile]

SAMPLE.jsonl (default: ../shared/data/saudinewsnet/sample.jsonl next to the repository) holds one
article a line (`text`, `title`, `date`, ...). Prints articles/s (wall clock, and by CPU time,
which a busy shared machine disturbs less), the time each stage takes per article, and the peak
memory of the process (ru_maxrss). The process is pinned to one CPU where
the platform allows it. Building the pipeline (loading models) is timed separately and not counted
in the throughput; articles are analysed one at a time and not kept, as a streaming run would. With --profile, prints the 25 functions with the most own time (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SAMPLE = ROOT.parent / "shared" / "data" / "saudinewsnet" / "sample.jsonl"
TARGET = 100.0  # articles per second


def load(path: Path, limit: int | None) -> list[tuple[str, dict]]:
    """The records of the sample (parsed JSON), each with where it comes from."""
    records = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if limit is not None and len(records) >= limit:
                break
            if line.strip():
                records.append((f"{path}:{n}", json.loads(line)))
    return records


def run(stages: list, records: list[tuple[str, dict]]) -> tuple[int, int, float, dict[str, float]]:
    """Analyse the records one at a time (nothing is kept): (articles, characters, seconds, per stage)."""
    from rasd.errors import RasdError
    from rasd.io.records import document_from_record

    per_stage = {s.name: 0.0 for s in stages}
    clock = time.perf_counter
    n = chars = 0
    t0 = clock()
    for where, record in records:
        try:
            doc = document_from_record(record, where=where)
        except RasdError as exc:  # an empty article: real-world input, reported and skipped
            print(f"skipped {exc}", file=sys.stderr)
            continue
        n += 1
        chars += len(doc.text)
        for stage in stages:
            t = clock()
            doc = stage(doc)
            per_stage[stage.name] += clock() - t
            doc.done.update(stage.provides)
    return n, chars, clock() - t0, per_stage


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "sample", nargs="?", type=Path, default=DEFAULT_SAMPLE, help="JSON-lines file of articles"
    )
    ap.add_argument("--limit", type=int, default=None, help="analyse at most N articles")
    ap.add_argument("--profile", action="store_true", help="print the 25 functions with the most own time")
    args = ap.parse_args(argv)
    if not args.sample.is_file():
        print(f"{args.sample}: no such file. Pass the path of a .jsonl sample.", file=sys.stderr)
        return 1
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    import rasd

    t = time.perf_counter()
    pipeline = rasd.default_pipeline()
    build_s = time.perf_counter() - t
    records = load(args.sample, args.limit)
    # warm-up on the first records: lazy data (lexicons, gazetteers) is loaded here
    run(pipeline.stages, records[:5])
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    cpu0 = time.process_time()
    n, chars, total, per_stage = run(pipeline.stages, records)
    cpu = time.process_time() - cpu0
    if profiler:
        profiler.disable()
    if not n:
        print("no articles to analyse", file=sys.stderr)
        return 1
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"pipeline: {' → '.join(pipeline.names)} (built in {build_s:.2f} s)")
    print(f"articles: {n} ({chars / n / 1000:.1f} k characters on average) from {args.sample}")
    print(
        f"throughput: {n / total:.1f} articles/s on one core ({total / n * 1000:.2f} ms per article; target ≥ {TARGET:.0f})"
    )
    print(
        f"cpu time: {n / cpu:.1f} articles/s ({cpu / n * 1000:.2f} ms of CPU per article; a busy machine disturbs it less)"
    )
    for name, secs in per_stage.items():
        print(f"  {name:10s} {secs / n * 1000:7.2f} ms/article  {100 * secs / total:5.1f} %")
    print(f"peak memory: {peak_kib / 1024:.0f} MiB (ru_maxrss)")
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
