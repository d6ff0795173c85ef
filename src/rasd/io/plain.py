"""Plain article files: text (.txt: the first line is the title), JSON (an object or an array of
them) and JSONL (one object a line), from a file or from an archive member."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rasd.bounds import loads
from rasd.errors import BadRecord, EmptyText, InputError
from rasd.io.decoding import decode
from rasd.io.jsonstream import iter_json_array, records_of
from rasd.io.records import document_from_record, split_title
from rasd.model import Document

__all__ = [
    "json_member",
    "json_records",
    "jsonl_line",
    "jsonl_member",
    "jsonl_records",
    "read_json",
    "read_jsonl",
    "read_text",
    "text_document",
    "text_member",
]

Records = Iterator[Document | InputError]


def _from_file(path: Path, encoding: str | None, parse: Callable[[str], Records]) -> Records:
    """The records `parse` finds in the decoded file, or the error that it cannot be decoded."""
    try:
        content = decode(path.read_bytes(), str(path), encoding)
    except InputError as exc:
        yield exc
        return
    yield from parse(content)


# ------------------------------------------------------------------------------------------- text


def text_document(content: str, where: str, doc_id: str | None, published: str | None) -> Document:
    """The article of a text file: its first line the title, the rest the body (a one-line file:
    the line is the body). `doc_id` (a file name's stem) makes the file the id's origin."""
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


def _text(content: str, where: str, doc_id: str | None, published: str | None) -> Records:
    try:
        yield text_document(content, where, doc_id, published)
    except InputError as exc:
        yield exc


def read_text(path: Path, encoding: str | None = None, published: str | None = None) -> Records:
    return _from_file(path, encoding, lambda content: _text(content, str(path), path.stem, published))


def text_member(chunks: Iterable[str], where: str, name: str, published: str | None, max_record: int) -> Records:
    yield from _text("".join(chunks), where, Path(name).stem, published)


# ------------------------------------------------------------------------------------------- JSON


def json_records(content: str, where: str, published: str | None) -> Records:
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        yield BadRecord(where=f"{where}, line {exc.lineno}", problem=f"invalid JSON ({exc.msg})", fix="Fix the JSON, or use .jsonl for one object a line.")
        return
    except (RecursionError, ValueError):
        # nested too deep, or a number too long: element by element, so only the bad one is lost
        yield from records_of(iter_json_array(iter([content]), where), published)
        return
    records = data if isinstance(data, list) else [data]
    for i, rec in enumerate(records):
        label = f"{where}[{i}]" if isinstance(data, list) else where
        try:
            yield document_from_record(rec, label, published)
        except InputError as exc:
            yield exc


def read_json(path: Path, encoding: str | None = None, published: str | None = None) -> Records:
    return _from_file(path, encoding, lambda content: json_records(content, str(path), published))


def json_member(chunks: Iterator[str], where: str, name: str, published: str | None, max_record: int) -> Records:
    """An archive member's JSON array, parsed as a stream."""
    yield from records_of(iter_json_array(chunks, where, max_record), published)


# ------------------------------------------------------------------------------------------ JSONL


def jsonl_line(line: bytes | str, label: str, encoding: str | None, published: str | None) -> Document | InputError | None:
    """The record of one JSONL line (None for a blank line), or the error that refuses it."""
    try:
        text = decode(line, label, encoding) if isinstance(line, bytes) else line
        if not text.strip():
            return None
        rec = loads(text, label)
    except json.JSONDecodeError as exc:
        return BadRecord(where=label, problem=f"invalid JSON ({exc.msg}, column {exc.colno})", fix="Each line must be one complete JSON object.")
    except InputError as exc:
        return exc
    try:
        return document_from_record(rec, label, published)
    except InputError as exc:
        return exc


def jsonl_records(lines: Iterable[bytes | str], where: str, encoding: str | None, published: str | None, first: int = 1) -> Records:
    """The records of JSONL lines, numbered from `first` in the labels."""
    for n, raw in enumerate(lines, first):
        item = jsonl_line(raw, f"{where}, line {n}", encoding, published)
        if item is not None:
            yield item


def read_jsonl(path: Path, encoding: str | None = None, published: str | None = None) -> Records:
    with path.open("rb") as fh:
        yield from jsonl_records(fh, str(path), encoding, published)


def _lines(chunks: Iterable[str]) -> Iterator[str]:
    rest = ""
    for chunk in chunks:
        rest += chunk
        *lines, rest = rest.split("\n")
        yield from lines
    if rest:
        yield rest


def jsonl_member(chunks: Iterable[str], where: str, name: str, published: str | None, max_record: int) -> Records:
    yield from jsonl_records(_lines(chunks), where, None, published)
