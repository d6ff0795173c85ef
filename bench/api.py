#!/usr/bin/env python3
"""Benchmark the HTTP API: latency of POST /analyze for a 2 KB article (p50, p95) and search
requests per second over a database.

usage: python bench/api.py [--db PATH] [--analyze N] [--searches N] [--seconds S] [--clients C] [--threads T] [--workers W]

The server is `rasd serve` in its own process on 127.0.0.1 (a free port), so the client does not
share its interpreter; everything stays on the loopback interface. Each phase is bounded both in
requests and in seconds. Without --db a small database is built in a temporary folder from
examples/ and tests/data/web/ (the 31k SaudiNewsNet articles: `rasd ingest` them first, then pass
--db). Queries are the names of the database's most frequent entities, alone (q=NAME) and as an
entity filter (entity=NAME), newest first or by relevance, cycling.

Targets: /analyze p50 < 50 ms; >= 150 searches/s from one server process, on SQLite and on PostgreSQL.
"""

# ruff: noqa: E402 (the standard library imports follow the sys.path fix below)
from __future__ import annotations

import sys
from pathlib import Path

# bench/ holds a tokenize.py, which would shadow the standard library's when this script runs
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import http.client
import itertools
import json
import os
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
TARGET = 150  # searches/s from one server process
SMALL_INPUTS = [ROOT / "examples", ROOT / "tests" / "data" / "web" / "articles.jsonl"]


def article_2kb() -> tuple[str, str]:
    """(title, body): the shipped example articles' sentences up to 2048 bytes of UTF-8."""
    sentences: list[str] = []
    for name in ("article-1.txt", "article-2.txt"):
        lines = (ROOT / "examples" / name).read_text(encoding="utf-8").splitlines()
        sentences += [ln for ln in lines[1:] if ln.strip()]
    title = (ROOT / "examples" / "article-1.txt").read_text(encoding="utf-8").splitlines()[0]
    body: list[str] = []
    size = len(title.encode("utf-8")) + 1
    for s in itertools.cycle(sentences):
        extra = len(s.encode("utf-8")) + 1
        if size + extra > 2048:
            break
        body.append(s)
        size += extra
    return title, "\n".join(body)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_small_db(folder: Path) -> Path:
    from rasd.ingest import ingest
    from rasd.store import open_store

    db = folder / "bench.db"
    with open_store(db) as store:
        summary = ingest([str(p) for p in SMALL_INPUTS], store)
    print(f"built {db}: {summary.report()}", file=sys.stderr)
    return db


def start_server(db: str, port: int, threads: int, workers: int = 1) -> subprocess.Popen:
    code = "import sys; from rasd.cli.serve import serve; serve(sys.argv[1:])"
    cmd = [sys.executable, "-c", code, "--db", db, "--host", "127.0.0.1", "--port", str(port),
           "--log-level", "warning", "--threads", str(threads), "--workers", str(workers)]
    env = {k: v for k, v in os.environ.items() if k != "RASD_TOKEN"}
    return subprocess.Popen(cmd, env=env)


def wait_ready(client, proc: subprocess.Popen, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with code {proc.returncode}")
        try:
            h = client.get("/health").json()
            if h["analysis"]["ready"] or h["analysis"]["problem"]:
                return h
        except Exception:  # noqa: BLE001 - not listening yet
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server was not ready within {timeout:.0f} s")


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))]


def pipeline_only(n: int, seconds: float) -> float:
    """p50 (ms) of the same analysis called in this process, without HTTP: what the server adds
    is the difference."""
    import rasd

    title, body = article_2kb()
    for _ in range(3):
        rasd.analyze(body, title=title, published="2024-03-07")
    times: list[float] = []
    stop = time.monotonic() + seconds
    while len(times) < n and time.monotonic() < stop:
        t0 = time.perf_counter()
        rasd.to_json(rasd.analyze(body, title=title, published="2024-03-07"))
        times.append(time.perf_counter() - t0)
    return round(statistics.median(times) * 1000, 2)


def bench_analyze(port: int, n: int, seconds: float) -> dict:
    """Sequential POST /analyze over one keep-alive connection (http.client, a light client)."""
    title, body = article_2kb()
    payload = json.dumps({"title": title, "text": body, "published": "2024-03-07"}, ensure_ascii=False).encode("utf-8")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def post() -> float:
        """One request; returns the analysis time the server reports (Server-Timing)."""
        conn.request("POST", "/analyze", body=payload, headers={"content-type": "application/json"})
        resp = conn.getresponse()
        data = resp.read()
        if resp.status != 200:
            raise SystemExit(f"POST /analyze answered {resp.status}: {data[:300].decode('utf-8', 'replace')}")
        return float((resp.getheader("server-timing") or "dur=0").split("dur=")[-1])

    for _ in range(5):  # warm-up: caches, connection
        post()
    times: list[float] = []
    server: list[float] = []
    stop = time.monotonic() + seconds
    while len(times) < n and time.monotonic() < stop:
        t0 = time.perf_counter()
        server.append(post())
        times.append(time.perf_counter() - t0)
    conn.close()
    ms = [t * 1000 for t in times]
    return {
        "bytes": len((title + "\n" + body).encode("utf-8")),
        "requests": len(ms),
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(pct(ms, 95), 2),
        "mean_ms": round(statistics.fmean(ms), 2),
        "max_ms": round(max(ms), 2),
        "analysis_p50_ms": round(statistics.median(server), 2),
    }


