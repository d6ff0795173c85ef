"""The filters every listing of the store takes: an entity, a type, a source and a date range."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, TypedDict

from rasd.store.errors import BadQuery

__all__ = ["DateFilters", "DocumentFilters", "Filters", "SearchFilters", "date_bound"]


class DateFilters(TypedDict, total=False):
    """The keyword filters of the event listings: published (or happened) on or after `since`,
    on or before `until` (YYYY-MM-DD, YYYY-MM or YYYY)."""

    since: str | None
    until: str | None


class DocumentFilters(DateFilters, total=False):
    """The keyword filters of the entity and quotation listings: the dates and the `source`."""

    source: str | None


class SearchFilters(DocumentFilters, total=False):
    """The keyword filters of search and count: also the documents naming an `entity`, or naming
    an entity of a `type` (or reporting an event of that type)."""

    entity: str | None
    type: str | None


def date_bound(value: str | None, name: str, end: bool = False) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as a YYYY-MM-DD bound (the first or, with `end`, the last day)."""
    if value is None or value == "":
        return None
    raw = str(value).strip()
    try:
        parts = [int(p) for p in raw.split("-")]
        if len(parts) == 1:
            day = dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)
        elif len(parts) == 2:
            day = dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1] if end else 1)
        elif len(parts) == 3:
            day = dt.date(parts[0], parts[1], parts[2])
        else:
            raise ValueError("too many parts")
    except ValueError:
        raise BadQuery(problem=f"{name} {raw!r} is not a date", fix="Use YYYY-MM-DD (or YYYY-MM, or YYYY).", date=raw) from None
    return day.isoformat()


@dataclass(frozen=True, slots=True)
class Filters:
    """What a search, a count or a listing is narrowed to (None: not narrowed). `since` and
    `until` take YYYY-MM-DD, YYYY-MM or YYYY; `first_day`/`last_day` are their bounds (BadQuery,
    E608, for a bad date)."""

    entity: str | None = None
    type: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None

    @classmethod
    def of(cls, given: Mapping[str, Any], takes: type = SearchFilters, **more: Any) -> Filters:
        """The Filters of a listing's keyword filters `given` (with `more` set by the listing's own
        parameters); a keyword the listing does not take (`takes`, a TypedDict) is a TypeError, as
        it would be for a parameter."""
        unknown = sorted(set(given) - set(takes.__annotations__))
        if unknown:
            names = ", ".join(f.name for f in fields(cls) if f.name in takes.__annotations__)
            raise TypeError(f"unexpected filter {unknown[0]!r}: this listing takes {names}")
        return cls(**given, **more)

    @property
    def first_day(self) -> str | None:
        return date_bound(self.since, "since")

    @property
    def last_day(self) -> str | None:
        return date_bound(self.until, "until", end=True)

    def document_conditions(self, column: str = "d.published") -> tuple[list[str], list[Any]]:
        """SQL conditions on the documents (alias `d`) for the source and the dates (on `column`),
        with their parameters."""
        where: list[str] = []
        params: list[Any] = []
        for cond, value in (("d.source = ?", self.source), (f"{column} >= ?", self.first_day), (f"{column} <= ?", self.last_day)):
            if value:
                where.append(cond)
                params.append(value)
        return where, params
