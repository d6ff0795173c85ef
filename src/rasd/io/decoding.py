"""Bytes to text: the encoding a user names (checked), else UTF-8 with its BOMs, and a clear
error that names the legacy Arabic encoding a file most plausibly is."""

from __future__ import annotations

import codecs
from pathlib import Path

from rasd.errors import BadEncoding, BadRecord, NotUTF8

__all__ = ["check_encoding", "decode", "guess_legacy_encoding", "markup_content"]

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


def markup_content(path: Path, encoding: str | None) -> bytes | str | BadRecord:
    """A markup file's content for its parser: the bytes as they are (HTML and XML parsers read the
    charset the file declares), or text when the user names an `encoding`; the BadRecord saying
    why not when it cannot be read or decoded."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return BadRecord(where=str(path), problem=f"cannot be read ({exc.strerror})", fix="Check the file's permissions.")
    if not encoding:
        return data
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        return BadRecord(where=str(path), problem=f"is not valid {encoding} (byte {exc.start})", fix="Pass the right --encoding, or none to detect it.")
