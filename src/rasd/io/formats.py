"""The input formats rasd reads: one registry, from a file's suffix to its reader.

Every way in looks a file up here: `read_path` (a file named on the command line), zip archives
(their members), directories (which files to read) and `rasd batch`'s planning (how many records
a file holds, and whether it can be split at any line). A format is

- `name` and `suffixes` (lower case, with the dot);
- `records`: "one" (a file is one article), "many" (any number), or "lines" (one a line: a
  file can be cut at any line);
- `reader`: "module:function" reading a file, `(path, encoding, published)` → Documents or
  InputErrors, one a record;
- `member`: "module:function" reading an archive member from its decoded text chunks,
  `(chunks, where, name, published, max_record)` → the same; None when the format is not read
  inside archives (an archive itself).

A new format is one new module with its reader and one `Format` line in `FORMATS`. The readers
are imported when first used, so no module of `rasd.io` imports another's reader at import time.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

__all__ = ["FORMATS", "Format", "format_of", "readable", "suffixes"]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    records: Literal["one", "many", "lines"]
    reader: str
    member: str | None = None

    def read(self) -> Callable[..., Iterator[Any]]:
        return _load(self.reader)

    def read_member(self) -> Callable[..., Iterator[Any]] | None:
        return _load(self.member) if self.member else None


FORMATS: tuple[Format, ...] = (
    # "": a file without a suffix is read as text when named, passed over in a folder or an archive
    Format("text", (".txt", ".text", ""), "one", "rasd.io.plain:read_text", "rasd.io.plain:text_member"),
    Format("json", (".json",), "many", "rasd.io.plain:read_json", "rasd.io.plain:json_member"),
    Format("jsonl", (".jsonl", ".ndjson"), "lines", "rasd.io.plain:read_jsonl", "rasd.io.plain:jsonl_member"),
    Format("html", (".html", ".htm", ".xhtml"), "one", "rasd.io.html:read_html", "rasd.io.html:html_member"),
    Format("feed", (".rss", ".atom", ".xml"), "many", "rasd.io.feeds:read_feed", "rasd.io.feeds:feed_member"),
    Format("zip", (".zip",), "many", "rasd.io.archives:read_zip"),
)

_BY_SUFFIX: dict[str, Format] = {s: f for f in FORMATS for s in f.suffixes}


@cache
def _load(ref: str) -> Callable[..., Iterator[Any]]:
    module, name = ref.split(":")
    return getattr(importlib.import_module(module), name)


def _suffix(name: str) -> str:
    return os.path.splitext(str(name))[1].lower()


def format_of(name: str | os.PathLike[str]) -> Format | None:
    """The format of a file named `name` (by its suffix, any case), or None."""
    return _BY_SUFFIX.get(_suffix(str(name)))


def readable(name: str | os.PathLike[str]) -> bool:
    """Whether a file in a folder or an archive is read: its suffix is a format's (not none)."""
    suffix = _suffix(str(name))
    return bool(suffix) and suffix in _BY_SUFFIX


def suffixes() -> list[str]:
    """Every suffix read, for messages."""
    return [s for f in FORMATS for s in f.suffixes if s]
