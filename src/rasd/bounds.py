"""Bounds on values read from untrusted input, checked before anything is hashed or analysed:
shared by the readers (rasd.io), the ingest flow, the store's row builder and the API.

A JSON record may not nest deeper than `MAX_DEPTH` levels (Python's parser gives up with a
RecursionError near 1,000, and every later step walks the value again), and its strings may not
hold lone surrogates (`"\\ud800"` is valid JSON but no UTF-8 text: hashing, storing and printing
it fail). A document's own fields are checked by `field_problem`: the right type, no lone
surrogate, no NUL character (PostgreSQL refuses NUL in text; SQLite would store it, so both
refuse it).
"""

from __future__ import annotations

import json
import re
from typing import Any

from rasd.errors import BadRecord

__all__ = ["MAX_DEPTH", "check_document", "check_value", "field_problem", "loads", "string_problem", "unreadable"]

MAX_DEPTH = 64
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_FIX = "Fix the producer of the file: a \\ud800-\\udfff escape must come in a high-low pair (an astral character)."
_DEPTH_FIX = f"Flatten the record: rasd reads JSON nested at most {MAX_DEPTH} levels deep."


def string_problem(s: str, nul: bool = True) -> str | None:
    """What makes `s` unfit to store (a lone surrogate; a NUL character when `nul`), or None."""
    m = _SURROGATE.search(s)
    if m is not None:
        return f"holds a lone surrogate escape (\\u{ord(m.group()):04x} at character {m.start()})"
    if nul and "\x00" in s:
        return f"holds a NUL character (at character {s.index(chr(0))})"
    return None


def field_problem(value: Any, *, nullable: bool = True) -> str | None:
    """What is wrong with one text field of a document (type, surrogates, NUL), or None."""
    if value is None:
        return None if nullable else "is missing"
    if not isinstance(value, str):
        return f"is a {type(value).__name__}, not a string"
    return string_problem(value)


def check_value(value: Any, where: str) -> None:
    """Raise BadRecord (E005) when a parsed JSON value nests deeper than MAX_DEPTH or holds a
    string (key or value) with a lone surrogate. Walks the value without recursion."""
    stack: list[tuple[Any, int, str]] = [(value, 1, "")]
    while stack:
        v, depth, path = stack.pop()
        if isinstance(v, dict):
            if depth > MAX_DEPTH:
                raise BadRecord(where=where, problem=f"JSON nested deeper than {MAX_DEPTH} levels (at {path or 'the top'})", fix=_DEPTH_FIX)
            for k, item in v.items():
                problem = string_problem(k, nul=False)
                if problem:
                    raise BadRecord(where=where, problem=f"a key {problem}", fix=_SURROGATE_FIX)
                stack.append((item, depth + 1, f"{path}.{k}" if path else k))
        elif isinstance(v, list):
            if depth > MAX_DEPTH:
                raise BadRecord(where=where, problem=f"JSON nested deeper than {MAX_DEPTH} levels (at {path or 'the top'})", fix=_DEPTH_FIX)
            stack.extend((item, depth + 1, f"{path}[{i}]") for i, item in enumerate(v))
        elif isinstance(v, str):
            problem = string_problem(v, nul=False)
            if problem:
                raise BadRecord(where=where, problem=f"'{path or 'the value'}' {problem}", fix=_SURROGATE_FIX)



def unreadable(exc: RecursionError | ValueError, where: str) -> BadRecord:
    """The error for JSON that is valid but past what the parser reads: nesting deeper than it
    goes (RecursionError), an integer longer than Python converts (ValueError)."""
    if isinstance(exc, RecursionError):
        return BadRecord(where=where, problem=f"JSON nested deeper than {MAX_DEPTH} levels", fix=_DEPTH_FIX)
    return BadRecord(where=where, problem=f"a JSON value rasd cannot read ({exc})", fix="Give numbers of ordinary size, or quote them.")


def loads(text: str, where: str) -> Any:
    """`json.loads` of one record, bounded: json.JSONDecodeError for bad syntax (the caller
    words it, with its line or column); BadRecord (E005) for what parses only past its bounds
    (`unreadable`) and for what `check_value` refuses."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        raise
    except (RecursionError, ValueError) as exc:
        raise unreadable(exc, where) from None
    check_value(value, where)
    return value


def check_document(doc: Any, where: str) -> None:
    """Raise BadRecord (E005) unless `doc`'s own fields can be hashed and stored alike on both
    back ends: id and text non-empty strings; title, published, source and url strings or None;
    no lone surrogate or NUL in any of them; meta a JSON object within `check_value`'s bounds."""
    fields = (("id", doc.id, False), ("text", doc.text, False), ("title", doc.title, True), ("published", doc.published, True),
              ("source", doc.source, True), ("url", doc.url, True))
    for name, value, nullable in fields:
        problem = field_problem(value, nullable=nullable) or (None if value is None or value.strip() else "is empty")
        if problem:
            raise BadRecord(where=where, problem=f"'{name}' {problem}", fix=f"Give '{name}' as {'a string or None' if nullable else 'a non-empty string'}, "
                            "without NUL characters or lone surrogates.")
    if not isinstance(doc.meta, dict):
        raise BadRecord(where=where, problem=f"'meta' is a {type(doc.meta).__name__}, not a dict", fix="Give meta as a dict of JSON values.")
    stack: list[tuple[Any, int]] = [(doc.meta, 1)]
    while stack:  # the types JSON has (check_value then bounds the depth and the strings)
        v, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise BadRecord(where=where, problem=f"'meta' nests deeper than {MAX_DEPTH} levels", fix=_DEPTH_FIX)
        if isinstance(v, dict):
            if not all(isinstance(k, str) for k in v):
                raise BadRecord(where=where, problem="'meta' has a key that is not a string", fix="Give meta as a dict of JSON values.")
            stack.extend((x, depth + 1) for x in v.values())
        elif isinstance(v, list):
            stack.extend((x, depth + 1) for x in v)
        elif not (v is None or isinstance(v, str | int | float)):
            raise BadRecord(where=where, problem=f"'meta' holds a {type(v).__name__}, not a JSON value", fix="Give meta as a dict of JSON values.")
    check_value(doc.meta, where)
