"""Turning raw records (dicts from JSON, text files) into Documents, with precise errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

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


def document_from_record(record: Any, where: str, published: str | None = None) -> Document:
    """A Document from a JSON object with `text` (or `content`), `title`, `id`, `published`/`date`..."""
    if not isinstance(record, dict):
        raise BadRecord(where=where, problem=f"expected a JSON object, found {type(record).__name__}", fix="Each record must be an object with a 'text' field.")
    text = record.get("text", record.get("content"))
    if text is None:
        raise BadRecord(where=where, problem="the record has no 'text' (or 'content') field", fix="Add the article body as 'text'.")
    if not isinstance(text, str):
        raise BadRecord(where=where, problem=f"'text' is a {type(text).__name__}, not a string", fix="Give the body as a string.")
    if not text.strip():
        raise EmptyText(where=where)
    title = record.get("title")
    if title is not None and not isinstance(title, str):
        raise BadRecord(where=where, problem="'title' is not a string", fix="Give the title as a string.")
    pub_raw = published or record.get("published") or record.get("date") or record.get("date_extracted")
    try:
        pub = check_published(pub_raw)
    except BadDate as exc:
        raise BadRecord(where=where, problem=f"bad date {pub_raw!r} ({exc.details['problem']})", fix="Use YYYY-MM-DD.") from None
    meta = {k: v for k, v in record.items() if k in ("author", "category") and v is not None}
    rid = record.get("id")
    return Document.from_parts(
        text,
        title,
        id=str(rid) if rid not in (None, "") else None,
        published=pub,
        source=record.get("source"),
        url=record.get("url"),
        meta=meta,
    )
