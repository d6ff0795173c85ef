"""The store's errors: codes E600–E619 (each says what went wrong and how to fix it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rasd.errors import RasdError

if TYPE_CHECKING:
    from rasd.store.results import EntitySummary

__all__ = [
    "AmbiguousEntity",
    "BadDatabaseURL",
    "BadQuery",
    "BadReference",
    "DatabaseMissing",
    "DatabaseUnavailable",
    "DocumentNotFound",
    "MigrationFailed",
    "MissingExtra",
    "SchemaTooNew",
    "StoreError",
    "StoryNotFound",
    "UnknownEntity",
    "UnknownValue",
]


class StoreError(RasdError):
    code = "E600"
    template = "{message}"


class BadDatabaseURL(StoreError):
    code = "E601"
    template = "{url!r} is not a database rasd can open ({problem}). Give a SQLite file path such as rasd.db, or a postgresql://user@host:port/dbname URL."
    exit_code = 2


class MissingExtra(StoreError):
    code = "E602"
    template = "{feature} needs the Python package {package!r}, which is not installed. Install it with: pip install 'rasd[{extra}]'"
    exit_code = 2


class DatabaseUnavailable(StoreError):
    code = "E603"
    template = "cannot open the database {url}: {problem}. {fix}"


class SchemaTooNew(StoreError):
    code = "E604"
    template = "{url}: the database has schema version {found}, newer than this rasd knows ({known}). Upgrade rasd to use it."


class MigrationFailed(StoreError):
    code = "E605"
    template = "{url}: migration {name} failed ({problem}); the database stays at schema version {version}. Fix the cause and run the command again."


class BadReference(StoreError):
    code = "E606"
    template = "document {doc!r}: {what} belongs to entity {ref!r}, which is not among the document's entities. Re-run the analysis: every mentioned entity must be listed in `entities`."


class UnknownEntity(StoreError):
    code = "E607"
    template = "no entity called {name!r}{kind} in the database. List names with `rasd entities`, or try another alias."


class AmbiguousEntity(StoreError):
    code = "E611"
    template = "{name!r} could be any of several entities: {listing}. Give the full name or the id of the one you mean."
    candidates: list[EntitySummary]  # most documents first

    @classmethod
    def of(cls, name: str, candidates: Sequence[EntitySummary]) -> AmbiguousEntity:
        listing = "; ".join(f"{e.name} ({e.type}) [{e.id}], {e.documents} documents" for e in candidates)
        err = cls(name=name, listing=listing)
        err.candidates = list(candidates)
        return err


class UnknownValue(StoreError):
    """An option that takes one of a list of values (an event or entity type) was given another."""

    code = "E612"
    template = "unknown {what} {value!r}. Use one of: {listing}."
    exit_code = 2
    valid: list[str]

    @classmethod
    def of(cls, what: str, value: str, valid: Sequence[str]) -> UnknownValue:
        err = cls(what=what, value=value, listing=", ".join(valid))
        err.valid = list(valid)
        return err


class BadQuery(StoreError):
    code = "E608"
    template = "{problem}. {fix}"
    exit_code = 2


class DocumentNotFound(StoreError):
    code = "E609"
    template = "no document with id {id!r} in the database. Find ids with `rasd search`."


class DatabaseMissing(StoreError):
    code = "E610"
    template = "{url}: {problem}. Check the path or URL (--db, $RASD_DB); `rasd ingest --db {url} FILES` creates a knowledge base."
    exit_code = 2


class StoryNotFound(StoreError):
    code = "E617"
    template = "no top story with id {id!r} in the database. List the stories with `rasd stories`."
