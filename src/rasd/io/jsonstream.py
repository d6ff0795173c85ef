"""A JSON array read element by element from text chunks, so a 100 MB file never sits in memory
whole, and one bad element (past rasd's bounds) is refused alone where its end can be found."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from rasd.bounds import unreadable
from rasd.errors import BadRecord, InputError
from rasd.io.records import document_from_record
from rasd.model import Document

__all__ = ["iter_json_array", "records_of"]


class _Stream:
    """A text buffer over an iterator of chunks, for the incremental JSON reader."""

    def __init__(self, chunks: Iterator[str]) -> None:
        self.chunks = chunks
        self.buf = ""
        self.pos = 0
        self.eof = False

    def more(self) -> bool:
        if self.eof:
            return False
        try:
            nxt = next(self.chunks)
        except StopIteration:
            self.eof = True
            return False
        self.buf = self.buf[self.pos :] + nxt
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next non-space character ("" at the end), skipping spaces."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""


# A JSON string (complete), a bracket, or the opening quote of a string the buffer cuts off.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|"')


def _skip_value(s: _Stream, max_record: int) -> bool:
    """Move `s.pos` past the array or object starting there without parsing it (brackets
    counted, strings passed over), reading on as needed; False when the stream ends first or the
    value runs past `max_record` characters."""
    i, depth = s.pos, 0
    while True:
        m = _JSON_TOKEN.search(s.buf, i)
        if m is None or m.group() == '"':
            keep = (m.start() if m is not None else len(s.buf)) - s.pos
            if len(s.buf) - s.pos > max_record or not s.more():
                return False
            i = keep  # `more` keeps the buffer from `pos` on, now at 0
            continue
        tok, i = m.group(), m.end()
        if tok in "[{":
            depth += 1
        elif tok in "]}":
            depth -= 1
            if depth <= 0:
                s.pos = i
                return True


def iter_json_array(chunks: Iterator[str], where: str, max_record: int = 64 << 20) -> Iterator[tuple[str, Any] | InputError]:
    """(label, value) for each element of a JSON array (or the single top-level object) read from
    text chunks; a syntax error ends the stream with a BadRecord naming the element."""
    decoder = json.JSONDecoder()
    s = _Stream(chunks)
    first = s.peek()
    if first == "{":
        elements, index = False, None
    elif first == "[":
        elements, index = True, 0
        s.pos += 1
    else:
        found = repr(first) if first else "nothing"
        yield BadRecord(where=where, problem=f"expected a JSON array or object, found {found}", fix="Give a .json file holding an array of articles.")
        return
    while True:
        if elements:
            c = s.peek()
            if c == "]":
                s.pos += 1
                if s.peek():
                    yield BadRecord(where=where, problem="unexpected text after the closing ]", fix="Fix the JSON.")
                return
            if not c:
                yield BadRecord(where=f"{where}[{index}]", problem="the array is cut short (no closing ])", fix="The file is truncated; fetch it again.")
                return
        label = f"{where}[{index}]" if elements else where
        while True:
            try:
                value, end = decoder.raw_decode(s.buf, s.pos)
                if end == len(s.buf) and not s.eof and isinstance(value, int | float) and s.more():
                    continue  # a number may go on in the next chunk
                break
            except json.JSONDecodeError as exc:
                # Cut off by the end of the buffer (read on), or a real syntax error (stop)?
                cut = exc.pos >= len(s.buf) - 8 or exc.msg.startswith("Unterminated string")
                if cut and len(s.buf) - s.pos > max_record:
                    yield BadRecord(where=label, problem=f"a record longer than {max_record:,} characters", fix="Split the record.")
                    return
                if cut and s.more():
                    continue
                yield BadRecord(where=label, problem=f"invalid JSON ({exc.msg})", fix="Fix the JSON; the rest of this file is skipped.")
                return
            except (RecursionError, ValueError) as exc:  # valid JSON past rasd's bounds (rasd.bounds)
                refused = unreadable(exc, label)
                if s.buf[s.pos] not in "[{" or not _skip_value(s, max_record):
                    yield BadRecord(where=label, problem=refused.details["problem"], fix="Its end cannot be found: the rest of this file is skipped.")
                    return
                value, end = refused, s.pos  # this element is refused, the next ones are read
                break
        s.pos = end
        yield value if isinstance(value, BadRecord) else (label, value)
        if not elements:
            if s.peek():
                yield BadRecord(where=where, problem="unexpected text after the JSON object", fix="Use an array, or .jsonl for one object a line.")
            return
        index += 1
        c = s.peek()
        if c == ",":
            s.pos += 1
        elif c != "]":
            yield BadRecord(where=f"{where}[{index}]", problem=f"expected ',' or ']' between elements, found {c!r}" if c else "the array is cut short (no closing ])",
                            fix="Fix the JSON; the rest of this file is skipped.")
            return


def records_of(items: Iterator[tuple[str, Any] | InputError], published: str | None) -> Iterator[Document | InputError]:
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        label, rec = item
        try:
            yield document_from_record(rec, label, published)
        except InputError as exc:
            yield exc
