"""Request bodies are size-limited: by their Content-Length before anything is read, and by
counting the bytes as they stream in (a chunked body has no Content-Length). `POST /analyze`,
which needs no token, has a limit of its own (E634), smaller by default than the others' (E627)."""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rasd.api.errors import AnalyzeBodyTooLarge, ApiError, BodyTooLarge, error_body, message_of

__all__ = ["ANALYZE_PATH", "BodyLimit", "DEFAULT_ANALYZE_BODY", "DEFAULT_MAX_BODY"]

DEFAULT_MAX_BODY = 2 * 1024 * 1024  # 2 MiB: some hundred articles per POST /documents
DEFAULT_ANALYZE_BODY = 1024 * 1024  # 1 MiB: one long article (news articles are a few KB)
ANALYZE_PATH = "/analyze"


class _TooLarge(HTTPException):
    """Raised from `receive` when the streamed body passes the limit. An HTTPException, so that
    FastAPI's body parsing re-raises it instead of calling it a parse error."""

    def __init__(self) -> None:
        super().__init__(status_code=413)


class BodyLimit:
    """ASGI middleware answering 413 to a request whose body is larger than `max_body` bytes (for
    /analyze: than `analyze_max_body`, when that is smaller)."""

    def __init__(self, app: ASGIApp, max_body: int, analyze_max_body: int | None = None) -> None:
        self.app = app
        self.max_body = max_body
        self.analyze_max_body = analyze_max_body if analyze_max_body is not None else max_body

    def _limit(self, scope: Scope) -> tuple[int, ApiError]:
        if scope.get("path") == ANALYZE_PATH and self.analyze_max_body < self.max_body:
            return self.analyze_max_body, AnalyzeBodyTooLarge(limit=self.analyze_max_body)
        return self.max_body, BodyTooLarge(limit=self.max_body)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, refusal = self._limit(scope)
        length = _content_length(scope)
        if length is not None and length > limit:
            await self._reject(send, refusal)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge()
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except _TooLarge:
            if started:
                raise
            await self._reject(send, refusal)

    async def _reject(self, send: Send, err: ApiError) -> None:
        body = json.dumps(error_body(err.code, message_of(err)), ensure_ascii=False).encode("utf-8")
        headers: list[tuple[bytes, bytes]] = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    """The declared body length; a malformed header counts as too large (the request is refused)."""
    raw: Any = None
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            raw = value
            break
    if raw is None:
        return None
    try:
        n = int(raw)
    except ValueError:
        return 1 << 62
    return n if n >= 0 else 1 << 62
