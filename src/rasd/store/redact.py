"""What messages and pages show of a database URL: never its password."""

from __future__ import annotations

from pathlib import Path

__all__ = ["database_label", "redacted_url"]


def redacted_url(url: str) -> str:
    """The URL without its password (`postgresql://me:secret@host/db` → `postgresql://me@host/db`)."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}@{host}"
    return url


def database_label(url: str) -> str:
    """What a server shows of its database: a SQLite file's name (not where it lives on the
    server), a PostgreSQL URL without its password."""
    if "://" not in url or url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///")).name or url
    return redacted_url(url)
