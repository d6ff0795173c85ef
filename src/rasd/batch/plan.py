"""Splitting the inputs of a batch run into partitions, deterministically.

The inputs (files, and directories walked exactly as `rasd.io.readers.read_directory` walks them)
become an ordered list of files. Each file's records are counted (`count_file`, run on the Dask
workers): a record is one item `rasd.io.readers.read_path` yields, a `Document` or the
`InputError` explaining why not, so bad records have a place in the plan too. The records are
then cut, in file order, into partitions of at most `partition_size` records; a partition is one
or more segments (file, first record, record after the last), so a folder of many small files
gives full partitions and a large file several. The same inputs and partition size always give
the same partitions, which is what lets a rerun skip the finished ones.

Reading a segment streams its records. A JSONL segment starts with a seek to the byte offset
noted while counting; other files are read from their start and the records before the segment
are parsed and skipped (cheap next to the analysis; keep single JSON/zip files to a few hundred
thousand records, as SaudiNewsNet-style daily archives are).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rasd.batch.errors import InputChanged, NoInputs
from rasd.errors import FileMissing, InputError
from rasd.model import Document

__all__ = ["InputFile", "Partition", "Segment", "count_file", "expand_inputs", "make_partitions", "read_segment"]


def _records(path: str) -> str | None:
    """How the file's format holds records (rasd.io.formats): "one" (read_path yields one
    Document or one error for it), "many", "lines" (one a line); None for an unknown suffix."""
    from rasd.io.formats import format_of

    fmt = format_of(path)
    return fmt.records if fmt is not None else None


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input file as counted: its size and modification time (to notice a change), its number
    of records, and for JSONL files the (byte offset, line number) of records 0, step, 2·step, …"""

    path: str
    size: int
    mtime_ns: int
    records: int
    step: int = 0
    marks: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["marks"] = [list(m) for m in self.marks]
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> InputFile:
        return cls(d["path"], d["size"], d["mtime_ns"], d["records"], d.get("step", 0), tuple(tuple(m) for m in d.get("marks", [])))

    def check_unchanged(self, out: str) -> None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            raise InputChanged(path=self.path, problem="the file was removed", out=out) from None
        if st.st_size != self.size or st.st_mtime_ns != self.mtime_ns:
            raise InputChanged(path=self.path, problem="the file was modified", out=out)


@dataclass(frozen=True, slots=True)
class Segment:
    """Records [start, stop) of one input file; `offset`/`line` locate record `start` in a JSONL file."""

    path: str
    start: int
    stop: int
    offset: int | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Partition:
    index: int
    segments: tuple[Segment, ...]

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"

    @property
    def records(self) -> int:
        return sum(s.stop - s.start for s in self.segments)

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "name": self.name, "records": self.records, "segments": [asdict(s) for s in self.segments]}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Partition:
        return cls(d["index"], tuple(Segment(**s) for s in d["segments"]))


