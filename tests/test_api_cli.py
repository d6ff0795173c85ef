"""`rasd serve`: help with an example, clean errors, and a real server on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest
from click.testing import CliRunner

from rasd.cli.serve import serve

SERVE = "import sys; from rasd.cli.serve import serve; serve(sys.argv[1:])"


def test_help_shows_an_example():
    res = CliRunner().invoke(serve, ["--help"])
    assert res.exit_code == 0
    assert "rasd serve --db" in res.output
    assert "127.0.0.1" in res.output and "--token-env" in res.output


def test_bad_database_is_a_clean_error(tmp_path):
    res = CliRunner().invoke(serve, ["--db", str(tmp_path)])  # a directory
    assert res.exit_code != 0
    assert "rasd: error:" in res.output and "directory" in res.output
    res = CliRunner().invoke(serve, ["--db", "mysql://x/y"])
    assert res.exit_code == 2 and "E601" in res.output


def test_bad_analysis_limits_in_the_configuration_are_a_clean_error(tmp_path):
    for key, value in (("analysis_jobs", "0"), ("analysis_chars", '"many"'), ("analyze_max_body", "-1"), ("analysis_jobs", "2.5")):
        cfg = tmp_path / "serve.toml"
        cfg.write_text(f"[serve]\n{key} = {value}\n", encoding="utf-8")
        res = CliRunner().invoke(serve, ["--db", str(tmp_path / "x.db"), "--config", str(cfg)])
        assert res.exit_code == 2 and f"[serve] {key}" in res.output, (key, value, res.output)
    res = CliRunner().invoke(serve, ["--db", str(tmp_path / "x.db"), "--config", str(tmp_path / "missing.toml")])
    assert res.exit_code == 2 and "configuration file not found" in res.output


def _children(pid: int) -> list[int]:
    """Ids of the processes whose parent is `pid` (Linux /proc)."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat", encoding="utf-8").read()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry))
    return out


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_listens_on_loopback_and_reads_the_token_from_the_environment(tmp_path, workers):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "MY_TOKEN": "abc123"}
    cmd = [sys.executable, "-c", SERVE, "--db", str(tmp_path / "new.db"), "--port", str(port),
           "--token-env", "MY_TOKEN", "--stages", "text", "--log-level", "warning", "--workers", str(workers)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stdout.read()
            try:
                health = httpx.get(url + "/health", timeout=5).json()
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "rasd serve did not answer within 60 s"
                time.sleep(0.1)
        assert health["status"] == "ok" and health["writes"] is True
        doc = {"documents": [{"id": "a1", "text": "قال الوزير إن الاجتماع كان مفيدا."}]}
        assert httpx.post(url + "/documents", json=doc, timeout=30).status_code == 401
        r = httpx.post(url + "/documents", json=doc, headers={"Authorization": "Bearer abc123"}, timeout=30)
        assert r.status_code == 201, r.text
        assert httpx.get(url + "/", timeout=30).text.startswith("<!doctype html>")
        # DNS rebinding: a page of another site whose name resolves to 127.0.0.1 gets nothing
        r = httpx.get(url + "/search", params={"q": "الوزير"}, headers={"Host": f"evil.example:{port}"}, timeout=30)
        assert r.status_code == 400 and r.json()["error"]["code"] == "E630"
        assert httpx.get(f"http://localhost:{port}/health", timeout=30).status_code == 200
        if workers > 1:  # the processes share the port, the settings and the token
            assert len([c for c in _children(proc.pid) if os.path.exists(f"/proc/{c}")]) >= workers
            for _ in range(6):
                assert httpx.get(url + "/search", params={"q": "الوزير"}, timeout=30).json()["items"][0]["id"] == "a1"
                r = httpx.post(url + "/documents", json=doc, headers={"Authorization": "Bearer abc123"}, timeout=30)
                assert r.status_code == 201 and r.json()["results"][0]["status"] == "unchanged"
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert "serving new.db on http://127.0.0.1:" in out
