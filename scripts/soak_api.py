"""Load and attack `rasd serve` on loopback, bounded in requests and time.

Starts `rasd serve` on a free 127.0.0.1 port over a new SQLite file with a bearer token, then
runs THREADS threads of mixed requests until REQUESTS are done or SECONDS have passed:

  - analyze (POST /analyze), search (GET /search), entities, quotes, events, document reads;
  - ingest (POST /documents with the token), each with a fresh id, recorded;
  - SQL-injection and XSS strings in every parameter (query strings, path ids, JSON fields);
  - oversized bodies (over --max-body: 413 expected);
  - missing and wrong tokens on POST /documents (401 / 403 expected).

Every response status is compared with what that request should get; anything else (a 5xx,
a 200 where 401 was due, an unescaped <script> echoed in HTML, a dead connection) is an
unexpected error. At the end, every document whose ingest returned 201 must be readable by id
(no lost write) and the database must pass `check()`. Prints one JSON line of figures.

    .venv/bin/python scripts/soak_api.py --requests 500 --seconds 60 --threads 8
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import httpx

SERVE = "import sys; from rasd.cli.serve import serve; serve(sys.argv[1:])"
TOKEN = "soak-" + os.urandom(8).hex()

ATTACKS = [
    "' OR '1'='1",
    "'; DROP TABLE documents; --",
    "\" OR 1=1 --",
    "1 UNION SELECT id, text FROM documents --",
    "وزير') OR ('a'='a",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "%27%20OR%201=1",
    "NEAR(a b) OR * AND \"",  # FTS5 syntax
    "\u202e\u200f<svg onload=alert(1)>",
    "../../etc/passwd",
    "\x00\x01",
]
WORDS = ["وزير", "الخارجية", "الرياض", "التعاون", "الحكومة", "مؤتمر", "الاقتصاد", "النفط"]
ARTICLE = "قال وزير الخارجية في الرياض إن التعاون مع الدول المجاورة مستمر. وأكد المتحدث باسم الحكومة ذلك في مؤتمر صحفي يوم الأحد."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Soak:
    def __init__(self, base: str, requests: int, seconds: float, seed: int) -> None:
        self.base = base
        self.left = requests
        self.deadline = time.monotonic() + seconds
        self.lock = threading.Lock()
        self.done = 0
        self.statuses: Counter[str] = Counter()
        self.unexpected: list[str] = []
        self.written: list[str] = []
        self.rnd = random.Random(seed)
        self.n = 0

    def take(self) -> int | None:
        with self.lock:
            if self.left <= 0 or time.monotonic() > self.deadline:
                return None
            self.left -= 1
            self.n += 1
            return self.n

    def record(self, kind: str, r: httpx.Response | None, ok: set[int], problem: str | None = None) -> None:
        with self.lock:
            self.done += 1
            code = r.status_code if r is not None else 0
            self.statuses[f"{kind} {code}"] += 1
            if r is None or code not in ok or problem:
                self.unexpected.append(f"{kind}: {code} {problem or ''} {(r.text[:200] if r is not None else '')}".strip())

    # ---- one request of each kind
    def one(self, client: httpx.Client, n: int, rnd: random.Random) -> None:
        kind = rnd.choice(["analyze", "search", "search", "ingest", "ingest", "attack_query", "attack_path", "attack_body",
                           "oversized", "no_token", "wrong_token", "read"])
        auth = {"Authorization": f"Bearer {TOKEN}"}
        attack = rnd.choice(ATTACKS)
        try:
            if kind == "analyze":
                r = client.post("/analyze", json={"text": f"{ARTICLE} رقم {n}", "title": rnd.choice(WORDS)})
                problem = None if r.status_code != 200 or r.json().get("schema") == "rasd.document/1" else "not a rasd.document/1"
                self.record(kind, r, {200}, problem)
            elif kind == "search":
                r = client.get("/search", params={"q": " ".join(rnd.sample(WORDS, 2))})
                self.record(kind, r, {200})
            elif kind == "ingest":
                doc_id = f"soak-{n}"
                r = client.post("/documents", headers=auth, json={"documents": [{"id": doc_id, "text": f"{ARTICLE} الخبر {n} {rnd.choice(WORDS)}"}]})
                if r.status_code == 201:
                    with self.lock:
                        self.written.append(doc_id)
                self.record(kind, r, {201})
            elif kind == "attack_query":
                path = rnd.choice(["/search", "/entities", "/quotes", "/events", "/graph", "/"])
                names = {"/search": ["q", "entity", "type", "source", "since", "until", "order"], "/entities": ["type", "source", "since"],
                         "/quotes": ["speaker", "source", "since"], "/events": ["type", "location", "participant", "until"],
                         "/graph": ["type"], "/": ["q", "entity"]}[path]
                params = {k: attack for k in names}
                if path == "/search" and rnd.random() < 0.5:
                    params = {"q": attack}
                r = client.get(path, params=params)
                leak = "<script>alert(1)</script>" in r.text and r.headers.get("content-type", "").startswith("text/html")
                self.record(kind, r, {200, 400, 404, 422}, "unescaped script in HTML" if leak else None)
            elif kind == "attack_path":
                path = rnd.choice(["/documents/", "/entities/", "/article/", "/entity/"])
                r = client.get(path + quote(attack, safe=""))
                leak = "<script>alert(1)</script>" in r.text and r.headers.get("content-type", "").startswith("text/html")
                self.record(kind, r, {200, 400, 404, 422}, "unescaped script in HTML" if leak else None)
            elif kind == "attack_body":
                doc_id = f"soak-x-{n}"
                body = {"documents": [{"id": doc_id, "title": attack, "source": attack, "url": attack, "text": f"{ARTICLE} {attack}"}]}
                r = client.post("/documents", headers=auth, json=body)
                if r.status_code == 201:
                    with self.lock:
                        self.written.append(doc_id)
                self.record(kind, r, {201, 422})
            elif kind == "oversized":
                big = "ا" * (3 * 1024 * 1024)  # 6 MB of UTF-8, over the 2 MiB limit
                r = client.post(rnd.choice(["/analyze", "/documents"]), headers=auth, json={"text": big})
                self.record(kind, r, {413})
            elif kind == "no_token":
                r = client.post("/documents", json={"documents": [{"text": ARTICLE + " بلا رمز"}]})
                self.record(kind, r, {401})
            elif kind == "wrong_token":
                wrong = "".join(c for c in attack if 32 <= ord(c) < 127) or "x"  # what a header can carry
                r = client.post("/documents", headers={"Authorization": f"Bearer {wrong}"}, json={"documents": [{"text": ARTICLE + " رمز خاطئ"}]})
                self.record(kind, r, {403})
            else:
                with self.lock:
                    doc_id = rnd.choice(self.written) if self.written else None
                if doc_id is None:
                    r = client.get("/health")
                    self.record("health", r, {200})
                else:
                    r = client.get(f"/documents/{doc_id}")
                    self.record(kind, r, {200}, None if r.status_code != 200 or r.json().get("id") == doc_id else "another document")
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            self.record(kind, None, set(), f"{type(exc).__name__}: {exc}")

    def worker(self, seed: int) -> None:
        rnd = random.Random(seed)
        with httpx.Client(base_url=self.base, timeout=60) as client:
            while (n := self.take()) is not None:
                self.one(client, n, rnd)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=500, help="Requests in all (bounded).")
    ap.add_argument("--seconds", type=float, default=60, help="Stop after this long even if requests are left.")
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--seed", type=int, default=9)
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="rasd-soak-"))
    db = tmp / "soak.db"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "RASD_TOKEN": TOKEN}
    log = (tmp / "server.log").open("w")
    server = subprocess.Popen([sys.executable, "-c", SERVE, "--db", str(db), "--host", "127.0.0.1", "--port", str(port),
                               "--threads", "4", "--log-level", "warning"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/health", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"rasd serve did not start; see {tmp / 'server.log'}")
            time.sleep(0.2)
        soak = Soak(base, args.requests, args.seconds, args.seed)
        started = time.monotonic()
        threads = [threading.Thread(target=soak.worker, args=(args.seed * 1000 + i,)) for i in range(args.threads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        took = time.monotonic() - started

        lost = []
        with httpx.Client(base_url=base, timeout=60) as client:
            for doc_id in soak.written:
                if client.get(f"/documents/{doc_id}").status_code != 200:
                    lost.append(doc_id)
            alive = client.get("/health").status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()

    from rasd.store import open_store

    with open_store(str(db)) as store:
        report = store.check(deep=True)
        stored = store.counts()["documents"]
    figures = {
        "requests": soak.done, "seconds": round(took, 1), "requests_per_s": round(soak.done / took, 1), "threads": args.threads,
        "unexpected_errors": len(soak.unexpected), "writes_acknowledged": len(soak.written), "documents_stored": stored,
        "documents_lost": len(lost), "server_alive_after": alive, "check_ok": report.ok, "check_problems": report.problems[:5],
        "statuses": dict(sorted(soak.statuses.items())),
    }
    print(json.dumps(figures, ensure_ascii=False))
    for u in soak.unexpected[:20]:
        print("unexpected:", u, file=sys.stderr)
    bad = soak.done != soak.n or soak.unexpected or lost  # a worker that died leaves requests taken, not done or not report.ok or not alive or stored != len(soak.written)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