# ------------------------------------------------------------------------------------ the inputs


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The input files in reading order (absolute paths, each once): a directory contributes the
    files `read_directory` would read, in its order."""
    from rasd.io.readers import read_directory

    files: list[str] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        s = str(p.resolve())
        if s not in seen:
            seen.add(s)
            files.append(s)

    def record(p: Path, **_options: Any) -> Iterator[Document | InputError]:
        add(p)
        return iter(())

    given = [str(i) for i in inputs]
    if not given:
        raise NoInputs(problem="no inputs were given")
    for raw in given:
        if raw == "-":
            raise NoInputs(problem="standard input ('-') cannot be split into partitions; save it to a file first")
        p = Path(raw)
        if p.is_dir():
            for _ in read_directory(p, reader=record):
                pass
        elif p.exists():
            add(p)
        else:
            raise FileMissing(path=raw)
    if not files:
        raise NoInputs(problem=f"no readable files in {', '.join(given)}")
    return files


def _is_jsonl(path: str) -> bool:
    return _records(path) == "lines"


def _jsonl_item(raw: bytes, label: str, encoding: str | None) -> str | InputError | None:
    """A JSONL line decoded (None when blank, the error when it cannot be decoded)."""
    from rasd.io.decoding import decode

    try:
        line = decode(raw, label, encoding)
    except InputError as exc:
        return exc
    return line if line.strip() else None


def count_file(path: str, step: int, encoding: str | None = None) -> InputFile:
    """Count the records of one input file (the items `read_path` yields for it). For a JSONL
    file, note where records 0, step, 2·step, … start, so a segment can seek to its first record."""
    from rasd.io.readers import read_path

    st = os.stat(path)
    if _records(path) == "one":
        return InputFile(path, st.st_size, st.st_mtime_ns, 1)
    if _is_jsonl(path):
        marks: list[tuple[int, int]] = []
        n = offset = 0
        with open(path, "rb") as fh:
            for line_no, raw in enumerate(fh, 1):
                if _jsonl_item(raw, path, encoding) is not None:
                    if n % step == 0:
                        marks.append((offset, line_no))
                    n += 1
                offset += len(raw)
        return InputFile(path, st.st_size, st.st_mtime_ns, n, step, tuple(marks))
    n = sum(1 for _ in read_path(path, encoding=encoding))
    return InputFile(path, st.st_size, st.st_mtime_ns, n)


def make_partitions(files: Sequence[InputFile], partition_size: int, limit: int | None = None) -> list[Partition]:
    """Cut the files' records, in order, into partitions of at most `partition_size` records
    (the first `limit` records only, when given)."""
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    parts: list[Partition] = []
    current: list[Segment] = []
    room = partition_size
    left = limit if limit is not None else float("inf")
    for f in files:
        pos = 0
        while pos < f.records and left > 0:
            take = int(min(room, f.records - pos, left))
            offset = line = None
            if f.marks and f.step and pos % f.step == 0:
                offset, line = f.marks[pos // f.step]
            current.append(Segment(f.path, pos, pos + take, offset, line))
            pos += take
            room -= take
            left -= take
            if room == 0:
                parts.append(Partition(len(parts), tuple(current)))
                current, room = [], partition_size
        if left <= 0:
            break
    if current:
        parts.append(Partition(len(parts), tuple(current)))
    return parts


# ------------------------------------------------------------------------------------ reading


def _jsonl_records(seg: Segment, encoding: str | None, published: str | None) -> Iterator[Document | InputError]:
    """The records of a JSONL segment, from its byte offset (what `read_path` yields for them)."""
    from rasd.io.plain import jsonl_line

    where = str(Path(seg.path))
    want = seg.stop - seg.start
    if want <= 0:
        return
    offset, first_line, skip = seg.offset, seg.line, 0
    if offset is None or first_line is None:
        # The segment starts between two counted marks (earlier files filled part of its
        # partition, so the boundary falls inside this file): read from the file's start and skip
        # the records before the segment.
        offset, first_line, skip = 0, 1, seg.start
    got = 0
    with open(seg.path, "rb") as fh:
        fh.seek(offset)
        for line_no, raw in enumerate(fh, first_line):
            label = f"{where}, line {line_no}"
            item = _jsonl_item(raw, label, encoding)
            if item is None:
                continue
            if skip:
                skip -= 1
                continue
            record = item if isinstance(item, InputError) else jsonl_line(item, label, encoding, published)
            if record is not None:
                yield record
            got += 1
            if got == want:
                return


def read_segment(
    seg: Segment, encoding: str | None = None, published: str | None = None, out: str = "the output folder"
) -> Iterator[tuple[int, Document | InputError]]:
    """(record number in the file, Document or InputError) for each record of the segment, streamed."""
    from rasd.io.readers import read_path

    if _is_jsonl(seg.path):
        items: Iterator[Document | InputError] = _jsonl_records(seg, encoding, published)
    else:
        items = itertools.islice(read_path(seg.path, encoding=encoding, published=published), seg.start, seg.stop)
    n = seg.start
    for item in items:
        yield n, item
        n += 1
    if n != seg.stop:
        raise InputChanged(path=seg.path, problem=f"it now has {n} records where {seg.stop} were counted", out=out)
