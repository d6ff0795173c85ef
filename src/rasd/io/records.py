"""Turning raw records (dicts from JSON, text files) into Documents, with precise errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rasd.bounds import check_value, field_problem
from rasd.errors import BadDate, BadRecord, EmptyText
from rasd.model import Document


def check_published(value: str | None) -> str | None:
    """Validate a publication date and return it as YYYY-MM-DD (a time part is dropped)."""
    if value is None or value == "":
        return None
    raw = str(value).strip()
    head = raw[:10]
    try:
        day = dt.date.fromisoformat(head)
    except ValueError as exc:
        raise BadDate(value=raw, problem=str(exc)) from None
    if len(raw) > 10 and raw[10] not in "T ":
        raise BadDate(value=raw, problem="unexpected text after the date")
    return day.isoformat()


def split_title(content: str) -> tuple[str | None, str]:
    """A .txt article: the first non-empty line is the title, the rest the body."""
    content = content.lstrip("\ufeff")
    lines = content.split("\n", 1)
    if len(lines) == 1:
        return None, lines[0]
    title, body = lines
    return (title.strip() or None), body


def _field(record: dict[str, Any], name: str, where: str, fix: str) -> Any:
    value = record.get(name)
    problem = field_problem(value)
    if problem:
        raise BadRecord(where=where, problem=f"'{name}' {problem}", fix=fix)
    return value


def document_from_record(record: Any, where: str, published: str | None = None) -> Document:
    """A Document from a JSON object with `text` (or `content`), `title`, `id`, `published`/`date`...

    The record is checked first (`rasd.bounds`: nesting depth, lone surrogates) and each field
    it keeps must be a string without NUL characters (an `id` may be an integer)."""
    check_value(record, where)
    if not isinstance(record, dict):
        raise BadRecord(where=where, problem=f"expected a JSON object, found {type(record).__name__}", fix="Each record must be an object with a 'text' field.")
    key = "text" if record.get("text") is not None else "content"
    if record.get(key) is None:
        raise BadRecord(where=where, problem="the record has no 'text' (or 'content') field", fix="Add the article body as 'text'.")
    text = _field(record, key, where, "Give the body as a string.")
    if not text.strip():
        raise EmptyText(where=where)
    title = _field(record, "title", where, "Give the title as a string.")
    pub_raw = published or record.get("published") or record.get("date") or record.get("date_extracted")
    if pub_raw is not None and not isinstance(pub_raw, str):
        raise BadRecord(where=where, problem=f"the date is a {type(pub_raw).__name__}, not a string", fix="Use YYYY-MM-DD.")
    try:
        pub = check_published(pub_raw)
    except BadDate as exc:
        raise BadRecord(where=where, problem=f"bad date {pub_raw!r} ({exc.details['problem']})", fix="Use YYYY-MM-DD.") from None
    meta = {k: _field(record, k, where, f"Give '{k}' as a string.") for k in ("author", "category") if record.get(k) is not None}
    rid = record.get("id")
    if isinstance(rid, int) and not isinstance(rid, bool):
        rid = str(rid)
    elif rid is not None:
        rid = _field(record, "id", where, "Give the id as a string (or an integer).")
    return Document.from_parts(
        text,
        title,
        id=rid or None,
        published=pub,
        source=_field(record, "source", where, "Give the source as a string."),
        url=_field(record, "url", where, "Give the url as a string."),
        meta=meta,
    )
