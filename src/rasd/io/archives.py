"""Zip archives and directories of articles, read one record at a time.

A zip member is read by its suffix: `.json` (an array of objects, parsed as a stream, so a
100 MB member never sits in memory whole; the SaudiNewsNet zips hold one such array with
`source, url, date_extracted, title, author, content`), `.jsonl`, `.txt`, `.html`, or a feed.
Archives are checked before anything is decompressed, and while reading, against zip bombs:
a member may not declare more than `max_member` bytes, the archive not more than `max_total`
nor hold more than `max_members` members, a large member (and the whole archive, once its
members add up past `ratio_floor`) not compress better than `max_ratio` to 1, and no member may
yield more bytes than it declares. Nested archives are refused.

A directory is walked in sorted order, recursively; files whose suffix rasd does not read (and
hidden files) are passed over.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from rasd.errors import BadRecord, EmptyText, InputError
from rasd.io.bounds import loads, unreadable
from rasd.io.records import document_from_record, split_title
from rasd.model import Document

__all__ = ["ZipLimits", "UnsafeArchive", "iter_json_array", "read_directory", "read_zip", "records_of"]

ARCHIVE_SUFFIXES = {".zip"}
_CHUNK = 1 << 20


class UnsafeArchive(InputError):
    code = "E011"
    template = "{path}: refused: {problem}. {fix}"


@dataclass(frozen=True, slots=True)
class ZipLimits:
    max_member: int = 1 << 30  # bytes one member may declare (1 GiB)
    max_total: int = 4 << 30  # bytes all members together may declare (4 GiB)
    max_ratio: float = 100.0  # uncompressed/compressed size of members over `ratio_floor`
    ratio_floor: int = 1 << 20  # small members may compress better (a page of spaces is harmless)
    max_members: int = 100_000
    max_record: int = 64 << 20  # characters of one JSON record


def _check(zf: zipfile.ZipFile, where: str, limits: ZipLimits) -> InputError | None:
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        return UnsafeArchive(path=where, problem=f"it has {len(infos)} members (limit {limits.max_members})", fix="Split it into smaller archives.")
    total = packed = 0
    for info in infos:
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            return UnsafeArchive(path=where, problem=f"member {info.filename} is encrypted", fix="Decrypt the archive first.")
        if info.file_size > limits.max_member:
            return UnsafeArchive(path=where, problem=f"member {info.filename} unpacks to {info.file_size:,} bytes (limit {limits.max_member:,})", fix="Unpack it yourself and ingest the files.")
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            return UnsafeArchive(path=where, problem=f"member {info.filename} compresses {ratio:.0f}:1 (limit {limits.max_ratio:.0f}:1), a zip bomb's signature", fix="Check where the archive comes from.")
        total += info.file_size
        packed += info.compress_size
    if total > limits.max_total:
        return UnsafeArchive(path=where, problem=f"its members unpack to {total:,} bytes (limit {limits.max_total:,})", fix="Split it into smaller archives.")
    # the whole archive too: many members, each under the floor, may add up to a bomb
    if total > limits.ratio_floor and total > limits.max_ratio * max(packed, 1):
        return UnsafeArchive(path=where, problem=f"its members together compress {total / max(packed, 1):.0f}:1 (limit {limits.max_ratio:.0f}:1), "
                             "a zip bomb's signature", fix="Check where the archive comes from.")
    return None


def _chunks(fh: BinaryIO, declared: int, where: str, encoding: str | None) -> Iterator[str]:
    """Decoded text of a member, chunk by chunk; stops a member that yields more than it declares."""
    decoder = codecs.getincrementaldecoder(encoding or "utf-8-sig")(errors="strict")
    seen = 0
    while True:
        data = fh.read(_CHUNK)
        seen += len(data)
        if seen > declared:
            raise UnsafeArchive(path=where, problem=f"it unpacks to more than the {declared:,} bytes it declares", fix="The archive is corrupt or hostile.")
        if not data:
            tail = decoder.decode(b"", final=True)
            if tail:
                yield tail
            return
        try:
            text = decoder.decode(data)
        except UnicodeDecodeError as exc:
            raise BadRecord(where=where, problem=f"is not valid {encoding or 'UTF-8'} (near byte {seen - len(data) + exc.start})",
                            fix="Pass --encoding with the right codec (e.g. cp1256).") from None
        if text:
            yield text


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
            except (RecursionError, ValueError) as exc:  # valid JSON past rasd's bounds (rasd.io.bounds)
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


def _lines(chunks: Iterator[str]) -> Iterator[tuple[int, str]]:
    rest, n = "", 0
    for chunk in chunks:
        rest += chunk
        *lines, rest = rest.split("\n")
        for line in lines:
            n += 1
            yield n, line
    if rest:
        yield n + 1, rest


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, encoding: str | None, published: str | None, limits: ZipLimits) -> Iterator[Document | InputError]:
    from rasd.io.feeds import FEED_SUFFIXES, documents_from_feed
    from rasd.io.html import HTML_SUFFIXES, document_from_html
    from rasd.io.readers import JSON_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES

    suffix = os.path.splitext(info.filename)[1].lower()
    with zf.open(info) as fh:
        chunks = _chunks(fh, info.file_size, where, encoding)
        if suffix in JSON_SUFFIXES:
            yield from records_of(iter_json_array(chunks, where, limits.max_record), published)
        elif suffix in JSONL_SUFFIXES:
            for n, line in _lines(chunks):
                if not line.strip():
                    continue
                label = f"{where}, line {n}"
                try:
                    rec = loads(line, label)
                except json.JSONDecodeError as exc:
                    yield BadRecord(where=label, problem=f"invalid JSON ({exc.msg}, column {exc.colno})", fix="Each line must be one complete JSON object.")
                    continue
                except InputError as exc:
                    yield exc
                    continue
                yield from records_of(iter([(label, rec)]), published)
        elif suffix in TEXT_SUFFIXES - {""}:
            title, body = split_title("".join(chunks))
            if not body.strip():
                title, body = None, title or ""
            if not body.strip():
                yield EmptyText(where=where)
            else:
                doc = Document.from_parts(body, title, id=Path(info.filename).stem, published=published)
                doc.id_from = where
                yield doc
        elif suffix in HTML_SUFFIXES:
            try:
                yield document_from_html("".join(chunks), where, published=published)
            except InputError as exc:
                yield exc
        elif suffix in FEED_SUFFIXES:
            yield from documents_from_feed("".join(chunks), where, published)


def _readable(name: str) -> bool:
    from rasd.io.feeds import FEED_SUFFIXES
    from rasd.io.html import HTML_SUFFIXES
    from rasd.io.readers import JSON_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES

    suffix = os.path.splitext(name)[1].lower()
    return suffix in (JSON_SUFFIXES | JSONL_SUFFIXES | (TEXT_SUFFIXES - {""}) | HTML_SUFFIXES | FEED_SUFFIXES)


def read_zip(
    path: str | Path,
    encoding: str | None = None,
    published: str | None = None,
    limits: ZipLimits = ZipLimits(),
) -> Iterator[Document | InputError]:
    """Yield a Document (or the InputError explaining why not) for each record of each member."""
    p = Path(path)
    try:
        zf = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, OSError) as exc:
        yield BadRecord(where=str(p), problem=f"is not a readable zip archive ({exc})", fix="Check the file; fetch it again if it is truncated.")
        return
    with zf:
        problem = _check(zf, str(p), limits)
        if problem is not None:
            yield problem
            return
        for info in sorted(zf.infolist(), key=lambda i: i.filename):
            name = info.filename
            if info.is_dir() or os.path.basename(name).startswith(".") or name.startswith("__MACOSX/"):
                continue
            where = f"{p}:{name}"
            if name.lower().endswith(tuple(ARCHIVE_SUFFIXES)):
                yield UnsafeArchive(path=where, problem="nested archives are not read", fix="Unpack the inner archive and ingest it directly.")
                continue
            if not _readable(name):
                continue
            try:
                yield from _member(zf, info, where, encoding, published, limits)
            except InputError as exc:
                yield exc
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                yield BadRecord(where=where, problem=f"cannot be unpacked ({exc})", fix="The archive is damaged; fetch it again.")


def read_directory(
    path: str | Path,
    encoding: str | None = None,
    published: str | None = None,
    reader: Callable[..., Iterator[Document | InputError]] | None = None,
) -> Iterator[Document | InputError]:
    """Every readable file under `path` (sorted, recursive; hidden files and unknown suffixes skipped)."""
    if reader is None:
        from rasd.io.readers import read_path as reader
    root = Path(path)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not (_readable(name) or name.lower().endswith(tuple(ARCHIVE_SUFFIXES))):
                continue
            yield from reader(Path(dirpath) / name, encoding=encoding, published=published)
