"""Benchmark of `rasd ingest` end to end: read → analyse → deduplicate → store.

    python bench/ingest.py [DATA_DIR] --db bench.db [--db postgresql://…] [--limit 1000 --limit 10000 …] [--reset] [--workers N]
                           [--config FILE] [--json FILE]

DATA_DIR (default: ../shared/data/saudinewsnet next to the repository) holds the SaudiNewsNet
zips (31,030 articles). Each (database, limit) pair runs in its own process, pinned to one CPU
where the platform allows it, on an empty database, so that the peak memory (ru_maxrss) of each
run is its own. `--limit all` ingests everything. Prints, per run: records handled, articles/s
end to end, the time spent in analysis and in the store per article, peak memory (ru_maxrss,
which counts the pages of a memory-mapped SQLite file, and the heap's high-water mark, RssAnon
sampled every 200 records, which does not), the heap every 5,000 records (is memory flat as
the corpus grows?), and the database size; `--json FILE` also writes the figures as JSON.

The database must be empty: a SQLite file is deleted first with --reset; a PostgreSQL database
gets its `public` schema dropped and recreated with --reset (only ever point it at a scratch
database).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Running `python bench/ingest.py` puts bench/ first on sys.path, where bench/tokenize.py would
# shadow the standard library's tokenize module (used by inspect, hence numpy and scipy).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "saudinewsnet"
TARGET = 100.0  # articles per second per core
CURVE_STEP = 5000  # records between two points of the heap curve


def _pin() -> None:
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[-1]})


def _reset(db: str) -> None:
    from rasd.store import is_postgres_url

    if is_postgres_url(db):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
        return
    for suffix in ("", "-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)


def _size(db: str) -> int:
    from rasd.store import is_postgres_url

    if is_postgres_url(db):
        import psycopg

        with psycopg.connect(db) as conn:
            return int(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0])
    return sum(Path(db + s).stat().st_size for s in ("", "-wal") if Path(db + s).exists())


def _anon_mb() -> float | None:
    """This process's resident anonymous memory (heap, not the memory-mapped database file), in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def child(data: Path, db: str, limit: int | None, reset: bool, config: str | None, workers: int = 1) -> dict:
    """One run in this process: returns its figures. With `workers` > 1 the analysis runs in that
    many processes (`ingest --workers`), nothing is pinned, and the analysis time is not split out."""
    if workers == 1:
        _pin()
    from rasd.config import load_config
    from rasd.ingest import ingest
    from rasd.pipeline import build_pipeline
    from rasd.store import open_store

    if reset:
        _reset(db)
    t = time.perf_counter()
    pipeline = build_pipeline(config=load_config(config))
    build = time.perf_counter() - t
    spent = [0.0]

    def timed(doc):
        t0 = time.perf_counter()
        try:
            return pipeline(doc)
        finally:
            spent[0] += time.perf_counter() - t0

    zips = sorted(data.glob("*.zip"))
    if not zips:
        raise SystemExit(f"no .zip files in {data}; give the SaudiNewsNet folder")
    with open_store(db) as store:
        if store.counts()["documents"]:
            raise SystemExit(f"{db} is not empty: pass --reset to empty it first (scratch databases only)")
        peak_anon = [0.0]
        seen = [0]
        curve: list[list[float]] = []  # [records, heap MB] at every CURVE_STEP records: is memory flat?

        def sample(n, _summary):  # every 200 records: the heap's high-water mark, mmap excluded
            seen[0] += n
            if seen[0] % 200 < n:
                heap = _anon_mb() or 0.0
                peak_anon[0] = max(peak_anon[0], heap)
                if seen[0] % CURVE_STEP < n:
                    curve.append([seen[0], round(heap, 1)])

        if workers == 1:
            summary = ingest(zips, store, pipeline=timed, limit=limit, progress=sample)
        else:
            summary = ingest(zips, store, config=load_config(config), workers=workers, limit=limit, progress=sample)
        counts = store.counts()
    cores = 1 if workers == 1 else min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, workers + 1)
    rate = summary.records / summary.seconds if summary.seconds else 0.0
    analysed = max(summary.analysed, 1)
    return {
        "db": "postgresql" if db.startswith("postgres") else "sqlite",
        "limit": limit,
        "records": summary.records,
        "stored": counts["documents"],
        "failed": summary.failed,
        "near_duplicates": summary.duplicates,
        "seconds": round(summary.seconds, 1),
        "workers": workers,
        "cores": cores,
        "articles_per_s": round(rate, 1),
        "articles_per_s_per_core": round(rate / cores, 1),
        "analysis_ms_per_article": round(1000 * spent[0] / analysed, 2) if workers == 1 else None,
        "store_ms_per_article": round(1000 * (summary.seconds - spent[0]) / analysed, 2) if workers == 1 else None,
        "pipeline_build_s": round(build, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_anon_mb": round(peak_anon[0], 1),
        "heap_curve_mb": curve if curve and curve[-1][0] == seen[0] else [*curve, [seen[0], round(_anon_mb() or 0.0, 1)]],
        "worker_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1) if workers > 1 else None,
        "db_mb": round(_size(db) / 1e6, 1),
        "entities": counts["entities"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="folder of SaudiNewsNet .zip files")
    ap.add_argument("--db", action="append", required=True, help="SQLite path or postgresql:// URL (repeatable)")
    ap.add_argument("--limit", action="append", default=None, help="records per run: a number or 'all' (repeatable; default 1000)")
    ap.add_argument("--reset", action="store_true", help="empty each database first (deletes the SQLite file / the public schema)")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--config", help="a TOML configuration (e.g. fewer pipeline stages, to measure the store alone)")
    ap.add_argument("--workers", type=int, default=1, help="analysis processes (ingest --workers); 1: one pinned core")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    limits = [None if x == "all" else int(x) for x in (args.limit or ["1000"])]
    if args.child:
        print(json.dumps(child(args.data, args.db[0], limits[0], args.reset, args.config, args.workers)))
        return
    results = []
    for db in args.db:
        for limit in limits:
            cmd = [sys.executable, __file__, str(args.data), "--db", db, "--limit", "all" if limit is None else str(limit), "--child"]
            if args.reset:
                cmd.append("--reset")
            if args.config:
                cmd += ["--config", args.config]
            if args.workers > 1:
                cmd += ["--workers", str(args.workers)]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode != 0:
                sys.stderr.write(proc.stderr)
                raise SystemExit(f"run failed: {' '.join(cmd)}")
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            results.append(r)
            if r["workers"] == 1:
                how = (f"on one core (analysis {r['analysis_ms_per_article']:.1f} ms + store "
                       f"{r['store_ms_per_article']:.1f} ms per article)  peak {r['peak_rss_mb']:.0f} MB "
                       f"(heap {r['peak_anon_mb']:.0f} MB)")
            else:
                how = (f"with {r['workers']} analysis workers on {r['cores']} cores = {r['articles_per_s_per_core']:.1f}/s per core  "
                       f"peak {r['peak_rss_mb']:.0f} MB (heap {r['peak_anon_mb']:.0f} MB; + {r['worker_peak_rss_mb']:.0f} MB a worker)")
            print(
                f"{r['db']:<10} {r['records']:>6} records  {r['articles_per_s']:>6.1f} articles/s {how}  db {r['db_mb']:.0f} MB  "
                f"{r['stored']} stored, {r['near_duplicates']} near-duplicates, {r['failed']} failed"
                + ("" if r["articles_per_s_per_core"] >= TARGET else f"  [below the {TARGET:.0f}/s per core target]"),
                flush=True,
            )
            if len(r["heap_curve_mb"]) > 2:
                print("           heap by records: " + ", ".join(f"{n / 1000:.0f}k {mb:.0f} MB" for n, mb in r["heap_curve_mb"]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