def search_requests(client) -> list[dict]:
    names = [e["name"] for e in client.get("/entities", params={"limit": 40}).json()["items"]]
    if not names:
        raise SystemExit("the database has no entities: ingest some articles first")
    reqs = []
    for i, name in enumerate(names):
        reqs.append({"q": name, "limit": 20})
        if i % 2 == 0:
            reqs.append({"entity": name, "order": "date", "limit": 20})
    return reqs


def bench_search(port: int, reqs: list[dict], n: int, seconds: float, clients: int) -> dict:
    """`clients` threads, each with one keep-alive connection (http.client: a light client, so
    that the server, not the client, is what is measured), cycling through `reqs`."""
    paths = ["/search?" + urlencode(p) for p in reqs]
    lock = threading.Lock()
    counter = itertools.count()
    latencies: list[float] = []
    errors: list[str] = []
    stop = time.monotonic() + seconds

    def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read()

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            while time.monotonic() < stop:
                i = next(counter)
                if i >= n:
                    return
                t0 = time.perf_counter()
                status, body = get(conn, paths[i % len(paths)])
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    if status != 200:
                        errors.append(f"{status} {body[:120].decode('utf-8', 'replace')}")
        finally:
            conn.close()

    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for path in paths[:40]:  # warm-up: page cache, statement cache
        get(warm, path)
    warm.close()
    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    ms = [t * 1000 for t in latencies]
    return {
        "requests": len(ms),
        "clients": clients,
        "seconds": round(elapsed, 2),
        "per_second": round(len(ms) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(statistics.median(ms), 2) if ms else None,
        "p95_ms": round(pct(ms, 95), 2) if ms else None,
        "errors": len(errors),
        "first_errors": errors[:3],
        "distinct_queries": len(reqs),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="database to search (SQLite path or postgresql:// URL); default: a small one built from the examples")
    ap.add_argument("--analyze", type=int, default=200, help="POST /analyze requests (default 200)")
    ap.add_argument("--searches", type=int, default=3000, help="search requests at most (default 3000)")
    ap.add_argument("--seconds", type=float, default=30.0, help="time limit of each phase (default 30)")
    ap.add_argument("--clients", type=int, default=4, help="concurrent search clients (default 4)")
    ap.add_argument("--threads", type=int, default=2, help="the server's database threads (default 2)")
    ap.add_argument("--workers", type=int, default=1, help="the server's processes (default 1)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = ap.parse_args()

    import httpx

    with tempfile.TemporaryDirectory(prefix="rasd-bench-") as tmp:
        db = Path(args.db) if args.db and "://" not in args.db else None
        target = args.db if args.db else str(build_small_db(Path(tmp)))
        if db is not None and not db.exists():
            raise SystemExit(f"{db}: no such database; build it with `rasd ingest ... --db {db}`")
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        proc = start_server(target, port, args.threads, args.workers)
        try:
            with httpx.Client(base_url=url, timeout=60) as client:
                health = wait_ready(client, proc)
                if health["analysis"]["problem"]:
                    raise SystemExit(f"the server cannot analyse: {health['analysis']['problem']}")
                analyze = bench_analyze(port, args.analyze, args.seconds)
                reqs = search_requests(client)
            search = bench_search(port, reqs, args.searches, args.seconds, args.clients)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    analyze["in_process_p50_ms"] = pipeline_only(args.analyze, args.seconds)
    result = {"db": target if args.db else "small (examples + tests/data/web)", "cpus": os.cpu_count(), "workers": args.workers,
              "threads": args.threads, "analyze": analyze, "search": search}
    a, s = analyze, search
    print(f"POST /analyze ({a['bytes']} bytes, {a['requests']} requests): p50 {a['p50_ms']} ms, p95 {a['p95_ms']} ms, "
          f"mean {a['mean_ms']} ms, max {a['max_ms']} ms; of which analysis p50 {a['analysis_p50_ms']} ms; "
          f"the same analysis in this process, without HTTP: p50 {a['in_process_p50_ms']} ms   [target p50 < 50 ms: {'met' if a['p50_ms'] < 50 else 'NOT met'}]")
    print(f"GET /search ({s['requests']} requests, {s['clients']} clients, {s['distinct_queries']} distinct; "
          f"server: {args.workers} process{'es' if args.workers > 1 else ''} x {args.threads} database threads): "
          f"{s['per_second']} requests/s, p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, {s['errors']} errors   "
          f"[target >= {TARGET}/s: {'met' if s['per_second'] >= TARGET else 'NOT met'}]")
    if s["errors"]:
        print(f"  first errors: {s['first_errors']}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
