"""Reading input files into Documents, one record at a time.

`read_path` yields, for each record of a file, either a `Document` or the `InputError` that says
precisely what is wrong with that record (file, line, fix), so one bad record never stops the rest.

    .txt           one article: the first line is the title, the rest the body
    .json          one object, or an array of objects (`text` or `content`, `title`, `id`, ...)
    .jsonl         one object a line
    -              standard input (JSON if it starts with { or [, else text)
    .html .htm     a web page: main text, title, date, author (rasd.io.html, trafilatura)
    .rss .atom .xml  an RSS/Atom feed, one document per entry (rasd.io.feeds, feedparser)
    .zip           an archive of the files above, e.g. JSON arrays (rasd.io.archives)
    (a directory is an error here; `rasd.io.archives.read_directory` reads every file in one)
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from rasd.errors import (
    BadEncoding,
    BadRecord,
    EmptyText,
    FileMissing,
    InputError,
    IsADirectory,
    NotUTF8,
    UnknownFormat,
)
from rasd.io.bounds import loads
from rasd.io.records import document_from_record, split_title
from rasd.model import Document

TEXT_SUFFIXES = {".txt", ".text", ""}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

_ARABIC = range(0x0600, 0x0700)


def check_encoding(encoding: str | None) -> str | None:
    if encoding is None:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise BadEncoding(encoding=encoding) from None


def _arabic_share(s: str) -> float:
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if ord(c) in _ARABIC) / len(letters)


def guess_legacy_encoding(data: bytes) -> str | None:
    """Which legacy Arabic encoding a non-UTF-8 byte string most plausibly is (or None)."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    best, best_share = None, 0.5
    for enc in ("cp1256", "iso8859_6"):
        try:
            share = _arabic_share(data.decode(enc))
        except UnicodeDecodeError:
            continue
        if share > best_share:
            best, best_share = enc, share
    return best


def decode(data: bytes, where: str, encoding: str | None = None) -> str:
    """Decode bytes as `encoding`, else UTF-8 (BOMs honoured); a clear error names a likely encoding."""
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise NotUTF8(path=where, offset=exc.start, guess=f" as {encoding} either", suggest="cp1256") from None
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = guess_legacy_encoding(data)
        hint = f"; it looks like {guess}" if guess else ""
        raise NotUTF8(path=where, offset=exc.start, guess=hint, suggest=guess or "cp1256") from None


def _text_document(content: str, where: str, doc_id: str | None, published: str | None) -> Document:
    title, body = split_title(content)
    if not body.strip():
        if title:  # a one-line file: treat the line as the body
            title, body = None, title
        else:
            raise EmptyText(where=where)
    doc = Document.from_parts(body, title, id=doc_id, published=published)
    if doc_id:
        doc.id_from = where
    return doc


def _json_records(content: str, where: str, published: str | None) -> Iterator[Document | InputError]:
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        yield BadRecord(where=f"{where}, line {exc.lineno}", problem=f"invalid JSON ({exc.msg})", fix="Fix the JSON, or use .jsonl for one object a line.")
        return
    except (RecursionError, ValueError):
        # nested too deep, or a number too long: element by element, so only the bad one is lost
        from rasd.io.archives import iter_json_array, records_of

        yield from records_of(iter_json_array(iter([content]), where), published)
        return
    records = data if isinstance(data, list) else [data]
    for i, rec in enumerate(records):
        label = f"{where}[{i}]" if isinstance(data, list) else where
        try:
            yield document_from_record(rec, label, published)
        except InputError as exc:
            yield exc


def _jsonl_records(lines: Iterator[bytes], where: str, encoding: str | None, published: str | None) -> Iterator[Document | InputError]:
    for n, raw in enumerate(lines, 1):
        label = f"{where}, line {n}"
        try:
            line = decode(raw, label, encoding)
        except InputError as exc:
            yield exc
            continue
        if not line.strip():
            continue
        try:
            rec = loads(line, label)
        except json.JSONDecodeError as exc:
            yield BadRecord(where=label, problem=f"invalid JSON ({exc.msg}, column {exc.colno})", fix="Each line must be one complete JSON object.")
            continue
        except InputError as exc:
            yield exc
            continue
        try:
            yield document_from_record(rec, label, published)
        except InputError as exc:
            yield exc


def read_stdin(encoding: str | None = None, published: str | None = None) -> Iterator[Document | InputError]:
    data = sys.stdin.buffer.read()
    try:
        content = decode(data, "<stdin>", encoding)
    except InputError as exc:
        yield exc
        return
    head = content.lstrip()[:1]
    if head in ("{", "["):
        if head == "{" and "\n{" in content.strip():
            yield from _jsonl_records(iter(data.splitlines()), "<stdin>", encoding, published)
        else:
            yield from _json_records(content, "<stdin>", published)
        return
    try:
        yield _text_document(content, "<stdin>", None, published)
    except InputError as exc:
        yield exc


def _route(suffix: str):
    """The reader of the other input kinds (HTML pages, RSS/Atom feeds, zip archives), or None."""
    from rasd.io.archives import ARCHIVE_SUFFIXES, read_zip
    from rasd.io.feeds import FEED_SUFFIXES, read_feed
    from rasd.io.html import HTML_SUFFIXES, read_html

    if suffix in HTML_SUFFIXES:
        return read_html
    if suffix in FEED_SUFFIXES:
        return read_feed
    if suffix in ARCHIVE_SUFFIXES:
        return read_zip
    return None


def read_path(path: str | Path, encoding: str | None = None, published: str | None = None) -> Iterator[Document | InputError]:
    """Yield a Document (or the InputError explaining why not) for each record in `path`."""
    encoding = check_encoding(encoding)
    if str(path) == "-":
        yield from read_stdin(encoding, published)
        return
    p = Path(path)
    where = str(p)
    if p.is_dir():
        yield IsADirectory(path=where)
        return
    if not p.exists():
        yield FileMissing(path=where)
        return
    suffix = p.suffix.lower()
    routed = _route(suffix)
    if routed is not None:
        yield from routed(p, encoding=encoding, published=published)
        return
    if suffix in JSONL_SUFFIXES:
        with p.open("rb") as fh:
            yield from _jsonl_records(iter(fh), where, encoding, published)
        return
    if suffix not in TEXT_SUFFIXES | JSON_SUFFIXES:
        yield UnknownFormat(path=where, suffix=suffix)
        return
    try:
        content = decode(p.read_bytes(), where, encoding)
    except InputError as exc:
        yield exc
        return
    if suffix in JSON_SUFFIXES:
        yield from _json_records(content, where, published)
        return
    try:
        yield _text_document(content, where, p.stem, published)
    except InputError as exc:
        yield exc
