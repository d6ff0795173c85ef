"""Reading input files into Documents, one record at a time.

`read_path` yields, for each record of a file, either a `Document` or the `InputError` that says
precisely what is wrong with that record (file, line, fix), so one bad record never stops the rest.
The file's suffix picks its reader in the format registry (`rasd.io.formats`):

    .txt           one article: the first line is the title, the rest the body (rasd.io.plain)
    .json          one object, or an array of objects (`text` or `content`, `title`, `id`, ...)
    .jsonl         one object a line
    -              standard input (JSON if it starts with { or [, else text)
    .html .htm     a web page: main text, title, date, author (rasd.io.html, trafilatura)
    .rss .atom .xml  an RSS/Atom feed, one document per entry (rasd.io.feeds, feedparser)
    .zip           an archive of the files above, e.g. JSON arrays (rasd.io.archives)
    a directory    an error for `read_path`; `read_directory` reads every file in one, sorted and
                   recursive (hidden files and unknown suffixes passed over)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from rasd.errors import FileMissing, InputError, IsADirectory, UnknownFormat
from rasd.io.decoding import check_encoding, decode
from rasd.io.formats import format_of, readable, suffixes
from rasd.io.plain import json_records, jsonl_records, text_document
from rasd.model import Document

__all__ = ["read_directory", "read_path", "read_stdin"]


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
            yield from jsonl_records(iter(data.splitlines()), "<stdin>", encoding, published)
        else:
            yield from json_records(content, "<stdin>", published)
        return
    try:
        yield text_document(content, "<stdin>", None, published)
    except InputError as exc:
        yield exc


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
    fmt = format_of(p)
    if fmt is None:
        yield UnknownFormat(path=where, suffix=p.suffix.lower(), known=", ".join(suffixes()))
        return
    yield from fmt.read()(p, encoding=encoding, published=published)


def read_directory(
    path: str | Path,
    encoding: str | None = None,
    published: str | None = None,
    reader: Callable[..., Iterator[Document | InputError]] | None = None,
) -> Iterator[Document | InputError]:
    """Every readable file under `path` (sorted, recursive; hidden files and unknown suffixes skipped)."""
    reader = reader or read_path
    root = Path(path)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not readable(name):
                continue
            yield from reader(Path(dirpath) / name, encoding=encoding, published=published)
