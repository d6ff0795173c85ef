"""Benchmark of the full default pipeline (`rasd.analyze`'s stages) on one core.

    python bench/pipeline.py [SAMPLE.jsonl] [--limit N] [--profile]

SAMPLE.jsonl (default: ../shared/data/saudinewsnet/sample.jsonl next to the repository) holds one
article a line (`text`, `title`, `date`, ...). Prints articles/s, the time each stage takes per
article, and the peak memory of the process (ru_maxrss). The process is pinned to one CPU where
the platform allows it. Building the pipeline (loading models) is timed separately and not counted
in the throughput. With --profile, prints the 25 functions with the most own time (cProfile).
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


def load(path: Path, limit: int | None) -> list:
    from rasd.errors import RasdError
    from rasd.io.records import document_from_record

    docs, skipped = [], 0
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if limit is not None and len(docs) >= limit:
                break
            if not line.strip():
                continue
            try:
                docs.append(document_from_record(json.loads(line), where=f"{path}:{n}"))
            except RasdError as exc:  # an empty article: real-world input, reported and skipped
                skipped += 1
                print(f"skipped {exc}", file=sys.stderr)
    if skipped:
        print(f"{skipped} records skipped", file=sys.stderr)
    return docs


def run(stages: list, docs: list) -> tuple[float, dict[str, float]]:
    per_stage = {s.name: 0.0 for s in stages}
    clock = time.perf_counter
    t0 = clock()
    for doc in docs:
        for stage in stages:
            t = clock()
            doc = stage(doc)
            per_stage[stage.name] += clock() - t
            doc.done.update(stage.provides)
    return clock() - t0, per_stage


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
    docs = load(args.sample, args.limit)
    if not docs:
        print("no articles to analyse", file=sys.stderr)
        return 1
    chars = sum(len(d.text) for d in docs)
    # warm-up on a copy of the first article: lazy data (lexicons, gazetteers) is loaded here
    warm = rasd.Document.from_parts(docs[0].text)
    pipeline(warm)
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    total, per_stage = run(pipeline.stages, docs)
    if profiler:
        profiler.disable()
    n = len(docs)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"pipeline: {' → '.join(pipeline.names)} (built in {build_s:.2f} s)")
    print(f"articles: {n} ({chars / n / 1000:.1f} k characters on average) from {args.sample}")
    print(
        f"throughput: {n / total:.1f} articles/s on one core ({total / n * 1000:.2f} ms per article; target ≥ {TARGET:.0f})"
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
