"""Security headers on every response; HTML pages also get a Content-Security-Policy that allows
only this server's own scripts and styles (no inline script runs, whatever an article contains).

`HostCheck` refuses requests whose Host header is not one of the server's own names: a server on
127.0.0.1 then cannot be read by a web page through DNS rebinding (a hostile name that resolves to
127.0.0.1)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rasd.api.errors import HostNotAllowed, error_body, message_of

__all__ = ["CSP", "LOOPBACK_NAMES", "HostCheck", "SecurityHeaders"]

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_ALWAYS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += _ALWAYS
                for name, value in headers:
                    if name.lower() == b"content-type" and value.startswith(b"text/html"):
                        headers.append((b"content-security-policy", CSP.encode()))
                        break
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def host_name(header: str) -> str:
    """The host of a Host header, without its port ("[::1]:8000" → "::1")."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class HostCheck:
    """Answer 400 (E630) to a request whose Host is not in `allowed`."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = frozenset(h.lower() for h in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = b""
        for name, value in scope.get("headers", ()):
            if name == b"host":
                raw = value
                break
        host = host_name(raw.decode("latin-1"))
        if host in self.allowed:
            await self.app(scope, receive, send)
            return
        err = HostNotAllowed(host=host, allowed=", ".join(sorted(self.allowed)))
        body = json.dumps(error_body(err.code, message_of(err)), ensure_ascii=False).encode("utf-8")
        await send({"type": "http.response.start", "status": 400,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
