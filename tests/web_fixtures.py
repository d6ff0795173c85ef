"""Fixtures of the API and web tests: a SQLite database filled by `rasd.ingest.ingest` with
the articles of tests/data/web/, and a real uvicorn server on a free loopback port.

Test modules load them with `pytest_plugins = ("web_fixtures",)` and do not import this module
(pytest rewrites its asserts when it loads it as a plugin); constants and helpers come from the
`web` fixture.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "data" / "web" / "articles.jsonl"
EXAMPLES = ROOT / "examples"
TOKEN = "test-token-4f1c9a"
MAX_BODY = 256 * 1024
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
XSS_ID = "web-xss"


def artifacts_dir() -> Path:
    """Where browser tests leave their screenshots: $RASD_TEST_ARTIFACTS or ./test-artifacts/."""
    base = Path(os.environ.get("RASD_TEST_ARTIFACTS") or ROOT / "test-artifacts")
    out = base / "web"
    out.mkdir(parents=True, exist_ok=True)
    return out


def fill_database(path: Path | str, inputs: list[Path]) -> dict[str, int]:
    """Ingest `inputs` into a new database (SQLite path or PostgreSQL URL) with the default pipeline."""
    from rasd import default_pipeline
    from rasd.ingest import ingest
    from rasd.store import open_store

    with open_store(path) as store:
        summary = ingest([str(p) for p in inputs], store, pipeline=default_pipeline())
        assert summary.failed == 0, summary.report()
        return store.counts()


@dataclass
class LiveServer:
    url: str
    app: Any
    server: Any
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def start_server(app: Any) -> LiveServer:
    """Serve `app` with uvicorn on a free port of 127.0.0.1, in a thread; return once it accepts."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the test server stopped while starting; see the log above")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("the test server did not start within 60 s")
        time.sleep(0.02)
    return LiveServer(f"http://127.0.0.1:{port}", app, server, thread)


def serve(db: Path, token: str | None = TOKEN, max_body: int = MAX_BODY) -> LiveServer:
    from rasd import default_pipeline
    from rasd.server import create_app

    app = create_app(str(db), token=token, max_body=max_body, pipeline=default_pipeline(), token_env="RASD_TEST_TOKEN")
    return start_server(app)


@pytest.fixture(scope="session")
def web() -> SimpleNamespace:
    """Constants and helpers: TOKEN, MAX_BODY, XSS_ID, CHROMIUM, CHROMIUM_ARGS, EXAMPLES, serve(db,
    token=...), start_server(app), fill_database(path, inputs), db_counts(path), artifacts_dir()."""
    return SimpleNamespace(
        TOKEN=TOKEN, MAX_BODY=MAX_BODY, XSS_ID=XSS_ID, CHROMIUM=CHROMIUM, CHROMIUM_ARGS=CHROMIUM_ARGS,
        EXAMPLES=EXAMPLES, ARTICLES=ARTICLES, serve=serve, start_server=start_server,
        fill_database=fill_database, db_counts=db_counts, artifacts_dir=artifacts_dir,
    )


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test articles, analysed and stored (read-only for the tests that share it)."""
    path = tmp_path_factory.mktemp("web") / "web.db"
    fill_database(path, [ARTICLES])
    return path


@pytest.fixture(scope="session")
def live_server(web_db: Path) -> Iterator[LiveServer]:
    srv = serve(web_db)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def writable_server(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server over a copy of the database, for tests that write."""
    copy = tmp_path_factory.mktemp("web-write") / "copy.db"
    src, dst = sqlite3.connect(web_db), sqlite3.connect(copy)
    try:
        src.backup(dst)  # SQLite's online backup: a consistent copy, WAL included
    finally:
        src.close()
        dst.close()
    srv = serve(copy)
    yield srv
    srv.stop()


@pytest.fixture
def http(live_server: LiveServer) -> Iterator[Any]:
    import httpx

    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        yield client


def db_counts(path: Path | str) -> dict[str, int]:
    from rasd.store import open_store

    with open_store(path) as store:
        return store.counts()
