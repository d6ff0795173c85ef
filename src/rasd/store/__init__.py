"""The knowledge base: analysed documents stored and searchable, on SQLite or PostgreSQL.

    >>> from rasd.store import open_store
    >>> with open_store("rasd.db") as store:          # or "postgresql://user@host/db"
    ...     store.put_document(rasd.analyze(text, title=title, published="2015-07-21"))
    ...     hits = store.search("التحالف الدولي", since="2015-07")

`ingest(paths, store)` (rasd.store.ingest) reads, analyses and stores whole corpora.
"""

from __future__ import annotations

import os
from pathlib import Path

from rasd.store.base import BadDatabaseURL, Store

__all__ = ["DEFAULT_DB", "Store", "is_postgres_url", "open_store"]

DEFAULT_DB = "rasd.db"
_PG_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(url: str) -> bool:
    return str(url).startswith(_PG_SCHEMES)


def open_store(url_or_path: str | os.PathLike[str] = DEFAULT_DB, *, create: bool = True) -> Store:
    """Open (creating and migrating when needed) the store at a SQLite path or `sqlite:///path`,
    or a `postgresql://` URL (needs the `postgres` extra). With `create=False` (the commands that
    only read) a missing SQLite file, or a database without rasd's tables, is refused
    (DatabaseMissing, E610) and nothing is created."""
    url = str(url_or_path).strip()
    if not url:
        raise BadDatabaseURL(url=url, problem="it is empty")
    if is_postgres_url(url):
        from rasd.store.postgres import PostgresStore

        return PostgresStore(url, create=create)
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///") :]
    elif "://" in url:
        raise BadDatabaseURL(url=url, problem=f"unknown scheme {url.split('://', 1)[0]!r}")
    from rasd.store.sqlite import SQLiteStore

    return SQLiteStore(Path(url), create=create)
