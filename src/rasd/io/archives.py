"""Zip archives of articles, read one record at a time.

A zip member is read by its format's member reader (rasd.io.formats, by its suffix): `.json` (an
array of objects, parsed as a stream, so a 100 MB member never sits in memory whole; the SaudiNewsNet zips hold one such array with
`source, url, date_extracted, title, author, content`), `.jsonl`, `.txt`, `.html`, or a feed.
Archives are checked before anything is decompressed, and while reading, against zip bombs:
a member may not declare more than `max_member` bytes, the archive not more than `max_total`
nor hold more than `max_members` members, a large member (and the whole archive, once its
members add up past `ratio_floor`) not compress better than `max_ratio` to 1, and no member may
yield more bytes than it declares. Nested archives are refused.
"""

from __future__ import annotations

import codecs
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from rasd.errors import BadRecord, InputError
from rasd.io.formats import format_of, readable
from rasd.model import Document

__all__ = ["UnsafeArchive", "ZipLimits", "read_zip"]

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


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, encoding: str | None, published: str | None, limits: ZipLimits) -> Iterator[Document | InputError]:
    fmt = format_of(info.filename)
    read = fmt.read_member() if fmt is not None else None
    if read is None:
        return
    with zf.open(info) as fh:
        yield from read(_chunks(fh, info.file_size, where, encoding), where, info.filename, published, limits.max_record)


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
            fmt = format_of(name)
            if fmt is not None and fmt.member is None:
                yield UnsafeArchive(path=where, problem="nested archives are not read", fix="Unpack the inner archive and ingest it directly.")
                continue
            if not readable(name):
                continue
            try:
                yield from _member(zf, info, where, encoding, published, limits)
            except InputError as exc:
                yield exc
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                yield BadRecord(where=where, problem=f"cannot be unpacked ({exc})", fix="The archive is damaged; fetch it again.")
