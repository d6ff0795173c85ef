"""The knowledge base: analysed documents stored and searchable, on SQLite or PostgreSQL.

    >>> from rasd.store import open_store
    >>> with open_store("rasd.db") as store:          # or "postgresql://user@host/db"
    ...     store.put_document(rasd.analyze(text, title=title, published="2015-07-21"))
    ...     hits = store.search("التحالف الدولي", since="2015-07")

The interface is `Store` (rasd.store.base, every back-end hook abstract), its errors
(rasd.store.errors), its results (rasd.store.results) and the `Filters` of its listings
(rasd.store.filters); `rasd.store.prepare` is the row builder every writer uses. Reading files and
analysing them is not the store's business: `rasd.ingest` does it and writes through this interface.
"""

from __future__ import annotations

import os
from pathlib import Path

from rasd.store.base import SCHEMA_VERSION, Store
from rasd.store.errors import BadDatabaseURL, StoreError
from rasd.store.filters import Filters
from rasd.store.redact import database_label, redacted_url
from rasd.store.results import PutResult

__all__ = [
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "Filters",
    "PutResult",
    "Store",
    "StoreError",
    "database_label",
    "is_postgres_url",
    "open_store",
    "redacted_url",
]

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
