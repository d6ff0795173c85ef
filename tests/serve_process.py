"""`rasd serve` in a subprocess on a free loopback port, for tests that need the real command (its
options, its configuration file) rather than an app served in the test's own process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass

import httpx

SERVE = "import sys; from rasd.cli.serve import serve; serve(sys.argv[1:])"
TOKEN_ENV = "RASD_PROCESS_TOKEN"


@dataclass
class ServeProcess:
    proc: subprocess.Popen[str]
    url: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def stop(self) -> str:
        """Stop the server (SIGINT, as Ctrl-C) and return what it printed."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                out, _ = self.proc.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                out, _ = self.proc.communicate()
        else:
            out, _ = self.proc.communicate()
        return out or ""


def start_serve(db: str, *args: str, env: dict[str, str] | None = None, token: str = "t0ken-pr0cess") -> ServeProcess:
    """Start `rasd serve --db DB ARGS...` with a write token; return once /health answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-c", SERVE, "--db", db, "--port", str(port), "--token-env", TOKEN_ENV,
           "--log-level", "warning", *args]
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {}), TOKEN_ENV: token},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else "rasd serve exited"
        try:
            httpx.get(url + "/health", timeout=5)
            return ServeProcess(proc, url, token)
        except httpx.TransportError:
            assert time.monotonic() < deadline, "rasd serve did not answer within 120 s"
            time.sleep(0.1)
