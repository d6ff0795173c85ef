"""RSS and Atom feed files (feedparser): one Document per entry.

An entry's text is its full content when the feed carries it, else its summary, with the HTML
turned into plain text. Its id comes from the entry's guid (or link), so a feed fetched again
with an edited entry replaces that entry's earlier analysis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rasd.errors import BadRecord, EmptyText, InputError
from rasd.io.decoding import markup_content
from rasd.io.html import html_to_text
from rasd.model import Document, content_id

__all__ = ["documents_from_feed", "feed_member", "read_feed"]


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    return None


def _body(entry: Any) -> str:
    contents = entry.get("content") or []
    for c in contents:
        if c.get("value"):
            return html_to_text(c["value"])
    return html_to_text(entry.get("summary") or entry.get("description") or "")


def documents_from_feed(data: bytes | str, where: str, published: str | None = None) -> Iterator[Document | InputError]:
    """Yield a Document (or the InputError explaining why not) for each entry of a feed."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = "has no entries"
        if feed.get("bozo") and feed.get("bozo_exception") is not None:
            problem = f"is not a readable RSS/Atom feed ({feed.bozo_exception})"
        elif not feed.get("version"):
            problem = "is not an RSS or Atom feed"
        yield BadRecord(where=where, problem=problem, fix="Give an RSS 2.0 or Atom file (.rss, .atom, .xml).")
        return
    source = (feed.feed.get("title") or "").strip() or None
    for i, entry in enumerate(feed.entries, 1):
        label = f"{where}, entry {i}"
        body = _body(entry)
        title = html_to_text(entry.get("title") or "") or None
        if not body.strip():
            if not title:
                yield EmptyText(where=label)
                continue
            body, title = title, None
        key = entry.get("id") or entry.get("link")
        meta = {"author": entry["author"]} if entry.get("author") else {}
        yield Document.from_parts(
            body,
            title,
            id=content_id(key) if key else None,
            published=published or _date(entry),
            source=source,
            url=entry.get("link"),
            meta=meta,
        )


def read_feed(path: str | Path, encoding: str | None = None, published: str | None = None) -> Iterator[Document | InputError]:
    p = Path(path)
    content = markup_content(p, encoding)  # feedparser honours the XML declaration's encoding
    if isinstance(content, BadRecord):
        yield content
        return
    yield from documents_from_feed(content, str(p), published)


def feed_member(chunks: Iterable[str], where: str, name: str, published: str | None, max_record: int) -> Iterator[Document | InputError]:
    """The entries of a feed inside an archive."""
    yield from documents_from_feed("".join(chunks), where, published)
